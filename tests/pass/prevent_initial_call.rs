//! `prevent_initial_call = true` (and an explicit `false`).
use ferrodash::prelude::*;

const GO: Id<html::Button> = Id::new("go");
const OUT: Id<html::Div> = Id::new("out");
const OTHER: Id<html::Div> = Id::new("other");

#[callback(output = OUT.children, input = GO.n_clicks, prevent_initial_call = true)]
fn on_click(clicks: Option<u64>) -> Update<Children> {
    Update::set(clicks.unwrap_or(0))
}

#[callback(output = OTHER.children, input = GO.n_clicks, prevent_initial_call = false)]
fn also_initially(clicks: Option<u64>) -> Update<Children> {
    Update::set(clicks.unwrap_or(0))
}

fn main() {
    let defs = ferrodash::callbacks![on_click, also_initially];
    assert!(defs[0].options.prevent_initial_call);
    assert!(!defs[1].options.prevent_initial_call);
}
