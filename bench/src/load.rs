//! The load generator: `connections` keep-alive HTTP/1.1 connections (hyper's
//! client connection over tokio), each sending one POST after another until
//! the time is up or the run's request budget is spent. Every request's
//! latency, from sending to the last byte of the response body, is kept.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::header::{HeaderMap, CONTENT_TYPE, COOKIE, HOST};
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// What to send, again and again.
#[derive(Clone)]
pub struct Target {
    pub addr: SocketAddr,
    pub path: String,
    pub body: Bytes,
    /// A `Cookie` header (the server-side store's session), if any.
    pub cookie: Option<String>,
}

/// What one run measured.
#[derive(Default)]
pub struct Measured {
    pub ok: u64,
    pub failed: u64,
    /// The status and body of the first failure, to explain it.
    pub first_failure: Option<String>,
    /// Latency of every successful request, in microseconds.
    pub latencies_us: Vec<u32>,
    pub elapsed: Duration,
    /// Size of the last response body.
    pub response_bytes: usize,
}

impl Measured {
    pub fn merge(&mut self, other: Measured) {
        self.ok += other.ok;
        self.failed += other.failed;
        if self.first_failure.is_none() {
            self.first_failure = other.first_failure;
        }
        self.latencies_us.extend(other.latencies_us);
        self.elapsed += other.elapsed;
        if other.response_bytes > 0 {
            self.response_bytes = other.response_bytes;
        }
    }

    pub fn per_second(&self) -> f64 {
        self.ok as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// The latency at quantile `q` (0..=1), in milliseconds.
    pub fn quantile_ms(&mut self, q: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return f64::NAN;
        }
        self.latencies_us.sort_unstable();
        let last = self.latencies_us.len() - 1;
        let index = ((last as f64) * q).round() as usize;
        f64::from(self.latencies_us[index.min(last)]) / 1000.0
    }
}

fn request(target: &Target) -> Request<Full<Bytes>> {
    let mut builder = Request::post(target.path.as_str())
        .header(HOST, target.addr.to_string())
        .header(CONTENT_TYPE, "application/json");
    if let Some(cookie) = &target.cookie {
        builder = builder.header(COOKIE, cookie.as_str());
    }
    builder
        .body(Full::new(target.body.clone()))
        .expect("a valid request")
}

/// Sends `request` on a fresh connection to `addr`; the answer's status,
/// headers and body (as sent: not decompressed).
pub async fn fetch(
    addr: SocketAddr,
    request: Request<Full<Bytes>>,
) -> Result<(u16, HeaderMap, Bytes), String> {
    let stream = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(conn);
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    Ok((status, headers, body_of(response).await?))
}

/// The whole body of an answer.
async fn body_of(response: hyper::Response<hyper::body::Incoming>) -> Result<Bytes, String> {
    Ok(response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes())
}

/// `GET path` with the given headers.
pub fn get(addr: SocketAddr, path: &str, headers: &[(&str, &str)]) -> Request<Full<Bytes>> {
    let mut builder = Request::get(path).header(HOST, addr.to_string());
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Full::default()).expect("a valid request")
}

/// Sends the target's request once, on a fresh connection.
pub async fn once(target: &Target) -> Result<(u16, Bytes), String> {
    let (status, _, body) = fetch(target.addr, request(target)).await?;
    Ok((status, body))
}

async fn connection(
    target: Arc<Target>,
    deadline: Instant,
    budget: Arc<AtomicU64>,
) -> Result<Measured, String> {
    let stream = TcpStream::connect(target.addr)
        .await
        .map_err(|e| e.to_string())?;
    stream.set_nodelay(true).map_err(|e| e.to_string())?;
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(conn);
    let mut measured = Measured::default();
    while Instant::now() < deadline {
        // The request budget bounds a run however fast the server is.
        if budget
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
            .is_err()
        {
            break;
        }
        sender.ready().await.map_err(|e| e.to_string())?;
        let start = Instant::now();
        let response = sender
            .send_request(request(&target))
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let body = body_of(response).await?;
        let micros = start.elapsed().as_micros().min(u128::from(u32::MAX)) as u32;
        if status.is_success() {
            measured.ok += 1;
            measured.latencies_us.push(micros);
            measured.response_bytes = body.len();
        } else {
            measured.failed += 1;
            measured.first_failure.get_or_insert_with(|| {
                let text = String::from_utf8_lossy(&body);
                format!("{status}: {}", text.chars().take(300).collect::<String>())
            });
        }
    }
    Ok(measured)
}

/// Loads `target` for `duration` with `connections` connections, sending at
/// most `max_requests` requests in all.
pub async fn run(
    target: &Target,
    connections: usize,
    duration: Duration,
    max_requests: u64,
) -> Measured {
    let target = Arc::new(target.clone());
    let budget = Arc::new(AtomicU64::new(max_requests));
    let start = Instant::now();
    let deadline = start + duration;
    let tasks: Vec<_> = (0..connections)
        .map(|_| tokio::spawn(connection(target.clone(), deadline, budget.clone())))
        .collect();
    let mut total = Measured::default();
    for task in tasks {
        match task.await {
            Ok(Ok(measured)) => total.merge(measured),
            Ok(Err(error)) => {
                total.failed += 1;
                total
                    .first_failure
                    .get_or_insert_with(|| format!("connection failed: {error}"));
            }
            Err(join) => {
                total.failed += 1;
                total
                    .first_failure
                    .get_or_insert_with(|| format!("load task failed: {join}"));
            }
        }
    }
    total.elapsed = start.elapsed();
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_come_from_the_sorted_latencies() {
        let mut m = Measured {
            latencies_us: (1..=100).rev().map(|ms| ms * 1000).collect(),
            ..Measured::default()
        };
        assert_eq!(m.quantile_ms(0.0), 1.0);
        assert_eq!(m.quantile_ms(0.5), 51.0);
        assert_eq!(m.quantile_ms(0.99), 99.0);
        assert_eq!(m.quantile_ms(1.0), 100.0);
        assert!(Measured::default().quantile_ms(0.5).is_nan());
    }

    #[test]
    fn merged_runs_add_up() {
        let mut a = Measured {
            ok: 2,
            latencies_us: vec![1, 2],
            elapsed: Duration::from_secs(1),
            ..Measured::default()
        };
        a.merge(Measured {
            ok: 3,
            failed: 1,
            first_failure: Some("500".to_owned()),
            latencies_us: vec![3, 4, 5],
            elapsed: Duration::from_secs(1),
            response_bytes: 7,
        });
        assert_eq!((a.ok, a.failed, a.latencies_us.len()), (5, 1, 5));
        assert_eq!(a.per_second(), 2.5);
        assert_eq!(a.response_bytes, 7);
        assert_eq!(a.first_failure.as_deref(), Some("500"));
    }
}
