// Ids imported only for the attribute: a mistake in the attribute must not
// add "unused import" warnings for them.
use ferrodash::prelude::*;

mod ids {
    use ferrodash::prelude::*;
    pub const LOGIN: Id<html::Button> = Id::new("login");
    pub const OUT: Id<html::Div> = Id::new("out");
}

use ids::{LOGIN, OUT};

#[callback(output = OUT.children, input = LOGIN.n_clicks, prevent_initial_call = yes)]
fn show(clicks: Option<u64>) -> Update<Children> {
    Update::set(format!("{clicks:?}"))
}

fn main() {}
