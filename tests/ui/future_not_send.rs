use std::rc::Rc;

use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");

async fn lookup() -> String {
    "ada".to_owned()
}

#[callback(output = OUT.children, input = LOGIN.n_clicks)]
async fn show(_clicks: Option<u64>) -> Update<Children> {
    let cache = Rc::new(String::new());
    let name = lookup().await;
    Update::set(format!("{cache}{name}"))
}

fn main() {}
