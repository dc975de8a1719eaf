//! `ferrodash-bench`: prints ferrodash's figures next to baselines measured
//! in the same invocation, and next to Dash 4.4.1's reference figures.
//!
//! ```text
//! cargo run --release -p ferrodash-bench -- [--seconds N] [--connections C]
//!     [--client-threads T] [--rounds R] [--max-requests M] [--browser] [--loads L]
//! ferrodash-bench serve [--port P] [--only app|bare]   # the servers alone, to look at
//! ```
//!
//! The servers run in a child process (this binary, `serve`): the ferrodash
//! app on one loopback port and the bare axum baseline on another, in one
//! tokio runtime. This process is the load generator. Memory, the client's
//! JavaScript and the page loads are then measured on fresh processes that
//! serve only the app (or only the baseline). See BENCHMARKS.md.

mod app;
mod bare;
mod load;
mod procfs;
mod soak;

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde_json::{json, Value};

use load::{Measured, Target};

const USAGE: &str = "\
usage: ferrodash-bench [--seconds N] [--connections C] [--client-threads T] [--rounds R]
                       [--max-requests M] [--browser] [--loads L] [--node PATH]
       ferrodash-bench serve [--port P] [--only app|bare]
       ferrodash-bench soak [--seconds N] [--connections C]

  --seconds N         measured seconds per workload (default 6)
  --connections C     concurrent keep-alive connections (default 8)
  --client-threads T  threads of the load generator (default 1)
  --rounds R          each workload's time is cut into R slices, interleaved
                      with its baseline's, so drift hits both alike (default 3)
  --max-requests M    at most M requests per workload (default 500000)
  --browser           also time the first callback in headless Chromium
                      (bench/first_callback.mjs, needs node and playwright-core)
  --loads L           cold page loads to time (default 10)
  --node PATH         the node binary (default: node)";

/// Dash 4.4.1 on a 2-core machine like ours (gunicorn, 2 workers): issue 6.
mod dash {
    pub const ONE_INPUT_RPS: f64 = 4_400.0;
    pub const STORE_10K_RPS: f64 = 390.0;
    pub const STORE_10K_REQUEST_BYTES: usize = 455_747;
    pub const STORE_10K_REQUEST_GZIP: &str = "86 KB";
    pub const JS_RAW: usize = 1_212_092;
    pub const JS_GZIP: usize = 273_001;
    pub const FIRST_CALLBACK_MS: f64 = 370.0;
    pub const MEMORY_MIB: f64 = 124.0;
}

/// ferrodash's targets: issue 6.
mod target {
    pub const RATIO_TO_BARE: f64 = 0.85;
    pub const SERVER_STORE_TO_ONE_INPUT: f64 = 0.5;
    pub const SERVER_STORE_REQUEST_BYTES: usize = 1024;
    pub const JS_GZIP: usize = 15 * 1024;
    pub const FIRST_CALLBACK_MS: f64 = 60.0;
    pub const MEMORY_MIB: f64 = 20.0;
}

struct Args {
    seconds: f64,
    connections: usize,
    client_threads: usize,
    rounds: u32,
    max_requests: u64,
    browser: bool,
    loads: u32,
    node: String,
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut args = Args {
        seconds: 6.0,
        connections: 8,
        client_threads: 1,
        rounds: 3,
        max_requests: 500_000,
        browser: false,
        loads: 10,
        node: "node".to_owned(),
    };
    let mut it = argv.iter();
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let number = |text: String| -> Result<f64, String> {
            text.parse::<f64>()
                .ok()
                .filter(|n| *n > 0.0)
                .ok_or_else(|| format!("{flag} needs a positive number, not {text:?}"))
        };
        match flag.as_str() {
            "--seconds" => args.seconds = number(value()?)?,
            "--connections" => args.connections = number(value()?)? as usize,
            "--client-threads" => args.client_threads = number(value()?)? as usize,
            "--rounds" => args.rounds = number(value()?)? as u32,
            "--max-requests" => args.max_requests = number(value()?)? as u64,
            "--loads" => args.loads = number(value()?)? as u32,
            "--node" => args.node = value()?,
            "--browser" => args.browser = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    args.connections = args.connections.max(1);
    args.client_threads = args.client_threads.max(1);
    args.rounds = args.rounds.max(1);
    Ok(args)
}

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    if argv.first().map(String::as_str) == Some("serve") {
        serve(&argv[1..]);
        return;
    }
    if argv.first().map(String::as_str) == Some("soak") {
        run_soak(&argv[1..]);
        return;
    }
    let args = match parse_args(&argv) {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("ferrodash-bench: {message}");
            }
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    let mut server = match Server::start(None) {
        Ok(server) => server,
        Err(message) => {
            eprintln!("ferrodash-bench: could not start the server process: {message}");
            std::process::exit(1);
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.client_threads)
        .enable_all()
        .build()
        .expect("a tokio runtime for the load generator");
    let result = runtime.block_on(bench(&args, &server));
    server.stop();
    if let Err(message) = result {
        eprintln!("ferrodash-bench: {message}");
        std::process::exit(1);
    }
}

/// `soak [--seconds N] [--connections C]`: 60 s and 256 connections by
/// default; exits with 1 if any request failed.
fn run_soak(argv: &[String]) {
    let (mut seconds, mut connections) = (60.0, 256);
    let mut it = argv.iter();
    while let Some(flag) = it.next() {
        let value = it.next().and_then(|v| v.parse::<f64>().ok());
        match (flag.as_str(), value) {
            ("--seconds", Some(v)) => seconds = v,
            ("--connections", Some(v)) => connections = v as usize,
            _ => {
                eprintln!("usage: ferrodash-bench soak [--seconds N] [--connections C]");
                std::process::exit(2);
            }
        }
    }
    let mut server = Server::start(Some("app")).unwrap_or_else(|e| {
        eprintln!("ferrodash-bench: could not start the server process: {e}");
        std::process::exit(1);
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime for the load generator");
    let result = runtime.block_on(soak::soak(&server, seconds, connections));
    server.stop();
    if let Err(message) = result {
        eprintln!("ferrodash-bench: {message}");
        std::process::exit(1);
    }
}

// ---------------------------------------------------------------- the server

/// `serve`: the ferrodash app and the bare baseline (or, with `--only app`
/// or `--only bare`, one of them), in one tokio runtime with one worker per
/// core (what `#[tokio::main]` gives an app). The first line printed is
/// `READY <first address> <second address or ->`.
fn serve(argv: &[String]) {
    let mut port = 0u16;
    let mut watch_stdin = false;
    let mut only = String::new();
    let mut it = argv.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--port" => port = it.next().and_then(|p| p.parse().ok()).unwrap_or(0),
            "--watch-stdin" => watch_stdin = true,
            "--only" => only = it.next().cloned().unwrap_or_default(),
            other => {
                eprintln!("ferrodash-bench serve: unknown argument {other:?}\n{USAGE}");
                std::process::exit(2);
            }
        }
    }
    if watch_stdin {
        // The harness holds our stdin; when it goes away, so do we.
        std::thread::spawn(|| {
            let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
            std::process::exit(0);
        });
    }
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    runtime.block_on(async move {
        let router = if only == "bare" {
            bare::router()
        } else {
            app::app().into_router().expect("the bench app is valid")
        };
        let app_listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("a loopback port for the app");
        let app_addr = app_listener.local_addr().expect("an address");
        let mut bare_addr = "-".to_owned();
        if only.is_empty() {
            let bare_listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
                .await
                .expect("a loopback port for the baseline");
            bare_addr = bare_listener.local_addr().expect("an address").to_string();
            tokio::spawn(async move { axum::serve(bare_listener, bare::router()).await });
        }
        println!("READY {app_addr} {bare_addr}");
        if !watch_stdin {
            println!("serving on http://{app_addr}/ (and the bare baseline on {bare_addr})");
        }
        let _ = std::io::stdout().flush();
        axum::serve(app_listener, router)
            .await
            .expect("the app serves");
    });
}

/// The server child process.
struct Server {
    child: Child,
    pid: u32,
    app: SocketAddr,
    /// The bare baseline's address, when the process serves both.
    bare: Option<SocketAddr>,
}

impl Server {
    /// `only`: `None` for the app and the baseline, or `"app"` or `"bare"`
    /// (then served at `app`).
    fn start(only: Option<&str>) -> Result<Server, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .args(["serve", "--watch-stdin"])
            .args(only.map(|o| ["--only", o]).into_iter().flatten())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| e.to_string())?;
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let mut words = line.split_whitespace();
        let (Some("READY"), Some(app), Some(bare)) = (words.next(), words.next(), words.next())
        else {
            let _ = child.kill();
            return Err(format!("unexpected first line {line:?}"));
        };
        let parse = |a: &str| a.parse::<SocketAddr>().map_err(|e| e.to_string());
        Ok(Server {
            pid: child.id(),
            app: parse(app)?,
            bare: (bare != "-").then(|| parse(bare)).transpose()?,
            child,
        })
    }

    fn stop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------------------------------------------------------- the measurements

/// One measured workload.
struct Line {
    label: String,
    measured: Measured,
    server_cpu_s: f64,
    client_cpu_s: f64,
    request_bytes: usize,
    request_gzip: Option<usize>,
    /// The index of the baseline line this one is compared with.
    baseline: Option<usize>,
}

impl Line {
    fn cpu_us_per_request(&self) -> f64 {
        self.server_cpu_s * 1e6 / (self.measured.ok.max(1) as f64)
    }

    fn client_us_per_request(&self) -> f64 {
        self.client_cpu_s * 1e6 / (self.measured.ok.max(1) as f64)
    }
}

fn gzip_len(bytes: &[u8], level: u32) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::new(level));
    encoder.write_all(bytes).expect("gzip into memory");
    encoder.finish().expect("gzip into memory").len()
}

fn one_input_body(output: &str) -> Bytes {
    let body = json!({
        "output": format!("{output}.children"),
        "outputs": {"id": output, "property": "children"},
        "inputs": [{"id": app::TEXT.name(), "property": "value", "value": "hello ferrodash, typed callbacks"}],
        "changedPropIds": ["text.value"],
        "parsedChangedPropsIds": ["text.value"],
    });
    Bytes::from(body.to_string())
}

/// The store a callback reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StoreKind {
    /// A `dcc::Store` in the browser: its rows travel as `state` with every call.
    Client,
    /// A server-side store: the browser sends only a handle.
    Server,
}

/// One store size: the row count, a label, and the ids of the client store,
/// its summary, the server-side store and its summary.
struct StoreSize {
    rows: usize,
    label: &'static str,
    store: &'static str,
    summary: &'static str,
    server_store: &'static str,
    server_summary: &'static str,
}

const STORE_SIZES: [StoreSize; 3] = [
    StoreSize {
        rows: 1_000,
        label: "1k",
        store: "rows_1k",
        summary: "summary_1k",
        server_store: "srv_rows_1k",
        server_summary: "srv_summary_1k",
    },
    StoreSize {
        rows: 10_000,
        label: "10k",
        store: "rows_10k",
        summary: "summary_10k",
        server_store: "srv_rows_10k",
        server_summary: "srv_summary_10k",
    },
    StoreSize {
        rows: 100_000,
        label: "100k",
        store: "rows_100k",
        summary: "summary_100k",
        server_store: "srv_rows_100k",
        server_summary: "srv_summary_100k",
    },
];

/// A browser session of the app with its server-side stores filled: the
/// session cookie and each store's handle.
struct ServerSession {
    cookie: String,
    handles: serde_json::Map<String, Value>,
}

/// Does what a browser does: `GET /` for the session cookie, then clicks
/// the button whose callback fills the server-side stores, keeping the
/// handles it answers.
async fn server_session(server: &Server) -> Result<ServerSession, String> {
    let (status, headers, _) = load::fetch(server.app, load::get(server.app, "/", &[])).await?;
    let cookie = headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with("ferrodash_session="))
        .ok_or_else(|| format!("GET / answered {status} without a session cookie"))?
        .to_owned();
    let outputs: Vec<Value> = STORE_SIZES
        .iter()
        .map(|s| json!({"id": s.server_store, "property": "data"}))
        .collect();
    let output = STORE_SIZES
        .iter()
        .map(|s| format!("..{}.data..", s.server_store))
        .collect::<String>()
        .replace("....", "...");
    let body = json!({
        "output": output,
        "outputs": outputs,
        "inputs": [{"id": app::FILL.name(), "property": "n_clicks", "value": 1}],
        "changedPropIds": ["fill.n_clicks"],
        "parsedChangedPropsIds": ["fill.n_clicks"],
    });
    let fill = Target {
        addr: server.app,
        path: "/_dash-update-component".to_owned(),
        body: Bytes::from(body.to_string()),
        cookie: Some(cookie.clone()),
    };
    let (status, answer) = load::once(&fill).await?;
    let answer: Value = serde_json::from_slice(&answer).map_err(|e| {
        format!(
            "filling the server-side stores answered {status}: {e}: {}",
            String::from_utf8_lossy(&answer)
        )
    })?;
    let mut handles = serde_json::Map::new();
    for size in &STORE_SIZES {
        let handle = answer["response"][size.server_store]["data"].clone();
        if !handle.is_string() {
            return Err(format!(
                "filling the server-side stores answered {status} without a handle for {}: {answer}",
                size.server_store
            ));
        }
        handles.insert(size.server_store.to_owned(), handle);
    }
    Ok(ServerSession { cookie, handles })
}

/// Dash's request body for the store-summary callback of one size, the
/// store's `data` state being `data` (the rows, or a handle).
fn store_body(store: &str, summary: &str, data: Value) -> Bytes {
    let body = json!({
        "output": format!("{summary}.children"),
        "outputs": {"id": summary, "property": "children"},
        "inputs": [{"id": app::GROUP.name(), "property": "value", "value": "c"}],
        "changedPropIds": ["group.value"],
        "parsedChangedPropsIds": ["group.value"],
        "state": [{"id": store, "property": "data", "value": data}],
    });
    Bytes::from(serde_json::to_vec(&body).expect("JSON"))
}

/// The request that reads a store of one size, of either kind: a client
/// store sends its rows as `state`; a server-side store sends the handle
/// (and the session cookie), or there is no server-side request without a
/// filled session.
fn store_target(
    kind: StoreKind,
    server: &Server,
    size: &StoreSize,
    session: Option<&ServerSession>,
) -> Result<Target, String> {
    let target = |body, cookie| Target {
        addr: server.app,
        path: "/_dash-update-component".to_owned(),
        body,
        cookie,
    };
    match kind {
        StoreKind::Client => Ok(target(
            store_body(size.store, size.summary, json!(app::rows(size.rows))),
            None,
        )),
        StoreKind::Server => {
            let session = session.ok_or("server-side store: no session")?;
            let handle = session.handles[size.server_store].clone();
            Ok(target(
                store_body(size.server_store, size.server_summary, handle),
                Some(session.cookie.clone()),
            ))
        }
    }
}

/// The text a summary callback answered.
fn children_text(body: &[u8]) -> Option<String> {
    let answer: Value = serde_json::from_slice(body).ok()?;
    let (_, props) = answer["response"].as_object()?.iter().next()?;
    props["children"].as_str().map(str::to_owned)
}

fn warmup(args: &Args) -> Duration {
    Duration::from_secs_f64((args.seconds / 5.0).clamp(0.2, 1.0))
}

/// Measures each target for `args.seconds`, in `args.rounds` interleaved
/// slices, and the server's CPU time spent on each.
async fn measure(args: &Args, pid: u32, targets: &[(String, Target)]) -> Vec<(Measured, f64, f64)> {
    for (_, target) in targets {
        load::run(target, args.connections, warmup(args), args.max_requests).await;
    }
    let slice = Duration::from_secs_f64(args.seconds / f64::from(args.rounds));
    let budget = (args.max_requests / u64::from(args.rounds)).max(1);
    let me = std::process::id();
    let mut results: Vec<(Measured, f64, f64)> = targets
        .iter()
        .map(|_| (Measured::default(), 0.0, 0.0))
        .collect();
    for _ in 0..args.rounds {
        for ((_, target), (total, server_cpu, client_cpu)) in targets.iter().zip(results.iter_mut())
        {
            let server_before = procfs::cpu_seconds(pid).unwrap_or(0.0);
            let client_before = procfs::cpu_seconds(me).unwrap_or(0.0);
            let measured = load::run(target, args.connections, slice, budget).await;
            *server_cpu += procfs::cpu_seconds(pid).unwrap_or(0.0) - server_before;
            *client_cpu += procfs::cpu_seconds(me).unwrap_or(0.0) - client_before;
            total.merge(measured);
        }
    }
    results
}

/// Sends each target once and checks that they all answer 200 with the
/// same bytes.
async fn same_answers(targets: &[&Target]) -> Result<usize, String> {
    let mut first: Option<Bytes> = None;
    for target in targets {
        let (status, body) = load::once(target).await?;
        if status != 200 {
            return Err(format!(
                "{} answered {status}: {}",
                target.path,
                String::from_utf8_lossy(&body)
            ));
        }
        match &first {
            None => first = Some(body),
            Some(expected) if *expected != body => {
                return Err(format!(
                    "the answers differ:\n  {}\n  {}",
                    String::from_utf8_lossy(expected),
                    String::from_utf8_lossy(&body)
                ))
            }
            Some(_) => {}
        }
    }
    Ok(first.map_or(0, |b| b.len()))
}

const HEADER: &str = "workload                                 req/s   p50 ms   p99 ms  srv µs/req  gen µs/req   req bytes  req gzip  resp bytes  vs bare  cpu vs bare";

fn print_line(lines: &mut [Line], index: usize) {
    let baseline = lines[index].baseline.map(|b| {
        (
            lines[b].measured.per_second(),
            lines[b].cpu_us_per_request(),
        )
    });
    let line = &mut lines[index];
    let p50 = line.measured.quantile_ms(0.50);
    let p99 = line.measured.quantile_ms(0.99);
    let (ratio, cpu_ratio) = baseline.map_or_else(Default::default, |(rps, cpu)| {
        (
            format!("{:.2}", line.measured.per_second() / rps),
            format!("{:.2}", cpu / line.cpu_us_per_request()),
        )
    });
    println!(
        "{:<38} {:>8.0} {:>8.2} {:>8.2} {:>11.0} {:>11.0} {:>11} {:>9} {:>11} {:>8} {:>12}",
        line.label,
        line.measured.per_second(),
        p50,
        p99,
        line.cpu_us_per_request(),
        line.client_us_per_request(),
        thousands(line.request_bytes),
        line.request_gzip.map_or("-".to_owned(), thousands),
        thousands(line.measured.response_bytes),
        ratio,
        cpu_ratio,
    );
    if line.measured.failed > 0 {
        println!(
            "    !! {} failed requests; first: {}",
            line.measured.failed,
            line.measured.first_failure.as_deref().unwrap_or("?")
        );
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The client's JavaScript: the sources, and what the server sends.
struct JsSize {
    files: usize,
    raw: usize,
    /// Each source file gzipped -9, summed.
    gzip_files: usize,
    /// All source files in one gzip -9 stream.
    gzip_bundle: usize,
    /// What every page runs: the client script inside the index page, as
    /// served (comments dropped, modules joined), raw and gzip -9 alone.
    page_raw: Option<usize>,
    page_gzip: Option<usize>,
    /// The whole index page (HTML, layout, dependencies and the client) as
    /// the app sends it to a browser that accepts gzip.
    index_served_gzip: Option<usize>,
    /// The modules only some pages fetch: how many, and their bodies as
    /// served with and without gzip.
    lazy_files: usize,
    lazy_served_gzip: Option<usize>,
    lazy_served_raw: Option<usize>,
}

fn client_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../client-js/src")
}

/// The text of the index page's inline client script, if it has one.
fn inline_client(page: &str) -> Option<&str> {
    let start = page.find(r#"id="_ferrodash-client""#)?;
    let body = &page[start..];
    let body = &body[body.find('>')? + 1..];
    Some(&body[..body.find("</script>")?])
}

async fn js_size(server: &Server) -> Result<JsSize, String> {
    let dir = client_src();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".js"))
        .collect();
    names.sort();
    let mut size = JsSize {
        files: names.len(),
        raw: 0,
        gzip_files: 0,
        gzip_bundle: 0,
        page_raw: None,
        page_gzip: None,
        index_served_gzip: None,
        lazy_files: 0,
        lazy_served_gzip: Some(0),
        lazy_served_raw: Some(0),
    };
    let index = load::fetch(server.app, load::get(server.app, "/", &[])).await;
    if let Ok((200, _, page)) = index {
        if let Some(script) = inline_client(&String::from_utf8_lossy(&page)) {
            size.page_raw = Some(script.len());
            size.page_gzip = Some(gzip_len(script.as_bytes(), 9));
        }
    }
    let gzipped = load::get(server.app, "/", &[("accept-encoding", "gzip")]);
    if let Ok((200, _, page)) = load::fetch(server.app, gzipped).await {
        size.index_served_gzip = Some(page.len());
    }
    let mut bundle = Vec::new();
    for name in &names {
        let source = std::fs::read(dir.join(name)).map_err(|e| e.to_string())?;
        size.raw += source.len();
        size.gzip_files += gzip_len(&source, 9);
        bundle.extend_from_slice(&source);
        // Only the lazy modules are files on the server; the others are in
        // the page, and their paths answer 404.
        let path = format!("/_ferrodash/client/{name}");
        let plain = load::get(server.app, &path, &[("accept-encoding", "identity")]);
        let Ok((200, _, raw)) = load::fetch(server.app, plain).await else {
            continue;
        };
        size.lazy_files += 1;
        let gzip = load::get(server.app, &path, &[("accept-encoding", "gzip")]);
        size.lazy_served_raw = size.lazy_served_raw.map(|sum| sum + raw.len());
        size.lazy_served_gzip = match (load::fetch(server.app, gzip).await, size.lazy_served_gzip) {
            (Ok((200, _, body)), Some(sum)) => Some(sum + body.len()),
            _ => None,
        };
    }
    size.gzip_bundle = gzip_len(&bundle, 9);
    Ok(size)
}

/// What `first_callback.mjs` measured.
struct Browser {
    median_ms: f64,
    /// The bare page's median, when it was measured beside the app's.
    baseline_median_ms: Option<f64>,
    min_ms: f64,
    max_ms: f64,
    loads: usize,
    detail: Value,
}

async fn browser(
    args: &Args,
    server: &Server,
    bare: Option<SocketAddr>,
) -> Result<Browser, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("first_callback.mjs");
    let url = format!("http://{}/", server.app);
    let mut command = Command::new(&args.node);
    command
        .arg(&script)
        .arg(&url)
        .arg(args.loads.to_string())
        .args(bare.map(|addr| format!("http://{addr}/")))
        .stderr(Stdio::inherit());
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("cannot run {}: {e}", args.node))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "{} failed ({}): {stdout}",
            script.display(),
            output.status
        ));
    }
    let last = stdout.lines().last().unwrap_or_default();
    let detail: Value =
        serde_json::from_str(last).map_err(|e| format!("unexpected output {last:?}: {e}"))?;
    let number = |key: &str| detail[key].as_f64().unwrap_or(f64::NAN);
    Ok(Browser {
        median_ms: number("median_ms"),
        baseline_median_ms: detail["baseline_median_ms"].as_f64(),
        min_ms: number("min_ms"),
        max_ms: number("max_ms"),
        loads: detail["first_update_ms"].as_array().map_or(0, Vec::len),
        detail,
    })
}

fn mib(value: Option<f64>) -> String {
    value.map_or_else(|| "?".to_owned(), |v| format!("{v:.1} MiB"))
}

fn verdict(met: bool) -> &'static str {
    if met {
        "met"
    } else {
        "NOT met"
    }
}

/// How long each workload is replayed on the fresh, app-only process.
const REPLAY_SECONDS: f64 = 1.0;

/// Resident memory of the app-only process at each step.
struct Memory {
    idle: Option<f64>,
    /// After each replayed workload: its label and the VmRSS then.
    after: Vec<(String, Option<f64>)>,
    end: Option<f64>,
    peak: Option<f64>,
}

/// Replays each `(label, target)` for `REPLAY_SECONDS` on a fresh server
/// process, noting its memory after each.
async fn replay(
    args: &Args,
    server: &Server,
    steps: &[(String, Target)],
) -> Result<Memory, String> {
    let pid = server.pid;
    let idle = procfs::rss_mib(pid);
    let mut after = Vec::new();
    for (label, target) in steps {
        let time = Duration::from_secs_f64(REPLAY_SECONDS);
        let measured = load::run(target, args.connections, time, args.max_requests).await;
        if measured.failed > 0 {
            return Err(format!(
                "the replay of {label} failed: {}",
                measured.first_failure.unwrap_or_default()
            ));
        }
        after.push((label.clone(), procfs::rss_mib(pid)));
    }
    Ok(Memory {
        idle,
        after,
        end: procfs::rss_mib(pid),
        peak: procfs::peak_rss_mib(pid),
    })
}

/// The replay: the one-input request and the client-store reads, sent to
/// the baseline's routes or to the app's.
fn replay_steps(
    server: &Server,
    one_input: &Bytes,
    client_bodies: &[(String, Bytes)],
    baseline: bool,
) -> Vec<(String, Target)> {
    let path = |p: &str| {
        if baseline {
            p
        } else {
            "/_dash-update-component"
        }
        .to_owned()
    };
    let target = |path: String, body: &Bytes| Target {
        addr: server.app,
        path,
        body: body.clone(),
        cookie: None,
    };
    let mut steps = vec![(
        "one-input".to_owned(),
        target(path("/one-input"), one_input),
    )];
    for (label, body) in client_bodies {
        steps.push((
            format!("client store {label}"),
            target(path("/store"), body),
        ));
    }
    steps
}

/// The server-side store reads of a session filled on `server`.
async fn server_store_steps(server: &Server) -> Result<Vec<(String, Target)>, String> {
    let session = server_session(server).await?;
    STORE_SIZES
        .iter()
        .map(|size| {
            let target = store_target(StoreKind::Server, server, size, Some(&session))?;
            Ok((format!("server store {} rows", size.label), target))
        })
        .collect()
}

/// How long a server is left idle before its memory "after the load" is
/// read: ferrodash gives the memory of large requests back a second after
/// the last one (runtime/src/server/memory.rs).
const IDLE_BEFORE_READING: Duration = Duration::from_secs(2);

/// The label of the reading after the workloads Dash's figure also ran.
const DASH_WORKLOADS: &str = "Dash's workloads (one-input, client stores), idle 2 s";

/// On a fresh app-only process: the replay, the client JS it serves and
/// the page loads; its memory along the way.
async fn app_alone(
    args: &Args,
    solo: &Server,
    one_input: &Bytes,
    client_bodies: &[(String, Bytes)],
) -> Result<(JsSize, Option<Result<Browser, String>>, Memory), String> {
    // Dash's workloads first (the one-input load, then the client-store
    // reads, the big bodies last), and the memory once the server has been
    // idle a moment: what Dash's figure compares with. Then the server-side
    // stores, which hold their rows on the server by design.
    let steps = replay_steps(solo, one_input, client_bodies, false);
    let mut memory = replay(args, solo, &steps).await?;
    tokio::time::sleep(IDLE_BEFORE_READING).await;
    memory
        .after
        .push((DASH_WORKLOADS.to_owned(), procfs::rss_mib(solo.pid)));
    match server_store_steps(solo).await {
        Ok(steps) => {
            let filled = procfs::rss_mib(solo.pid);
            let more = replay(args, solo, &steps).await?;
            memory
                .after
                .push(("filling the server-side stores".to_owned(), filled));
            memory.after.extend(more.after);
        }
        Err(e) => println!("server-side store: not replayed: {e}"),
    }
    let js = js_size(solo).await?;
    let browser = if args.browser {
        println!(
            "first callback: {} cold loads in headless Chromium ...",
            args.loads
        );
        // The bare page, the browser's floor, from a process of its own so
        // that the app's memory is the app's alone.
        let floor = Server::start(Some("bare"));
        let result = match &floor {
            Ok(bare) => browser(args, solo, Some(bare.app)).await,
            Err(e) => {
                println!("  the bare page is not measured beside it: {e}");
                browser(args, solo, None).await
            }
        };
        if let Ok(mut bare) = floor {
            bare.stop();
        }
        Some(result)
    } else {
        None
    };
    tokio::time::sleep(IDLE_BEFORE_READING).await;
    memory.end = procfs::rss_mib(solo.pid);
    memory.peak = procfs::peak_rss_mib(solo.pid);
    Ok((js, browser, memory))
}

fn memory_line(memory: &Memory) -> String {
    let steps: Vec<String> = memory
        .after
        .iter()
        .map(|(label, rss)| format!("after {label} {}", mib(*rss)))
        .collect();
    format!(
        "idle {}, {}, at the end {}; peak (VmHWM) {}",
        mib(memory.idle),
        steps.join(", "),
        mib(memory.end),
        mib(memory.peak)
    )
}

async fn bench(args: &Args, server: &Server) -> Result<(), String> {
    let started = Instant::now();
    let pid = server.pid;
    let bare_addr = server.bare.ok_or("the server process has no baseline")?;
    println!("ferrodash bench");
    println!(
        "machine: {}; load average at the start {}",
        procfs::machine(),
        procfs::load_average()
    );
    println!(
        "server: pid {pid}, ferrodash app on {} and bare axum baseline on {}, one tokio runtime, {} workers",
        server.app,
        bare_addr,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    println!(
        "load: {} connections, {} client thread(s), {} s per workload in {} interleaved slices, <= {} requests per workload, loopback only",
        args.connections, args.client_threads, args.seconds, args.rounds, args.max_requests
    );
    let rss_idle = procfs::rss_mib(pid);

    // 1. One input.
    let body_fn = one_input_body(app::OUT_FN.name());
    let body_async = one_input_body(app::OUT_ASYNC.name());
    let app_target = |body: &Bytes| Target {
        addr: server.app,
        path: "/_dash-update-component".to_owned(),
        body: body.clone(),
        cookie: None,
    };
    let bare_target = |path: &str, body: &Bytes| Target {
        addr: bare_addr,
        path: path.to_owned(),
        body: body.clone(),
        cookie: None,
    };
    let bare_one = bare_target("/one-input", &body_fn);
    let fd_fn = app_target(&body_fn);
    let fd_async = app_target(&body_async);
    same_answers(&[&bare_one, &fd_fn]).await?;
    same_answers(&[&bare_target("/one-input", &body_async), &fd_async]).await?;
    println!("\nresponses checked: ferrodash and the bare route answer the same bytes\n");
    println!("{HEADER}");
    let targets = vec![
        ("one-input: bare axum".to_owned(), bare_one),
        ("one-input: ferrodash, fn".to_owned(), fd_fn),
        ("one-input: ferrodash, async fn".to_owned(), fd_async),
    ];
    let results = measure(args, pid, &targets).await;
    let mut lines: Vec<Line> = Vec::new();
    for (i, ((label, target), (measured, server_cpu_s, client_cpu_s))) in
        targets.into_iter().zip(results).enumerate()
    {
        lines.push(Line {
            label,
            measured,
            server_cpu_s,
            client_cpu_s,
            request_bytes: target.body.len(),
            request_gzip: Some(gzip_len(&target.body, 6)),
            baseline: (i > 0).then_some(0),
        });
        print_line(&mut lines, i);
    }
    let rss_one_input = procfs::rss_mib(pid);
    let one_input_rps = lines[1].measured.per_second();

    // 2. Store reads.
    let mut store_10k: Option<usize> = None;
    let mut server_store_10k: Option<usize> = None;
    let session = server_session(server).await;
    if let Err(e) = &session {
        println!("server-side store: not measured: {e}");
    }
    let session = session.ok();
    let mut client_bodies: Vec<(String, Bytes)> = Vec::new();
    for size in &STORE_SIZES {
        let label = size.label;
        let client = store_target(StoreKind::Client, server, size, None)?;
        client_bodies.push((format!("{label} rows"), client.body.clone()));
        let bare = bare_target("/store", &client.body);
        same_answers(&[&bare, &client]).await?;
        let mut targets = vec![
            (format!("store {label} rows: bare axum"), bare),
            (
                format!("store {label} rows: ferrodash client store"),
                client,
            ),
        ];
        if session.is_some() {
            let target = store_target(StoreKind::Server, server, size, session.as_ref())?;
            let (status, body) = load::once(&target).await?;
            let (_, expected) = load::once(&targets[1].1).await?;
            if status != 200 || children_text(&body) != children_text(&expected) {
                return Err(format!(
                    "the server-side store read answered {status}: {}",
                    String::from_utf8_lossy(&body)
                ));
            }
            targets.push((
                format!("store {label} rows: ferrodash server store"),
                target,
            ));
        }
        let results = measure(args, pid, &targets).await;
        let base = lines.len();
        for (i, ((label, target), (measured, server_cpu_s, client_cpu_s))) in
            targets.into_iter().zip(results).enumerate()
        {
            if size.rows == 10_000 && i == 1 {
                store_10k = Some(lines.len());
            }
            if size.rows == 10_000 && i == 2 {
                server_store_10k = Some(lines.len());
            }
            lines.push(Line {
                label,
                measured,
                server_cpu_s,
                client_cpu_s,
                request_bytes: target.body.len(),
                request_gzip: Some(gzip_len(&target.body, 6)),
                baseline: (i > 0).then_some(base),
            });
            print_line(&mut lines, base + i);
        }
    }
    let rss_store = procfs::rss_mib(pid);
    println!(
        "\nserver memory, this process (the app and the baseline): idle {}, after the one-input load {}, after the store loads {}; peak (VmHWM) {}",
        mib(rss_idle),
        mib(rss_one_input),
        mib(rss_store),
        mib(procfs::peak_rss_mib(pid))
    );

    // 3-5 on a fresh process that serves only the ferrodash app, so that
    // its memory is ferrodash's alone; and the same replay on a process
    // that serves only the baseline, for comparison.
    println!(
        "\nfresh server processes, one with only the ferrodash app, one with only the bare baseline: each workload again for {REPLAY_SECONDS} s; then, on the app, the client JS and the page loads"
    );
    let mut solo = Server::start(Some("app"))?;
    let result = app_alone(args, &solo, &body_fn, &client_bodies).await;
    solo.stop();
    let (js, browser, memory) = result?;
    let mut solo_bare = Server::start(Some("bare"))?;
    let steps = replay_steps(&solo_bare, &body_fn, &client_bodies, true);
    let bare_memory = replay(args, &solo_bare, &steps).await;
    tokio::time::sleep(IDLE_BEFORE_READING).await;
    let bare_memory = bare_memory.map(|mut m| {
        m.end = procfs::rss_mib(solo_bare.pid);
        m
    });
    solo_bare.stop();
    let bare_memory = bare_memory?;
    println!(
        "\nclient JS ({} files in client-js/src): {} B raw, {} B gzip -9 file by file, {} B gzip -9 as one bundle",
        js.files,
        thousands(js.raw),
        thousands(js.gzip_files),
        thousands(js.gzip_bundle)
    );
    match (js.page_raw, js.page_gzip, js.index_served_gzip) {
        (Some(raw), Some(gzip), Some(page)) => println!(
            "  what every page runs, inside the index page: {} B raw, {} B gzip -9; the whole index page as served with gzip: {} B",
            thousands(raw),
            thousands(gzip),
            thousands(page)
        ),
        _ => println!("  the index page has no inline client script"),
    }
    match (js.lazy_served_raw, js.lazy_served_gzip) {
        (Some(raw), Some(gzip)) => println!(
            "  {} modules only some pages fetch, as served: {} B, {} B with gzip",
            js.lazy_files,
            thousands(raw),
            thousands(gzip)
        ),
        _ => println!("  the lazy modules could not all be fetched"),
    }
    match &browser {
        Some(Ok(b)) => {
            println!(
                "\nfirst callback response after navigation start ({} cold loads, headless Chromium): median {:.1} ms, min {:.1} ms, max {:.1} ms\n  median milestones, ms after navigation start: {}",
                b.loads, b.median_ms, b.min_ms, b.max_ms, b.detail["milestones_median_ms"]
            );
            if let Some(floor) = b.baseline_median_ms {
                println!(
                    "  the bare page (one inline script posting one request), loaded in turn with the app's: median {floor:.1} ms; the app takes {:.1} ms more\n  the bare page's median milestones: {}",
                    b.median_ms - floor,
                    b.detail["baseline_milestones_median_ms"]
                );
            }
        }
        Some(Err(e)) => println!("\nfirst callback: not measured: {e}"),
        None => println!(
            "\nfirst callback: not measured (run with --browser, as scripts/bench.sh does)"
        ),
    }
    let browser = browser.and_then(Result::ok);
    println!(
        "\nserver memory, ferrodash alone (VmRSS): {}",
        memory_line(&memory)
    );
    println!(
        "server memory, bare baseline alone (VmRSS): {}",
        memory_line(&bare_memory)
    );
    let rss_final = memory.end;
    let rss_one_input_solo = memory
        .after
        .iter()
        .find(|(label, _)| label == "one-input")
        .and_then(|(_, rss)| *rss);

    // The summary.
    println!(
        "\n== summary (Dash 4.4.1: gunicorn, 2 workers, on a machine like this one; figures from issue 6)\n"
    );
    println!(
        "{:<46} {:>22} {:>26} {:>20}",
        "figure", "ferrodash", "target", "Dash 4.4.1"
    );
    let row = |figure: &str, ours: String, goal: String, dash: String| {
        println!("{figure:<46} {ours:>22} {goal:>26} {dash:>20}");
    };
    let bare_rps = lines[0].measured.per_second();
    let async_rps = lines[2].measured.per_second();
    row(
        "one-input callback (fn), req/s",
        format!("{one_input_rps:.0}"),
        String::new(),
        format!("~{:.0}", dash::ONE_INPUT_RPS),
    );
    let ratio_row = |figure: &str, ratio: f64| {
        row(
            figure,
            format!("{ratio:.2}"),
            format!(
                ">= {:.2}: {}",
                target::RATIO_TO_BARE,
                verdict(ratio >= target::RATIO_TO_BARE)
            ),
            String::new(),
        )
    };
    ratio_row(
        "  / bare axum route, same JSON work",
        one_input_rps / bare_rps,
    );
    ratio_row("  (async fn) / bare axum route", async_rps / bare_rps);
    let cpu_ratio = |i: usize| lines[0].cpu_us_per_request() / lines[i].cpu_us_per_request();
    row(
        "  server CPU per call, bare / ferrodash fn",
        format!("{:.2}", cpu_ratio(1)),
        String::new(),
        String::new(),
    );
    row(
        "  server CPU per call, bare / ferrodash async fn",
        format!("{:.2}", cpu_ratio(2)),
        String::new(),
        String::new(),
    );
    let p = |line: &mut Line| {
        format!(
            "{:.2} / {:.2}",
            line.measured.quantile_ms(0.5),
            line.measured.quantile_ms(0.99)
        )
    };
    let one_input_latency = p(&mut lines[1]);
    row(
        "one-input p50 / p99, ms",
        one_input_latency,
        String::new(),
        String::new(),
    );
    if let Some(i) = store_10k {
        let rps = lines[i].measured.per_second();
        let bytes = lines[i].request_bytes;
        let gzip = lines[i].request_gzip.unwrap_or(0);
        row(
            "10k-row client store read, req/s",
            format!("{rps:.0}"),
            String::new(),
            format!("~{:.0}", dash::STORE_10K_RPS),
        );
        row(
            "  request bytes (gzip)",
            format!("{} ({:.0} KB)", thousands(bytes), gzip as f64 / 1000.0),
            String::new(),
            format!(
                "{} ({})",
                thousands(dash::STORE_10K_REQUEST_BYTES),
                dash::STORE_10K_REQUEST_GZIP
            ),
        );
        row(
            "  / one-input rate",
            format!("{:.3}", rps / one_input_rps),
            String::new(),
            format!("{:.3}", dash::STORE_10K_RPS / dash::ONE_INPUT_RPS),
        );
    }
    match server_store_10k {
        Some(i) => {
            let rps = lines[i].measured.per_second();
            let ratio = rps / one_input_rps;
            let bytes = lines[i].request_bytes;
            row(
                "10k-row server-side store read, req/s",
                format!("{rps:.0}"),
                String::new(),
                String::new(),
            );
            row(
                "  / one-input rate",
                format!("{ratio:.2}"),
                format!(
                    ">= {:.2}: {}",
                    target::SERVER_STORE_TO_ONE_INPUT,
                    verdict(ratio >= target::SERVER_STORE_TO_ONE_INPUT)
                ),
                String::new(),
            );
            row(
                "  request bytes",
                thousands(bytes),
                format!(
                    "< {}: {}",
                    target::SERVER_STORE_REQUEST_BYTES,
                    verdict(bytes < target::SERVER_STORE_REQUEST_BYTES)
                ),
                String::new(),
            );
        }
        None => row(
            "10k-row server-side store read",
            "not available yet".to_owned(),
            ">= 0.5 of one-input, < 1 KB".to_owned(),
            String::new(),
        ),
    }
    if let Some(page) = js.page_gzip {
        row(
            "client JS every page runs (inline script, gzip -9)",
            thousands(page),
            format!(
                "< {}: {}",
                thousands(target::JS_GZIP),
                verdict(page < target::JS_GZIP)
            ),
            thousands(dash::JS_GZIP),
        );
    }
    if let Some(page) = js.index_served_gzip {
        row(
            "  the whole index page, gzip as served",
            thousands(page),
            String::new(),
            String::new(),
        );
    }
    row(
        "client JS sources incl. lazy modules, gzip -9 file by file",
        thousands(js.gzip_files),
        String::new(),
        String::new(),
    );
    row(
        "  as one gzip -9 stream",
        thousands(js.gzip_bundle),
        String::new(),
        String::new(),
    );
    row(
        "client JS, bytes raw",
        thousands(js.raw),
        String::new(),
        thousands(dash::JS_RAW),
    );
    match &browser {
        Some(b) => {
            row(
                "first callback response, median ms (min)",
                format!("{:.1} ({:.1})", b.median_ms, b.min_ms),
                format!(
                    "< {:.0}: {}",
                    target::FIRST_CALLBACK_MS,
                    verdict(b.median_ms < target::FIRST_CALLBACK_MS)
                ),
                format!("~{:.0}", dash::FIRST_CALLBACK_MS),
            );
            if let Some(floor) = b.baseline_median_ms {
                row(
                    "  bare page, same browser, median ms / ferrodash",
                    format!("{floor:.1} / {:.2}", floor / b.median_ms),
                    String::new(),
                    String::new(),
                );
            }
        }
        None => row(
            "first callback response",
            "not measured".to_owned(),
            format!("< {:.0} ms", target::FIRST_CALLBACK_MS),
            format!("~{:.0}", dash::FIRST_CALLBACK_MS),
        ),
    }
    let rss_dash_workloads = memory
        .after
        .iter()
        .find(|(label, _)| label == DASH_WORKLOADS)
        .and_then(|(_, rss)| *rss);
    let memory_row = |figure: &str, rss: Option<f64>, dash: String| {
        row(
            figure,
            rss.map_or("?".to_owned(), |m| format!("{m:.1}")),
            format!(
                "< {:.0}: {}",
                target::MEMORY_MIB,
                verdict(rss.is_some_and(|m| m < target::MEMORY_MIB))
            ),
            dash,
        )
    };
    memory_row(
        "server memory after Dash's workloads, MiB",
        rss_dash_workloads,
        format!("~{:.0}", dash::MEMORY_MIB),
    );
    memory_row(
        "  after the one-input load only, MiB",
        rss_one_input_solo,
        String::new(),
    );
    memory_row(
        "  at the end, server-side stores filled, MiB",
        rss_final,
        String::new(),
    );
    row(
        "  peak during the load (VmHWM), MiB",
        memory.peak.map_or("?".to_owned(), |m| format!("{m:.1}")),
        String::new(),
        String::new(),
    );
    row(
        "  bare axum alone, same replay: end / peak, MiB",
        format!(
            "{} / {}",
            bare_memory
                .end
                .map_or("?".to_owned(), |m| format!("{m:.1}")),
            bare_memory
                .peak
                .map_or("?".to_owned(), |m| format!("{m:.1}"))
        ),
        String::new(),
        String::new(),
    );
    println!(
        "\nfinished in {:.0} s; load average at the end {}",
        started.elapsed().as_secs_f64(),
        procfs::load_average()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_script_is_read_out_of_the_served_page() {
        let built = app::app().build().expect("the bench app is valid");
        let router = ferrodash::server::router(built);
        let page = tokio::runtime::Runtime::new().unwrap().block_on(async {
            use tower::ServiceExt;
            let request = axum::http::Request::get("/").body(axum::body::Body::empty());
            let answer = router.oneshot(request.unwrap()).await.unwrap();
            let bytes = axum::body::to_bytes(answer.into_body(), usize::MAX).await;
            String::from_utf8(bytes.unwrap().to_vec()).unwrap()
        });
        let script = inline_client(&page).expect("the page carries the client");
        assert!(script.contains("__ferrodash") && script.len() > 10_000);
        assert!(!script.contains("</script"));
        assert_eq!(inline_client("<p>no client</p>"), None);
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(455_747), "455,747");
        assert_eq!(thousands(1_212_092), "1,212,092");
    }

    #[test]
    fn the_bench_app_builds() {
        let built = app::app().build().expect("the bench app is valid");
        assert_eq!(built.graph().iter().count(), 9);
    }

    #[test]
    fn store_bodies_have_dash_fields_and_rows() {
        let body = store_body("rows_1k", "summary_1k", json!(app::rows(3)));
        let body: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["output"], "summary_1k.children");
        assert_eq!(body["state"][0]["id"], "rows_1k");
        assert_eq!(body["state"][0]["value"].as_array().unwrap().len(), 3);
        assert_eq!(body["inputs"][0]["value"], "c");
    }

    #[test]
    fn children_text_reads_the_first_output() {
        let body = br#"{"multi":true,"response":{"summary_1k":{"children":"group c: 1 rows"}}}"#;
        assert_eq!(children_text(body).as_deref(), Some("group c: 1 rows"));
        assert_eq!(children_text(b"not json"), None);
    }
}
