//! Dash's core components (`dash_core_components`): Store, Input, Dropdown,
//! Checklist.

use std::marker::PhantomData;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::component::{Element, ElementId};
use crate::id::{props, ComponentKind, ComponentType, Id, Prop};

const NAMESPACE: &str = "dash_core_components";

/// Declares a core component kind (a unit type) with its Dash props.
macro_rules! kind {
    ($(#[$doc:meta])* $name:ident [$($prop:literal),* $(,)?]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $name;

        impl ComponentType for $name {
            const KIND: &'static ComponentKind = &ComponentKind {
                namespace: NAMESPACE,
                type_name: stringify!($name),
                props: &[$($prop),*],
                server: None,
            };
        }
    };
}

/// Data a `dcc::Store` can hold. Store data travels between the browser and
/// the server as JSON, so it must serialise and deserialise with serde.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the data of a `dcc::Store`: store data travels between the browser and the server as JSON, and `{Self}` is not JSON",
    label = "`{Self}` must implement `serde::Serialize` and `serde::Deserialize`",
    note = "derive them: `#[derive(serde::Serialize, serde::Deserialize)]` on `{Self}` (serde with its `derive` feature), or store a type that has them",
    note = "data that should not travel to the browser belongs in a server-side store, where the browser holds only a handle: `Id<dcc::ServerStore<T>>` with `dcc::server_store(..)`"
)]
pub trait StoreData: Serialize + DeserializeOwned + Send + 'static {}
#[diagnostic::do_not_recommend]
impl<T: Serialize + DeserializeOwned + Send + 'static> StoreData for T {}

/// Data that may go to the browser in a client store: any [`StoreData`],
/// never a [`Secret`](crate::Secret). This is the bound an `Id` of a
/// `dcc::Store` checks where it is declared, so a store of data that is not
/// JSON, or of a secret, is one compile error at that declaration.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` is confidential: it cannot be kept in a client store, because a `dcc::Store` sends its data to the browser",
    label = "a `Secret` must never reach the browser",
    note = "keep it in a server-side store, whose data stays on the server (the browser holds only a signed handle): `Id<dcc::ServerStore<{Self}>>` with `dcc::server_store(..)`"
)]
pub trait ClientData {}
impl<T: StoreData> ClientData for T {}

/// `dcc.Store`: JSON data kept in the browser, of Rust type `T`.
///
/// ```
/// use ferrodash_runtime::prelude::*;
/// const USER: Id<dcc::Store<u64>> = Id::new("user_id_store");
/// let store = dcc::store(USER).storage_type(StorageType::Session);
/// ```
///
/// The data type is checked where the id is declared: a type that is not
/// JSON (or a [`Secret`](crate::Secret)) fails there, once.
pub struct Store<T>(PhantomData<fn() -> T>);

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
        "schema_version",
    ],
    server: None,
};

impl<T: ClientData + 'static> ComponentType for Store<T> {
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
///
/// (`Store<T>: ComponentType` holds exactly when `T` is [`StoreData`]; the
/// bound is written this way so that a `Secret` gets its own message.)
pub fn store<T>(id: Id<Store<T>>) -> Element<Store<T>>
where
    Store<T>: ComponentType,
{
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

    /// The version of the data's shape. The browser keeps it beside the
    /// data; on load, data stored under another version is dropped (with a
    /// console warning) and the layout's data is used instead, so a changed
    /// `T` never meets data of its old shape.
    pub fn schema_version(self, version: u32) -> Self {
        self.set("schema_version", version)
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

// Written out instead of with `props!`, without a bound on `T`: a store of
// data that is not JSON is reported once, where its id is declared, and not
// again at every use of its properties.
impl<T> Id<Store<T>> {
    /// `data`: the stored value.
    pub const fn data(&self) -> Prop<T> {
        self.prop_of(&STORE_KIND, "data")
    }
    /// `storage_type`
    pub const fn storage_type(&self) -> Prop<StorageType> {
        self.prop_of(&STORE_KIND, "storage_type")
    }
    /// `clear_data`: write `true` to wipe the store.
    pub const fn clear_data(&self) -> Prop<bool> {
        self.prop_of(&STORE_KIND, "clear_data")
    }
    /// `modified_timestamp`: ms since the epoch of the last write, or -1.
    /// Use it as an Input to react to writes without sending the data.
    pub const fn modified_timestamp(&self) -> Prop<i64> {
        self.prop_of(&STORE_KIND, "modified_timestamp")
    }
}

/// `dcc.Input`: a field whose value has type `T`: `Input` (text) is
/// `Input<String>`; a `type="number"` field is `Input<f64>` or `Input<i64>`,
/// since the browser then sends numbers, as Dash's does.
pub struct Input<T = String>(PhantomData<fn() -> T>);

static INPUT_KIND: ComponentKind = ComponentKind {
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
        "min",
        "max",
        "step",
    ],
    server: None,
};

impl<T: 'static> ComponentType for Input<T> {
    const KIND: &'static ComponentKind = &INPUT_KIND;
}

/// A `dcc.Input` with the given id; a numeric one gets `type="number"`.
pub fn input<T: InputValue>(id: impl ElementId<Input<T>>) -> Element<Input<T>> {
    let element = Element::new().id(id);
    if T::NUMERIC {
        element.set("type", "number")
    } else {
        element
    }
}

/// What a `dcc::Input` can hold: text, or a number for `type="number"`.
pub trait InputValue: Serialize + DeserializeOwned + Send + 'static {
    const NUMERIC: bool;
}
impl InputValue for String {
    const NUMERIC: bool = false;
}
macro_rules! numeric_inputs {
    ($($t:ty),*) => {$(
        impl InputValue for $t {
            const NUMERIC: bool = true;
        }
    )*};
}
numeric_inputs!(f64, f32, i64, i32, u64, u32);

impl<T: InputValue> Element<Input<T>> {
    pub fn value(self, value: impl Into<T>) -> Self {
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

props!(impl[T: InputValue] Input<T> {
    /// `value`: what is in the field.
    value => "value": T,
    /// `type`
    input_type => "type": String,
    /// `placeholder`
    placeholder => "placeholder": String,
    /// `disabled`
    disabled => "disabled": bool,
    /// `n_submit`: how many times Enter was pressed.
    n_submit => "n_submit": u64,
});

kind! {
    /// `dcc.Dropdown`: a choice among options.
    Dropdown ["id", "options", "value", "placeholder", "disabled", "clearable", "className", "style"]
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
pub fn dropdown(id: impl ElementId<Dropdown>) -> Element<Dropdown> {
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

kind! {
    /// `dcc.Checklist`: a list of checkboxes; `value` holds the checked options' values.
    Checklist ["id", "options", "value", "inline", "className", "style"]
}

/// A `dcc.Checklist` with the given id and no option checked.
pub fn checklist(id: impl ElementId<Checklist>) -> Element<Checklist> {
    Element::new().id(id).set("value", Vec::<String>::new())
}

impl Element<Checklist> {
    pub fn options<O: Into<DropdownOption>>(self, options: impl IntoIterator<Item = O>) -> Self {
        let options: Vec<DropdownOption> = options.into_iter().map(Into::into).collect();
        self.set("options", options)
    }

    pub fn value<V: Into<String>>(self, checked: impl IntoIterator<Item = V>) -> Self {
        let checked: Vec<String> = checked.into_iter().map(Into::into).collect();
        self.set("value", checked)
    }

    /// Lays the boxes out on one line.
    pub fn inline(self, inline: bool) -> Self {
        self.set("inline", inline)
    }

    pub fn class_name(self, class: impl Into<String>) -> Self {
        self.set("className", class.into())
    }

    pub fn style(self, style: impl Into<crate::html::Style>) -> Self {
        self.set("style", style.into())
    }
}

props!(impl[] Checklist {
    /// `options`
    options => "options": Vec<DropdownOption>,
    /// `value`: the values of the checked options.
    value => "value": Vec<String>,
});

kind! {
    /// `dcc.Interval`: fires `n_intervals` every `interval` milliseconds.
    Interval ["id", "interval", "n_intervals", "max_intervals", "disabled"]
}

/// A `dcc.Interval` ticking every `millis` milliseconds.
pub fn interval(id: impl ElementId<Interval>, millis: u64) -> Element<Interval> {
    Element::new()
        .id(id)
        .set("interval", millis)
        .set("n_intervals", 0)
}

impl Element<Interval> {
    /// Stops after this many ticks (-1, the default, never stops).
    pub fn max_intervals(self, n: i64) -> Self {
        self.set("max_intervals", n)
    }

    pub fn disabled(self, disabled: bool) -> Self {
        self.set("disabled", disabled)
    }
}

props!(impl[] Interval {
    /// `n_intervals`: how many times it has fired.
    n_intervals => "n_intervals": u64,
    /// `interval`: the period in milliseconds.
    interval => "interval": u64,
    /// `max_intervals`
    max_intervals => "max_intervals": i64,
    /// `disabled`: a disabled interval does not fire.
    disabled => "disabled": bool,
});

kind! {
    /// `dcc.Location`: the page's URL, readable and writable by callbacks; the
    /// heart of a multi-page app.
    Location ["id", "pathname", "search", "hash", "href", "refresh"]
}

/// A `dcc.Location` with the given id. A callback that writes its URL
/// changes the address in place (`history.pushState`); see
/// [`Element::<Location>::refresh`] to reload the page instead, which is
/// Dash's default.
pub fn location(id: impl ElementId<Location>) -> Element<Location> {
    Element::new().id(id).set("refresh", false)
}

impl Element<Location> {
    /// Whether a URL written by a callback reloads the page (`true`, Dash's
    /// default) or changes it in place (`false`, ferrodash's default).
    pub fn refresh(self, refresh: bool) -> Self {
        self.set("refresh", refresh)
    }
}

props!(impl[] Location {
    /// `pathname`: the path, e.g. `/reports`.
    pathname => "pathname": String,
    /// `search`: the query string with its `?`.
    search => "search": String,
    /// `hash`: the fragment with its `#`.
    hash => "hash": String,
    /// `href`: the whole URL.
    href => "href": String,
    /// `refresh`: whether a URL written by a callback reloads the page.
    refresh => "refresh": bool,
});

kind! {
    /// `dcc.Link`: a link that changes the page's URL without reloading it.
    Link ["id", "href", "children", "refresh", "className", "style", "title"]
}

/// A `dcc.Link` to `href` showing `children`.
pub fn link(
    children: impl Into<crate::component::Children>,
    href: impl Into<String>,
) -> Element<Link> {
    Element::new()
        .set("children", children.into())
        .set("href", href.into())
}

impl Element<Link> {
    /// Reload the page on click instead of changing the URL in place.
    pub fn refresh(self, refresh: bool) -> Self {
        self.set("refresh", refresh)
    }

    pub fn class_name(self, class: impl Into<String>) -> Self {
        self.set("className", class.into())
    }
}

props!(impl[] Link {
    /// `href`
    href => "href": String,
    /// `children`
    children => "children": crate::component::Children,
});
