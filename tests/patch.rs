//! Patch: a store of a long list grows by one item without the list
//! travelling back; the response carries Dash's patch operations.

mod common;

use axum::http::StatusCode;
use common::post_json;
use ferrodash::callbacks;
use ferrodash::prelude::*;
use serde_json::json;

const ADD: Id<html::Button> = Id::new("add");
const ITEMS: Id<dcc::Store<Vec<String>>> = Id::new("items");
const COUNTER: Id<dcc::Store<i64>> = Id::new("counter");

#[callback(output = [ITEMS.data, COUNTER.data], input = ADD.n_clicks, prevent_initial_call = true)]
fn add(clicks: Option<u64>) -> (Update<Vec<String>>, Update<i64>) {
    let n = clicks.unwrap_or(0);
    (
        Update::Patch(Patch::new().append(format!("item {n}"))),
        Update::Patch(Patch::new().increase_by(1)),
    )
}

#[tokio::test]
async fn a_list_grows_by_one_item_with_only_the_operation_on_the_wire() {
    let router = App::new("patch")
        .layout(|| {
            html::div((
                html::button("add").id(ADD),
                dcc::store(ITEMS).data((0..10_000).map(|i| format!("item {i}")).collect()),
                dcc::store(COUNTER).data(0),
            ))
        })
        .callbacks(callbacks![add])
        .into_router()
        .unwrap();
    let body = json!({
        "output": "..items.data...counter.data..",
        "outputs": [{"id": "items", "property": "data"}, {"id": "counter", "property": "data"}],
        "inputs": [{"id": "add", "property": "n_clicks", "value": 10000}],
    });
    let answer = post_json(&router, body.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.json(),
        json!({"multi": true, "response": {
            "items": {"data": {"__dash_patch_update": "__dash_patch_update", "operations": [
                {"operation": "Append", "location": [], "params": {"value": "item 10000"}}]}},
            "counter": {"data": {"__dash_patch_update": "__dash_patch_update", "operations": [
                {"operation": "Add", "location": [], "params": {"value": 1}}]}},
        }})
    );
    assert!(answer.body.len() < 400, "{} bytes", answer.body.len());
}
