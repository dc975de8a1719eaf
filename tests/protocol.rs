//! The HTTP protocol, driven through `App::into_router()`: what Dash's
//! renderer (or ours) sends, and what it must get back.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{get, post_json, send};
use ferrodash::prelude::*;
use ferrodash::{callbacks, Context, Resource};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Serialize, Deserialize)]
struct Cart {
    items: Vec<String>,
}

const GO: Id<html::Button> = Id::new("go");
const NAME: Id<dcc::Input> = Id::new("name");
const OUT: Id<html::Div> = Id::new("out");
const CART: Id<dcc::Store<Cart>> = Id::new("cart");
const COUNT: Id<dcc::Store<u64>> = Id::new("count");
const BOOM: Id<html::Button> = Id::new("boom");
const BOOM_OUT: Id<html::P> = Id::new("boom_out");
const FAIL: Id<html::Button> = Id::new("fail");
const FAIL_OUT: Id<html::P> = Id::new("fail_out");
const WHO: Id<html::P> = Id::new("who");
const GREETING: Id<html::Span> = Id::new("greeting");

struct Greeter {
    prefix: &'static str,
}

fn layout() -> Component {
    html::div((
        html::button("Go").id(GO),
        dcc::input(NAME).value("ada"),
        html::div(()).id(OUT),
        dcc::store(CART).data(Cart {
            items: vec!["tea".into()],
        }),
        dcc::store(COUNT).storage_type(StorageType::Local),
        html::button("Boom").id(BOOM),
        html::p(()).id(BOOM_OUT),
        html::button("Fail").id(FAIL),
        html::p(()).id(FAIL_OUT),
        html::p(()).id(WHO),
        html::span(()).id(GREETING),
    ))
    .into_component()
}

#[callback(output = OUT.children, input = GO.n_clicks, state = NAME.value)]
fn greet(clicks: Option<u64>, name: Option<String>) -> Result<Update<Children>, PreventUpdate> {
    let clicks = clicks.ok_or(PreventUpdate)?;
    Ok(Update::set(format!(
        "{} x{clicks}",
        name.unwrap_or_default()
    )))
}

#[callback(output = [COUNT.data, CART.data, WHO.children], input = CART.data)]
async fn count_items(cart: Option<Cart>) -> (Update<u64>, Update<Cart>, Update<Children>) {
    match cart {
        Some(cart) => (
            Update::Set(cart.items.len() as u64),
            Update::NoChange,
            Update::set("counted"),
        ),
        None => (Update::NoChange, Update::NoChange, Update::NoChange),
    }
}

#[callback(output = BOOM_OUT.children, input = BOOM.n_clicks, prevent_initial_call = true)]
fn explode(_clicks: Option<u64>) -> Update<Children> {
    panic!("the callback exploded");
}

#[callback(output = FAIL_OUT.children, input = FAIL.n_clicks)]
fn fail(_clicks: Option<u64>) -> Result<Update<Children>, std::io::Error> {
    Err(std::io::Error::other("database password is hunter2"))
}

#[callback(output = GREETING.children, input = [GO.n_clicks, NAME.value])]
fn who_fired(
    _c: Option<u64>,
    _n: Option<String>,
    ctx: Context,
    greeter: Resource<Greeter>,
) -> Update<Children> {
    let fired = ctx.triggered_id().unwrap_or("nobody");
    Update::set(format!(
        "{}{fired}, name input fired: {}",
        greeter.prefix,
        ctx.fired(NAME.value())
    ))
}

fn app() -> App {
    App::new("Protocol")
        .layout(layout)
        .resource(Greeter { prefix: "fired: " })
        .callbacks(callbacks![greet, count_items, explode, fail, who_fired])
}

fn router() -> axum::Router {
    app().into_router().expect("the test app is valid")
}

#[tokio::test]
async fn layout_is_dash_json_with_only_the_props_that_were_set() {
    let answer = get(&router(), "/_dash-layout").await;
    assert_eq!(answer.status, StatusCode::OK);
    let layout = answer.json();
    let children = layout["props"]["children"].as_array().unwrap();
    assert_eq!(layout["type"], "Div");
    assert_eq!(layout["namespace"], "dash_html_components");
    assert_eq!(
        children[1],
        json!({"props": {"id": "name", "value": "ada"}, "type": "Input", "namespace": "dash_core_components"})
    );
    assert_eq!(
        children[3],
        json!({"props": {"id": "cart", "data": {"items": ["tea"]}}, "type": "Store", "namespace": "dash_core_components"})
    );
    // Key order is Dash's: props, type, namespace.
    assert!(answer.body.starts_with(r#"{"props":{"children":[{"props":{"children":"Go","id":"go"},"type":"Button","namespace":"dash_html_components"}"#), "{}", answer.body);
}

#[tokio::test]
async fn dependencies_list_every_callback_with_dash_ids_and_fields() {
    let deps = get(&router(), "/_dash-dependencies").await.json();
    let outputs: Vec<&str> = deps
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["output"].as_str().unwrap())
        .collect();
    assert_eq!(
        outputs,
        [
            "out.children",
            "..count.data...cart.data...who.children..",
            "boom_out.children",
            "fail_out.children",
            "greeting.children"
        ],
        "source order"
    );
    let greet = deps
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["output"] == "out.children")
        .unwrap();
    assert_eq!(
        greet,
        &json!({
            "output": "out.children",
            "inputs": [{"id": "go", "property": "n_clicks"}],
            "state": [{"id": "name", "property": "value"}],
            "clientside_function": null,
            "prevent_initial_call": false,
            "background": null,
            "dynamic_creator": null,
            "no_output": false,
            "optional": false,
            "hidden": false,
            "websocket": false,
            "persistent": false
        })
    );
    let boom = deps
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["output"] == "boom_out.children")
        .unwrap();
    assert_eq!(boom["prevent_initial_call"], true);
}

#[tokio::test]
async fn one_output_answers_dash_envelope() {
    let body = json!({
        "output": "out.children",
        "outputs": {"id": "out", "property": "children"},
        "inputs": [{"id": "go", "property": "n_clicks", "value": 2}],
        "state": [{"id": "name", "property": "value", "value": "grace"}],
        "changedPropIds": ["go.n_clicks"],
        "parsedChangedPropsIds": ["go.n_clicks"]
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.body,
        r#"{"multi":true,"response":{"out":{"children":"grace x2"}}}"#
    );
}

#[tokio::test]
async fn several_outputs_leave_out_unchanged_ones_and_keep_order() {
    let body = json!({
        "output": "..count.data...cart.data...who.children..",
        "outputs": [{"id": "count", "property": "data"}, {"id": "cart", "property": "data"}, {"id": "who", "property": "children"}],
        "inputs": [{"id": "cart", "property": "data", "value": {"items": ["a", "b", "c"]}}],
        "changedPropIds": []
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.body,
        r#"{"multi":true,"response":{"count":{"data":3},"who":{"children":"counted"}}}"#
    );
}

#[tokio::test]
async fn all_outputs_unchanged_is_an_empty_response_like_dash_4() {
    let body = json!({
        "output": "..count.data...cart.data...who.children..",
        "outputs": [{"id": "count", "property": "data"}, {"id": "cart", "property": "data"}, {"id": "who", "property": "children"}],
        "inputs": [{"id": "cart", "property": "data"}]
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body, r#"{"multi":true,"response":{}}"#);
}

#[tokio::test]
async fn prevent_update_is_204_with_no_body() {
    let body = json!({
        "output": "out.children",
        "outputs": {"id": "out", "property": "children"},
        "inputs": [{"id": "go", "property": "n_clicks"}],
        "state": [{"id": "name", "property": "value", "value": "x"}]
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert_eq!(answer.body, "");
}

#[tokio::test]
async fn malformed_json_is_400_saying_where() {
    let answer = post_json(&router(), r#"{"output": "out.children", "outputs": "#).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.message().contains("malformed callback request"),
        "{}",
        answer.body
    );
    assert!(answer.message().contains("line 1"), "{}", answer.body);
}

#[tokio::test]
async fn unknown_callback_is_400_naming_it() {
    let body = json!({"output": "nope.children", "outputs": {"id": "nope", "property": "children"}, "inputs": []});
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.message().contains("`nope.children`"),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn outputs_that_do_not_match_are_400() {
    let body = json!({
        "output": "out.children",
        "outputs": {"id": "who", "property": "children"},
        "inputs": [{"id": "go", "property": "n_clicks", "value": 1}],
        "state": [{"id": "name", "property": "value"}]
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.message().contains("do not match callback `greet`"),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn missing_state_is_400() {
    let body = json!({
        "output": "out.children",
        "outputs": {"id": "out", "property": "children"},
        "inputs": [{"id": "go", "property": "n_clicks", "value": 1}]
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.message().contains("`state`"), "{}", answer.body);
}

#[tokio::test]
async fn store_data_of_the_wrong_type_is_400_naming_the_store() {
    let body = json!({
        "output": "..count.data...cart.data...who.children..",
        "outputs": [{"id": "count", "property": "data"}, {"id": "cart", "property": "data"}, {"id": "who", "property": "children"}],
        "inputs": [{"id": "cart", "property": "data", "value": {"items": "not a list"}}]
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let message = answer.message();
    assert!(
        message.contains("input `cart.data` of callback `count_items`"),
        "{message}"
    );
    assert!(message.contains("invalid type"), "{message}");
    assert_eq!(answer.json()["error"], "store_data");
}

#[tokio::test]
async fn wrong_content_type_is_415() {
    let request = Request::post("/_dash-update-component")
        .header("content-type", "text/plain")
        .body(Body::from("{}"))
        .unwrap();
    let answer = send(&router(), request).await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(answer.message().contains("application/json"));
}

#[tokio::test]
async fn body_over_the_configured_limit_is_413_with_the_limit() {
    let router = app().body_limit(1024).into_router().unwrap();
    let answer = post_json(&router, format!(r#"{{"output": "{}"}}"#, "x".repeat(2000))).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer.message().contains("1024 bytes"), "{}", answer.body);
}

#[tokio::test]
async fn panicking_callback_is_500_and_the_next_request_is_served() {
    let router = router();
    let boom = json!({
        "output": "boom_out.children",
        "outputs": {"id": "boom_out", "property": "children"},
        "inputs": [{"id": "boom", "property": "n_clicks", "value": 1}]
    });
    let answer = post_json(&router, boom.to_string()).await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        answer.message().contains("callback `explode` panicked"),
        "{}",
        answer.body
    );
    let ok = json!({
        "output": "out.children",
        "outputs": {"id": "out", "property": "children"},
        "inputs": [{"id": "go", "property": "n_clicks", "value": 1}],
        "state": [{"id": "name", "property": "value", "value": "ada"}]
    });
    let answer = post_json(&router, ok.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["response"]["out"]["children"], "ada x1");
}

#[tokio::test]
async fn a_callback_error_is_500_without_leaking_its_text() {
    let body = json!({
        "output": "fail_out.children",
        "outputs": {"id": "fail_out", "property": "children"},
        "inputs": [{"id": "fail", "property": "n_clicks", "value": 1}]
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(answer.message().contains("callback `fail` failed"));
    assert!(!answer.body.contains("hunter2"), "{}", answer.body);
}

#[tokio::test]
async fn context_says_which_input_fired_and_resources_arrive() {
    let body = json!({
        "output": "greeting.children",
        "outputs": {"id": "greeting", "property": "children"},
        "inputs": [{"id": "go", "property": "n_clicks"}, {"id": "name", "property": "value", "value": "x"}],
        "changedPropIds": ["name.value"]
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.json()["response"]["greeting"]["children"],
        "fired: name, name input fired: true"
    );
}

#[tokio::test]
async fn responses_are_compressed_when_asked() {
    let request = Request::get("/_dash-layout")
        .header("accept-encoding", "gzip")
        .body(Body::empty())
        .unwrap();
    let answer = send(&router(), request).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers.get("content-encoding").unwrap(), "gzip");
}

#[tokio::test]
async fn index_page_boots_like_dash_and_any_get_serves_it() {
    for path in ["/", "/some/page"] {
        let answer = get(&router(), path).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(answer.body.contains(r#"<div id="react-entry-point">"#));
        assert!(answer
            .body
            .contains(r#"<script id="_dash-config" type="application/json">"#));
        assert!(answer.body.contains(r#"<title>Protocol</title>"#));
    }
}

#[tokio::test]
async fn the_client_comes_from_the_binary_inside_its_page() {
    let page = get(&router(), "/").await;
    let script = page
        .body
        .split(r#"<script type="module" id="_ferrodash-client" data-base="/_ferrodash/client/">"#)
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the page holds the client");
    assert!(
        script.contains("_dash-config"),
        "the client reads the config"
    );
    assert!(!script.contains("export "), "the modules are joined");
    // The modules only some pages need are files beside it.
    let answer = get(&router(), "/_ferrodash/client/nav.js").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    let missing = get(&router(), "/_ferrodash/client/nope.js").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_page_carries_its_layout_and_dependencies() {
    let router = router();
    let page = get(&router, "/").await;
    let boot: Value = page
        .body
        .split(r#"<script id="_ferrodash-boot" type="application/json">"#)
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .map(|json| serde_json::from_str(json).unwrap())
        .expect("the page holds its layout and dependencies");
    assert_eq!(boot["layout"], get(&router, "/_dash-layout").await.json());
    assert_eq!(
        boot["dependencies"],
        get(&router, "/_dash-dependencies").await.json()
    );
}

#[tokio::test]
async fn posting_elsewhere_is_405_with_a_message() {
    let request = Request::post("/_dash-layout").body(Body::empty()).unwrap();
    let answer = send(&router(), request).await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn an_app_under_a_path_prefix_serves_there_and_namespaces_its_storage_keys() {
    let router = app().url_prefix("sales").into_router().unwrap();
    let page = get(&router, "/sales/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(r#""requests_pathname_prefix":"\u002fsales\u002f""#),
        "{}",
        page.body
    );
    assert!(
        page.body.contains(r#""store_prefix":"\u002fsales\u002f""#),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains(r#"data-base="/sales/_ferrodash/client/""#));
    assert_eq!(
        get(&router, "/sales/_dash-layout").await.status,
        StatusCode::OK
    );
    assert_eq!(
        get(&router, "/sales/_ferrodash/client/nav.js").await.status,
        StatusCode::OK
    );
    // At `/` the keys are Dash's own.
    let page = get(&app().into_router().unwrap(), "/").await;
    assert!(page.body.contains(r#""store_prefix":"""#), "{}", page.body);
}

#[tokio::test]
async fn apps_under_different_prefixes_merge_into_one_router() {
    let router = app()
        .url_prefix("a")
        .into_router()
        .unwrap()
        .merge(app().url_prefix("b").into_router().unwrap());
    for prefix in ["/a", "/a/", "/b/", "/b/some/page"] {
        let page = get(&router, prefix).await;
        assert_eq!(page.status, StatusCode::OK, "{prefix}");
        assert!(page.body.contains("react-entry-point"), "{prefix}");
    }
    assert_eq!(
        get(&router, "/b/_ferrodash/client/nav.js").await.status,
        StatusCode::OK
    );
    assert_eq!(
        get(&router, "/elsewhere").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn client_files_are_sent_gzipped_and_revalidated_with_an_etag() {
    let router = router();
    let request = Request::get("/_ferrodash/client/nav.js")
        .header("accept-encoding", "gzip, br")
        .body(Body::empty())
        .unwrap();
    let answer = send(&router, request).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.headers["content-encoding"], "gzip");
    let etag = answer.headers["etag"].clone();
    let request = Request::get("/_ferrodash/client/nav.js")
        .header("if-none-match", etag)
        .body(Body::empty())
        .unwrap();
    let answer = send(&router, request).await;
    assert_eq!(answer.status, StatusCode::NOT_MODIFIED);
    assert_eq!(answer.body, "");
}
