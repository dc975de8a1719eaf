//! The baseline: bare axum routes that parse the same Dash request bodies
//! into typed structs, do the same work and answer the same bytes as the
//! ferrodash app, with no middleware. What a hand-written handler costs.

use axum::extract::DefaultBodyLimit;
use axum::response::Html;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::app::{one_input_children, summarize, Row};

#[derive(Deserialize)]
struct OutputRef {
    id: String,
    property: String,
}

#[derive(Deserialize)]
struct ValueRef<T> {
    #[allow(dead_code)]
    id: IgnoredAny,
    #[allow(dead_code)]
    property: IgnoredAny,
    /// Absent when the prop is undefined in the browser.
    value: Option<T>,
}

/// Dash's request body, typed for one callback's inputs `I` and states `S`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DashRequest<I, S> {
    #[allow(dead_code)]
    output: IgnoredAny,
    outputs: OutputRef,
    inputs: (ValueRef<I>,),
    /// Absent when the callback has no state.
    state: Option<S>,
    #[allow(dead_code)]
    #[serde(default)]
    changed_prop_ids: Vec<String>,
}

fn html(type_name: &str, children: String) -> Value {
    json!({"props": {"children": children}, "type": type_name, "namespace": "dash_html_components"})
}

fn answer(outputs: &OutputRef, value: Value) -> Json<Value> {
    let mut props = serde_json::Map::new();
    props.insert(outputs.property.clone(), value);
    let mut response = serde_json::Map::new();
    response.insert(outputs.id.clone(), Value::Object(props));
    Json(json!({"multi": true, "response": response}))
}

async fn one_input(Json(request): Json<DashRequest<String, IgnoredAny>>) -> Json<Value> {
    let text = request.inputs.0.value.unwrap_or_default();
    let (upper, counts) = one_input_children(&text);
    answer(
        &request.outputs,
        json!([html("Strong", upper), html("Span", counts)]),
    )
}

async fn store(Json(request): Json<DashRequest<String, (ValueRef<Vec<Row>>,)>>) -> Json<Value> {
    let group = request.inputs.0.value.unwrap_or_default();
    let rows = request
        .state
        .and_then(|state| state.0.value)
        .unwrap_or_default();
    answer(&request.outputs, Value::String(summarize(&rows, &group)))
}

/// The least a page can do to have one callback answered: an inline script
/// that posts the one-input request and shows the answer. The first-callback
/// timing loads it beside the app's page, as the browser's own floor.
const PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="UTF-8"><title>bare</title></head><body><div id="out"></div>
<script type="module">
const body = {output: 'out.children', outputs: {id: 'out', property: 'children'},
  inputs: [{id: 'text', property: 'value', value: 'hello ferrodash'}], changedPropIds: []};
const res = await fetch('/one-input', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)});
document.getElementById('out').textContent = JSON.stringify(await res.json());
</script></body></html>
"#;

/// `GET /` (the page above), `POST /one-input` and `POST /store`, taking
/// bodies as large as the app does (axum's own default is 2 MB).
pub fn router() -> Router {
    Router::new()
        .route("/", get(|| async { Html(PAGE) }))
        .route("/one-input", post(one_input))
        .route("/store", post(store))
        .layer(DefaultBodyLimit::max(ferrodash::server::DEFAULT_BODY_LIMIT))
}
