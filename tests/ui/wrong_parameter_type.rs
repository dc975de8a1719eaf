use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");

// `n_clicks` is a `u64`.
#[callback(output = OUT.children, input = LOGIN.n_clicks)]
fn show(clicks: Option<String>) -> Update<Children> {
    Update::set(clicks.unwrap_or_default())
}

fn main() {}
