//! A dashboard made of hostile strings, for the XSS browser test
//! (`tests/browser/xss.test.js`): script payloads as children, as store
//! data (in the layout JSON and in callback answers), as an input's value
//! and a dropdown's labels, `javascript:` links (from the layout and from a
//! callback), and `</script>` in the page's title and its `_dash-config`.
//! Every one of them must be shown as text and never run.
//!
//! `cargo run --example xss` (then open http://127.0.0.1:8050/),
//! `--port N` for another port.

use ferrodash::prelude::*;
use serde::{Deserialize, Serialize};

const IMG: &str = "<img src=x onerror=window.__xss=1>";
const SCRIPT: &str = "<script>window.__xss=1</script>";
const CLOSE: &str = "</script><script>window.__xss=1</script>";
const JS_URL: &str = "javascript:window.__xss=1";
/// Browsers drop tabs inside a URL scheme, so this is `javascript:` too.
const JS_URL_TAB: &str = "java\tscript:window.__xss=1";

/// Store data made of payloads, sent in the layout JSON.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Payloads {
    img: String,
    script: String,
    close: String,
}

const PAYLOADS: Id<dcc::Store<Payloads>> = Id::new("payloads");
const ECHO: Id<dcc::Store<Payloads>> = Id::new("echo");
const FROM_STORE: Id<html::Div> = Id::new("from_store");
const SHOW: Id<html::Button> = Id::new("show");
const SHOWN: Id<html::Div> = Id::new("shown");
const TEXT: Id<dcc::Input> = Id::new("text");
const TYPED: Id<html::P> = Id::new("typed");
const CHOICE: Id<dcc::Dropdown> = Id::new("choice");
const LAYOUT_LINK: Id<html::A> = Id::new("layout_link");
const TAB_LINK: Id<html::A> = Id::new("tab_link");
const ATTRIBUTE: Id<html::Div> = Id::new("attribute");
const HEADING: Id<html::H1> = Id::new("heading");
const LAYOUT_SCRIPT: Id<html::P> = Id::new("layout_script");

fn layout() -> Component {
    html::div((
        html::div((
            html::h1(IMG).id(HEADING),
            html::p(SCRIPT).id(LAYOUT_SCRIPT),
            html::a("a javascript: link").id(LAYOUT_LINK).href(JS_URL),
            html::a("a java<tab>script: link")
                .id(TAB_LINK)
                .href(JS_URL_TAB),
            html::div("attribute")
                .id(ATTRIBUTE)
                .title(format!("\"><img src=x onerror=window.__xss=1>{CLOSE}")),
        )),
        html::div(()).id(FROM_STORE),
        html::button("show").id(SHOW),
        html::div(()).id(SHOWN),
        dcc::input(TEXT).value(IMG),
        html::p(()).id(TYPED),
        dcc::dropdown(CHOICE).options([(IMG, "img"), (SCRIPT, "script"), (CLOSE, "close")]),
        dcc::store(PAYLOADS)
            .data(Payloads {
                img: IMG.to_owned(),
                script: SCRIPT.to_owned(),
                close: CLOSE.to_owned(),
            })
            .storage_type(StorageType::Local),
        dcc::store(ECHO).storage_type(StorageType::Session),
    ))
    .into_component()
}

/// Store data (from the layout) into children, on page load.
#[callback(output = FROM_STORE.children, input = PAYLOADS.data)]
async fn from_store(payloads: Option<Payloads>) -> Update<Children> {
    match payloads {
        Some(p) => Update::set((
            html::span(p.img).class_name("img"),
            html::span(p.script).class_name("script"),
            html::span(p.close).class_name("close"),
        )),
        None => Update::NoChange,
    }
}

/// On a click: payloads in new children (with a `javascript:` link made by
/// the callback) and echoed into another store.
#[callback(
    output = [SHOWN.children, ECHO.data],
    input = SHOW.n_clicks,
    state = PAYLOADS.data,
    prevent_initial_call = true
)]
async fn show(
    clicks: Option<u64>,
    payloads: Option<Payloads>,
) -> (Update<Children>, Update<Payloads>) {
    let (Some(_), Some(p)) = (clicks, payloads) else {
        return (Update::NoChange, Update::NoChange);
    };
    let children = html::div((
        html::span(p.img.clone()).class_name("img"),
        html::span(p.script.clone()).class_name("script"),
        html::span(p.close.clone()).class_name("close"),
        html::a("a javascript: link from a callback")
            .class_name("callback_link")
            .href(JS_URL),
    ));
    (Update::set(children), Update::Set(p))
}

/// What is typed, as children.
#[callback(output = TYPED.children, input = TEXT.value)]
async fn typed(text: Option<String>) -> Update<Children> {
    text.map_or(Update::NoChange, Update::set)
}

#[tokio::main]
async fn main() -> Result<(), ferrodash::Error> {
    App::new(format!("{CLOSE} xss"))
        .layout(layout)
        // The store prefix is written into the page's `_dash-config`.
        .store_prefix(CLOSE)
        .serve(ferrodash::address_from_args("127.0.0.1:8050"))
        .await
}
