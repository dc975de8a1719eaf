//! Dash's `html` components (`dash_html_components`): plain HTML elements.
//!
//! ```
//! use ferrodash_runtime::prelude::*;
//! const TITLE: Id<html::H1> = Id::new("title");
//! let page = html::div((html::h1("Sales").id(TITLE), html::p("Updated daily")));
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::component::{Children, Element};
use crate::id::{props, ComponentKind, ComponentType};

const NAMESPACE: &str = "dash_html_components";

/// Props every html element has (Dash generates the same set for each).
const PROPS: &[&str] = &[
    "id",
    "children",
    "className",
    "style",
    "n_clicks",
    "n_clicks_timestamp",
    "title",
    "hidden",
    "key",
    "role",
    "lang",
    "dir",
    "tabIndex",
    "disabled",
    "href",
    "target",
    "src",
    "alt",
    "htmlFor",
    "name",
    "type",
    "value",
];

/// Marker for the kinds in this module, which share their props.
pub trait HtmlElement: ComponentType {}

macro_rules! elements {
    ($($(#[$doc:meta])* $kind:ident $ctor:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $kind;

        impl ComponentType for $kind {
            const KIND: &'static ComponentKind = &ComponentKind {
                namespace: NAMESPACE,
                type_name: stringify!($kind),
                props: PROPS,
                server: None,
            };
        }

        impl HtmlElement for $kind {}

        #[doc = concat!("An `html.", stringify!($kind), "` with the given children.")]
        pub fn $ctor(children: impl Into<Children>) -> Element<$kind> {
            Element::new().children(children)
        }
    )*};
}

elements! {
    Div div;
    H1 h1;
    H2 h2;
    H3 h3;
    H4 h4;
    H5 h5;
    H6 h6;
    P p;
    Span span;
    Button button;
    Label label;
    Ul ul;
    Ol ol;
    Li li;
    Pre pre;
    Code code;
    Strong strong;
    Em em;
    Section section;
    Header header;
    Footer footer;
    Nav nav;
    Main main;
    /// A link; `javascript:` URLs are refused by the client.
    A a;
    Hr hr;
    Br br;
    Table table;
    Thead thead;
    Tbody tbody;
    Tr tr;
    Th th;
    Td td;
}

/// Inline CSS: camelCase property names, as in Dash.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Style(pub Map<String, Value>);

impl<K: Into<String>, V: Into<Value>, const N: usize> From<[(K, V); N]> for Style {
    fn from(pairs: [(K, V); N]) -> Self {
        Style(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

props!(impl[C: HtmlElement] C {
    /// `id`
    id => "id": String,
    /// `children`
    children => "children": Children,
    /// `className`
    class_name => "className": String,
    /// `style`
    style => "style": Style,
    /// `n_clicks`: how many times the element was clicked.
    n_clicks => "n_clicks": u64,
    /// `n_clicks_timestamp`: when it was last clicked (ms since the epoch).
    n_clicks_timestamp => "n_clicks_timestamp": i64,
    /// `title`
    title => "title": String,
    /// `hidden`
    hidden => "hidden": bool,
    /// `disabled`
    disabled => "disabled": bool,
});

impl<C: HtmlElement> Element<C> {
    pub fn children(self, children: impl Into<Children>) -> Self {
        self.set("children", children.into())
    }

    pub fn class_name(self, class: impl Into<String>) -> Self {
        self.set("className", class.into())
    }

    pub fn style(self, style: impl Into<Style>) -> Self {
        self.set("style", style.into())
    }

    pub fn n_clicks(self, n: u64) -> Self {
        self.set("n_clicks", n)
    }

    pub fn title(self, title: impl Into<String>) -> Self {
        self.set("title", title.into())
    }

    pub fn hidden(self, hidden: bool) -> Self {
        self.set("hidden", hidden)
    }

    pub fn disabled(self, disabled: bool) -> Self {
        self.set("disabled", disabled)
    }

    pub fn href(self, href: impl Into<String>) -> Self {
        self.set("href", href.into())
    }
}
