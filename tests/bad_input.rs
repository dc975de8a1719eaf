//! The bad-input matrix: malformed callback requests, each answered with a
//! 4xx and a message saying what was wrong; never a panic or a 5xx.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::send;
use ferrodash::callbacks;
use ferrodash::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Filters {
    year: u16,
    regions: Vec<String>,
}

const GO: Id<html::Button> = Id::new("go");
const OUT: Id<html::Div> = Id::new("out");
const FILTERS: Id<dcc::Store<Filters>> = Id::new("filters");
const COUNT: Id<dcc::Store<u64>> = Id::new("count");

#[callback(output = [OUT.children, COUNT.data], input = GO.n_clicks, state = FILTERS.data)]
fn show(clicks: Option<u64>, filters: Option<Filters>) -> (Update<Children>, Update<u64>) {
    let year = filters.map_or(0, |f| f.year);
    (
        Update::set(format!("{year}")),
        Update::Set(clicks.unwrap_or(0)),
    )
}

fn router() -> axum::Router {
    App::new("bad input")
        .layout(|| {
            html::div((
                html::button("go").id(GO),
                html::div(()).id(OUT),
                dcc::store(FILTERS),
                dcc::store(COUNT),
            ))
        })
        .callbacks(callbacks![show])
        .body_limit(64 * 1024)
        .into_router()
        .unwrap()
}

const OUTPUT: &str = "..out.children...count.data..";
const OUTPUTS: &str = r#"[{"id":"out","property":"children"},{"id":"count","property":"data"}]"#;

/// A well-formed body whose `inputs` and `state` are replaced.
fn body(inputs: &str, state: &str) -> String {
    format!(r#"{{"output":"{OUTPUT}","outputs":{OUTPUTS},"inputs":{inputs},"state":{state}}}"#)
}

fn good_inputs() -> &'static str {
    r#"[{"id":"go","property":"n_clicks","value":1}]"#
}

fn good_state() -> &'static str {
    r#"[{"id":"filters","property":"data","value":{"year":2024,"regions":["EU"]}}]"#
}

async fn post(content_type: Option<&str>, body: impl Into<Body>) -> common::Answer {
    let mut request = Request::post("/_dash-update-component");
    if let Some(ct) = content_type {
        request = request.header("content-type", ct);
    }
    send(&router(), request.body(body.into()).unwrap()).await
}

/// Asserts a 4xx whose JSON message contains `needle`.
async fn refused(answer: common::Answer, status: StatusCode, needle: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert!(answer.status.is_client_error());
    let message = answer.message();
    assert!(
        message.contains(needle),
        "message {message:?} should contain {needle:?}"
    );
}

macro_rules! bad {
    ($name:ident, $body:expr, $status:ident, $needle:expr) => {
        bad!($name, Some("application/json"), $body, $status, $needle);
    };
    ($name:ident, $ct:expr, $body:expr, $status:ident, $needle:expr) => {
        #[tokio::test]
        async fn $name() {
            refused(post($ct, $body).await, StatusCode::$status, $needle).await;
        }
    };
}

#[tokio::test]
async fn the_well_formed_request_is_accepted() {
    let answer = post(Some("application/json"), body(good_inputs(), good_state())).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.body,
        r#"{"multi":true,"response":{"out":{"children":"2024"},"count":{"data":1}}}"#
    );
}

bad!(empty_body, "", BAD_REQUEST, "EOF while parsing");
bad!(not_json, "hello", BAD_REQUEST, "malformed callback request");
bad!(
    truncated_json,
    r#"{"output":"#,
    BAD_REQUEST,
    "EOF while parsing"
);
bad!(
    json_array_body,
    "[1,2,3]",
    BAD_REQUEST,
    "malformed callback request"
);
bad!(
    json_string_body,
    r#""output""#,
    BAD_REQUEST,
    "malformed callback request"
);
bad!(
    json_null_body,
    "null",
    BAD_REQUEST,
    "malformed callback request"
);
bad!(
    trailing_garbage,
    format!("{} x", body(good_inputs(), good_state())),
    BAD_REQUEST,
    "trailing characters"
);
bad!(
    invalid_utf8,
    vec![b'{', b'"', 0xff, 0xfe, b'"', b'}'],
    BAD_REQUEST,
    "malformed callback request"
);
bad!(
    missing_output,
    r#"{"outputs":{"id":"out","property":"children"},"inputs":[]}"#,
    BAD_REQUEST,
    "missing field `output`"
);
bad!(
    missing_outputs,
    format!(r#"{{"output":"{OUTPUT}","inputs":[]}}"#),
    BAD_REQUEST,
    "missing field `outputs`"
);
bad!(
    missing_inputs,
    format!(r#"{{"output":"{OUTPUT}","outputs":{OUTPUTS}}}"#),
    BAD_REQUEST,
    "missing field `inputs`"
);
bad!(
    output_not_a_string,
    format!(r#"{{"output":7,"outputs":{OUTPUTS},"inputs":[]}}"#),
    BAD_REQUEST,
    "invalid type: integer `7`"
);
bad!(
    inputs_not_a_list,
    format!(r#"{{"output":"{OUTPUT}","outputs":{OUTPUTS},"inputs":{{}}}}"#),
    BAD_REQUEST,
    "malformed callback request"
);
bad!(
    input_without_property,
    body(r#"[{"id":"go","value":1}]"#, good_state()),
    BAD_REQUEST,
    "missing field `property`"
);
bad!(
    outputs_wrong_shape,
    format!(r#"{{"output":"{OUTPUT}","outputs":"out.children","inputs":[]}}"#),
    BAD_REQUEST,
    "malformed `outputs`"
);
bad!(
    unknown_callback,
    r#"{"output":"nope.children","outputs":{"id":"nope","property":"children"},"inputs":[]}"#,
    BAD_REQUEST,
    "no callback has the output `nope.children`"
);
bad!(
    unknown_callback_long_id_is_cut,
    format!(
        r#"{{"output":"{}","outputs":[],"inputs":[]}}"#,
        "a".repeat(5000)
    ),
    BAD_REQUEST,
    "…"
);
bad!(
    outputs_for_another_callback,
    format!(
        r#"{{"output":"{OUTPUT}","outputs":[{{"id":"x","property":"children"}}],"inputs":{},"state":{}}}"#,
        good_inputs(),
        good_state()
    ),
    BAD_REQUEST,
    "`outputs` [x.children] do not match callback `show`"
);
bad!(
    outputs_swapped,
    format!(
        r#"{{"output":"{OUTPUT}","outputs":[{{"id":"count","property":"data"}},{{"id":"out","property":"children"}}],"inputs":{},"state":{}}}"#,
        good_inputs(),
        good_state()
    ),
    BAD_REQUEST,
    "do not match callback `show`"
);
bad!(
    too_many_inputs,
    body(
        r#"[{"id":"go","property":"n_clicks","value":1},{"id":"go","property":"n_clicks","value":1}]"#,
        good_state()
    ),
    BAD_REQUEST,
    "`inputs`"
);
bad!(
    no_inputs,
    body("[]", good_state()),
    BAD_REQUEST,
    "which declares [go.n_clicks]"
);
bad!(
    input_of_another_prop,
    body(
        r#"[{"id":"go","property":"children","value":1}]"#,
        good_state()
    ),
    BAD_REQUEST,
    "[go.children] do not match"
);
bad!(
    missing_state,
    format!(
        r#"{{"output":"{OUTPUT}","outputs":{OUTPUTS},"inputs":{}}}"#,
        good_inputs()
    ),
    BAD_REQUEST,
    "`state` [] do not match"
);
bad!(
    input_value_wrong_type,
    body(
        r#"[{"id":"go","property":"n_clicks","value":"three"}]"#,
        good_state()
    ),
    BAD_REQUEST,
    "input `go.n_clicks` of callback `show` does not fit its Rust type"
);
bad!(
    negative_clicks,
    body(
        r#"[{"id":"go","property":"n_clicks","value":-1}]"#,
        good_state()
    ),
    BAD_REQUEST,
    "invalid value: integer `-1`"
);
bad!(
    huge_integer,
    body(
        r#"[{"id":"go","property":"n_clicks","value":123456789012345678901234567890}]"#,
        good_state()
    ),
    BAD_REQUEST,
    "go.n_clicks"
);
bad!(
    number_out_of_range,
    body(
        r#"[{"id":"go","property":"n_clicks","value":1e400}]"#,
        good_state()
    ),
    BAD_REQUEST,
    "number out of range"
);
bad!(store_data_of_wrong_shape, body(good_inputs(), r#"[{"id":"filters","property":"data","value":{"year":"twenty"}}]"#), BAD_REQUEST, "state `filters.data` of callback `show` does not fit its Rust type: invalid type: string \"twenty\"");
bad!(
    store_data_missing_field,
    body(
        good_inputs(),
        r#"[{"id":"filters","property":"data","value":{"year":2024}}]"#
    ),
    BAD_REQUEST,
    "missing field `regions`"
);
bad!(
    store_data_overflowing_field,
    body(
        good_inputs(),
        r#"[{"id":"filters","property":"data","value":{"year":70000,"regions":[]}}]"#
    ),
    BAD_REQUEST,
    "filters.data"
);
bad!(
    deep_nesting,
    body(
        good_inputs(),
        &format!(
            r#"[{{"id":"filters","property":"data","value":{}1{}}}]"#,
            "[".repeat(10_000),
            "]".repeat(10_000)
        )
    ),
    BAD_REQUEST,
    "state `filters.data` of callback `show` does not fit"
);
bad!(
    oversized_body,
    body(
        good_inputs(),
        &format!(
            r#"[{{"id":"filters","property":"data","value":"{}"}}]"#,
            "x".repeat(100_000)
        )
    ),
    PAYLOAD_TOO_LARGE,
    "limit of 65536 bytes"
);
bad!(
    wrong_content_type,
    Some("text/plain"),
    body(good_inputs(), good_state()),
    UNSUPPORTED_MEDIA_TYPE,
    "application/json"
);
bad!(
    form_content_type,
    Some("application/x-www-form-urlencoded"),
    "output=out.children",
    UNSUPPORTED_MEDIA_TYPE,
    "application/json"
);
bad!(
    missing_content_type,
    None,
    body(good_inputs(), good_state()),
    UNSUPPORTED_MEDIA_TYPE,
    "Content-Type"
);

#[tokio::test]
async fn nesting_as_deep_as_the_body_limit_allows_is_refused_without_a_crash() {
    let router = App::new("deep")
        .layout(|| {
            html::div((
                html::button("go").id(GO),
                html::div(()).id(OUT),
                dcc::store(FILTERS),
                dcc::store(COUNT),
            ))
        })
        .callbacks(callbacks![show])
        .into_router()
        .unwrap();
    let depth = 4 * 1024 * 1024;
    let state = format!(
        r#"[{{"id":"filters","property":"data","value":{}1{}}}]"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let request = axum::http::Request::post("/_dash-update-component")
        .header("content-type", "application/json")
        .body(Body::from(body(good_inputs(), &state)))
        .unwrap();
    let answer = send(&router, request).await;
    assert_eq!(
        answer.status,
        StatusCode::BAD_REQUEST,
        "{}",
        &answer.body[..answer.body.len().min(300)]
    );
}
