//! A multi-page app: a `dcc::Location` holds the page's URL, a nav of
//! `dcc::Link`s changes it without reloading the page, and one callback
//! renders the page for the path (with a "not found" page for any other).
//! The home page has a clock driven by a `dcc::Interval`. Deep links work:
//! the server answers every path with the app, and the callback picks the
//! page; the browser's back and forward buttons move between pages.
//!
//! `cargo run --example pages` (then open http://127.0.0.1:8050/),
//! `--port N` to choose another port.

use std::time::{SystemTime, UNIX_EPOCH};

use ferrodash::prelude::*;

const URL: Id<dcc::Location> = Id::new("url");
const PAGE: Id<html::Div> = Id::new("page");
const TICK: Id<dcc::Interval> = Id::new("clock_tick");
const CLOCK: Id<html::P> = Id::new("clock");

fn home() -> Component {
    html::div((
        html::h2("Home"),
        html::p("Pick a page above: the address changes, the page does not reload."),
        html::p("The clock starts at the next tick.").id(CLOCK),
        dcc::interval(TICK, 1000),
    ))
    .into_component()
}

fn reports() -> Component {
    let row = |region: &str, sales: u32| html::tr((html::td(region), html::td(sales)));
    html::div((
        html::h2("Reports"),
        html::table((
            html::thead(html::tr((html::th("Region"), html::th("Sales")))),
            html::tbody((row("North", 1200), row("South", 950), row("West", 1730))),
        )),
    ))
    .into_component()
}

fn settings() -> Component {
    html::div((
        html::h2("Settings"),
        html::p("Nothing to set yet; this page shows that each path has its own content."),
    ))
    .into_component()
}

fn not_found(path: &str) -> Component {
    html::div((
        html::h2("Not found"),
        html::p(format!("There is no page at {path}.")),
    ))
    .into_component()
}

fn layout() -> Component {
    let gap = || html::span(" | ");
    html::div((
        dcc::location(URL),
        html::h1("ferrodash pages"),
        html::nav((
            dcc::link("Home", "/"),
            gap(),
            dcc::link("Reports", "/reports"),
            gap(),
            dcc::link("Settings", "/settings"),
        )),
        // The home page is in the layout itself, so that the app's check of
        // every callback's ids against the layout finds the clock's.
        html::div(home()).id(PAGE),
    ))
    .style([("margin", "2em"), ("fontFamily", "system-ui, sans-serif")])
    .into_component()
}

/// The page for the path. The Location sets `pathname` from the address
/// bar when the page loads and whenever a Link or the back button moves it.
#[callback(output = PAGE.children, input = URL.pathname)]
fn render_page(path: Option<String>) -> Update<Children> {
    Update::set(match path.as_deref().unwrap_or("/") {
        "/" => home(),
        "/reports" => reports(),
        "/settings" => settings(),
        other => not_found(other),
    })
}

/// Ticks once a second while the home page is shown; the Interval stops
/// when another page replaces it.
#[callback(output = CLOCK.children, input = TICK.n_intervals)]
fn clock(ticks: Option<u64>) -> Update<Children> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (h, m, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
    Update::set(format!(
        "Tick {}: it is {h:02}:{m:02}:{s:02} UTC.",
        ticks.unwrap_or(0)
    ))
}

#[tokio::main]
async fn main() -> Result<(), ferrodash::Error> {
    App::new("Pages")
        .layout(layout)
        .serve(ferrodash::address_from_args("127.0.0.1:8050"))
        .await
}
