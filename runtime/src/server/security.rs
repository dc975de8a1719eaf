//! Cross-site request refusal and protective response headers.

use std::sync::OnceLock;

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::ApiError;

/// Only the app's own scripts run: its files, and the client inside the
/// page, named by its hash. Styles set through the DOM are allowed (the
/// client never writes a `style` attribute from markup).
fn csp() -> &'static HeaderValue {
    static CSP: OnceLock<HeaderValue> = OnceLock::new();
    CSP.get_or_init(|| {
        let policy = format!(
            "default-src 'self'; script-src 'self' {}; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
            super::assets::bundle_csp_source()
        );
        HeaderValue::from_str(&policy).expect("a CSP of ASCII text is a valid header value")
    })
}

/// Whether a state-changing request comes from another site: browsers say
/// so in `Sec-Fetch-Site`, and older ones give an `Origin` to compare with
/// `Host`. Requests without either (curl, tests, servers) are not from a
/// browser page and carry no ambient credentials to abuse.
fn cross_site(headers: &HeaderMap) -> Option<String> {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        if site != "same-origin" && site != "none" {
            return Some(format!("Sec-Fetch-Site: {site}"));
        }
        return None;
    }
    let origin = headers.get(header::ORIGIN)?.to_str().ok()?;
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    (origin_host != host).then(|| format!("Origin {origin} is not this server ({host})"))
}

pub(super) async fn guard(request: Request, next: Next) -> Response {
    if request.method() == Method::POST {
        if let Some(why) = cross_site(request.headers()) {
            return ApiError {
                status: StatusCode::FORBIDDEN,
                kind: "cross_site",
                message: format!("callback requests from other sites are refused ({why})"),
            }
            .into_response();
        }
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, csp().clone());
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}
