//! Signed and encrypted client stores over HTTP: the browser keeps only
//! what the server wrote; altered data is refused with a 400 naming the
//! store; encrypted data is never readable in the page; keys rotate.

mod common;

use axum::http::StatusCode;
use common::{get, post_json};
use ferrodash::callbacks;
use ferrodash::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
struct Grant {
    user: String,
    role: String,
}

const PROMOTE: Id<html::Button> = Id::new("promote");
const GRANT: Id<dcc::Store<Grant>> = Id::new("grant");
const WALLET: Id<dcc::Store<String>> = Id::new("wallet");
const SHOW: Id<html::P> = Id::new("show");

#[callback(output = [GRANT.data, WALLET.data], input = PROMOTE.n_clicks, state = GRANT.data, prevent_initial_call = true)]
fn promote(_clicks: Option<u64>, grant: Option<Grant>) -> (Update<Grant>, Update<String>) {
    let mut grant = grant.expect("the layout seeds the grant");
    grant.role = "editor".into();
    (
        Update::Set(grant),
        Update::Set("iban DE89 3704 0044 0532 0130 00".into()),
    )
}

#[callback(output = SHOW.children, input = [GRANT.data, WALLET.data])]
fn show(grant: Option<Grant>, wallet: Option<String>) -> Update<Children> {
    Update::set(format!("{:?} / {:?}", grant.map(|g| g.role), wallet))
}

fn app(key: &[u8], previous: &[&[u8]]) -> axum::Router {
    App::new("protected")
        .layout(|| {
            html::div((
                html::button("promote").id(PROMOTE),
                html::p(()).id(SHOW),
                dcc::store(GRANT)
                    .data(Grant {
                        user: "ada".into(),
                        role: "viewer".into(),
                    })
                    .storage_type(StorageType::Local)
                    .signed(),
                dcc::store(WALLET)
                    .storage_type(StorageType::Session)
                    .encrypted(),
            ))
        })
        .callbacks(callbacks![promote, show])
        .secret_key(key.to_vec(), previous.iter().map(|k| k.to_vec()))
        .into_router()
        .unwrap()
}

fn show_body(grant: Value, wallet: Value) -> String {
    json!({
        "output": "show.children",
        "outputs": {"id": "show", "property": "children"},
        "inputs": [{"id": "grant", "property": "data", "value": grant}, {"id": "wallet", "property": "data", "value": wallet}],
    })
    .to_string()
}

fn promote_body(grant: Value) -> String {
    json!({
        "output": "..grant.data...wallet.data..",
        "outputs": [{"id": "grant", "property": "data"}, {"id": "wallet", "property": "data"}],
        "inputs": [{"id": "promote", "property": "n_clicks", "value": 1}],
        "state": [{"id": "grant", "property": "data", "value": grant}],
    })
    .to_string()
}

async fn layout_grant(router: &axum::Router) -> Value {
    get(router, "/_dash-layout").await.json()["props"]["children"][2]["props"]["data"].clone()
}

#[tokio::test]
async fn the_layout_sends_signed_data_and_the_server_reads_it_back() {
    let router = app(b"key one", &[]);
    let grant = layout_grant(&router).await;
    assert_eq!(grant["ferrodash"], "signed");
    assert_eq!(grant["json"], r#"{"user":"ada","role":"viewer"}"#);
    let answer = post_json(&router, show_body(grant, Value::Null)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.json()["response"]["show"]["children"],
        r#"Some("viewer") / None"#
    );
}

#[tokio::test]
async fn written_data_is_wrapped_and_encrypted_data_is_unreadable() {
    let router = app(b"key one", &[]);
    let answer = post_json(&router, promote_body(layout_grant(&router).await)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let response = &answer.json()["response"];
    assert_eq!(
        response["grant"]["data"]["json"],
        r#"{"user":"ada","role":"editor"}"#
    );
    let wallet = response["wallet"]["data"].clone();
    assert_eq!(wallet["ferrodash"], "encrypted");
    assert!(
        !answer.body.contains("DE89"),
        "the IBAN must not reach the browser: {}",
        answer.body
    );
    let answer = post_json(
        &router,
        show_body(response["grant"]["data"].clone(), wallet),
    )
    .await;
    assert_eq!(
        answer.json()["response"]["show"]["children"],
        r#"Some("editor") / Some("iban DE89 3704 0044 0532 0130 00")"#
    );
}

#[tokio::test]
async fn data_altered_in_the_browser_is_refused_naming_the_store() {
    let router = app(b"key one", &[]);
    let mut grant = layout_grant(&router).await;
    grant["json"] = json!(r#"{"user":"ada","role":"admin"}"#);
    let answer = post_json(&router, show_body(grant, Value::Null)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer
            .message()
            .contains("signed store `grant` was not written by this server"),
        "{}",
        answer.body
    );
    assert_eq!(
        answer.json()["error"],
        "store_data",
        "the client shows refused store data"
    );

    let plain = json!({"user": "ada", "role": "admin"});
    let answer = post_json(&router, show_body(plain, Value::Null)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);

    let forged_box =
        json!({"ferrodash": "encrypted", "box": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"});
    let answer = post_json(&router, show_body(Value::Null, forged_box)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.message().contains("encrypted store `wallet`"),
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn a_rotated_key_keeps_earlier_data_readable() {
    let old = app(b"old key", &[]);
    let answer = post_json(&old, promote_body(layout_grant(&old).await)).await;
    let response = answer.json()["response"].clone();

    let rotated = app(b"new key", &[b"old key"]);
    let answer = post_json(
        &rotated,
        show_body(
            response["grant"]["data"].clone(),
            response["wallet"]["data"].clone(),
        ),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(answer.body.contains("editor") && answer.body.contains("DE89"));

    let without_old = app(b"new key", &[]);
    let answer = post_json(
        &without_old,
        show_body(response["grant"]["data"].clone(), Value::Null),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
}
