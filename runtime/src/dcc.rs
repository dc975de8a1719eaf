//! Dash's core components (`dash_core_components`): Store, Input, Dropdown.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::component::Element;
use crate::id::{props, ComponentKind, ComponentType, Id};

const NAMESPACE: &str = "dash_core_components";

/// Data a `dcc::Store` can hold. Store data travels between the browser and
/// the server as JSON, so it must serialise and deserialise with serde.
pub trait StoreData: Serialize + DeserializeOwned + Send + 'static {}
impl<T: Serialize + DeserializeOwned + Send + 'static> StoreData for T {}

/// `dcc.Store`: JSON data kept in the browser, of Rust type `T`.
///
/// ```
/// use ferrodash_runtime::prelude::*;
/// const USER: Id<dcc::Store<u64>> = Id::new("user_id_store");
/// let store = dcc::store(USER).storage_type(StorageType::Session);
/// ```
pub struct Store<T: StoreData>(PhantomData<fn() -> T>);

static STORE_KIND: ComponentKind = ComponentKind {
    namespace: NAMESPACE,
    type_name: "Store",
    props: &[
        "id",
        "data",
        "storage_type",
        "clear_data",
        "modified_timestamp",
        "protection",
    ],
    server: None,
};

impl<T: StoreData> ComponentType for Store<T> {
    const KIND: &'static ComponentKind = &STORE_KIND;
}

/// Where a store keeps its data in the browser.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageType {
    /// Lost on reload (Dash's default).
    #[default]
    Memory,
    /// `sessionStorage`: kept across reloads of one tab.
    Session,
    /// `localStorage`: kept across tabs and browser restarts.
    Local,
}

/// A `dcc.Store` with the given id; memory storage and no data until set.
pub fn store<T: StoreData>(id: Id<Store<T>>) -> Element<Store<T>> {
    Element::new().id(id)
}

impl<T: StoreData> Element<Store<T>> {
    /// The data the store starts with when the browser has none stored.
    pub fn data(self, data: T) -> Self {
        self.set("data", data)
    }

    pub fn storage_type(self, storage: StorageType) -> Self {
        self.set("storage_type", storage)
    }

    /// The server signs what it writes and refuses data altered in the
    /// browser, with a 400 naming the store. The data stays readable there.
    pub fn signed(self) -> Self {
        self.set("protection", crate::protect::Protection::Signed)
    }

    /// The browser holds only ciphertext (ChaCha20-Poly1305 under the app's
    /// secret key), so the store may carry confidential values.
    pub fn encrypted(self) -> Self {
        self.set("protection", crate::protect::Protection::Encrypted)
    }
}

props!(impl[T: StoreData] Store<T> {
    /// `data`: the stored value.
    data => "data": T,
    /// `storage_type`
    storage_type => "storage_type": StorageType,
    /// `clear_data`: write `true` to wipe the store.
    clear_data => "clear_data": bool,
    /// `modified_timestamp`: ms since the epoch of the last write, or -1.
    /// Use it as an Input to react to writes without sending the data.
    modified_timestamp => "modified_timestamp": i64,
});

/// `dcc.Input`: a text field.
#[derive(Debug, Clone, Copy)]
pub struct Input;

impl ComponentType for Input {
    const KIND: &'static ComponentKind = &ComponentKind {
        namespace: NAMESPACE,
        type_name: "Input",
        props: &[
            "id",
            "value",
            "type",
            "placeholder",
            "disabled",
            "className",
            "style",
            "debounce",
            "n_submit",
        ],
        server: None,
    };
}

/// A `dcc.Input` with the given id.
pub fn input(id: Id<Input>) -> Element<Input> {
    Element::new().id(id)
}

impl Element<Input> {
    pub fn value(self, value: impl Into<String>) -> Self {
        self.set("value", value.into())
    }

    /// The HTML input type: `text` (default), `password`, `email`, `search`, ...
    pub fn input_type(self, kind: impl Into<String>) -> Self {
        self.set("type", kind.into())
    }

    pub fn placeholder(self, text: impl Into<String>) -> Self {
        self.set("placeholder", text.into())
    }

    pub fn disabled(self, disabled: bool) -> Self {
        self.set("disabled", disabled)
    }
}

props!(impl[] Input {
    /// `value`: the text in the field.
    value => "value": String,
    /// `type`
    input_type => "type": String,
    /// `placeholder`
    placeholder => "placeholder": String,
    /// `disabled`
    disabled => "disabled": bool,
    /// `n_submit`: how many times Enter was pressed.
    n_submit => "n_submit": u64,
});

/// `dcc.Dropdown`: a choice among options.
#[derive(Debug, Clone, Copy)]
pub struct Dropdown;

impl ComponentType for Dropdown {
    const KIND: &'static ComponentKind = &ComponentKind {
        namespace: NAMESPACE,
        type_name: "Dropdown",
        props: &[
            "id",
            "options",
            "value",
            "placeholder",
            "disabled",
            "clearable",
            "className",
            "style",
        ],
        server: None,
    };
}

/// One choice of a dropdown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DropdownOption {
    pub label: String,
    pub value: Value,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disabled: bool,
}

impl From<&str> for DropdownOption {
    fn from(text: &str) -> Self {
        DropdownOption {
            label: text.to_owned(),
            value: Value::String(text.to_owned()),
            disabled: false,
        }
    }
}

impl From<String> for DropdownOption {
    fn from(text: String) -> Self {
        DropdownOption::from(text.as_str())
    }
}

impl From<(&str, &str)> for DropdownOption {
    /// `(label, value)`
    fn from((label, value): (&str, &str)) -> Self {
        DropdownOption {
            label: label.to_owned(),
            value: Value::String(value.to_owned()),
            disabled: false,
        }
    }
}

/// A `dcc.Dropdown` with the given id.
pub fn dropdown(id: Id<Dropdown>) -> Element<Dropdown> {
    Element::new().id(id)
}

impl Element<Dropdown> {
    pub fn options<O: Into<DropdownOption>>(self, options: impl IntoIterator<Item = O>) -> Self {
        let options: Vec<DropdownOption> = options.into_iter().map(Into::into).collect();
        self.set("options", options)
    }

    pub fn value(self, value: impl Into<String>) -> Self {
        self.set("value", value.into())
    }

    pub fn placeholder(self, text: impl Into<String>) -> Self {
        self.set("placeholder", text.into())
    }
}

props!(impl[] Dropdown {
    /// `options`
    options => "options": Vec<DropdownOption>,
    /// `value`: the chosen option's value.
    value => "value": String,
    /// `placeholder`
    placeholder => "placeholder": String,
    /// `disabled`
    disabled => "disabled": bool,
});

pub use crate::server_store::{server_store, ServerStore, Shared};
