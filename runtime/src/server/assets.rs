//! The browser client, embedded at build time and served from memory,
//! gzip-compressed once rather than on every request.

use std::io::Write;
use std::sync::OnceLock;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::error::ApiError;

include!(concat!(env!("OUT_DIR"), "/client_files.rs"));

/// One client file, ready to send.
struct Asset {
    name: &'static str,
    source: &'static str,
    gzipped: Vec<u8>,
    etag: HeaderValue,
}

fn assets() -> &'static [Asset] {
    static ASSETS: OnceLock<Vec<Asset>> = OnceLock::new();
    ASSETS.get_or_init(|| {
        CLIENT_FILES
            .iter()
            .map(|(name, source, _)| {
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                gz.write_all(source.as_bytes())
                    .expect("writing to memory succeeds");
                let gzipped = gz.finish().expect("writing to memory succeeds");
                let etag = HeaderValue::from_str(&format!("\"{:016x}\"", fnv1a(source.as_bytes())))
                    .expect("hex is a valid header value");
                Asset {
                    name,
                    source,
                    gzipped,
                    etag,
                }
            })
            .collect()
    })
}

/// The client files every page loads, for the index page's preload links
/// (lazy modules are fetched only by pages that need them).
pub fn eager_names() -> impl Iterator<Item = &'static str> {
    CLIENT_FILES
        .iter()
        .filter(|(_, _, lazy)| !lazy)
        .map(|(name, _, _)| *name)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| coding.split(';').next().is_some_and(|c| c.trim() == "gzip"))
}

/// `GET /_ferrodash/client/{file}`. The name is read from the end of the
/// path, so the route works wherever the app is mounted.
pub async fn client_file(uri: Uri, headers: HeaderMap) -> Response {
    let file = uri.path().rsplit('/').next().unwrap_or_default();
    let Some(asset) = assets().iter().find(|a| a.name == file) else {
        return ApiError {
            status: StatusCode::NOT_FOUND,
            kind: "not_found",
            message: format!("no client file `{file}`"),
        }
        .into_response();
    };
    // The modules import each other by relative path, so they cannot carry
    // fingerprints; the browser revalidates with the ETag instead.
    let common = [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/javascript; charset=utf-8"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        (header::ETAG, asset.etag.clone()),
        (header::VARY, HeaderValue::from_static("accept-encoding")),
    ];
    if headers.get(header::IF_NONE_MATCH) == Some(&asset.etag) {
        return (StatusCode::NOT_MODIFIED, common).into_response();
    }
    if accepts_gzip(&headers) {
        let gzip = [(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"))];
        return (common, gzip, asset.gzipped.clone()).into_response();
    }
    (common, asset.source).into_response()
}
