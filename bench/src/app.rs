//! The dashboard under test: a one-input callback (written as `fn` and as
//! `async fn`), and a callback per store size that summarises the rows of a
//! client store read as `state`, and the same for server-side stores, which
//! a button fills. The bare axum baseline (`bare.rs`) does the
//! same JSON work; `work_*` below is shared by both.

use ferrodash::prelude::*;
use serde::{Deserialize, Serialize};

/// One row of the stores: a few fields, about 47 bytes of JSON each
/// (Dash's reference store is 455,747 bytes for 10k rows).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Row {
    pub id: u32,
    pub group: String,
    pub value: f64,
    pub ok: bool,
}

/// `n` rows, the same on every run.
pub fn rows(n: usize) -> Vec<Row> {
    (0..n)
        .map(|i| Row {
            id: i as u32,
            group: ["a", "b", "c", "d", "e"][i % 5].to_owned(),
            value: ((i * 7919) % 100_000) as f64 / 100.0,
            ok: i % 3 != 0,
        })
        .collect()
}

pub const TEXT: Id<dcc::Input> = Id::new("text");
pub const OUT_FN: Id<html::Div> = Id::new("out_fn");
pub const OUT_ASYNC: Id<html::Div> = Id::new("out_async");
pub const GROUP: Id<dcc::Dropdown> = Id::new("group");
pub const ROWS_1K: Id<dcc::Store<Vec<Row>>> = Id::new("rows_1k");
pub const ROWS_10K: Id<dcc::Store<Vec<Row>>> = Id::new("rows_10k");
pub const ROWS_100K: Id<dcc::Store<Vec<Row>>> = Id::new("rows_100k");
pub const SUMMARY_1K: Id<html::P> = Id::new("summary_1k");
pub const SUMMARY_10K: Id<html::P> = Id::new("summary_10k");
pub const SUMMARY_100K: Id<html::P> = Id::new("summary_100k");
pub const FILL: Id<html::Button> = Id::new("fill");
pub const SRV_1K: Id<dcc::ServerStore<Vec<Row>>> = Id::new("srv_rows_1k");
pub const SRV_10K: Id<dcc::ServerStore<Vec<Row>>> = Id::new("srv_rows_10k");
pub const SRV_100K: Id<dcc::ServerStore<Vec<Row>>> = Id::new("srv_rows_100k");
pub const SRV_SUMMARY_1K: Id<html::P> = Id::new("srv_summary_1k");
pub const SRV_SUMMARY_10K: Id<html::P> = Id::new("srv_summary_10k");
pub const SRV_SUMMARY_100K: Id<html::P> = Id::new("srv_summary_100k");

/// The one-input work: the text upper-cased in a `<strong>`, and a `<span>`
/// counting its characters and words. The response holds two components.
pub fn one_input_children(text: &str) -> (String, String) {
    let words = text.split_whitespace().count();
    let chars = text.chars().count();
    (
        text.to_uppercase(),
        format!(" ({chars} characters, {words} words)"),
    )
}

/// The store work: count, flagged count, mean and max of one group's rows.
pub fn summarize(rows: &[Row], group: &str) -> String {
    let (mut n, mut ok, mut sum, mut max) = (0u64, 0u64, 0.0f64, f64::MIN);
    for row in rows.iter().filter(|r| r.group == group) {
        n += 1;
        ok += u64::from(row.ok);
        sum += row.value;
        max = max.max(row.value);
    }
    if n == 0 {
        return format!("group {group}: no rows");
    }
    format!(
        "group {group}: {n} rows, {ok} ok, mean {:.2}, max {max:.2}",
        sum / n as f64
    )
}

fn one_input(text: Option<String>) -> Update<Children> {
    let (upper, counts) = one_input_children(&text.unwrap_or_default());
    Update::set((html::strong(upper), html::span(counts)))
}

#[callback(output = OUT_FN.children, input = TEXT.value)]
fn one_input_fn(text: Option<String>) -> Update<Children> {
    one_input(text)
}

#[callback(output = OUT_ASYNC.children, input = TEXT.value)]
async fn one_input_async(text: Option<String>) -> Update<Children> {
    one_input(text)
}

fn store_summary(group: Option<String>, rows: Option<Vec<Row>>) -> Update<Children> {
    let group = group.unwrap_or_default();
    Update::set(summarize(rows.as_deref().unwrap_or_default(), &group))
}

#[callback(output = SUMMARY_1K.children, input = GROUP.value, state = ROWS_1K.data)]
fn summary_1k(group: Option<String>, rows: Option<Vec<Row>>) -> Update<Children> {
    store_summary(group, rows)
}

#[callback(output = SUMMARY_10K.children, input = GROUP.value, state = ROWS_10K.data)]
fn summary_10k(group: Option<String>, rows: Option<Vec<Row>>) -> Update<Children> {
    store_summary(group, rows)
}

#[callback(output = SUMMARY_100K.children, input = GROUP.value, state = ROWS_100K.data)]
fn summary_100k(group: Option<String>, rows: Option<Vec<Row>>) -> Update<Children> {
    store_summary(group, rows)
}

/// The new value of a server-side store of rows.
type KeptRows = Update<dcc::Shared<Vec<Row>>>;

/// Fills the server-side stores of the session that clicks: the rows stay
/// on the server, the browser gets a handle per store.
#[callback(
    output = [SRV_1K.data, SRV_10K.data, SRV_100K.data],
    input = FILL.n_clicks,
    prevent_initial_call = true
)]
fn fill(_clicks: Option<u64>) -> (KeptRows, KeptRows, KeptRows) {
    (
        Update::set(rows(1_000)),
        Update::set(rows(10_000)),
        Update::set(rows(100_000)),
    )
}

fn server_summary(group: Option<String>, rows: Option<dcc::Shared<Vec<Row>>>) -> Update<Children> {
    let group = group.unwrap_or_default();
    Update::set(summarize(
        rows.as_deref().map_or(&[], Vec::as_slice),
        &group,
    ))
}

#[callback(output = SRV_SUMMARY_1K.children, input = GROUP.value, state = SRV_1K.data)]
fn srv_summary_1k(group: Option<String>, rows: Option<dcc::Shared<Vec<Row>>>) -> Update<Children> {
    server_summary(group, rows)
}

#[callback(output = SRV_SUMMARY_10K.children, input = GROUP.value, state = SRV_10K.data)]
fn srv_summary_10k(group: Option<String>, rows: Option<dcc::Shared<Vec<Row>>>) -> Update<Children> {
    server_summary(group, rows)
}

#[callback(output = SRV_SUMMARY_100K.children, input = GROUP.value, state = SRV_100K.data)]
fn srv_summary_100k(
    group: Option<String>,
    rows: Option<dcc::Shared<Vec<Row>>>,
) -> Update<Children> {
    server_summary(group, rows)
}

fn layout() -> Component {
    html::div((
        html::h1("ferrodash bench"),
        html::div((
            dcc::input(TEXT).value("hello ferrodash"),
            html::div(()).id(OUT_FN),
            html::div(()).id(OUT_ASYNC),
        )),
        dcc::dropdown(GROUP)
            .options(["a", "b", "c", "d", "e"])
            .value("c"),
        html::div((
            dcc::store(ROWS_1K),
            dcc::store(ROWS_10K),
            dcc::store(ROWS_100K),
            html::p(()).id(SUMMARY_1K),
            html::p(()).id(SUMMARY_10K),
            html::p(()).id(SUMMARY_100K),
        )),
        html::div((
            html::button("Fill the server-side stores").id(FILL),
            dcc::server_store(SRV_1K),
            dcc::server_store(SRV_10K),
            dcc::server_store(SRV_100K),
            html::p(()).id(SRV_SUMMARY_1K),
            html::p(()).id(SRV_SUMMARY_10K),
            html::p(()).id(SRV_SUMMARY_100K),
        )),
    ))
    .into_component()
}

/// The app, with its callbacks listed explicitly.
pub fn app() -> App {
    App::new("ferrodash bench")
        .layout(layout)
        .callbacks(ferrodash::callbacks![
            one_input_fn,
            one_input_async,
            summary_1k,
            summary_10k,
            summary_100k,
            fill,
            srv_summary_1k,
            srv_summary_10k,
            srv_summary_100k
        ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_about_47_bytes_of_json_each() {
        let json = serde_json::to_vec(&rows(10_000)).unwrap();
        assert!((440_000..500_000).contains(&json.len()), "{}", json.len());
    }

    #[test]
    fn summaries_count_one_group() {
        let rows = rows(10);
        assert_eq!(
            summarize(&rows, "a"),
            "group a: 2 rows, 1 ok, mean 197.97, max 395.95"
        );
        assert_eq!(summarize(&rows, "z"), "group z: no rows");
    }
}
