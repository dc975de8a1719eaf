use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");

#[callback(output = OUT.children, input = LOGIN.n_clicks)]
extern "C" fn show(_clicks: Option<u64>) -> Update<Children> {
    Update::NoChange
}

fn main() {}
