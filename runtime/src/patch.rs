//! Partial updates (Dash's `Patch`): a list of operations the browser
//! applies to its current value, so a long list grows by one item without
//! the list travelling back. Typed where the value's type allows it.
//!
//! ```
//! use ferrodash_runtime::patch::Patch;
//! use ferrodash_runtime::Update;
//! let grow: Update<Vec<String>> = Update::Patch(Patch::new().append("one more".to_owned()));
//! ```

use std::collections::{BTreeMap, HashMap};
use std::marker::PhantomData;

use serde::Serialize;
use serde_json::{json, Map, Value};

/// One step of a path into a value: an object key or a list index
/// (negative indices count from the end, as in Python).
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Key(String),
    Index(i64),
}

impl From<&str> for Step {
    fn from(key: &str) -> Self {
        Step::Key(key.to_owned())
    }
}
impl From<String> for Step {
    fn from(key: String) -> Self {
        Step::Key(key)
    }
}
impl From<i64> for Step {
    fn from(index: i64) -> Self {
        Step::Index(index)
    }
}
impl From<i32> for Step {
    fn from(index: i32) -> Self {
        Step::Index(index.into())
    }
}
impl From<usize> for Step {
    fn from(index: usize) -> Self {
        Step::Index(index as i64)
    }
}

fn step_json(step: Step) -> Value {
    match step {
        Step::Key(key) => Value::String(key),
        Step::Index(index) => Value::from(index),
    }
}

/// Operations to apply to an output of type `T` in the browser.
pub struct Patch<T> {
    operations: Vec<Value>,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for Patch<T> {
    fn clone(&self) -> Self {
        Patch {
            operations: self.operations.clone(),
            value: PhantomData,
        }
    }
}

impl<T> PartialEq for Patch<T> {
    fn eq(&self, other: &Self) -> bool {
        self.operations == other.operations
    }
}
impl<T> Eq for Patch<T> {}

impl<T> std::fmt::Debug for Patch<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Patch{:?}", self.operations)
    }
}

impl<T> Default for Patch<T> {
    fn default() -> Self {
        Patch::new()
    }
}

fn to_json(value: impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

impl<T> Patch<T> {
    pub fn new() -> Self {
        Patch {
            operations: Vec::new(),
            value: PhantomData,
        }
    }

    /// Any of Dash's operations at any path, untyped: for nested values.
    /// `operation` is Dash's name (`Assign`, `Append`, `Merge`, ...).
    pub fn operation<S: Into<Step>>(
        mut self,
        operation: &str,
        path: impl IntoIterator<Item = S>,
        params: Value,
    ) -> Self {
        let location: Vec<Value> = path.into_iter().map(|s| step_json(s.into())).collect();
        self.operations
            .push(json!({"operation": operation, "location": location, "params": params}));
        self
    }

    fn at_root(self, operation: &str, params: Value) -> Self {
        self.operation::<Step>(operation, [], params)
    }

    /// Sets the value at `path` (Python's `p[k] = v`).
    pub fn assign_at<S: Into<Step>>(
        self,
        path: impl IntoIterator<Item = S>,
        value: impl Serialize,
    ) -> Self {
        self.operation("Assign", path, json!({"value": to_json(value)}))
    }

    /// Removes the key or item at `path` (Python's `del p[k]`).
    pub fn delete_at<S: Into<Step>>(self, path: impl IntoIterator<Item = S>) -> Self {
        self.operation("Delete", path, json!({}))
    }

    /// Dash's wire form: `{"__dash_patch_update": .., "operations": [..]}`.
    pub fn to_json(&self) -> Value {
        json!({"__dash_patch_update": "__dash_patch_update", "operations": self.operations})
    }

    /// Whether there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty()
    }
}

impl<E: Serialize> Patch<Vec<E>> {
    pub fn append(self, item: E) -> Self {
        self.at_root("Append", json!({"value": to_json(item)}))
    }

    pub fn prepend(self, item: E) -> Self {
        self.at_root("Prepend", json!({"value": to_json(item)}))
    }

    pub fn extend(self, items: impl IntoIterator<Item = E>) -> Self {
        let items: Vec<Value> = items.into_iter().map(to_json).collect();
        self.at_root("Extend", json!({"value": items}))
    }

    /// Inserts before `index` (negative counts from the end).
    pub fn insert(self, index: i64, item: E) -> Self {
        self.at_root("Insert", json!({"index": index, "value": to_json(item)}))
    }

    /// Replaces the item at `index`.
    pub fn set(self, index: i64, item: E) -> Self {
        self.assign_at([index], item)
    }

    /// Removes the item at `index`.
    pub fn delete(self, index: i64) -> Self {
        self.delete_at([index])
    }

    /// Removes every item equal to `item`.
    pub fn remove(self, item: E) -> Self {
        self.at_root("Remove", json!({"value": to_json(item)}))
    }

    pub fn clear(self) -> Self {
        self.at_root("Clear", json!({}))
    }

    pub fn reverse(self) -> Self {
        self.at_root("Reverse", json!({}))
    }
}

macro_rules! map_patches {
    ($($map:ident),*) => {$(
        impl<V: Serialize> Patch<$map<String, V>> {
            /// Sets one key.
            pub fn insert_key(self, key: impl Into<String>, value: V) -> Self {
                self.assign_at([key.into()], value)
            }

            /// Removes one key.
            pub fn remove_key(self, key: impl Into<String>) -> Self {
                self.delete_at([key.into()])
            }

            /// Sets several keys at once (Python's `p.update(..)`).
            pub fn merge(self, entries: impl IntoIterator<Item = (String, V)>) -> Self {
                let entries: Map<String, Value> = entries.into_iter().map(|(k, v)| (k, to_json(v))).collect();
                self.at_root("Merge", json!({"value": entries}))
            }
        }
    )*};
}
map_patches!(BTreeMap, HashMap);

/// Numbers that patches can do arithmetic on.
pub trait Number: Serialize + Copy {}
impl Number for i32 {}
impl Number for i64 {}
impl Number for u32 {}
impl Number for u64 {}
impl Number for f64 {}

impl<N: Number> Patch<N> {
    pub fn increase_by(self, n: N) -> Self {
        self.at_root("Add", json!({"value": to_json(n)}))
    }

    pub fn decrease_by(self, n: N) -> Self {
        self.at_root("Sub", json!({"value": to_json(n)}))
    }

    pub fn multiply_by(self, n: N) -> Self {
        self.at_root("Mul", json!({"value": to_json(n)}))
    }

    pub fn divide_by(self, n: N) -> Self {
        self.at_root("Div", json!({"value": to_json(n)}))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_operations_have_dash_wire_form() {
        let patch = Patch::<Vec<u8>>::new()
            .append(3)
            .insert(-1, 9)
            .delete(0)
            .extend([1, 2]);
        assert_eq!(
            patch.to_json(),
            json!({"__dash_patch_update": "__dash_patch_update", "operations": [
                {"operation": "Append", "location": [], "params": {"value": 3}},
                {"operation": "Insert", "location": [], "params": {"index": -1, "value": 9}},
                {"operation": "Delete", "location": [0], "params": {}},
                {"operation": "Extend", "location": [], "params": {"value": [1, 2]}},
            ]})
        );
    }

    #[test]
    fn nested_paths_mix_keys_and_indices() {
        let patch = Patch::<Value>::new().assign_at(
            [Step::from("rows"), Step::from(2), Step::from("done")],
            true,
        );
        assert_eq!(
            patch.to_json()["operations"][0]["location"],
            json!(["rows", 2, "done"])
        );
    }
}
