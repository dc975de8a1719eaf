use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");

// `children` is a `Children`; `Update::set` converts a `String` into one.
#[callback(output = OUT.children, input = LOGIN.n_clicks)]
fn show(clicks: Option<u64>) -> Update<String> {
    Update::Set(format!("{clicks:?}"))
}

fn main() {}
