//! What a callback can take besides its inputs and states: the call's
//! [`Context`] (which input fired, Dash's `callback_context`) and shared app
//! [`Resource`]s (a database pool, a client), requested by type.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::id::Prop;

/// Shared values handed to callbacks by type; see `App::resource`.
#[derive(Clone, Default)]
pub struct Resources {
    by_type: HashMap<TypeId, Arc<dyn Any + Send + Sync>>,
}

impl Resources {
    pub fn insert<T: Send + Sync + 'static>(&mut self, value: T) {
        self.by_type.insert(TypeId::of::<T>(), Arc::new(value));
    }

    pub fn contains(&self, type_id: TypeId) -> bool {
        self.by_type.contains_key(&type_id)
    }

    fn get<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        self.by_type
            .get(&TypeId::of::<T>())?
            .clone()
            .downcast()
            .ok()
    }
}

impl fmt::Debug for Resources {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Resources({} values)", self.by_type.len())
    }
}

/// Everything about one call that is not an input or state value.
#[derive(Debug, Default)]
pub struct CallInfo {
    pub triggered: Vec<String>,
    /// The request body, read again only by a callback that takes a
    /// `Context`, so the others pay nothing for it.
    pub body: bytes::Bytes,
    pub resources: Resources,
}

/// Dash's `callback_context`: which inputs fired this call, and every input
/// and state value by `id.property`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Context {
    triggered: Vec<String>,
    inputs: Map<String, Value>,
    states: Map<String, Value>,
}

impl Context {
    /// The `id.property` of each input that fired; empty for the initial call.
    pub fn triggered_prop_ids(&self) -> &[String] {
        &self.triggered
    }

    /// The id of the first input that fired (Dash's `triggered_id`), or
    /// `None` for the initial call.
    pub fn triggered_id(&self) -> Option<&str> {
        let first = self.triggered.first()?;
        first.rsplit_once('.').map(|(id, _)| id)
    }

    /// For a pattern family's member that fired (`FAMILY[ALL]` or
    /// `FAMILY[MATCH]` inputs), its key: the `index` of its dict id.
    pub fn triggered_key(&self) -> Option<Value> {
        let id: Value = serde_json::from_str(self.triggered_id()?).ok()?;
        id.get("index").cloned()
    }

    /// The value of the input that fired, if it has one (`None` for the
    /// initial call, or when a list re-rendered and nothing was clicked).
    pub fn triggered_value(&self) -> Option<&Value> {
        self.inputs
            .get(self.triggered.first()?)
            .filter(|v| !v.is_null())
    }

    /// Whether this property is among those that fired, e.g.
    /// `ctx.fired(SAVE.n_clicks())`.
    pub fn fired<V>(&self, prop: Prop<V>) -> bool {
        let key = prop.spec.to_string();
        self.triggered.contains(&key)
    }

    /// Input values by `id.property` (Dash's `ctx.inputs`).
    pub fn inputs(&self) -> &Map<String, Value> {
        &self.inputs
    }

    /// State values by `id.property` (Dash's `ctx.states`).
    pub fn states(&self) -> &Map<String, Value> {
        &self.states
    }
}

/// A shared value of type `T` registered with `App::resource`. A callback
/// asks for it with a parameter `db: Resource<Pool>` after its inputs and
/// states; an app that lacks it is refused when built.
pub struct Resource<T>(Arc<T>);

impl<T> Deref for Resource<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> Clone for Resource<T> {
    fn clone(&self) -> Self {
        Resource(self.0.clone())
    }
}

impl<T: fmt::Debug> fmt::Debug for Resource<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Context {
    pub(crate) fn from_info(info: &CallInfo) -> Self {
        let mut context = Context {
            triggered: info.triggered.clone(),
            ..Context::default()
        };
        if let Ok(request) = serde_json::from_slice::<crate::protocol::UpdateRequest>(&info.body) {
            for (entries, map) in [
                (request.inputs, &mut context.inputs),
                (request.state, &mut context.states),
            ] {
                for entry in entries {
                    let refs = match entry {
                        crate::protocol::Entry::One(one) => vec![one],
                        crate::protocol::Entry::Many(many) => many,
                    };
                    for r in refs {
                        let value = r
                            .value
                            .and_then(|raw| serde_json::from_str(raw.get()).ok())
                            .unwrap_or(Value::Null);
                        let key = format!("{}.{}", crate::pattern::stringify_id(&r.id), r.property);
                        map.insert(key, value);
                    }
                }
            }
        }
        context
    }
}

impl<T: Send + Sync + 'static> Resource<T> {
    pub(crate) fn from_info(info: &CallInfo) -> Option<Self> {
        info.resources.get::<T>().map(Resource)
    }
}
