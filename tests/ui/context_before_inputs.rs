use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("login");
const OUT: Id<html::Div> = Id::new("out");

// `Context` must come after the parameters of the inputs and states.
#[callback(output = OUT.children, input = LOGIN.n_clicks)]
fn show(ctx: Context, clicks: Option<u64>) -> Update<Children> {
    Update::set(format!("{:?} {clicks:?}", ctx.triggered_id()))
}

fn main() {}
