use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const USER_ID: Id<dcc::Store<u64>> = Id::new("user_id");
const OUT: Id<html::Div> = Id::new("out");

// The store holds a `u64`, read here as a `String`.
#[callback(output = OUT.children, input = LOGIN.n_clicks, state = USER_ID.data)]
fn show(_clicks: Option<u64>, user: Option<String>) -> Update<Children> {
    Update::set(user.unwrap_or_default())
}

fn main() {}
