//! `POST /_dash-update-component`: decode, check, run one callback, answer.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::FutureExt;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::{memory, stores, ApiError, Shared};
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
    // Dropped after the request's own memory: below when the answer is
    // done; if the client goes away mid-call, after the call's future (a
    // statement's temporaries go before the locals declared ahead of it).
    let trim = body
        .as_ref()
        .is_ok_and(|b| b.len() >= memory::LARGE)
        .then_some(memory::TrimAfter);
    let answer = answer(shared, headers, body).await;
    drop(trim);
    answer
}

async fn answer(
    shared: Arc<Shared>,
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
    let Some((index, def)) = shared.app.graph.find(&request.output) else {
        return Err(ApiError::bad_request(format!(
            "no callback has the output `{}`; the callbacks are listed at /_dash-dependencies",
            truncate(&request.output)
        )));
    };
    if def.is_clientside() {
        return Err(ApiError::bad_request(format!(
            "callback `{}` runs in the browser; there is nothing to call on the server",
            def.site.name
        )));
    }
    let arguments = request.arguments(def).map_err(ApiError::bad_request)?;
    let info = CallInfo {
        triggered: arguments.triggered,
        body: body.clone(),
        resources: shared.app.resources.clone(),
    };
    let (args, targets) = (arguments.values, arguments.targets);
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

    match run(
        def,
        &shared.paces[index],
        args,
        info,
        config.callback_timeout,
    )
    .await
    {
        Ok(outputs) => {
            let outputs = stores::save(&shared, def, session.as_deref(), outputs).await?;
            let body = response_body(def, &targets, outputs)
                .map_err(|e| ApiError::internal("encode", e))?;
            Ok(Json(body).into_response())
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

/// What the server has learnt of how long a plain `fn` callback runs.
pub(super) struct Pace(AtomicU8);

impl Default for Pace {
    fn default() -> Self {
        Pace(AtomicU8::new(UNKNOWN))
    }
}

const UNKNOWN: u8 = 0;
const QUICK: u8 = 1;
const SLOW: u8 = 2;

/// A plain `fn` that ran longer than this goes to the blocking pool.
const SLOW_CALL: Duration = Duration::from_millis(2);

impl Pace {
    fn get(&self) -> u8 {
        self.0.load(Ordering::Relaxed)
    }

    fn learn(&self, took: Duration) {
        let pace = if took >= SLOW_CALL { SLOW } else { QUICK };
        self.0.store(pace, Ordering::Relaxed);
    }
}

/// Runs one call so that a panic stays in it (the request gets a 500, the
/// server keeps serving) and a call that hangs is cut off.
///
/// Most callbacks take microseconds, and a task hand-off would cost more
/// than the call, so a call runs on the request's own task, guarded by
/// `catch_unwind` and a timeout. A plain `fn` is a different matter: it may
/// compute for seconds, and on the request's task it would stall a worker
/// that serves other requests. So a plain `fn` runs on tokio's blocking
/// pool until it has been seen to be quick, and again once it has been
/// seen to be slow.
async fn run(
    def: &CallbackDef,
    pace: &Pace,
    args: Vec<ArgValue>,
    info: CallInfo,
    timeout: Duration,
) -> Result<Outputs, Failure> {
    let call = def.call(args, info);
    if def.blocking && pace.get() != QUICK {
        let runtime = tokio::runtime::Handle::current();
        let task = tokio::task::spawn_blocking(move || {
            let started = Instant::now();
            let result = runtime.block_on(call);
            let took = started.elapsed();
            // The call decoded its arguments on this thread, into this
            // thread's arena; a slow call's were often large.
            memory::shrink_thread_arena();
            (result, took)
        });
        let abort = task.abort_handle();
        return match tokio::time::timeout(timeout, task).await {
            Ok(Ok((result, took))) => {
                pace.learn(took);
                result.map_err(Failure::Call)
            }
            Ok(Err(join)) if join.is_panic() => {
                Err(Failure::Panicked(panic_text(join.into_panic())))
            }
            Ok(Err(_)) => Err(Failure::Panicked("the task was cancelled".to_owned())),
            Err(_) => {
                // A plain `fn` cannot be interrupted: it finishes on its
                // blocking thread and its answer is discarded.
                abort.abort();
                pace.learn(timeout);
                Err(Failure::TimedOut(timeout))
            }
        };
    }
    let started = Instant::now();
    let guarded = std::panic::AssertUnwindSafe(call).catch_unwind();
    let outcome = tokio::time::timeout(timeout, guarded).await;
    if def.blocking {
        pace.learn(started.elapsed());
    }
    match outcome {
        Ok(Ok(result)) => result.map_err(Failure::Call),
        Ok(Err(panic)) => Err(Failure::Panicked(panic_text(panic))),
        // Dropping the future cancels an async call at its next `.await`.
        Err(_) => Err(Failure::TimedOut(timeout)),
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
                let mut error = ApiError::bad_request(format!(
                    "the {role} `{prop}` of callback `{name}` does not fit its Rust type: {message}"
                ));
                if is_store_data(&prop) {
                    error.kind = STORE_DATA;
                }
                error
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

/// The error kind of store data the server refused: the client shows it
/// in the page whatever the mode, since it is about the user's data.
pub(super) const STORE_DATA: &str = "store_data";

fn is_store_data(prop: &crate::id::PropSpec) -> bool {
    prop.property == "data"
        && prop.kind.namespace == "dash_core_components"
        && prop.kind.type_name.ends_with("Store")
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
