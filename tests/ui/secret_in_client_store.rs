use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const TOKEN: Id<dcc::Store<Secret<String>>> = Id::new("token");

#[callback(output = TOKEN.data, input = LOGIN.n_clicks)]
fn login(_clicks: Option<u64>) -> Update<Secret<String>> {
    Update::Set(Secret::new("hunter2".to_owned()))
}

fn main() {
    let _ = ferrodash::callbacks![login];
}
