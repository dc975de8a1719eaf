//! A failing callback stays contained: a panic is a 500, a hang is cut off
//! after the configured timeout, and other requests are served meanwhile.

mod common;

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use common::post_json;
use ferrodash::callbacks;
use ferrodash::prelude::*;
use serde_json::json;

const HANG: Id<html::Button> = Id::new("hang");
const HANG_OUT: Id<html::P> = Id::new("hang_out");
const SPIN: Id<html::Button> = Id::new("spin");
const SPIN_OUT: Id<html::P> = Id::new("spin_out");
const PANIC: Id<html::Button> = Id::new("panic");
const PANIC_OUT: Id<html::P> = Id::new("panic_out");
const ECHO: Id<dcc::Input> = Id::new("echo");
const ECHO_OUT: Id<html::P> = Id::new("echo_out");

#[callback(output = HANG_OUT.children, input = HANG.n_clicks)]
async fn hang(_: Option<u64>) -> Update<Children> {
    std::future::pending::<()>().await;
    Update::NoChange
}

/// A plain `fn` that blocks its thread, as a slow computation would.
#[callback(output = SPIN_OUT.children, input = SPIN.n_clicks)]
fn spin(_: Option<u64>) -> Update<Children> {
    std::thread::sleep(Duration::from_millis(1500));
    Update::set("done")
}

#[callback(output = PANIC_OUT.children, input = PANIC.n_clicks)]
fn explode(_: Option<u64>) -> Update<Children> {
    let empty: Vec<u8> = Vec::new();
    Update::set(format!("{}", empty[3]))
}

#[callback(output = ECHO_OUT.children, input = ECHO.value)]
async fn echo(value: Option<String>) -> Update<Children> {
    Update::set(value.unwrap_or_default())
}

fn router(timeout: Duration) -> axum::Router {
    App::new("isolation")
        .layout(|| {
            html::div((
                html::button("h").id(HANG),
                html::p(()).id(HANG_OUT),
                html::button("s").id(SPIN),
                html::p(()).id(SPIN_OUT),
                html::button("p").id(PANIC),
                html::p(()).id(PANIC_OUT),
                dcc::input(ECHO),
                html::p(()).id(ECHO_OUT),
            ))
        })
        .callbacks(callbacks![hang, spin, explode, echo])
        .callback_timeout(timeout)
        .into_router()
        .unwrap()
}

fn click(button: &str, out: &str) -> String {
    json!({
        "output": format!("{out}.children"),
        "outputs": {"id": out, "property": "children"},
        "inputs": [{"id": button, "property": "n_clicks", "value": 1}],
    })
    .to_string()
}

fn echo_body(text: &str) -> String {
    json!({
        "output": "echo_out.children",
        "outputs": {"id": "echo_out", "property": "children"},
        "inputs": [{"id": "echo", "property": "value", "value": text}],
    })
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hanging_callback_is_cut_off_and_others_are_served_meanwhile() {
    let router = router(Duration::from_millis(800));
    let started = Instant::now();
    let hung = tokio::spawn({
        let router = router.clone();
        async move { post_json(&router, click("hang", "hang_out")).await }
    });
    // While the hung call waits, other calls answer at once.
    for i in 0..20 {
        let answer = post_json(&router, echo_body(&format!("ping {i}"))).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(
            answer.json()["response"]["echo_out"]["children"],
            format!("ping {i}")
        );
    }
    assert!(
        started.elapsed() < Duration::from_millis(800),
        "other calls waited for the hung one"
    );
    let answer = hung.await.unwrap();
    assert_eq!(answer.status, StatusCode::GATEWAY_TIMEOUT);
    assert!(
        answer
            .message()
            .contains("callback `hang` did not finish within 800 ms"),
        "{}",
        answer.body
    );
    assert!(started.elapsed() >= Duration::from_millis(800));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocking_fn_does_not_stall_the_server() {
    let router = router(Duration::from_secs(10));
    let spinning: Vec<_> = (0..4)
        .map(|_| {
            let router = router.clone();
            tokio::spawn(async move { post_json(&router, click("spin", "spin_out")).await })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(100)).await;
    // Four blocked threads exceed the two async workers: plain fns run on
    // the blocking pool, so this still answers quickly.
    let started = Instant::now();
    let answer = post_json(&router, echo_body("still here")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(
        started.elapsed() < Duration::from_millis(1000),
        "took {:?}",
        started.elapsed()
    );
    for task in spinning {
        let answer = task.await.unwrap();
        assert_eq!(answer.json()["response"]["spin_out"]["children"], "done");
    }
}

#[tokio::test]
async fn a_panic_is_a_500_and_the_server_keeps_serving() {
    let router = router(Duration::from_secs(5));
    for _ in 0..3 {
        let answer = post_json(&router, click("panic", "panic_out")).await;
        assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(
            answer.message().contains("callback `explode` panicked"),
            "{}",
            answer.body
        );
        assert!(
            !answer.body.contains("index out of bounds"),
            "panic text stays in the log"
        );
        let answer = post_json(&router, echo_body("after")).await;
        assert_eq!(answer.status, StatusCode::OK);
    }
}
