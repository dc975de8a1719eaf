use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");

#[derive(Debug)]
struct DbError;

#[callback(output = OUT.children, input = LOGIN.n_clicks)]
fn show(clicks: Option<u64>) -> Result<Update<Children>, DbError> {
    Ok(Update::set(format!("{clicks:?}")))
}

fn main() {}
