//! Server-side stores: a `dcc.Store` whose data stays on the server, keyed
//! by (browser session, store id). Callbacks read and write it like any
//! store; the browser holds only a signed handle, so a callback that reads a
//! large store sends a few bytes, and confidential data never leaves the
//! server.
//!
//! ```
//! use ferrodash_runtime::prelude::*;
//! use ferrodash_runtime::server_store::{server_store, ServerStore, Shared};
//! const ROWS: Id<ServerStore<Vec<u32>>> = Id::new("rows");
//! let store = server_store(ROWS);
//! let data: ferrodash_runtime::Prop<Shared<Vec<u32>>> = ROWS.data();
//! ```

mod backend;

use std::any::{type_name, Any};
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;

pub use crate::keys::Keys;
pub use backend::{Backend, BackendError, Entry, MemoryLimits, RedisBackend, Stored};

use crate::component::Element;
use crate::id::{props, ComponentKind, ComponentType, Id};

/// Data a server-side store can hold. It is kept typed in memory and as
/// JSON in Redis; it never goes to the browser.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the data of a `dcc::ServerStore`: the server keeps it as JSON (in Redis too), and `{Self}` is not JSON",
    label = "`{Self}` must implement `serde::Serialize` and `serde::Deserialize`",
    note = "derive them: `#[derive(serde::Serialize, serde::Deserialize)]` on `{Self}` (serde with its `derive` feature); a confidential value goes in a `Secret<T>` of such a type"
)]
pub trait ServerData: Send + Sync + 'static {
    fn to_json_bytes(&self) -> Result<Vec<u8>, String>;
    fn from_json_bytes(bytes: &[u8]) -> Result<Self, String>
    where
        Self: Sized;
}

#[diagnostic::do_not_recommend]
impl<T: Serialize + DeserializeOwned + Send + Sync + 'static> ServerData for T {
    fn to_json_bytes(&self) -> Result<Vec<u8>, String> {
        serde_json::to_vec(self).map_err(|e| e.to_string())
    }

    fn from_json_bytes(bytes: &[u8]) -> Result<Self, String> {
        serde_json::from_slice(bytes).map_err(|e| e.to_string())
    }
}

/// The value of a server-side store as callbacks see it: shared, so reading
/// a large store copies nothing. `Update::set(value)` wraps a new value.
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Shared::new(value)
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A kept value, its type erased (the `T` of a `ServerStore<T>`).
pub type Kept = Arc<dyn Any + Send + Sync>;
/// A value on its way to or from a callback (a `Shared<T>`).
pub type Passed = Box<dyn Any + Send>;

/// How the runtime moves one store type between callbacks and backends,
/// without knowing the type.
pub struct Codec {
    pub type_name: fn() -> &'static str,
    /// A callback's output (a `Shared<T>`) as the value to keep.
    pub from_output: fn(Passed) -> Option<Kept>,
    /// A kept value as a callback argument (a `Shared<T>`).
    pub to_arg: fn(&Kept) -> Option<Passed>,
    pub encode: fn(&(dyn Any + Send + Sync)) -> Result<Vec<u8>, String>,
    pub decode: fn(&[u8]) -> Result<Kept, String>,
}

impl Codec {
    const fn of<T: ServerData>() -> Codec {
        Codec {
            type_name: type_name::<T>,
            from_output: |output| {
                let shared = output.downcast::<Shared<T>>().ok()?;
                Some(shared.0 as Kept)
            },
            to_arg: |kept| {
                let typed = kept.clone().downcast::<T>().ok()?;
                Some(Box::new(Shared(typed)))
            },
            encode: |kept| {
                let typed = kept
                    .downcast_ref::<T>()
                    .ok_or_else(|| format!("expected a {}", type_name::<T>()))?;
                typed.to_json_bytes()
            },
            decode: |bytes| {
                T::from_json_bytes(bytes).map(|t| Arc::new(t) as Arc<dyn Any + Send + Sync>)
            },
        }
    }
}

impl PartialEq for Codec {
    fn eq(&self, other: &Self) -> bool {
        (self.type_name)() == (other.type_name)()
    }
}
impl Eq for Codec {}

impl std::hash::Hash for Codec {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.type_name)().hash(state);
    }
}

impl fmt::Debug for Codec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Codec<{}>", (self.type_name)())
    }
}

/// A store whose data of type `T` stays on the server.
// No bound here: the one check is where the id is declared (`Id::new`
// needs `ComponentType`, which needs `T: ServerData`).
pub struct ServerStore<T>(PhantomData<fn() -> T>);

/// The props a server-side store has, as a `dcc.Store` on the wire.
const PROPS: &[&str] = &[
    "id",
    "data",
    "modified_timestamp",
    "clear_data",
    "storage_type",
    "server_side",
];

impl<T: ServerData> ComponentType for ServerStore<T> {
    const KIND: &'static ComponentKind = &ComponentKind {
        namespace: "dash_core_components",
        type_name: "ServerStore",
        props: PROPS,
        server: Some(&Codec::of::<T>()),
    };
}

/// A server-side store. It starts empty for each session; a callback fills
/// it (one without `prevent_initial_call` runs when the page loads).
pub fn server_store<T: ServerData>(id: Id<ServerStore<T>>) -> Element<ServerStore<T>> {
    Element::new()
        .id(id)
        .set("storage_type", "memory")
        .set("server_side", true)
}

props!(impl[T: ServerData] ServerStore<T> {
    /// `data`: the stored value, shared.
    data => "data": Shared<T>,
    /// `modified_timestamp`: ms since the epoch of the last write, or -1.
    modified_timestamp => "modified_timestamp": i64,
});

/// A server-side store's data never comes from the browser as JSON: the
/// server puts the kept value in place of the handle before the call.
impl<T: Send + Sync + 'static> crate::callback::Arg<Shared<T>> for Option<Shared<T>> {
    fn take(
        args: &mut [crate::callback::ArgValue],
        index: usize,
        _: &crate::context::CallInfo,
    ) -> Result<Self, crate::callback::CallError> {
        use crate::callback::{ArgValue, CallError};
        match std::mem::replace(&mut args[index], ArgValue::Json(serde_json::Value::Null)) {
            ArgValue::Json(serde_json::Value::Null) => Ok(None),
            ArgValue::Typed(value) => {
                value
                    .downcast::<Shared<T>>()
                    .map(|v| Some(*v))
                    .map_err(|_| CallError::Decode {
                        index,
                        message: format!(
                            "the server kept a value of another type than `{}`",
                            type_name::<T>()
                        ),
                    })
            }
            _ => Err(CallError::Decode {
                index,
                message: "a server-side store's data cannot be sent by the browser".to_owned(),
            }),
        }
    }
}
