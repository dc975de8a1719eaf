//! The `App` builder: title, layout, callbacks and settings, checked into a
//! [`BuiltApp`] that the server runs.

use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::Arc;

use axum::Router;
use serde_json::Value;

use crate::callback::{self, CallbackDef};
use crate::component::Component;
use crate::context::Resources;
use crate::graph::{Graph, GraphError};
use crate::server::{self, Config};
use crate::server_store::{Backend, Keys, MemoryLimits};

/// Why an app could not be built or served.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Graph(#[from] GraphError),
    #[error("the app has no layout: call `App::layout` before building it")]
    NoLayout,
    #[error("cannot use the address {0:?}: {1}")]
    Address(String, String),
    #[error("{0}")]
    Backend(String),
    #[error(transparent)]
    Io(std::io::Error),
}

type LayoutFn = Arc<dyn Fn() -> Component + Send + Sync>;

/// A dashboard: a layout and the callbacks that connect its components.
///
/// By default the app takes every `#[callback]` linked into the binary; tests
/// and libraries can pass an explicit list with [`App::callbacks`].
pub struct App {
    title: String,
    layout: Option<LayoutFn>,
    validation_layout: Option<LayoutFn>,
    callbacks: Option<Vec<CallbackDef>>,
    resources: Resources,
    keys: Option<Keys>,
    backend: Option<Backend>,
    config: Config,
}

impl App {
    pub fn new(title: impl Into<String>) -> Self {
        App {
            title: title.into(),
            layout: None,
            validation_layout: None,
            callbacks: None,
            resources: Resources::default(),
            keys: None,
            backend: None,
            config: Config::default(),
        }
    }

    /// The function that builds the page. Like Dash's layout functions it
    /// runs for every page load, so it can show fresh data.
    pub fn layout<L: Into<Component>>(
        mut self,
        layout: impl Fn() -> L + Send + Sync + 'static,
    ) -> Self {
        self.layout = Some(Arc::new(move || layout().into()));
        self
    }

    /// A layout holding every component any page may show, used only to
    /// check the callbacks when the app is built (Dash's
    /// `validation_layout`): a multi-page app's pages arrive later, from a
    /// callback, and are not in the first layout.
    pub fn validation_layout<L: Into<Component>>(
        mut self,
        layout: impl Fn() -> L + Send + Sync + 'static,
    ) -> Self {
        self.validation_layout = Some(Arc::new(move || layout().into()));
        self
    }

    /// Uses exactly these callbacks instead of every registered one
    /// (see the `callbacks!` macro).
    pub fn callbacks(mut self, defs: impl IntoIterator<Item = CallbackDef>) -> Self {
        self.callbacks.get_or_insert_with(Vec::new).extend(defs);
        self
    }

    /// A value callbacks receive by type, as a `Resource<T>` parameter after
    /// their inputs and states (a database pool, an HTTP client, settings).
    pub fn resource<T: Send + Sync + 'static>(mut self, value: T) -> Self {
        self.resources.insert(value);
        self
    }

    /// The key that signs session cookies and server-side store handles
    /// (HMAC-SHA256). Several server instances sharing one Redis need the
    /// same key. `previous` keys are still accepted, so a key can be rotated
    /// without logging everyone out. Without it, the `FERRODASH_SECRET_KEY`
    /// variable is used, else a random key per process.
    pub fn secret_key(
        mut self,
        current: impl Into<Vec<u8>>,
        previous: impl IntoIterator<Item = Vec<u8>>,
    ) -> Self {
        self.keys = Some(Keys::new(current, previous));
        self
    }

    /// Where server-side stores keep their data: `Backend::memory(..)` (the
    /// default, 256 MiB and one hour) or `Backend::Redis(..)`.
    pub fn server_store_backend(mut self, backend: Backend) -> Self {
        self.backend = Some(backend);
        self
    }

    /// The largest request body accepted, in bytes (default 10 MiB). Larger
    /// requests get a 413 with a message.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.config.body_limit = bytes;
        self
    }

    /// How long one callback may run (default 30 s). A call that takes
    /// longer gets a 504 naming the callback; other requests are served
    /// meanwhile.
    pub fn callback_timeout(mut self, limit: std::time::Duration) -> Self {
        self.config.callback_timeout = limit;
        self
    }

    /// Development mode: callback error details are sent to the browser.
    pub fn debug(mut self, debug: bool) -> Self {
        self.config.debug = debug;
        self
    }

    /// A prefix for the browser-storage keys of this app's local and session
    /// stores. By default it is the app's path prefix (see
    /// [`App::url_prefix`]), so an app at `/` keeps Dash's exact keys and two
    /// apps on one host never overwrite each other's stores.
    pub fn store_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.config.store_prefix = Some(prefix.into());
        self
    }

    /// Serves the app under a path (Dash's `requests_pathname_prefix`), e.g.
    /// `/sales/`, so several apps can share one host and port.
    pub fn url_prefix(mut self, prefix: impl AsRef<str>) -> Self {
        let trimmed = prefix.as_ref().trim_matches('/');
        self.config.prefix = if trimmed.is_empty() {
            "/".to_owned()
        } else {
            format!("/{trimmed}/")
        };
        self
    }

    /// Checks the callbacks against each other and the layout.
    pub fn build(self) -> Result<BuiltApp, Error> {
        let layout = self.layout.ok_or(Error::NoLayout)?;
        let defs = self.callbacks.unwrap_or_else(callback::registered);
        let checked = self.validation_layout.as_ref().unwrap_or(&layout);
        let graph = Graph::build(defs, &checked().to_json(), &self.resources)?;
        let keys = self
            .keys
            .unwrap_or_else(|| match std::env::var("FERRODASH_SECRET_KEY") {
                Ok(key) if !key.is_empty() => Keys::new(key.into_bytes(), []),
                _ => Keys::random(),
            });
        Ok(BuiltApp {
            title: self.title,
            layout,
            graph,
            keys,
            backend: self
                .backend
                .unwrap_or_else(|| Backend::memory(MemoryLimits::default())),
            resources: self.resources,
            config: self.config,
        })
    }

    /// The axum router of this app, to serve or to test with `oneshot`.
    pub fn into_router(self) -> Result<Router, Error> {
        Ok(server::router(self.build()?))
    }

    /// Builds the app and serves it until Ctrl-C. With the variable
    /// `FERRODASH_REDIS_URL` set (and no backend chosen in code), server-side
    /// stores live in that Redis.
    pub async fn serve(mut self, addr: impl ToSocketAddrs) -> Result<(), Error> {
        let addr = resolve(addr)?;
        if self.backend.is_none() {
            if let Ok(url) = std::env::var("FERRODASH_REDIS_URL") {
                let redis = crate::server_store::RedisBackend::connect(
                    &url,
                    "ferrodash",
                    MemoryLimits::default().time_to_live,
                )
                .await
                .map_err(|e| Error::Backend(e.to_string()))?;
                self.backend = Some(Backend::Redis(redis));
            }
        }
        let built = self.build()?;
        let title = built.title.clone();
        server::serve(server::router(built), addr, &title).await
    }
}

fn resolve(addr: impl ToSocketAddrs) -> Result<SocketAddr, Error> {
    let mut addrs = addr
        .to_socket_addrs()
        .map_err(|e| Error::Address(String::new(), e.to_string()))?;
    addrs
        .next()
        .ok_or_else(|| Error::Address(String::new(), "it resolves to nothing".to_owned()))
}

/// An app whose graph has been checked.
pub struct BuiltApp {
    pub(crate) title: String,
    layout: LayoutFn,
    pub(crate) graph: Graph,
    pub(crate) resources: Resources,
    pub(crate) keys: Keys,
    pub(crate) backend: Backend,
    pub(crate) config: Config,
}

impl BuiltApp {
    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    pub fn layout_json(&self) -> Value {
        (self.layout)().to_json()
    }
}

/// The address to serve on: `--port N` / `--host H` on the command line, or
/// the `PORT` variable, over the given default.
pub fn address_from_args(default: &str) -> String {
    let (mut host, mut port) = default
        .rsplit_once(':')
        .map_or((default.to_owned(), "8050".to_owned()), |(h, p)| {
            (h.to_owned(), p.to_owned())
        });
    if let Ok(p) = std::env::var("PORT") {
        port = p;
    }
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => port = args.next().unwrap_or(port),
            "--host" => host = args.next().unwrap_or(host),
            _ => {}
        }
    }
    format!("{host}:{port}")
}
