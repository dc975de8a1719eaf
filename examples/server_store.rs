//! A large data set kept on the server: a button loads N rows into a
//! server-side store, and summaries read it. The browser holds only a signed
//! handle, so each summary request is a few hundred bytes whatever the size.
//!
//! `cargo run --example server_store` (`--port N`). With
//! `FERRODASH_REDIS_URL=redis://127.0.0.1:6379/` the rows live in Redis, so
//! several instances (sharing `FERRODASH_SECRET_KEY`) serve the same sessions.

use ferrodash::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Sale {
    region: String,
    units: u32,
    price: f64,
}

const ROW_COUNT: Id<dcc::Input<u32>> = Id::new("row_count");
const LOAD: Id<html::Button> = Id::new("load");
const SALES: Id<dcc::ServerStore<Vec<Sale>>> = Id::new("sales");
const REGION: Id<dcc::Dropdown> = Id::new("region");
const LOADED: Id<html::P> = Id::new("loaded");
const SUMMARY: Id<html::P> = Id::new("summary");

const REGIONS: [&str; 4] = ["north", "south", "east", "west"];

fn layout() -> Component {
    html::div((
        html::h1("Sales (kept on the server)"),
        dcc::input(ROW_COUNT).value(10_000u32),
        html::button("Load rows").id(LOAD),
        dcc::dropdown(REGION).options(REGIONS).value("north"),
        html::p("No rows loaded").id(LOADED),
        html::p(()).id(SUMMARY),
        dcc::server_store(SALES),
    ))
    .into_component()
}

fn make_rows(n: usize) -> Vec<Sale> {
    (0..n)
        .map(|i| Sale {
            region: REGIONS[i % REGIONS.len()].to_owned(),
            units: (i * 7 % 13) as u32,
            price: 1.0 + (i % 100) as f64 / 10.0,
        })
        .collect()
}

#[callback(output = [SALES.data, LOADED.children], input = LOAD.n_clicks, state = ROW_COUNT.value, prevent_initial_call = true)]
fn load(
    _clicks: Option<u64>,
    count: Option<u32>,
) -> (Update<dcc::Shared<Vec<Sale>>>, Update<Children>) {
    let n = count.unwrap_or(10_000).min(1_000_000) as usize;
    let rows = make_rows(n);
    let text = format!("{} rows loaded", rows.len());
    (Update::set(rows), Update::set(text))
}

#[callback(output = SUMMARY.children, input = [SALES.data, REGION.value])]
fn summarise(sales: Option<dcc::Shared<Vec<Sale>>>, region: Option<String>) -> Update<Children> {
    let (Some(sales), Some(region)) = (sales, region) else {
        return Update::set("Load rows to see a summary");
    };
    let (units, revenue) = sales
        .iter()
        .filter(|s| s.region == region)
        .fold((0u64, 0.0), |(u, r), s| {
            (u + u64::from(s.units), r + f64::from(s.units) * s.price)
        });
    Update::set(format!("{region}: {units} units, revenue {revenue:.2}"))
}

#[tokio::main]
async fn main() -> Result<(), ferrodash::Error> {
    App::new("Server-side store")
        .layout(layout)
        .serve(ferrodash::address_from_args("127.0.0.1:8050"))
        .await
}
