//! The options of `#[callback(...)]` besides its properties: initial calls,
//! duplicate outputs, `running` properties, and clientside bodies.

use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::id::{Prop, PropSpec};

/// What `#[callback(...)]` says beyond the properties.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// Skip the call when the page loads (Dash's `prevent_initial_call`).
    pub prevent_initial_call: bool,
    /// `prevent_initial_call = "initial_duplicate"`: the callback runs on
    /// load even though some of its outputs are duplicates.
    pub initial_duplicate: bool,
    /// Positions of the outputs declared `allow_duplicate(..)`.
    pub duplicate_outputs: Vec<usize>,
    /// Properties set while a call is in flight, and reset after.
    pub running: Vec<Running>,
    /// A JavaScript function the browser runs instead of the server.
    pub clientside: Option<&'static str>,
}

/// One `running` entry: `prop` is `on` while a call is in flight and `off`
/// after it (Dash's `running=[(Output(..), on, off)]`).
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    pub prop: PropSpec,
    pub on: Value,
    pub off: Value,
}

/// `(BUTTON.disabled, true, false)` in `running = [..]`: both values have
/// the property's type.
#[doc(hidden)]
pub fn running<V: Serialize>(prop: Prop<V>, on: V, off: V) -> Running {
    Running {
        prop: prop.spec,
        on: serde_json::to_value(on).unwrap_or(Value::Null),
        off: serde_json::to_value(off).unwrap_or(Value::Null),
    }
}

/// Dash's namespace for clientside functions given as source text.
pub const CLIENTSIDE_NAMESPACE: &str = "_dashprivate_clientside_funcs";

/// Lowercase hex SHA-256, as Dash names inline clientside functions and
/// tags duplicate outputs.
pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
