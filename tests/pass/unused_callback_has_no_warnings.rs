//! A callback registered only through inventory (never named) compiles
//! without warnings: the hidden items the macro adds are not "unused".
#![deny(warnings)]

use ferrodash::prelude::*;

const GO: Id<html::Button> = Id::new("go");
const OUT: Id<html::Div> = Id::new("out");

#[callback(output = OUT.children, input = GO.n_clicks)]
fn show(clicks: Option<u64>) -> Update<Children> {
    Update::set(clicks.unwrap_or(0))
}

#[callback(output = OUT.title, input = GO.n_clicks)]
pub fn public_callback(clicks: Option<u64>) -> Update<String> {
    Update::set(format!("{clicks:?}"))
}

fn main() {}
