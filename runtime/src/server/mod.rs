//! The axum server: Dash's routes over a built [`App`](crate::App).

mod assets;
mod error;
mod index;
mod memory;
mod security;
mod stores;
mod update;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::Value;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;

pub use error::ApiError;

use crate::app::{BuiltApp, Error};

/// Server settings; see the `App` builder methods that set them.
#[derive(Clone, Debug)]
pub struct Config {
    /// Largest accepted request body, in bytes.
    pub body_limit: usize,
    /// Dash's `requests_pathname_prefix`: where the API lives, ending in `/`.
    pub prefix: String,
    /// Prepended to the browser-storage keys of local and session stores;
    /// by default the app's path prefix, so two apps on one host and port
    /// never share keys (an app at `/` keeps Dash's exact keys).
    pub store_prefix: Option<String>,
    /// Development mode: error details go to the browser.
    pub debug: bool,
    /// How long one callback may run before its request gets a 504.
    pub callback_timeout: Duration,
}

/// 10 MiB: a store filled to the browser's ~5 MiB localStorage quota, sent as
/// both an input and a state, still fits.
pub const DEFAULT_BODY_LIMIT: usize = 10 * 1024 * 1024;

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: DEFAULT_BODY_LIMIT,
            prefix: "/".to_owned(),
            store_prefix: None,
            debug: false,
            callback_timeout: Duration::from_secs(30),
        }
    }
}

impl Config {
    /// The prefix of this app's browser-storage keys.
    pub fn store_key_prefix(&self) -> &str {
        match &self.store_prefix {
            Some(prefix) => prefix,
            None if self.prefix == "/" => "",
            None => &self.prefix,
        }
    }
}

struct Shared {
    app: BuiltApp,
    dependencies: Bytes,
    /// The clientside callbacks' functions, if the app has any.
    clientside: Option<String>,
    keys: crate::server_store::Keys,
    backend: crate::server_store::Backend,
    /// How long each callback (by position in the graph) tends to run.
    paces: Vec<update::Pace>,
}

/// The router of a built app.
pub fn router(app: BuiltApp) -> Router {
    memory::tune();
    let dependencies = Bytes::from(crate::protocol::dependencies(&app.graph).to_string());
    let limit = app.config.body_limit;
    let keys = app.keys.clone();
    let backend = app.backend.clone();
    let clientside = crate::protocol::clientside_script(&app.graph);
    let paces = (0..app.graph.len())
        .map(|_| update::Pace::default())
        .collect();
    let shared = Arc::new(Shared {
        app,
        dependencies,
        clientside,
        keys,
        backend,
        paces,
    });
    let at = |path: &str| format!("{}{path}", shared.app.config.prefix);
    let routes = Router::new()
        .route(&at("_dash-layout"), get(layout))
        .route(&at("_dash-dependencies"), get(dependencies_route))
        .route(&at("_dash-update-component"), post(update::update))
        .route(&at("_ferrodash/client/{file}"), get(assets::client_file))
        .route(&at("_ferrodash/clientside.js"), get(clientside_route));
    // At `/` every other GET is the index page (Dash's catch-all). Under a
    // path prefix only that path's pages are, with no fallback, so several
    // apps can be merged into one router (`Router::merge`).
    let prefix = shared.app.config.prefix.clone();
    let routes = if prefix == "/" {
        // Browsers ask for a favicon; the app has none, and says so cheaply.
        routes
            .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
            .fallback(fallback)
    } else {
        routes
            .route(prefix.trim_end_matches('/'), get(index_route))
            .route(&prefix, get(index_route))
            .route(&format!("{prefix}{{*page}}"), get(index_route))
    };
    let routes = routes.with_state(shared);
    routes
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn(security::guard))
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

/// The layout as the client gets it, with protected stores' data sealed.
fn layout_value(shared: &Shared) -> Value {
    let mut layout = shared.app.layout_json();
    if shared.app.graph.has_protected_stores() {
        crate::protect::wrap_layout(&shared.keys, &mut layout);
    }
    layout
}

async fn layout(State(shared): State<Arc<Shared>>) -> Response {
    Json(layout_value(&shared)).into_response()
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
async fn clientside_route(State(shared): State<Arc<Shared>>) -> Response {
    let script = shared.clientside.clone().unwrap_or_default();
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        script,
    )
        .into_response()
}

async fn index_route(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Response {
    index_page(&shared, &headers)
}

/// The index page, with a new session cookie for a browser that has none.
fn index_page(shared: &Shared, headers: &HeaderMap) -> Response {
    let config = &shared.app.config;
    let layout = layout_value(shared);
    let boot = index::Boot {
        layout: &layout,
        dependencies: std::str::from_utf8(&shared.dependencies).expect("serde_json writes UTF-8"),
    };
    let page = index::page(&shared.app.title, config, shared.clientside.is_some(), boot);
    // Gzipped here rather than by the compression layer, which would
    // compress the whole client again for every page.
    let mut response = if assets::accepts_gzip(headers) {
        (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CONTENT_ENCODING, "gzip"),
                (header::VARY, "accept-encoding"),
            ],
            page.gzip(),
        )
            .into_response()
    } else {
        Html(page.text()).into_response()
    };
    // Each browser gets a signed session id for its server-side stores.
    if stores::session(shared, headers).is_none() {
        let (_, cookie) = shared.keys.new_session();
        let value = format!(
            "{}={cookie}; Path={}; HttpOnly; SameSite=Lax",
            stores::SESSION_COOKIE,
            config.prefix
        );
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    response
}

async fn fallback(
    State(shared): State<Arc<Shared>>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    if method == Method::GET || method == Method::HEAD {
        return index_page(&shared, &headers);
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
