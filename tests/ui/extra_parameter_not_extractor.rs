use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");

struct Pool;

// A shared value is asked for as `Resource<Pool>`.
#[callback(output = OUT.children, input = LOGIN.n_clicks)]
fn show(clicks: Option<u64>, _db: Pool) -> Update<Children> {
    Update::set(format!("{clicks:?}"))
}

fn main() {}
