use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");

#[callback(output = OUT.children, input = LOGIN.n_clicks)]
fn show(clicks: Option<u64>, name: Option<String>) -> Update<Children> {
    Update::set(format!("{clicks:?} {name:?}"))
}

fn main() {}
