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
    pub id: &'static str,
    pub property: &'static str,
    pub kind: &'static ComponentKind,
}

impl fmt::Display for PropSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.id, self.property)
    }
}

/// One property of one component, with the type of its value.
pub struct Prop<V> {
    pub spec: PropSpec,
    value: PhantomData<fn() -> V>,
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
