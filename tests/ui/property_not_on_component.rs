use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const CLICKS: Id<dcc::Store<u64>> = Id::new("clicks");

// A store has `data`, not `n_clicks`.
#[callback(output = CLICKS.n_clicks, input = LOGIN.n_clicks)]
fn count(clicks: Option<u64>) -> Update<u64> {
    clicks.map_or(Update::NoChange, Update::Set)
}

fn main() {}
