//! `allow_duplicate` outputs, `prevent_initial_call = "initial_duplicate"`,
//! `running` properties and clientside callbacks, on Dash's wire.

mod common;

use axum::http::StatusCode;
use common::{get, post_json};
use ferrodash::callbacks;
use ferrodash::options::sha256_hex;
use ferrodash::prelude::*;
use serde_json::json;

const ADD: Id<html::Button> = Id::new("add");
const CLEAR: Id<html::Button> = Id::new("clear");
const LOG: Id<dcc::Store<Vec<String>>> = Id::new("log");
const SAVE: Id<html::Button> = Id::new("save");
const STATUS: Id<html::P> = Id::new("status");
const NAME: Id<dcc::Input> = Id::new("name");
const LENGTH: Id<html::P> = Id::new("length");

fn layout() -> Component {
    html::div((
        html::button("add").id(ADD),
        html::button("clear").id(CLEAR),
        dcc::store(LOG).data(vec![]),
        html::button("save").id(SAVE),
        html::p(()).id(STATUS),
        dcc::input(NAME),
        html::p(()).id(LENGTH),
    ))
    .into_component()
}

#[callback(output = allow_duplicate(LOG.data), input = ADD.n_clicks, prevent_initial_call = true)]
fn add_entry(clicks: Option<u64>) -> Update<Vec<String>> {
    Update::Patch(Patch::new().append(format!("added {}", clicks.unwrap_or(0))))
}

#[callback(output = [allow_duplicate(LOG.data), STATUS.children], input = CLEAR.n_clicks, prevent_initial_call = "initial_duplicate")]
fn clear_log(_clicks: Option<u64>) -> (Update<Vec<String>>, Update<Children>) {
    (Update::Set(vec![]), Update::set("cleared"))
}

#[callback(output = LOG.data, input = SAVE.n_clicks, running = [(SAVE.disabled, true, false), (SAVE.children, Children::from("Saving..."), Children::from("save"))], prevent_initial_call = true)]
async fn save(_clicks: Option<u64>) -> Update<Vec<String>> {
    Update::Set(vec!["saved".into()])
}

#[callback(output = LENGTH.children, input = NAME.value, clientside = "(value) => `${(value || '').length} characters`")]
fn count_characters() {}

fn router() -> axum::Router {
    App::new("options")
        .layout(layout)
        .callbacks(callbacks![add_entry, clear_log, save, count_characters])
        .into_router()
        .expect("duplicates with allow_duplicate are accepted")
}

#[tokio::test]
async fn duplicate_outputs_carry_dashs_hash_of_the_inputs() {
    let deps = get(&router(), "/_dash-dependencies").await.json();
    let add_hash = sha256_hex("add.n_clicks");
    let clear_hash = sha256_hex("clear.n_clicks");
    assert_eq!(deps[0]["output"], format!("log.data@{add_hash}"));
    assert_eq!(
        deps[1]["output"],
        format!("..log.data@{clear_hash}...status.children..")
    );
    assert_eq!(
        deps[1]["prevent_initial_call"], false,
        "initial_duplicate is sent as false, as Dash does"
    );
    // The request keeps the suffix; the response names the plain property.
    let body = json!({
        "output": format!("log.data@{add_hash}"),
        "outputs": {"id": "log", "property": format!("data@{add_hash}")},
        "inputs": [{"id": "add", "property": "n_clicks", "value": 2}],
    });
    let answer = post_json(&router(), body.to_string()).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.json()["response"]["log"]["data"]["operations"][0]["params"]["value"],
        "added 2"
    );
}

#[tokio::test]
async fn running_properties_are_listed_with_their_values() {
    let deps = get(&router(), "/_dash-dependencies").await.json();
    assert_eq!(
        deps[2]["running"],
        json!({"running": {"save.disabled": true, "save.children": "Saving..."},
               "runningOff": {"save.disabled": false, "save.children": "save"}})
    );
}

#[tokio::test]
async fn a_clientside_callback_is_served_as_a_script_and_never_called_here() {
    let router = router();
    let source = "(value) => `${(value || '').length} characters`";
    let deps = get(&router, "/_dash-dependencies").await.json();
    assert_eq!(
        deps[3]["clientside_function"],
        json!({"namespace": "_dashprivate_clientside_funcs", "function_name": sha256_hex(source)})
    );
    let script = get(&router, "/_ferrodash/clientside.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(
        script
            .body
            .contains(&format!("ns[\"{}\"] = ({source});", sha256_hex(source))),
        "{}",
        script.body
    );
    let page = get(&router, "/").await;
    assert!(page
        .body
        .contains(r#"<script src="/_ferrodash/clientside.js"></script>"#));
    let body = json!({
        "output": "length.children",
        "outputs": {"id": "length", "property": "children"},
        "inputs": [{"id": "name", "property": "value", "value": "ada"}],
    });
    let answer = post_json(&router, body.to_string()).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.message().contains("runs in the browser"));
}
