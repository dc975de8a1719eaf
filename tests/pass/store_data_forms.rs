//! Store data: a serde struct in a client store, a `Secret` in a
//! server-side store, a store's `modified_timestamp` as an input.
use ferrodash::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Filters {
    year: u16,
    regions: Vec<String>,
}

const APPLY: Id<html::Button> = Id::new("apply");
const FILTERS: Id<dcc::Store<Filters>> = Id::new("filters");
const TOKEN: Id<dcc::ServerStore<Secret<String>>> = Id::new("token");
const OUT: Id<html::Div> = Id::new("out");

#[callback(output = [FILTERS.data, TOKEN.data], input = APPLY.n_clicks, state = FILTERS.data)]
fn apply(
    _clicks: Option<u64>,
    filters: Option<Filters>,
) -> (Update<Filters>, Update<dcc::Shared<Secret<String>>>) {
    let mut filters = filters.unwrap_or(Filters {
        year: 2024,
        regions: Vec::new(),
    });
    filters.year += 1;
    (
        Update::Set(filters),
        Update::set(Secret::new("hunter2".to_owned())),
    )
}

#[callback(output = OUT.children, input = FILTERS.modified_timestamp, state = TOKEN.data)]
fn changed(at: Option<i64>, token: Option<dcc::Shared<Secret<String>>>) -> Update<Children> {
    let has_token = token.is_some_and(|t| !t.expose().is_empty());
    Update::set(format!("{at:?} {has_token}"))
}

fn main() {
    assert_eq!(format!("{:?}", Secret::new(1)), "Secret(***)");
    App::new("stores")
        .layout(|| {
            html::div((
                html::button("Apply").id(APPLY),
                dcc::store(FILTERS).data(Filters {
                    year: 2024,
                    regions: vec!["north".into()],
                }),
                dcc::server_store(TOKEN),
                html::div(()).id(OUT),
            ))
        })
        .callbacks(ferrodash::callbacks![apply, changed])
        .build()
        .expect("the app is valid");
}
