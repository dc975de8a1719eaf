use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const NAME: Id<dcc::Input> = Id::new("name");
const OUT: Id<html::Div> = Id::new("out");

#[callback(output = OUT.children, inputs = [LOGIN.n_clicks, NAME.value])]
fn show(clicks: Option<u64>, name: Option<String>) -> Update<Children> {
    Update::set(format!("{clicks:?} {name:?}"))
}

fn main() {}
