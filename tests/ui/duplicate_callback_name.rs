use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");
const OTHER: Id<html::P> = Id::new("other");

#[callback(output = OUT.children, input = LOGIN.n_clicks)]
fn show(clicks: Option<u64>) -> Update<Children> {
    Update::set(format!("{clicks:?}"))
}

#[callback(output = OTHER.children, input = LOGIN.n_clicks)]
fn show(clicks: Option<u64>) -> Update<Children> {
    Update::set(format!("{clicks:?}"))
}

fn main() {}
