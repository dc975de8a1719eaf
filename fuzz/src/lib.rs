//! What the fuzz targets share: one ferrodash app with callbacks of several
//! shapes (a store of a struct, several outputs, an echo of arbitrary JSON,
//! signed and encrypted stores, a server-side store, `PreventUpdate`), a
//! harness that drives `POST /_dash-update-component` through its router,
//! and the seed request bodies the corpus starts from.
//!
//! Every callback here accepts any value that fits its Rust types without
//! failing, so a 5xx answer from the server is always a finding.

use std::collections::BTreeMap;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, Request, StatusCode};
use ferrodash::callbacks;
use ferrodash::keys::Keys;
use ferrodash::prelude::*;
use ferrodash::protect::{self, Protection};
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tower::ServiceExt;

/// The app's secret key. Fixed, so that the seed corpus can carry valid
/// signatures, sealed boxes, session cookies and handles.
pub const SECRET: &[u8] = b"ferrodash fuzzing key: public, never use it elsewhere";
/// The browser session every fuzzed request belongs to.
pub const SESSION_ID: &str = "00112233445566778899aabbccddeeff";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    pub year: u16,
    pub regions: Vec<String>,
    #[serde(default)]
    pub limit: Option<f64>,
    #[serde(default)]
    pub weights: BTreeMap<String, i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grant {
    pub user: String,
    pub role: String,
    pub level: u8,
}

const GO: Id<html::Button> = Id::new("go");
const NAME: Id<dcc::Input> = Id::new("name");
const CHOICE: Id<dcc::Dropdown> = Id::new("choice");
const FILTERS: Id<dcc::Store<Filters>> = Id::new("filters");
const ECHO: Id<dcc::Store<Value>> = Id::new("echo");
const COUNT: Id<dcc::Store<u64>> = Id::new("count");
const OUT: Id<html::Div> = Id::new("out");
const GREETING: Id<html::P> = Id::new("greeting");
const GRANT: Id<dcc::Store<Grant>> = Id::new("grant");
const VAULT: Id<dcc::Store<String>> = Id::new("vault");
const ROWS: Id<dcc::ServerStore<Vec<u64>>> = Id::new("rows");
const SUM: Id<html::P> = Id::new("sum");

/// Several outputs, inputs and states, a struct store, the callback context;
/// a plain `fn`, so it runs on the blocking pool.
#[callback(
    output = [OUT.children, COUNT.data],
    input = [GO.n_clicks, CHOICE.value],
    state = [FILTERS.data, NAME.value]
)]
fn summarize(
    clicks: Option<u64>,
    choice: Option<String>,
    filters: Option<Filters>,
    name: Option<String>,
    ctx: Context,
) -> (Update<Children>, Update<u64>) {
    let fired = ctx.triggered_id().map(str::to_owned).unwrap_or_default();
    let text = match filters {
        Some(f) => format!(
            "{fired}: {} {:?} {} regions, limit {:?}, weight {}",
            f.year,
            choice,
            f.regions.len(),
            f.limit,
            f.weights.values().fold(0i64, |a, w| a.wrapping_add(*w)),
        ),
        None => format!("{fired}: no filters, {:?} {:?}", choice, name),
    };
    (
        Update::set(text),
        clicks.map_or(Update::NoChange, |c| Update::Set(c.saturating_mul(2))),
    )
}

/// Echoes arbitrary JSON: the struct store's data as a JSON store, with the
/// previous echo kept (an input that is also its own state).
#[callback(output = ECHO.data, input = FILTERS.data, state = ECHO.data)]
async fn echo(filters: Option<Filters>, previous: Option<Value>) -> Update<Value> {
    match (filters, previous) {
        (Some(f), _) => Update::Set(json!({"filters": f})),
        (None, Some(p)) => Update::Set(p),
        (None, None) => Update::NoChange,
    }
}

/// `Result` with `PreventUpdate`: a 204 for an empty name.
#[callback(output = GREETING.children, input = NAME.value)]
async fn greet(name: Option<String>) -> Result<Update<Children>, PreventUpdate> {
    match name {
        Some(name) if !name.is_empty() => Ok(Update::set(format!("Hello, {name}"))),
        _ => Err(PreventUpdate),
    }
}

/// Signed and encrypted stores, read as state and written back.
#[callback(
    output = [GRANT.data, VAULT.data],
    input = GO.n_clicks,
    state = [GRANT.data, VAULT.data],
    prevent_initial_call = true
)]
fn promote(
    clicks: Option<u64>,
    grant: Option<Grant>,
    vault: Option<String>,
) -> Result<(Update<Grant>, Update<String>), PreventUpdate> {
    let mut grant = grant.ok_or(PreventUpdate)?;
    grant.level = grant.level.saturating_add(1);
    let vault = format!("{}|{}", vault.unwrap_or_default(), clicks.unwrap_or(0));
    Ok((Update::Set(grant), Update::Set(vault)))
}

/// Writes a server-side store.
#[callback(output = ROWS.data, input = CHOICE.value, prevent_initial_call = true)]
async fn load_rows(choice: Option<String>) -> Update<dcc::Shared<Vec<u64>>> {
    match choice {
        Some(c) => Update::set(c.bytes().map(u64::from).collect::<Vec<u64>>()),
        None => Update::NoChange,
    }
}

/// Reads a server-side store.
#[callback(output = SUM.children, input = ROWS.data)]
async fn sum_rows(rows: Option<dcc::Shared<Vec<u64>>>) -> Update<Children> {
    Update::set(match rows {
        Some(rows) => format!("{} rows, sum {}", rows.len(), rows.iter().sum::<u64>()),
        None => "no rows".to_owned(),
    })
}

fn layout() -> Component {
    html::div((
        html::button("go").id(GO),
        dcc::input(NAME).value("ada"),
        dcc::dropdown(CHOICE).options(["a", "b"]),
        html::div(()).id(OUT),
        html::p(()).id(GREETING),
        html::p(()).id(SUM),
        dcc::store(FILTERS).data(Filters {
            year: 2024,
            regions: vec!["EU".into()],
            limit: Some(1.5),
            weights: BTreeMap::new(),
        }),
        dcc::store(ECHO),
        dcc::store(COUNT),
        dcc::store(GRANT)
            .data(Grant {
                user: "ada".into(),
                role: "viewer".into(),
                level: 1,
            })
            .signed(),
        dcc::store(VAULT).encrypted(),
        dcc::server_store(ROWS),
    ))
    .into_component()
}

/// The signing keys of the app.
pub fn keys() -> Keys {
    Keys::new(SECRET.to_vec(), [])
}

/// `ferrodash_session=<id>.<signature>` for [`SESSION_ID`].
pub fn session_cookie() -> String {
    let signature = keys().sign(&["session", SESSION_ID]);
    format!("ferrodash_session={SESSION_ID}.{signature}")
}

pub fn router() -> axum::Router {
    App::new("fuzz")
        .layout(layout)
        .callbacks(callbacks![
            summarize, echo, greet, promote, load_rows, sum_rows
        ])
        .secret_key(SECRET.to_vec(), [])
        .into_router()
        .expect("the fuzzing app builds")
}

/// The router and one current-thread runtime, made once per process.
pub struct Harness {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
    cookie: HeaderValue,
}

impl Default for Harness {
    fn default() -> Self {
        Self::new()
    }
}

impl Harness {
    pub fn new() -> Self {
        Harness {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime"),
            router: router(),
            cookie: HeaderValue::from_str(&session_cookie()).expect("an ASCII cookie"),
        }
    }

    /// Posts `body` as a callback request (JSON, same origin, with the
    /// session cookie) and returns the status and body of the answer.
    pub fn post(&self, body: &[u8]) -> (StatusCode, Bytes) {
        let request = Request::post("/_dash-update-component")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, self.cookie.clone())
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body.to_vec()))
            .expect("a request");
        self.runtime.block_on(async {
            let response = self
                .router
                .clone()
                .oneshot(request)
                .await
                .expect("the router is infallible");
            let status = response.status();
            let bytes = response
                .into_body()
                .collect()
                .await
                .expect("the body is collected")
                .to_bytes();
            (status, bytes)
        })
    }

    /// Posts `body` and panics (a fuzzing finding) unless the answer is a
    /// 200 with Dash's envelope, an empty 204, or a 4xx whose JSON body has
    /// a `message`.
    pub fn check(&self, body: &[u8]) {
        let (status, answer) = self.post(body);
        let text = String::from_utf8_lossy(&answer);
        match status.as_u16() {
            200 => {
                let json: Value = serde_json::from_slice(&answer)
                    .unwrap_or_else(|e| panic!("a 200 that is not JSON ({e}): {text}"));
                assert_eq!(json["multi"], true, "a 200 without `multi`: {text}");
                assert!(
                    json["response"].is_object(),
                    "a 200 without `response`: {text}"
                );
            }
            204 => assert!(answer.is_empty(), "a 204 with a body: {text}"),
            400..=499 => {
                let json: Value = serde_json::from_slice(&answer)
                    .unwrap_or_else(|e| panic!("a {status} that is not JSON ({e}): {text}"));
                assert!(
                    json["message"].as_str().is_some_and(|m| !m.is_empty()),
                    "a {status} without a message: {text}"
                );
            }
            _ => panic!("status {status} for a callback request: {text}"),
        }
    }
}

/// Real request bodies, one per path through the server, with valid
/// signatures, sealed boxes and handles under [`SECRET`]: the seed corpus
/// of `update_component`.
pub fn update_seeds() -> Vec<(&'static str, String)> {
    let keys = keys();
    let grant = json!({"user": "ada", "role": "viewer", "level": 1});
    let signed = protect::wrap(&keys, Protection::Signed, "grant", &grant);
    let sealed = protect::wrap(&keys, Protection::Encrypted, "vault", &json!("secret|1"));
    let handle = keys.handle(SESSION_ID, "rows", 1);
    let filters =
        json!({"year": 2024, "regions": ["EU", "US"], "limit": 2.5, "weights": {"a": 1, "b": -3}});
    let summarize = |inputs: Value, state: Value, changed: Value| {
        json!({
            "output": "..out.children...count.data..",
            "outputs": [{"id": "out", "property": "children"}, {"id": "count", "property": "data"}],
            "inputs": inputs,
            "changedPropIds": changed,
            "state": state,
        })
    };
    let bodies = vec![
        (
            "summarize",
            summarize(
                json!([{"id": "go", "property": "n_clicks", "value": 3}, {"id": "choice", "property": "value", "value": "a"}]),
                json!([{"id": "filters", "property": "data", "value": filters}, {"id": "name", "property": "value", "value": "ada"}]),
                json!(["go.n_clicks"]),
            ),
        ),
        (
            "summarize_undefined",
            summarize(
                json!([{"id": "go", "property": "n_clicks"}, {"id": "choice", "property": "value", "value": null}]),
                json!([{"id": "filters", "property": "data", "value": null}, {"id": "name", "property": "value"}]),
                json!([]),
            ),
        ),
        (
            "echo",
            json!({
                "output": "echo.data",
                "outputs": {"id": "echo", "property": "data"},
                "inputs": [{"id": "filters", "property": "data", "value": null}],
                "state": [{"id": "echo", "property": "data", "value": {"a": [1, 2.5, -3e10, "\u{e9}\u{2028}", true, null, {"b": {}}]}}],
                "changedPropIds": ["filters.data"],
            }),
        ),
        (
            "greet",
            json!({
                "output": "greeting.children",
                "outputs": {"id": "greeting", "property": "children"},
                "inputs": [{"id": "name", "property": "value", "value": "grace"}],
                "changedPropIds": ["name.value"],
            }),
        ),
        (
            "greet_prevented",
            json!({
                "output": "greeting.children",
                "outputs": {"id": "greeting", "property": "children@a1b2"},
                "inputs": [{"id": "name", "property": "value", "value": ""}],
            }),
        ),
        (
            "promote",
            json!({
                "output": "..grant.data...vault.data..",
                "outputs": [{"id": "grant", "property": "data"}, {"id": "vault", "property": "data"}],
                "inputs": [{"id": "go", "property": "n_clicks", "value": 1}],
                "state": [{"id": "grant", "property": "data", "value": signed}, {"id": "vault", "property": "data", "value": sealed}],
                "changedPropIds": ["go.n_clicks"],
            }),
        ),
        (
            "load_rows",
            json!({
                "output": "rows.data",
                "outputs": {"id": "rows", "property": "data"},
                "inputs": [{"id": "choice", "property": "value", "value": "abc"}],
                "changedPropIds": ["choice.value"],
            }),
        ),
        (
            "sum_rows",
            json!({
                "output": "sum.children",
                "outputs": {"id": "sum", "property": "children"},
                "inputs": [{"id": "rows", "property": "data", "value": handle}],
                "changedPropIds": ["rows.data"],
            }),
        ),
    ];
    bodies
        .into_iter()
        .map(|(name, body)| (name, body.to_string()))
        .collect()
}

/// Seeds of the `keys` target: `data \n store \n session` with a valid
/// cookie, handle and envelopes.
pub fn keys_seeds() -> Vec<(&'static str, String)> {
    let keys = keys();
    let cookie = session_cookie();
    let cookie = cookie.trim_start_matches("ferrodash_session=");
    let data = json!({"user": "ada", "n": [1, 2.5, null]});
    vec![
        ("cookie", format!("{cookie}\nrows\n{SESSION_ID}")),
        (
            "handle",
            format!("{}\nrows\n{SESSION_ID}", keys.handle(SESSION_ID, "rows", 7)),
        ),
        (
            "signed",
            format!(
                "{}\ngrant\n{SESSION_ID}",
                protect::wrap(&keys, Protection::Signed, "grant", &data)
            ),
        ),
        (
            "encrypted",
            format!(
                "{}\nvault\n{SESSION_ID}",
                protect::wrap(&keys, Protection::Encrypted, "vault", &data)
            ),
        ),
        ("json", format!("{data}\nstore\n{SESSION_ID}")),
    ]
}
