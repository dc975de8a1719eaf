use ferrodash::prelude::*;

const SAVE: Id<html::Button> = Id::new("save");
const LOG: Id<dcc::Store<u64>> = Id::new("log");

#[callback(output = LOG.data, input = SAVE.n_clicks, running = [(SAVE.disabled, "yes", "no")])]
fn save(clicks: Option<u64>) -> Update<u64> {
    clicks.map_or(Update::NoChange, Update::Set)
}

fn main() {}
