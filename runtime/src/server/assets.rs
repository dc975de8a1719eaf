//! The browser client, embedded at build time and served from memory.

use axum::http::{header, Uri};
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use axum::http::StatusCode;

include!(concat!(env!("OUT_DIR"), "/client_files.rs"));

/// `GET /_ferrodash/client/{file}`. The name is read from the end of the
/// path, so the route works wherever the app is mounted.
pub async fn client_file(uri: Uri) -> Response {
    let file = uri.path().rsplit('/').next().unwrap_or_default();
    match CLIENT_FILES.iter().find(|(name, _)| *name == file) {
        Some((_, source)) => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                // The modules import each other by relative path, so they
                // cannot carry fingerprints; revalidate instead.
                (header::CACHE_CONTROL, "no-cache"),
            ],
            *source,
        )
            .into_response(),
        None => ApiError {
            status: StatusCode::NOT_FOUND,
            kind: "not_found",
            message: format!("no client file `{file}`"),
        }
        .into_response(),
    }
}
