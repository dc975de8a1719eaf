use ferrodash::prelude::*;

const NAME: Id<dcc::Input> = Id::new("name");
const OUT: Id<html::Div> = Id::new("out");

#[callback(output = OUT.children, input = NAME.value)]
fn show(name: &str) -> Update<Children> {
    Update::set(name)
}

fn main() {}
