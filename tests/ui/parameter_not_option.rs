use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");

// Dash passes `None` before the first click: the parameter must be `Option<u64>`.
#[callback(output = OUT.children, input = LOGIN.n_clicks)]
fn show(clicks: u64) -> Update<Children> {
    Update::set(format!("{clicks} clicks"))
}

fn main() {}
