//! Typed component ids and property references.
//!
//! An id is declared once with the kind of component it names
//! (`Id<html::Button>`, `Id<dcc::Store<u64>>`). Properties are methods on the
//! id, so a misspelt property is a rustc error with rustc's own "did you mean",
//! and each property carries its value type for the callback signature check.

use std::fmt;
use std::marker::PhantomData;

/// What the runtime needs to know about a kind of component: its Dash
/// `namespace` and `type`, and the properties it has.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ComponentKind {
    pub namespace: &'static str,
    pub type_name: &'static str,
    pub props: &'static [&'static str],
    /// For server-side stores: how their data is kept.
    pub server: Option<&'static crate::server_store::Codec>,
}

impl ComponentKind {
    pub fn has_prop(&self, prop: &str) -> bool {
        self.props.contains(&prop) || prop.starts_with("data-") || prop.starts_with("aria-")
    }
}

impl fmt::Display for ComponentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let short = match self.namespace {
            "dash_html_components" => "html",
            "dash_core_components" => "dcc",
            other => other,
        };
        write!(f, "{short}.{}", self.type_name)
    }
}

/// A Rust type standing for one kind of component.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a component kind",
    label = "expected a component such as `html::Button` or `dcc::Store<T>`",
    note = "ids are declared as `Id<html::Div>`, `Id<dcc::Input>`, `Id<dcc::Store<MyData>>`, ..."
)]
pub trait ComponentType: 'static {
    const KIND: &'static ComponentKind;
}

/// The id of one component of kind `C`.
///
/// ```
/// use ferrodash_runtime::prelude::*;
/// const LOGIN: Id<html::Button> = Id::new("button_login");
/// assert_eq!(LOGIN.name(), "button_login");
/// ```
pub struct Id<C> {
    name: &'static str,
    pattern: bool,
    kind: PhantomData<fn() -> C>,
}

impl<C> Id<C> {
    /// Declares an id. Dash reserves `.` and `{` in string ids; such an id
    /// fails when the app is built, with a message naming it.
    ///
    /// The bound checks the component kind here, once: a `dcc::Store` of
    /// data that is not JSON is one error at this declaration.
    pub const fn new(name: &'static str) -> Self
    where
        C: ComponentType,
    {
        Id {
            name,
            pattern: false,
            kind: PhantomData,
        }
    }

    /// Declares a family of components with dict ids
    /// `{"index": <key>, "type": name}`: each member's id is `FAMILY.at(key)`,
    /// and callbacks name the family with a wildcard, `FAMILY[MATCH].prop`,
    /// `FAMILY[ALL].prop` or `FAMILY[ALLSMALLER].prop` (see `pattern`).
    pub const fn pattern(name: &'static str) -> Self
    where
        C: ComponentType,
    {
        Id {
            name,
            pattern: true,
            kind: PhantomData,
        }
    }

    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// A reference to property `property` of a component of kind `kind`,
    /// for property methods that must not repeat the kind's bounds.
    #[doc(hidden)]
    pub const fn prop_of<V>(
        &self,
        kind: &'static ComponentKind,
        property: &'static str,
    ) -> Prop<V> {
        Prop {
            spec: PropSpec {
                id: self.name,
                property,
                kind,
                pattern: self.pattern,
                wildcard: None,
            },
            value: PhantomData,
        }
    }
}

impl<C: ComponentType> Id<C> {
    /// A reference to property `property` of this component, with value type `V`.
    /// The generated property methods are built on this.
    #[doc(hidden)]
    pub const fn prop<V>(&self, property: &'static str) -> Prop<V> {
        Prop {
            spec: PropSpec {
                id: self.name,
                property,
                kind: C::KIND,
                pattern: self.pattern,
                wildcard: None,
            },
            value: PhantomData,
        }
    }
}

impl<C> Clone for Id<C> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<C> Copy for Id<C> {}

impl<C: ComponentType> fmt::Debug for Id<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id<{}>({:?})", C::KIND, self.name)
    }
}

/// One property of one component, untyped: what the graph and the wire use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PropSpec {
    /// The id, or for a pattern family its `type`.
    pub id: &'static str,
    pub property: &'static str,
    pub kind: &'static ComponentKind,
    /// Whether `id` names a family of dict ids (`Id::pattern`).
    pub pattern: bool,
    /// How a callback names the family's members.
    pub wildcard: Option<Wildcard>,
}

/// Dash's wildcards for pattern-matching ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wildcard {
    /// Every member: the values arrive as a list.
    All,
    /// The member whose key matches the output's.
    Match,
    /// The members whose key is smaller than the matched one.
    AllSmaller,
}

impl Wildcard {
    pub fn as_str(self) -> &'static str {
        match self {
            Wildcard::All => "ALL",
            Wildcard::Match => "MATCH",
            Wildcard::AllSmaller => "ALLSMALLER",
        }
    }

    /// Whether the property's values arrive as a list.
    pub fn is_multi(self) -> bool {
        self != Wildcard::Match
    }
}

impl PropSpec {
    /// The id as Dash's callback ids and `_dash-dependencies` write it: a
    /// string id as is, a family as `{"index":["MATCH"],"type":"name"}`.
    pub fn id_text(&self) -> String {
        if !self.pattern {
            return self.id.to_owned();
        }
        let index = self.wildcard.map_or("?", Wildcard::as_str);
        format!(
            r#"{{"index":["{index}"],"type":{}}}"#,
            serde_json::Value::from(self.id)
        )
    }
}

impl fmt::Display for PropSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.pattern {
            write!(f, "{}.{}", self.id_text(), self.property)
        } else {
            write!(f, "{}.{}", self.id, self.property)
        }
    }
}

/// One property of one component, with the type of its value.
pub struct Prop<V> {
    pub spec: PropSpec,
    value: PhantomData<fn() -> V>,
}

impl<V> Prop<V> {
    #[doc(hidden)]
    pub fn from_spec(spec: PropSpec) -> Self {
        Prop {
            spec,
            value: PhantomData,
        }
    }
}

impl<V> Clone for Prop<V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<V> Copy for Prop<V> {}

/// Declares typed property methods on `Id<C>`: `name => "wireName": Type`.
macro_rules! props {
    (impl[$($gen:tt)*] $target:ty { $($(#[$doc:meta])* $method:ident => $wire:literal : $ty:ty),* $(,)? }) => {
        impl<$($gen)*> $crate::id::Id<$target> {
            $(
                $(#[$doc])*
                pub const fn $method(&self) -> $crate::id::Prop<$ty> {
                    self.prop($wire)
                }
            )*
        }
    };
}
pub(crate) use props;

/// A component kind that has the properties every html element has
/// (`children`, `n_clicks`, `className`, ...).
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not have this property: `children`, `n_clicks`, `class_name`, `style`, `title`, `hidden`, `disabled` belong to html elements (`html::Div`, `html::Button`, ..)",
    label = "not a property of `{Self}`",
    note = "an id's declared type decides its properties: use one of this component's own (a `dcc::Store` has `data`, `modified_timestamp`, `clear_data`, `storage_type`; a `dcc::Input` has `value`, `n_submit`, `disabled`, ..), or declare the id as the component it is"
)]
pub trait HtmlElementProperty: ComponentType {}
#[diagnostic::do_not_recommend]
impl<C: crate::html::HtmlElement> HtmlElementProperty for C {}

/// The properties of html elements, reachable on the id of any component,
/// so that using one on a component that lacks it is an error with the
/// message of [`HtmlElementProperty`] rather than "the method exists but its
/// trait bounds were not satisfied". An html element's own property methods
/// take precedence; only the code `#[callback]` generates brings this trait
/// into scope.
#[doc(hidden)]
pub trait HtmlProperties {
    type Kind;
    fn id(&self) -> Prop<String>
    where
        Self::Kind: HtmlElementProperty;
    fn children(&self) -> Prop<crate::component::Children>
    where
        Self::Kind: HtmlElementProperty;
    fn class_name(&self) -> Prop<String>
    where
        Self::Kind: HtmlElementProperty;
    fn style(&self) -> Prop<crate::html::Style>
    where
        Self::Kind: HtmlElementProperty;
    fn n_clicks(&self) -> Prop<u64>
    where
        Self::Kind: HtmlElementProperty;
    fn n_clicks_timestamp(&self) -> Prop<i64>
    where
        Self::Kind: HtmlElementProperty;
    fn title(&self) -> Prop<String>
    where
        Self::Kind: HtmlElementProperty;
    fn hidden(&self) -> Prop<bool>
    where
        Self::Kind: HtmlElementProperty;
    fn disabled(&self) -> Prop<bool>
    where
        Self::Kind: HtmlElementProperty;
}

macro_rules! html_properties {
    ($($method:ident => $wire:literal : $ty:ty),* $(,)?) => {
        impl<C> HtmlProperties for Id<C> {
            type Kind = C;
            $(
                fn $method(&self) -> Prop<$ty>
                where
                    C: HtmlElementProperty,
                {
                    self.prop($wire)
                }
            )*
        }
    };
}

html_properties! {
    id => "id": String,
    children => "children": crate::component::Children,
    class_name => "className": String,
    style => "style": crate::html::Style,
    n_clicks => "n_clicks": u64,
    n_clicks_timestamp => "n_clicks_timestamp": i64,
    title => "title": String,
    hidden => "hidden": bool,
    disabled => "disabled": bool,
}
