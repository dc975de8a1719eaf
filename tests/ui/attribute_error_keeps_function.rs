// A mistake in the attribute is reported once; the function and the
// name `callbacks![..]` uses still exist, so nothing else fails.
use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");

#[callback(output = OUT.children, inptu = LOGIN.n_clicks)]
fn show(clicks: Option<u64>) -> Update<Children> {
    Update::set(format!("{clicks:?}"))
}

fn main() {
    let _ = show(Some(1));
    let _ = App::new("app").callbacks(ferrodash::callbacks![show]);
}
