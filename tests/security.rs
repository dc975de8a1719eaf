//! Cross-site callback requests are refused; pages carry a CSP that runs only
//! the app's own scripts, and nosniff.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{get, send};
use ferrodash::callbacks;
use ferrodash::prelude::*;
use serde_json::json;

const GO: Id<html::Button> = Id::new("go");
const OUT: Id<html::P> = Id::new("out");

#[callback(output = OUT.children, input = GO.n_clicks)]
fn count(clicks: Option<u64>) -> Update<Children> {
    Update::set(clicks.unwrap_or(0) as i64)
}

fn router() -> axum::Router {
    App::new("security")
        .layout(|| html::div((html::button("go").id(GO), html::p(()).id(OUT))))
        .callbacks(callbacks![count])
        .into_router()
        .unwrap()
}

fn request(headers: &[(&str, &str)]) -> Request<Body> {
    let body = json!({
        "output": "out.children",
        "outputs": {"id": "out", "property": "children"},
        "inputs": [{"id": "go", "property": "n_clicks", "value": 2}],
    });
    let mut builder =
        Request::post("/_dash-update-component").header("content-type", "application/json");
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    builder.body(Body::from(body.to_string())).unwrap()
}

#[tokio::test]
async fn same_origin_requests_are_served() {
    for headers in [
        vec![
            ("sec-fetch-site", "same-origin"),
            ("origin", "http://app.test"),
            ("host", "app.test"),
        ],
        vec![
            ("origin", "http://app.test:8050"),
            ("host", "app.test:8050"),
        ],
        vec![],
    ] {
        let answer = send(&router(), request(&headers)).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "{headers:?}: {}",
            answer.body
        );
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused_with_a_reason() {
    for headers in [
        vec![
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://evil.test"),
            ("host", "app.test"),
        ],
        vec![
            ("sec-fetch-site", "same-site"),
            ("origin", "http://sub.app.test"),
            ("host", "app.test"),
        ],
        vec![("origin", "http://evil.test"), ("host", "app.test")],
        vec![("origin", "null"), ("host", "app.test")],
    ] {
        let answer = send(&router(), request(&headers)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert!(
            answer.message().contains("from other sites are refused"),
            "{}",
            answer.body
        );
    }
}

#[tokio::test]
async fn pages_and_api_answers_carry_protective_headers() {
    for path in ["/", "/_dash-layout", "/_ferrodash/client/nav.js"] {
        let answer = get(&router(), path).await;
        let csp = answer.headers["content-security-policy"].to_str().unwrap();
        // The app's files, and the one script inside the page, by its hash
        // (that the browser runs it under this policy is the browser tests').
        assert!(csp.contains("script-src 'self' 'sha256-"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-eval"), "{path}: {csp}");
        assert!(!csp
            .split(';')
            .any(|d| d.contains("script-src") && d.contains("unsafe-inline")));
        assert_eq!(
            answer.headers["x-content-type-options"], "nosniff",
            "{path}"
        );
    }
}
