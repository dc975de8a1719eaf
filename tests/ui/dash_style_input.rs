use ferrodash::prelude::*;

const OUT: Id<html::Div> = Id::new("out");

#[callback(output = OUT.children, input = Input("button_login", "n_clicks"))]
fn show(clicks: Option<u64>) -> Update<Children> {
    Update::set(format!("{clicks:?}"))
}

fn main() {}
