use ferrodash::prelude::*;

const NAME: Id<dcc::Input> = Id::new("name");
const OUT: Id<html::Div> = Id::new("out");

#[callback(output = OUT.children, state = NAME.value)]
fn show(name: Option<String>) -> Update<Children> {
    Update::set(name.unwrap_or_default())
}

fn main() {}
