use ferrodash::prelude::*;

const BUTTON: Id<html::Button> = Id::new("button");
const CLICKS: Id<dcc::Store<u64>> = Id::new("clicks");

#[callback(output = CLICKS.data, input = BUTTON.n_clicks)]
fn count(n: Option<u64>) -> Update<u64> {
    n.map_or(Update::NoChange, Update::Set)
}

fn main() {
    let _ = ferrodash::callbacks![count];
}
