//! Runtime of ferrodash: typed ids and components, callback definitions, the
//! dependency graph and the Dash-protocol axum server. Users depend on the
//! `ferrodash` facade, which re-exports this crate.

pub mod app;
pub mod callback;
pub mod component;
pub mod context;
pub mod dcc;
pub mod graph;
pub mod html;
pub mod id;
pub mod keys;
pub mod options;
pub mod patch;
pub mod pattern;
pub mod protect;
pub mod protocol;
pub mod secret;
pub mod server;
pub mod server_store;
pub mod update;

/// The build script's bundler of the browser client, tested with the crate.
#[cfg(test)]
#[path = "../build/bundle.rs"]
mod client_bundle;

pub use app::{address_from_args, App, BuiltApp, Error};
pub use callback::{Callback, CallbackDef};
pub use component::{Children, Component, Element};
pub use context::{Context, Resource};
pub use dcc::StorageType;
pub use graph::{GraphError, Problem};
pub use id::{Id, Prop, PropSpec, Wildcard};
pub use patch::Patch;
pub use pattern::Multi;
pub use secret::Secret;
pub use update::{PreventUpdate, Update};

/// What a dashboard module needs: `use ferrodash::prelude::*;`.
pub mod prelude {
    pub use crate::component::{Children, Component};
    pub use crate::context::{Context, Resource};
    pub use crate::dcc::{self, StorageType};
    pub use crate::html;
    pub use crate::id::Id;
    pub use crate::patch::Patch;
    pub use crate::secret::Secret;
    pub use crate::update::{PreventUpdate, Update};
    pub use crate::App;
}

/// Used by the code `#[callback]` generates; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::callback::{
        define, extra, nth, param, return_probe, returned, returned_async, returns, AsyncFn,
        Callback, CallbackDef, Extract, Options, Probe, ProbeArg, ProbeFallback, ProbeReturn,
        Registration, ReturnProbe, ReturnProbeFallback, Site, SyncFn,
    };
    pub use crate::id::HtmlProperties;
    pub use crate::options::running;
    pub use crate::pattern::{all, all_smaller, matching};
    pub use inventory;
}
