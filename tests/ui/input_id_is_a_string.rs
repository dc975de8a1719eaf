use ferrodash::prelude::*;

const LOGIN: Id<html::Button> = Id::new("button_login");
const OUT: Id<html::Div> = Id::new("out");

#[callback(output = OUT.children, input = "button_login".n_clicks)]
fn show(clicks: Option<u64>) -> Update<Children> {
    Update::set(format!("{clicks:?}"))
}

fn main() {
    let _ = LOGIN;
}
