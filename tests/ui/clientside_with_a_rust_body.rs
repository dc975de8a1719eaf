use ferrodash::prelude::*;

const NAME: Id<dcc::Input> = Id::new("name");
const LENGTH: Id<html::P> = Id::new("length");

#[callback(output = LENGTH.children, input = NAME.value, clientside = "(v) => (v || '').length")]
fn count_characters(value: Option<String>) -> Update<Children> {
    Update::set(value.unwrap_or_default().len() as u64)
}

fn main() {}
