//! Two ferrodash server processes on one real Redis: a server-side store
//! written through one is read through the other, and killing one loses
//! nothing. The test starts its own `redis-server` (installed by
//! `scripts/test.sh`) on a free loopback port.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Kills the process when the test ends, whichever way it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "{what} did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn example(name: &str) -> PathBuf {
    // tests run from target/<profile>/deps; examples are in target/<profile>/examples.
    let exe = std::env::current_exe().unwrap();
    let path = exe
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples")
        .join(name);
    assert!(
        path.exists(),
        "{} is missing: run `cargo build --examples` first",
        path.display()
    );
    path
}

fn start_redis() -> (Running, u16) {
    let port = free_port();
    let child = Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .stdout(Stdio::null())
        .spawn()
        .expect("redis-server is installed (scripts/test.sh installs it)");
    wait_for(port, "redis-server");
    (Running(child), port)
}

fn start_server(redis_port: u16) -> (Running, u16) {
    let port = free_port();
    let child = Command::new(example("server_store"))
        .args(["--port", &port.to_string()])
        .env(
            "FERRODASH_REDIS_URL",
            format!("redis://127.0.0.1:{redis_port}/"),
        )
        .env("FERRODASH_SECRET_KEY", "shared by every instance")
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    wait_for(port, "the ferrodash server");
    (Running(child), port)
}

/// One HTTP/1.1 exchange; returns (status, headers, body).
fn http(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: Option<&Value>,
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    if let Some(cookie) = cookie {
        request += &format!("Cookie: {cookie}\r\n");
    }
    if !body.is_empty() {
        request += &format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        );
    }
    request += "\r\n";
    request += &body;
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head[9..12].parse().unwrap();
    (status, head.to_owned(), body.to_owned())
}

/// Posts one callback request with the session cookie; the answer's JSON.
fn call(port: u16, cookie: &str, body: &Value) -> Value {
    let (status, _, text) = http(
        port,
        "POST",
        "/_dash-update-component",
        Some(cookie),
        Some(body),
    );
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn load(port: u16, cookie: &str, rows: u32) -> String {
    let body = json!({
        "output": "..sales.data...loaded.children..",
        "outputs": [{"id": "sales", "property": "data"}, {"id": "loaded", "property": "children"}],
        "inputs": [{"id": "load", "property": "n_clicks", "value": 1}],
        "state": [{"id": "row_count", "property": "value", "value": rows}],
    });
    let answer = call(port, cookie, &body);
    assert_eq!(
        answer["response"]["loaded"]["children"],
        format!("{rows} rows loaded")
    );
    answer["response"]["sales"]["data"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn summary(port: u16, cookie: &str, handle: &str) -> String {
    let body = json!({
        "output": "summary.children",
        "outputs": {"id": "summary", "property": "children"},
        "inputs": [{"id": "sales", "property": "data", "value": handle}, {"id": "region", "property": "value", "value": "north"}],
    });
    let answer = call(port, cookie, &body);
    answer["response"]["summary"]["children"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn two_instances_share_server_side_stores_through_redis() {
    let (_redis, redis_port) = start_redis();
    let (first, first_port) = start_server(redis_port);
    let (_second, second_port) = start_server(redis_port);

    let (status, head, _) = http(first_port, "GET", "/", None, None);
    assert_eq!(status, 200);
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .expect("the page sets a session cookie")
        .split(';')
        .next()
        .unwrap()
        .to_owned();

    let handle = load(first_port, &cookie, 10_000);
    let through_first = summary(first_port, &cookie, &handle);
    assert!(through_first.starts_with("north: "), "{through_first}");
    assert_eq!(
        summary(second_port, &cookie, &handle),
        through_first,
        "the second instance reads the same rows"
    );

    // Killing the instance that wrote the data loses nothing.
    drop(first);
    assert_eq!(summary(second_port, &cookie, &handle), through_first);

    // A write through the second is read back by it, with a new handle.
    let newer = load(second_port, &cookie, 400);
    assert_ne!(newer, handle);
    assert!(
        summary(second_port, &cookie, &newer).starts_with("north: "),
        "400 rows"
    );
    assert_ne!(summary(second_port, &cookie, &newer), through_first);
}
