//! Pattern-matching callbacks: dict ids, `MATCH`, `ALL` and `ALLSMALLER`,
//! with Dash's exact id strings in dependencies, requests and responses.

mod common;

use axum::http::StatusCode;
use common::{get, post_json};
use ferrodash::prelude::*;
use ferrodash::{callbacks, Error, Multi, Problem};
use serde_json::json;

const DELETE: Id<html::Button> = Id::pattern("del");
const ROW: Id<html::Span> = Id::pattern("row");
const DONE: Id<dcc::Checklist> = Id::pattern("done");
const TOTAL: Id<html::P> = Id::new("total");
const RESET: Id<html::Button> = Id::new("reset");

fn layout() -> Component {
    let rows: Vec<Component> = (0..3)
        .map(|i| {
            html::div((
                html::span(format!("row {i}")).id(ROW.at(i)),
                html::button("x").id(DELETE.at(i)),
                dcc::checklist(DONE.at(i)).options(["done"]),
            ))
            .into_component()
        })
        .collect();
    html::div((
        html::div(rows),
        html::p(()).id(TOTAL),
        html::button("reset").id(RESET),
    ))
    .into_component()
}

#[callback(output = ROW[MATCH].children, input = DELETE[MATCH].n_clicks, prevent_initial_call = true)]
fn mark_deleted(clicks: Option<u64>, ctx: Context) -> Update<Children> {
    Update::set(format!(
        "deleted {} after {} clicks",
        ctx.triggered_id().unwrap_or("?"),
        clicks.unwrap_or(0)
    ))
}

#[callback(output = TOTAL.children, input = DONE[ALL].value)]
fn count_done(done: Vec<Option<Vec<String>>>) -> Update<Children> {
    let n = done
        .iter()
        .filter(|d| d.as_ref().is_some_and(|v| !v.is_empty()))
        .count();
    Update::set(format!("{n} of {} done", done.len()))
}

#[callback(output = ROW[ALL].children, input = RESET.n_clicks, prevent_initial_call = true)]
fn reset_rows(_clicks: Option<u64>, ctx: Context) -> Update<Multi<Children>> {
    // One value per matched row, in layout order.
    let n = ctx.states().len().max(3);
    Update::Set(Multi(
        (0..n)
            .map(|i| Children::from(format!("row {i} again")))
            .collect(),
    ))
}

fn router() -> axum::Router {
    App::new("patterns")
        .layout(layout)
        .callbacks(callbacks![mark_deleted, count_done, reset_rows])
        .into_router()
        .unwrap()
}

#[tokio::test]
async fn dependencies_and_layout_use_dash_dict_ids() {
    let router = router();
    let deps = get(&router, "/_dash-dependencies").await.json();
    let outputs: Vec<&str> = deps
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["output"].as_str().unwrap())
        .collect();
    assert_eq!(
        outputs,
        [
            r#"{"index":["MATCH"],"type":"row"}.children"#,
            "total.children",
            r#"{"index":["ALL"],"type":"row"}.children"#
        ]
    );
    assert_eq!(
        deps[0]["inputs"],
        json!([{"id": r#"{"index":["MATCH"],"type":"del"}"#, "property": "n_clicks"}])
    );
    let layout = get(&router, "/_dash-layout").await.json();
    assert_eq!(
        layout["props"]["children"][0]["props"]["children"][1]["props"]["children"][1]["props"]
            ["id"],
        json!({"index": 1, "type": "del"})
    );
}

#[tokio::test]
async fn a_match_callback_answers_for_the_member_that_fired() {
    let body = json!({
        "output": r#"{"index":["MATCH"],"type":"row"}.children"#,
        "outputs": {"id": {"index": 2, "type": "row"}, "property": "children"},
        "inputs": [{"id": {"index": 2, "type": "del"}, "property": "n_clicks", "value": 4}],
        "changedPropIds": [r#"{"index":2,"type":"del"}.n_clicks"#],
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.body,
        r#"{"multi":true,"response":{"{\"index\":2,\"type\":\"row\"}":{"children":"deleted {\"index\":2,\"type\":\"del\"} after 4 clicks"}}}"#
    );
}

#[tokio::test]
async fn an_all_input_arrives_as_a_list_in_layout_order() {
    let body = json!({
        "output": "total.children",
        "outputs": {"id": "total", "property": "children"},
        "inputs": [[
            {"id": {"index": 0, "type": "done"}, "property": "value", "value": ["done"]},
            {"id": {"index": 1, "type": "done"}, "property": "value"},
            {"id": {"index": 2, "type": "done"}, "property": "value", "value": ["done"]},
        ]],
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.json()["response"]["total"]["children"],
        "2 of 3 done"
    );
}

#[tokio::test]
async fn an_all_output_is_spread_over_the_matched_members() {
    let body = json!({
        "output": r#"{"index":["ALL"],"type":"row"}.children"#,
        "outputs": [
            {"id": {"index": 0, "type": "row"}, "property": "children"},
            {"id": {"index": 1, "type": "row"}, "property": "children"},
            {"id": {"index": 2, "type": "row"}, "property": "children"},
        ],
        "inputs": [{"id": "reset", "property": "n_clicks", "value": 1}],
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let response = &answer.json()["response"];
    assert_eq!(
        response[r#"{"index":1,"type":"row"}"#]["children"],
        "row 1 again"
    );
    assert_eq!(response.as_object().unwrap().len(), 3);
}

#[tokio::test]
async fn a_member_of_another_family_or_a_plain_id_is_refused() {
    let body = json!({
        "output": r#"{"index":["MATCH"],"type":"row"}.children"#,
        "outputs": {"id": {"index": 2, "type": "row"}, "property": "children"},
        "inputs": [{"id": {"index": 2, "type": "other"}, "property": "n_clicks", "value": 4}],
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer
            .message()
            .contains("do not match callback `mark_deleted`"),
        "{}",
        answer.body
    );
    let body = json!({
        "output": "total.children",
        "outputs": {"id": "total", "property": "children"},
        "inputs": [{"id": {"index": 0, "type": "done"}, "property": "value"}],
    });
    assert_eq!(
        post_json(&router(), body.to_string()).await.status,
        StatusCode::BAD_REQUEST,
        "ALL needs a list"
    );
}

#[callback(output = TOTAL.children, input = DELETE.n_clicks)]
fn family_without_wildcard(_c: Option<u64>) -> Update<Children> {
    Update::NoChange
}

#[test]
fn a_family_used_without_a_wildcard_is_refused_at_build() {
    let result = App::new("p")
        .layout(layout)
        .callbacks(callbacks![family_without_wildcard])
        .build();
    let Err(Error::Graph(e)) = result else {
        panic!("expected a graph error")
    };
    assert!(
        matches!(e.problems[0], Problem::PatternWithoutWildcard { .. }),
        "{e}"
    );
    assert!(e.to_string().contains("`del` is a pattern family"), "{e}");
}
