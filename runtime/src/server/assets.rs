//! The browser client, embedded at build time: the modules every page needs
//! as one script inside the page (with its hash for the page's CSP), the
//! others served from memory, gzip-compressed once rather than on every
//! request.

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
            .map(|(name, source)| {
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

/// The script every page runs, written into the page itself.
pub fn bundle() -> &'static str {
    CLIENT_BUNDLE
}

/// The CSP source that lets exactly [`bundle`] run inline.
pub fn bundle_csp_source() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        use base64::Engine;
        use sha2::Digest;
        let digest = sha2::Sha256::digest(CLIENT_BUNDLE.as_bytes());
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    })
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

pub(super) fn accepts_gzip(headers: &HeaderMap) -> bool {
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
    // The page imports these by name, so they carry no fingerprint; the
    // browser revalidates with the ETag instead.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_every_page_runs_is_under_15_kb_gzipped() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(bundle().as_bytes()).unwrap();
        let size = gz.finish().unwrap().len();
        assert!((1000..15 * 1024).contains(&size), "{size} B");
    }
}
