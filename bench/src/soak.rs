//! `soak`: a long, bounded load on loopback, to show that nothing fails and
//! the server's memory stays flat. Many connections send a mix of plain-fn
//! and async-fn callbacks for the whole run; memory is sampled after every
//! window.

use std::time::Duration;

use crate::load::{self, Measured, Target};
use crate::{one_input_body, procfs, Server};

/// What one window of the soak measured.
struct Window {
    measured: Measured,
    rss_mib: f64,
}

/// Runs the soak; an error when any request failed.
pub async fn soak(server: &Server, seconds: f64, connections: usize) -> Result<(), String> {
    let targets = [crate::app::OUT_FN.name(), crate::app::OUT_ASYNC.name()].map(|output| Target {
        addr: server.app,
        path: "/_dash-update-component".to_owned(),
        body: one_input_body(output),
        cookie: None,
    });
    let window = Duration::from_secs(5);
    let windows = (seconds / window.as_secs_f64()).ceil().max(1.0) as usize;
    println!(
        "== soak: {connections} connections on 127.0.0.1 for {windows} windows of {} s ({})",
        window.as_secs(),
        procfs::machine()
    );
    println!(
        "{:>6} {:>10} {:>8} {:>8} {:>9} {:>9}",
        "window", "requests", "failed", "req/s", "p99 ms", "RSS MiB"
    );
    let mut results = Vec::with_capacity(windows);
    for i in 0..windows {
        // Half the connections on each callback, all at once.
        let per_target = (connections / targets.len()).max(1);
        let runs: Vec<_> = targets
            .iter()
            .cloned()
            .map(|t| tokio::spawn(async move { load::run(&t, per_target, window, u64::MAX).await }))
            .collect();
        let mut measured = Measured::default();
        for run in runs {
            measured.merge(run.await.map_err(|e| e.to_string())?);
        }
        measured.elapsed = window;
        let rss_mib = procfs::rss_mib(server.pid).unwrap_or(f64::NAN);
        let p99 = measured.quantile_ms(0.99);
        println!(
            "{:>6} {:>10} {:>8} {:>8.0} {:>9.2} {:>9.1}",
            i + 1,
            measured.ok + measured.failed,
            measured.failed,
            measured.per_second(),
            p99,
            rss_mib
        );
        if let Some(failure) = &measured.first_failure {
            println!("       first failure: {failure}");
        }
        results.push(Window { measured, rss_mib });
    }
    let total: u64 = results.iter().map(|w| w.measured.ok).sum();
    let failed: u64 = results.iter().map(|w| w.measured.failed).sum();
    let first = results.first().map_or(f64::NAN, |w| w.rss_mib);
    let last = results.last().map_or(f64::NAN, |w| w.rss_mib);
    let max = results.iter().map(|w| w.rss_mib).fold(f64::NAN, f64::max);
    println!(
        "== soak: {total} requests answered, {failed} failed; RSS after the first window {first:.1} MiB, at the end {last:.1} MiB, at most {max:.1} MiB (end / first = {:.2})",
        last / first
    );
    if failed > 0 {
        return Err(format!("{failed} requests failed during the soak"));
    }
    Ok(())
}
