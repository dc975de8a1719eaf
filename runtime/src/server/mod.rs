//! The axum server: Dash's routes over a built [`App`].

mod assets;
mod error;
mod index;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::FutureExt;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;

pub use error::ApiError;

use crate::app::{BuiltApp, Error};
use crate::callback::CallError;
use crate::protocol::{response_body, UpdateRequest};
use crate::update::CallbackError;

/// Server settings; see the `App` builder methods that set them.
#[derive(Clone, Debug)]
pub struct Config {
    /// Largest accepted request body, in bytes.
    pub body_limit: usize,
    /// Dash's `requests_pathname_prefix`: where the API lives, ending in `/`.
    pub prefix: String,
    /// Prepended to the browser-storage keys of local and session stores.
    pub store_prefix: String,
    /// Development mode: error details go to the browser.
    pub debug: bool,
}

/// 10 MiB: a store filled to the browser's ~5 MiB localStorage quota, sent as
/// both an input and a state, still fits.
pub const DEFAULT_BODY_LIMIT: usize = 10 * 1024 * 1024;

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: DEFAULT_BODY_LIMIT,
            prefix: "/".to_owned(),
            store_prefix: String::new(),
            debug: false,
        }
    }
}

struct Shared {
    app: BuiltApp,
    dependencies: Bytes,
}

/// The router of a built app.
pub fn router(app: BuiltApp) -> Router {
    let dependencies = Bytes::from(crate::protocol::dependencies(&app.graph).to_string());
    let limit = app.config.body_limit;
    let shared = Arc::new(Shared { app, dependencies });
    Router::new()
        .route("/_dash-layout", get(layout))
        .route("/_dash-dependencies", get(dependencies_route))
        .route("/_dash-update-component", post(update))
        .route("/_ferrodash/client/{file}", get(assets::client_file))
        .fallback(fallback)
        .with_state(shared)
        .layer(DefaultBodyLimit::max(limit))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::internal("panic", "the server failed while answering; see its log")
                .into_response()
        }))
}

/// Serves a router on `addr` until Ctrl-C.
pub async fn serve(router: Router, addr: SocketAddr, title: &str) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(Error::Io)?;
    let local = listener.local_addr().map_err(Error::Io)?;
    tracing::info!("serving {title:?} on http://{local}/");
    println!("ferrodash: serving {title:?} on http://{local}/");
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(Error::Io)
}

async fn layout(State(shared): State<Arc<Shared>>) -> Response {
    Json(shared.app.layout_json()).into_response()
}

async fn dependencies_route(State(shared): State<Arc<Shared>>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        shared.dependencies.clone(),
    )
        .into_response()
}

/// Every other GET is the index page, as in Dash (multi-page apps route on
/// the client); anything else is a 404 or 405 with a JSON message.
async fn fallback(State(shared): State<Arc<Shared>>, method: Method) -> Response {
    if method == Method::GET || method == Method::HEAD {
        let config = &shared.app.config;
        return Html(index::page(&shared.app.title, config)).into_response();
    }
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        kind: "method_not_allowed",
        message: format!(
            "{method} is not served here; callbacks are POSTed to /_dash-update-component"
        ),
    }
    .into_response()
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

/// `POST /_dash-update-component`: run one callback.
async fn update(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    if !is_json(&headers) {
        return Err(ApiError {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            kind: "unsupported_media_type",
            message: "a callback request must have `Content-Type: application/json`".to_owned(),
        });
    }
    let body = body.map_err(|rejection| {
        let status = rejection.status();
        let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
            format!(
                "the request body is larger than the limit of {} bytes (set it with `App::body_limit`)",
                shared.app.config.body_limit
            )
        } else {
            rejection.body_text()
        };
        ApiError {
            status,
            kind: "bad_body",
            message,
        }
    })?;
    let request: UpdateRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("malformed callback request: {e}")))?;
    let Some(def) = shared.app.graph.get(&request.output) else {
        return Err(ApiError::bad_request(format!(
            "no callback has the output `{}`; the callbacks are listed at /_dash-dependencies",
            truncate(&request.output)
        )));
    };
    let (args, mut info) = request.arguments(def).map_err(ApiError::bad_request)?;
    info.resources = shared.app.resources.clone();

    // The call runs in its own task so that a panic is contained there: the
    // request gets a 500 naming the callback and the server keeps serving.
    let call = std::panic::AssertUnwindSafe(def.call(args, info)).catch_unwind();
    let outcome = tokio::spawn(call).await;
    let name = def.site.name;
    let debug = shared.app.config.debug;
    match outcome {
        Ok(Ok(Ok(outputs))) => Ok(Json(response_body(def, outputs)).into_response()),
        Ok(Ok(Err(CallError::Callback(CallbackError::Prevented)))) => {
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        Ok(Ok(Err(CallError::Decode { index, message }))) => {
            let (role, prop) = def.param(index);
            Err(ApiError::bad_request(format!(
                "the {role} `{prop}` of callback `{name}` does not fit its Rust type: {message}"
            )))
        }
        Ok(Ok(Err(CallError::MissingResource(type_name)))) => Err(ApiError::internal(
            "missing_resource",
            format!("callback `{name}` needs a `Resource<{type_name}>` that the app was not given"),
        )),
        Ok(Ok(Err(CallError::Callback(error)))) => {
            tracing::error!(callback = name, "{error}");
            let detail = if debug {
                format!(": {error}")
            } else {
                "; see the server log".to_owned()
            };
            Err(ApiError::internal(
                "callback_failed",
                format!("callback `{name}` failed{detail}"),
            ))
        }
        Ok(Err(panic)) => {
            let text = panic_text(&*panic);
            tracing::error!(callback = name, "callback panicked: {text}");
            let detail = if debug {
                format!(": {text}")
            } else {
                "; see the server log".to_owned()
            };
            Err(ApiError::internal(
                "callback_panicked",
                format!("callback `{name}` panicked{detail}"),
            ))
        }
        Err(join) => {
            tracing::error!(callback = name, "callback task ended: {join}");
            Err(ApiError::internal(
                "callback_panicked",
                format!("callback `{name}` did not finish"),
            ))
        }
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".to_owned())
}

fn truncate(text: &str) -> String {
    const MAX: usize = 200;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
