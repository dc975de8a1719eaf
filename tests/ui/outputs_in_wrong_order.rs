use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");
const CLICKS: Id<dcc::Store<u64>> = Id::new("clicks");

#[callback(output = [OUT.children, CLICKS.data], input = LOGIN.n_clicks)]
fn show(clicks: Option<u64>) -> (Update<u64>, Update<Children>) {
    (Update::Set(clicks.unwrap_or(0)), Update::set("clicked"))
}

fn main() {}
