//! `POST /_dash-update-component`: decode, check, run one callback, answer.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::{stores, ApiError, Shared};
use crate::callback::{ArgValue, CallError, CallbackDef};
use crate::context::CallInfo;
use crate::protocol::{response_body, UpdateRequest};
use crate::update::{CallbackError, Outputs};

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

pub(super) async fn update(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    if !is_json(&headers) {
        return Err(ApiError {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            kind: "unsupported_media_type",
            message: "a callback request must have `Content-Type: application/json`".to_owned(),
        });
    }
    let config = &shared.app.config;
    let body = body.map_err(|rejection| {
        let status = rejection.status();
        let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
            format!(
                "the request body is larger than the limit of {} bytes (set it with `App::body_limit`)",
                config.body_limit
            )
        } else {
            rejection.body_text()
        };
        ApiError {
            status,
            kind: "bad_body",
            message,
        }
    })?;
    let request: UpdateRequest = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("malformed callback request: {e}")))?;
    let Some(def) = shared.app.graph.get(&request.output) else {
        return Err(ApiError::bad_request(format!(
            "no callback has the output `{}`; the callbacks are listed at /_dash-dependencies",
            truncate(&request.output)
        )));
    };
    let (args, mut info) = request.arguments(def).map_err(ApiError::bad_request)?;
    info.resources = shared.app.resources.clone();
    let session = if stores::uses_server_stores(def) {
        let session = stores::session(&shared, &headers).ok_or_else(|| {
            ApiError::bad_request(format!(
                "callback `{}` uses a server-side store, which needs the session cookie that the page sets; reload the page",
                def.site.name
            ))
        })?;
        Some(session)
    } else {
        None
    };
    let args = stores::load(&shared, def, session.as_deref(), args).await?;

    match run(def, args, info, config.callback_timeout).await {
        Ok(outputs) => {
            let outputs = stores::save(&shared, def, session.as_deref(), outputs).await?;
            Ok(Json(response_body(def, outputs)).into_response())
        }
        Err(Failure::Call(CallError::Callback(CallbackError::Prevented))) => {
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        Err(failure) => Err(failure.into_api_error(def, config.debug)),
    }
}

/// How a call can fail, beyond what the callback itself returns.
enum Failure {
    Call(CallError),
    Panicked(String),
    TimedOut(Duration),
}

/// Runs one call in its own task, so a panic stays there (the request gets
/// a 500, the server keeps serving) and a call that hangs is cut off.
async fn run(
    def: &CallbackDef,
    args: Vec<ArgValue>,
    info: CallInfo,
    timeout: Duration,
) -> Result<Outputs, Failure> {
    let call = def.call(args, info);
    let task = if def.blocking {
        let runtime = tokio::runtime::Handle::current();
        tokio::task::spawn_blocking(move || runtime.block_on(call))
    } else {
        tokio::spawn(call)
    };
    let abort = task.abort_handle();
    match tokio::time::timeout(timeout, task).await {
        Ok(Ok(result)) => result.map_err(Failure::Call),
        Ok(Err(join)) if join.is_panic() => Err(Failure::Panicked(panic_text(join.into_panic()))),
        Ok(Err(_)) => Err(Failure::Panicked("the task was cancelled".to_owned())),
        Err(_) => {
            // An async call stops here; a plain `fn` cannot be interrupted
            // and finishes on its blocking thread, its answer discarded.
            abort.abort();
            Err(Failure::TimedOut(timeout))
        }
    }
}

impl Failure {
    fn into_api_error(self, def: &CallbackDef, debug: bool) -> ApiError {
        let name = def.site.name;
        let detail = |text: &dyn std::fmt::Display| {
            if debug {
                format!(": {text}")
            } else {
                "; see the server log".to_owned()
            }
        };
        match self {
            Failure::Call(CallError::Decode { index, message }) => {
                let (role, prop) = def.param(index);
                ApiError::bad_request(format!(
                    "the {role} `{prop}` of callback `{name}` does not fit its Rust type: {message}"
                ))
            }
            Failure::Call(CallError::MissingResource(type_name)) => ApiError::internal(
                "missing_resource",
                format!(
                    "callback `{name}` needs a `Resource<{type_name}>` that the app was not given"
                ),
            ),
            Failure::Call(CallError::Callback(error)) => {
                tracing::error!(callback = name, "{error}");
                ApiError::internal(
                    "callback_failed",
                    format!("callback `{name}` failed{}", detail(&error)),
                )
            }
            Failure::Panicked(text) => {
                tracing::error!(callback = name, "callback panicked: {text}");
                ApiError::internal(
                    "callback_panicked",
                    format!("callback `{name}` panicked{}", detail(&text)),
                )
            }
            Failure::TimedOut(limit) => {
                tracing::error!(callback = name, "callback timed out after {limit:?}");
                ApiError {
                    status: StatusCode::GATEWAY_TIMEOUT,
                    kind: "callback_timeout",
                    message: format!(
                        "callback `{name}` did not finish within {} ms (set the limit with `App::callback_timeout`)",
                        limit.as_millis()
                    ),
                }
            }
        }
    }
}

fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(text) => *text,
        Err(payload) => payload
            .downcast_ref::<&str>()
            .map_or_else(|| "(no message)".to_owned(), |s| (*s).to_owned()),
    }
}

fn truncate(text: &str) -> String {
    const MAX: usize = 200;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
