use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");

#[callback(input = LOGIN.n_clicks)]
fn log_click(clicks: Option<u64>) -> Update<u64> {
    println!("{clicks:?}");
    Update::NoChange
}

fn main() {}
