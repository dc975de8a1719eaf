//! The browser client, embedded at build time and served from memory.

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use axum::http::StatusCode;

include!(concat!(env!("OUT_DIR"), "/client_files.rs"));

/// `GET /_ferrodash/client/{file}`
pub async fn client_file(Path(file): Path<String>) -> Response {
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
