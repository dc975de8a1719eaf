//! A callback declared inside a function body, with block-local ids.
use ferrodash::prelude::*;

fn main() {
    const GO: Id<html::Button> = Id::new("go");
    const OUT: Id<html::Div> = Id::new("out");

    #[callback(output = OUT.children, input = GO.n_clicks)]
    fn show(clicks: Option<u64>) -> Update<Children> {
        Update::set(clicks.unwrap_or(0))
    }

    let defs = ferrodash::callbacks![show];
    assert_eq!(defs[0].site.name, "show");
}
