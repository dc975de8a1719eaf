//! Repeated keys instead of lists, mixed with lists; a trailing comma.
use ferrodash::prelude::*;

const A: Id<html::Button> = Id::new("a");
const B: Id<html::Button> = Id::new("b");
const NAME: Id<dcc::Input> = Id::new("name");
const OUT: Id<html::Div> = Id::new("out");
const CLICKS: Id<dcc::Store<u64>> = Id::new("clicks");

#[callback(
    output = OUT.children,
    output = CLICKS.data,
    input = A.n_clicks,
    input = [B.n_clicks],
    state = NAME.value,
)]
fn both(a: Option<u64>, b: Option<u64>, name: Option<String>) -> (Update<Children>, Update<u64>) {
    let total = a.unwrap_or(0) + b.unwrap_or(0);
    (Update::set(format!("{name:?}: {total}")), Update::Set(total))
}

fn main() {
    let defs = ferrodash::callbacks![both];
    assert_eq!(defs[0].inputs.len(), 2);
    assert_eq!(defs[0].states.len(), 1);
    assert_eq!(defs[0].outputs.len(), 2);
}
