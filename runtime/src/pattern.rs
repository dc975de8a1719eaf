//! Pattern-matching ids (Dash's dict ids with `ALL`, `MATCH`, `ALLSMALLER`):
//! one callback for a family of components, such as a delete button on
//! every row of a list.
//!
//! A family is declared like an id, with [`Id::pattern`]; its members get
//! dict ids `{"index": <key>, "type": <family>}` in the layout, and a
//! callback names the family with a wildcard:
//!
//! ```ignore
//! const DELETE: Id<html::Button> = Id::pattern("delete");
//! html::button("x").id(DELETE.at(3));                    // {"index":3,"type":"delete"}
//! #[callback(output = ROW[MATCH].children, input = DELETE[MATCH].n_clicks)]
//! #[callback(output = TOTAL.children, input = DONE[ALL].value)]  // Vec<Option<bool>>
//! ```

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use crate::callback::{Arg, ArgValue, CallError, ParamFor};
use crate::context::CallInfo;
use crate::id::{Id, Prop, Wildcard};

/// The key of one member of a family: a number, a string or a boolean.
#[derive(Clone, Debug, PartialEq)]
pub struct Key(Value);

macro_rules! keys {
    ($($t:ty),*) => {$(
        impl From<$t> for Key {
            fn from(key: $t) -> Self {
                Key(Value::from(key))
            }
        }
    )*};
}
keys!(u32, u64, i32, i64, usize, bool, &str, String);

/// The dict id of one member of a family, for the layout.
pub struct PatternId<C> {
    pub(crate) value: Value,
    kind: PhantomData<fn() -> C>,
}

impl<C> Id<C> {
    /// The member `key` of this family: the dict id
    /// `{"index": key, "type": <family>}`.
    pub fn at(&self, key: impl Into<Key>) -> PatternId<C> {
        let mut id = Map::new();
        id.insert("index".to_owned(), key.into().0);
        id.insert("type".to_owned(), Value::String(self.name().to_owned()));
        PatternId {
            value: Value::Object(id),
            kind: PhantomData,
        }
    }
}

/// Dash's string form of an id: a string id as is; a dict id as compact JSON
/// with its keys sorted. Response keys, `changedPropIds`, DOM ids and storage
/// keys all use it.
pub fn stringify_id(id: &Value) -> String {
    match id {
        Value::String(text) => text.clone(),
        Value::Object(map) => {
            let sorted: BTreeMap<&String, &Value> = map.iter().collect();
            serde_json::to_string(&sorted).unwrap_or_default()
        }
        other => other.to_string(),
    }
}

/// The values of a property over every member a wildcard matches: what an
/// `ALL`/`ALLSMALLER` input gives (as `Vec<Option<T>>`), and what an `ALL`
/// output takes (one value per matched member, in layout order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Multi<T>(pub Vec<T>);

impl<T> From<Vec<T>> for Multi<T> {
    fn from(values: Vec<T>) -> Self {
        Multi(values)
    }
}

impl<T: Serialize> Serialize for Multi<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<V> ParamFor<Multi<V>> for Vec<Option<V>> {}

impl<V: DeserializeOwned + Send + 'static> Arg<Multi<V>> for Vec<Option<V>> {
    fn take(args: &mut [ArgValue], index: usize, _: &CallInfo) -> Result<Self, CallError> {
        std::mem::replace(&mut args[index], ArgValue::Json(Value::Null)).decode(index)
    }
}

fn with_wildcard<V, W>(prop: Prop<V>, wildcard: Wildcard) -> Prop<W> {
    let mut spec = prop.spec;
    spec.wildcard = Some(wildcard);
    Prop::from_spec(spec)
}

/// `FAMILY[ALL].prop`: every member's value.
#[doc(hidden)]
pub fn all<V>(prop: Prop<V>) -> Prop<Multi<V>> {
    with_wildcard(prop, Wildcard::All)
}

/// `FAMILY[ALLSMALLER].prop`: the members whose key is smaller than the
/// `MATCH`ed one.
#[doc(hidden)]
pub fn all_smaller<V>(prop: Prop<V>) -> Prop<Multi<V>> {
    with_wildcard(prop, Wildcard::AllSmaller)
}

/// `FAMILY[MATCH].prop`: the one member whose key matches the output's.
#[doc(hidden)]
pub fn matching<V>(prop: Prop<V>) -> Prop<V> {
    with_wildcard(prop, Wildcard::Match)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dict_ids_stringify_like_dash() {
        assert_eq!(
            stringify_id(&json!({"type": "del", "index": 3})),
            r#"{"index":3,"type":"del"}"#
        );
        assert_eq!(
            stringify_id(&json!({"b": true, "a": "x"})),
            r#"{"a":"x","b":true}"#
        );
        assert_eq!(stringify_id(&json!("plain")), "plain");
    }
}
