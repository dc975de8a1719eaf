use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const CLICKS: Id<dcc::Store<u64>> = Id::new("clicks");

// The store holds a `u64`.
#[callback(output = CLICKS.data, input = LOGIN.n_clicks)]
fn count(clicks: Option<u64>) -> Update<String> {
    Update::Set(format!("{clicks:?}"))
}

fn main() {}
