//! Server-side stores over HTTP: the browser holds a signed handle bound to
//! its session; callbacks read and write the kept data; forged or foreign
//! handles are refused.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{get, send};
use ferrodash::callbacks;
use ferrodash::prelude::*;
use serde_json::{json, Value};

const LOAD: Id<html::Button> = Id::new("load");
const ROWS: Id<dcc::ServerStore<Vec<u64>>> = Id::new("rows");
const SUM: Id<html::P> = Id::new("sum");

#[callback(output = ROWS.data, input = LOAD.n_clicks, prevent_initial_call = true)]
fn load(clicks: Option<u64>) -> Update<dcc::Shared<Vec<u64>>> {
    let n = clicks.unwrap_or(0) * 10_000;
    Update::set((1..=n).collect::<Vec<u64>>())
}

#[callback(output = SUM.children, input = ROWS.data)]
fn sum(rows: Option<dcc::Shared<Vec<u64>>>) -> Update<Children> {
    Update::set(match rows {
        Some(rows) => format!("{} rows, sum {}", rows.len(), rows.iter().sum::<u64>()),
        None => "empty".to_owned(),
    })
}

fn router() -> axum::Router {
    App::new("server store")
        .layout(|| {
            html::div((
                html::button("load").id(LOAD),
                html::p(()).id(SUM),
                dcc::server_store(ROWS),
            ))
        })
        .callbacks(callbacks![load, sum])
        .secret_key(b"test key".to_vec(), [])
        .into_router()
        .unwrap()
}

/// The session cookie the index page sets, as `name=value`.
async fn session(router: &axum::Router) -> String {
    let page = get(router, "/").await;
    let cookie = page.headers["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    cookie.split(';').next().unwrap().to_owned()
}

async fn post(router: &axum::Router, cookie: Option<&str>, body: Value) -> common::Answer {
    let mut request =
        Request::post("/_dash-update-component").header("content-type", "application/json");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    send(router, request.body(Body::from(body.to_string())).unwrap()).await
}

fn load_body(clicks: u64) -> Value {
    json!({
        "output": "rows.data",
        "outputs": {"id": "rows", "property": "data"},
        "inputs": [{"id": "load", "property": "n_clicks", "value": clicks}],
        "changedPropIds": ["load.n_clicks"],
    })
}

fn sum_body(handle: Value) -> Value {
    json!({
        "output": "sum.children",
        "outputs": {"id": "sum", "property": "children"},
        "inputs": [{"id": "rows", "property": "data", "value": handle}],
    })
}

#[tokio::test]
async fn the_layout_shows_a_memory_store_without_data() {
    let layout = get(&router(), "/_dash-layout").await.json();
    let store = &layout["props"]["children"][2];
    assert_eq!(
        store,
        &json!({"props": {"id": "rows", "storage_type": "memory", "server_side": true}, "type": "Store", "namespace": "dash_core_components"})
    );
}

#[tokio::test]
async fn a_written_store_answers_with_a_handle_and_reads_it_back() {
    let router = router();
    let cookie = session(&router).await;
    let answer = post(&router, Some(&cookie), load_body(1)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let handle = answer.json()["response"]["rows"]["data"].clone();
    assert!(handle.as_str().unwrap().starts_with('v'), "{handle}");
    assert!(
        answer.body.len() < 200,
        "the rows stay on the server: {}",
        answer.body
    );

    let request = sum_body(handle.clone());
    assert!(request.to_string().len() < 1024);
    let answer = post(&router, Some(&cookie), request).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.json()["response"]["sum"]["children"],
        "10000 rows, sum 50005000"
    );

    // A new write gives a new handle, so the browser sees a change.
    let second =
        post(&router, Some(&cookie), load_body(2)).await.json()["response"]["rows"]["data"].clone();
    assert_ne!(second, handle);
    let answer = post(&router, Some(&cookie), sum_body(second)).await;
    assert_eq!(
        answer.json()["response"]["sum"]["children"],
        "20000 rows, sum 200010000"
    );
}

#[tokio::test]
async fn a_session_never_reads_another_sessions_data() {
    let router = router();
    let alice = session(&router).await;
    let bob = session(&router).await;
    assert_ne!(alice, bob);
    let handle =
        post(&router, Some(&alice), load_body(1)).await.json()["response"]["rows"]["data"].clone();

    // Bob presenting Alice's handle is refused; with no handle he sees his own, empty, store.
    let answer = post(&router, Some(&bob), sum_body(handle)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.message().contains("did not issue to this session"),
        "{}",
        answer.body
    );
    let answer = post(&router, Some(&bob), sum_body(Value::Null)).await;
    assert_eq!(answer.json()["response"]["sum"]["children"], "empty");
}

#[tokio::test]
async fn forged_handles_and_cookies_are_refused() {
    let router = router();
    let cookie = session(&router).await;
    let handle = post(&router, Some(&cookie), load_body(1)).await.json()["response"]["rows"]
        ["data"]
        .as_str()
        .unwrap()
        .to_owned();
    for forged in [
        handle.replacen('v', "v9", 1),
        format!("{handle}0"),
        "v1.00".to_owned(),
    ] {
        let answer = post(&router, Some(&cookie), sum_body(json!(forged))).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{forged}");
    }
    let answer = post(&router, Some(&cookie), sum_body(json!({"rows": [1, 2, 3]}))).await;
    assert_eq!(
        answer.status,
        StatusCode::BAD_REQUEST,
        "data in place of a handle"
    );

    let (name, value) = cookie.split_once('=').unwrap();
    // Another last hex digit: the signature no longer matches.
    let last = if value.ends_with('0') { '1' } else { '0' };
    let altered = format!("{name}={}{last}", &value[..value.len() - 1]);
    let answer = post(&router, Some(&altered), sum_body(json!(handle))).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.message().contains("session cookie"),
        "{}",
        answer.body
    );
    let answer = post(&router, None, sum_body(json!(handle))).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_page_with_a_valid_session_keeps_it() {
    let router = router();
    let cookie = session(&router).await;
    let request = Request::get("/")
        .header("cookie", &cookie)
        .body(Body::empty())
        .unwrap();
    let page = send(&router, request).await;
    assert!(page.headers.get("set-cookie").is_none());
}
