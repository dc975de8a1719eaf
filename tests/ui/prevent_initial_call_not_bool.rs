use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");

#[callback(output = OUT.children, input = LOGIN.n_clicks, prevent_initial_call = "yes")]
fn show(clicks: Option<u64>) -> Update<Children> {
    Update::set(format!("{clicks:?}"))
}

fn main() {}
