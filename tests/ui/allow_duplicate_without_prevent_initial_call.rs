use ferrodash::prelude::*;

const GO: Id<html::Button> = Id::new("go");
const LOG: Id<dcc::Store<u64>> = Id::new("log");

#[callback(output = allow_duplicate(LOG.data), input = GO.n_clicks)]
fn count(clicks: Option<u64>) -> Update<u64> {
    clicks.map_or(Update::NoChange, Update::Set)
}

fn main() {}
