//! `Err(PreventUpdate)` cancels the whole update (Dash's `PreventUpdate`).
use ferrodash::prelude::*;

const GO: Id<html::Button> = Id::new("go");
const OUT: Id<html::Div> = Id::new("out");

#[callback(output = OUT.children, input = GO.n_clicks)]
fn only_after_a_click(clicks: Option<u64>) -> Result<Update<Children>, PreventUpdate> {
    let clicks = clicks.ok_or(PreventUpdate)?;
    Ok(Update::set(format!("{clicks} clicks")))
}

fn main() {
    let _ = ferrodash::callbacks![only_after_a_click];
}
