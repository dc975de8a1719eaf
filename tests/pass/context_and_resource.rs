//! `Context` (which input fired) and `Resource<T>` (a shared value given to
//! `App::resource`) after the inputs and states.
use std::sync::Mutex;

use ferrodash::prelude::*;

const SAVE: Id<html::Button> = Id::new("save");
const RESET: Id<html::Button> = Id::new("reset");
const NAME: Id<dcc::Input> = Id::new("name");
const OUT: Id<html::Div> = Id::new("out");

struct Db {
    rows: Mutex<Vec<String>>,
}

#[callback(output = OUT.children, input = [SAVE.n_clicks, RESET.n_clicks], state = NAME.value)]
fn save(
    _save: Option<u64>,
    _reset: Option<u64>,
    name: Option<String>,
    ctx: Context,
    db: Resource<Db>,
) -> Update<Children> {
    let mut rows = db.rows.lock().unwrap();
    if ctx.fired(RESET.n_clicks()) {
        rows.clear();
    } else if let Some(name) = name {
        rows.push(name);
    }
    Update::set(rows.join(", "))
}

#[callback(output = OUT.title, input = SAVE.n_clicks)]
async fn who(_save: Option<u64>, ctx: Context) -> Update<String> {
    Update::set(ctx.triggered_id().unwrap_or("nobody"))
}

fn main() {
    let defs = ferrodash::callbacks![save, who];
    assert_eq!(defs[0].requirements.len(), 1);
    App::new("resources")
        .layout(|| {
            html::div((
                html::button("Save").id(SAVE),
                html::button("Reset").id(RESET),
                dcc::input(NAME),
                html::div(()).id(OUT),
            ))
        })
        .resource(Db {
            rows: Mutex::new(Vec::new()),
        })
        .callbacks(defs)
        .build()
        .expect("the resource is registered");
}
