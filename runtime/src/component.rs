//! The layout tree: components as Dash serialises them, `{type, namespace, props}`.

use std::fmt;
use std::marker::PhantomData;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::id::{ComponentKind, ComponentType, Id};

/// One component of the layout, holding only the props that were set
/// (Dash sends unset props as absent, and the client tells the two apart).
#[derive(Clone, PartialEq)]
pub struct Component {
    kind: &'static ComponentKind,
    props: Map<String, Value>,
}

impl Component {
    pub fn new(kind: &'static ComponentKind) -> Self {
        Component {
            kind,
            props: Map::new(),
        }
    }

    pub fn kind(&self) -> &'static ComponentKind {
        self.kind
    }

    pub fn props(&self) -> &Map<String, Value> {
        &self.props
    }

    /// Sets a prop to an already-encoded JSON value.
    pub fn set_raw(&mut self, prop: &str, value: Value) {
        self.props.insert(prop.to_owned(), value);
    }

    /// The component's id as a string, when it has a plain string id.
    pub fn id(&self) -> Option<&str> {
        self.props.get("id").and_then(Value::as_str)
    }

    /// The JSON form Dash's renderer expects.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).expect("component props are JSON values")
    }
}

impl Serialize for Component {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("props", &self.props)?;
        // A server-side store is a plain memory `Store` to the browser,
        // holding a handle; `server_side: true` tells the kinds apart.
        let wire_type = if self.kind.server.is_some() {
            "Store"
        } else {
            self.kind.type_name
        };
        map.serialize_entry("type", wire_type)?;
        map.serialize_entry("namespace", self.kind.namespace)?;
        map.end()
    }
}

impl fmt::Debug for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.kind, Value::Object(self.props.clone()))
    }
}

/// What a `children` prop holds: text, a number, a component, nothing, or a list
/// of those. Callbacks that write `children` return `Update<Children>`; `.into()`
/// converts strings, numbers, components and lists.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Children(pub(crate) Value);

impl Children {
    pub fn none() -> Self {
        Children(Value::Null)
    }

    pub fn as_json(&self) -> &Value {
        &self.0
    }
}

impl Serialize for Children {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Children {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Children)
    }
}

impl From<()> for Children {
    fn from(_: ()) -> Self {
        Children(Value::Null)
    }
}
impl From<&str> for Children {
    fn from(text: &str) -> Self {
        Children(Value::String(text.to_owned()))
    }
}
impl From<String> for Children {
    fn from(text: String) -> Self {
        Children(Value::String(text))
    }
}
impl From<Component> for Children {
    fn from(component: Component) -> Self {
        Children(component.to_json())
    }
}
impl<C> From<Element<C>> for Children {
    fn from(element: Element<C>) -> Self {
        Children::from(element.component)
    }
}
impl<T: Into<Children>> From<Vec<T>> for Children {
    fn from(items: Vec<T>) -> Self {
        Children(Value::Array(
            items.into_iter().map(|c| c.into().0).collect(),
        ))
    }
}
impl<T: Into<Children>> From<Option<T>> for Children {
    fn from(item: Option<T>) -> Self {
        item.map_or(Children(Value::Null), Into::into)
    }
}
macro_rules! children_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Children {
            fn from(n: $t) -> Self {
                Children(serde_json::json!(n))
            }
        }
    )*};
}
children_from_number!(i32, i64, u32, u64, usize, f64);

macro_rules! children_from_tuple {
    ($($t:ident),+) => {
        impl<$($t: Into<Children>),+> From<($($t,)+)> for Children {
            #[allow(non_snake_case)]
            fn from(($($t,)+): ($($t,)+)) -> Self {
                Children(Value::Array(vec![$($t.into().0),+]))
            }
        }
    };
}
children_from_tuple!(A);
children_from_tuple!(A, B);
children_from_tuple!(A, B, C);
children_from_tuple!(A, B, C, D);
children_from_tuple!(A, B, C, D, E);
children_from_tuple!(A, B, C, D, E, F);
children_from_tuple!(A, B, C, D, E, F, G);
children_from_tuple!(A, B, C, D, E, F, G, H);
children_from_tuple!(A, B, C, D, E, F, G, H, I);
children_from_tuple!(A, B, C, D, E, F, G, H, I, J);
children_from_tuple!(A, B, C, D, E, F, G, H, I, J, K);
children_from_tuple!(A, B, C, D, E, F, G, H, I, J, K, L);

/// What can be a component's id: a plain [`Id`] or a member of a pattern
/// family ([`crate::pattern::PatternId`]).
pub trait ElementId<C> {
    fn to_json(&self) -> Value;
}

impl<C> ElementId<C> for Id<C> {
    fn to_json(&self) -> Value {
        Value::String(self.name().to_owned())
    }
}

impl<C> ElementId<C> for crate::pattern::PatternId<C> {
    fn to_json(&self) -> Value {
        self.value.clone()
    }
}

/// A component under construction, typed by its kind so that only its own
/// props can be set and its id must be an `Id` of the same kind.
pub struct Element<C> {
    component: Component,
    kind: PhantomData<fn() -> C>,
}

impl<C: ComponentType> Element<C> {
    pub fn new() -> Self {
        Element {
            component: Component::new(C::KIND),
            kind: PhantomData,
        }
    }

    /// Sets a prop; the typed builder methods of each component call this.
    pub fn set(mut self, prop: &str, value: impl Serialize) -> Self {
        let value = serde_json::to_value(value).expect("prop values serialise to JSON");
        self.component.set_raw(prop, value);
        self
    }

    /// The component's id: an `Id<C>`, or a family member `FAMILY.at(key)`.
    pub fn id(self, id: impl ElementId<C>) -> Self {
        self.set("id", id.to_json())
    }

    pub fn into_component(self) -> Component {
        self.component
    }
}

impl<C: ComponentType> Default for Element<C> {
    fn default() -> Self {
        Self::new()
    }
}

impl<C> From<Element<C>> for Component {
    fn from(element: Element<C>) -> Self {
        element.component
    }
}

impl<C> fmt::Debug for Element<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.component.fmt(f)
    }
}
