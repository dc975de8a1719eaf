use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");

#[callback(output = OUT.children, input = LOGIN.n_clicks)]
fn show<T: std::fmt::Debug>(clicks: Option<T>) -> Update<Children> {
    Update::set(format!("{clicks:?}"))
}

fn main() {}
