//! Store data on the callback path. Server-side stores: handles in the
//! request become the kept values before the call, and written values become
//! new handles after it. Signed and encrypted stores: envelopes are checked
//! and opened before the call, and written data is wrapped after it.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{header, HeaderMap, StatusCode};
use serde_json::Value;

use super::{ApiError, Shared};
use crate::callback::{ArgValue, CallbackDef};
use crate::id::PropSpec;
use crate::protect::{self, Protection};
use crate::server_store::{Codec, Entry, Stored};
use crate::update::Outputs;

/// The cookie that carries the signed browser-session id.
pub const SESSION_COOKIE: &str = "ferrodash_session";

/// Whether a callback touches a server-side store at all.
pub fn uses_server_stores(def: &CallbackDef) -> bool {
    def.outputs
        .iter()
        .chain(&def.inputs)
        .chain(&def.states)
        .any(|s| s.kind.server.is_some())
}

/// How `spec`'s value is protected, when it is a protected store's data.
fn protection(shared: &Shared, spec: &PropSpec) -> Option<Protection> {
    if spec.property != "data" || !shared.app.graph.has_protected_stores() {
        return None;
    }
    shared.app.graph.protection(spec.id)
}

/// The verified session id of the request, if it has a valid cookie.
pub fn session(shared: &Shared, headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .and_then(|(_, value)| shared.keys.session_of(value))
}

fn backend_error(error: impl std::fmt::Display) -> ApiError {
    tracing::error!("{error}");
    ApiError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        kind: "store_backend",
        message: "the server-side store backend is unavailable; see the server log".to_owned(),
    }
}

/// Resolves the arguments of a call: server-side store handles become the
/// kept values of this session.
pub async fn load(
    shared: &Shared,
    def: &CallbackDef,
    session: Option<&str>,
    args: Vec<ArgValue>,
) -> Result<Vec<ArgValue>, ApiError> {
    let mut resolved = Vec::with_capacity(args.len());
    for (index, arg) in args.into_iter().enumerate() {
        let (role, spec) = def.param(index);
        let Some(codec) = spec.kind.server else {
            resolved.push(match protection(shared, &spec) {
                Some(p) => {
                    let value = arg.into_json().map_err(ApiError::bad_request)?;
                    let plain =
                        protect::unwrap(&shared.keys, p, spec.id, value).map_err(|message| {
                            ApiError {
                                kind: super::update::STORE_DATA,
                                ..ApiError::bad_request(message)
                            }
                        })?;
                    ArgValue::Json(plain)
                }
                None => arg,
            });
            continue;
        };
        let value = arg.into_json().map_err(ApiError::bad_request)?;
        let session =
            session.expect("a session is checked before calls that use server-side stores");
        match &value {
            Value::Null => {}
            Value::String(handle) if shared.keys.check_handle(session, spec.id, handle) => {}
            _ => {
                return Err(ApiError {
                    kind: super::update::STORE_DATA,
                    ..ApiError::bad_request(format!(
                        "the {role} `{spec}` holds a handle that this server did not issue to this session \
                         (forged, altered or from another session)"
                    ))
                })
            }
        }
        let entry = shared
            .backend
            .get(session, spec.id)
            .await
            .map_err(backend_error)?;
        resolved.push(match entry {
            None => ArgValue::Json(Value::Null),
            Some(entry) => ArgValue::Typed(typed_arg(codec, entry).map_err(|e| {
                ApiError::internal(
                    "store_decode",
                    format!("server-side store `{}` cannot be read: {e}", spec.id),
                )
            })?),
        });
    }
    Ok(resolved)
}

fn typed_arg(codec: &Codec, entry: Entry) -> Result<Box<dyn std::any::Any + Send>, String> {
    let kept = match entry.value {
        Stored::Typed(kept) => kept,
        Stored::Bytes(bytes) => (codec.decode)(&bytes)?,
    };
    (codec.to_arg)(&kept).ok_or_else(|| format!("kept value is not a {}", (codec.type_name)()))
}

/// Encodes a call's outputs for the response: values for the browser as
/// JSON, server-side store values kept in the backend and answered by a new
/// handle.
pub async fn save(
    shared: &Shared,
    def: &CallbackDef,
    session: Option<&str>,
    outputs: Outputs,
) -> Result<Vec<Option<Value>>, ApiError> {
    let mut encoded = Vec::with_capacity(outputs.len());
    for (spec, output) in def.outputs.iter().zip(outputs) {
        let Some(output) = output else {
            encoded.push(None);
            continue;
        };
        let name = def.site.name;
        let Some(codec) = spec.kind.server else {
            let mut json = output.to_json().map_err(|e| {
                ApiError::internal(
                    "encode",
                    format!(
                        "callback `{name}` returned a value for `{spec}` that is not JSON: {e}"
                    ),
                )
            })?;
            if let Some(p) = protection(shared, spec) {
                if json.get("__dash_patch_update").is_some() {
                    return Err(ApiError::internal(
                        "encode",
                        format!("callback `{name}` returned a Patch for `{spec}`, a signed or encrypted store; return the whole value"),
                    ));
                }
                json = protect::wrap(&shared.keys, p, spec.id, &json);
            }
            encoded.push(Some(json));
            continue;
        };
        let session =
            session.expect("a session is checked before calls that use server-side stores");
        let kept = (codec.from_output)(output.into_any()).ok_or_else(|| {
            ApiError::internal(
                "encode",
                format!("callback `{name}` wrote a value of another type to `{spec}`"),
            )
        })?;
        let bytes = (codec.encode)(&*kept).map_err(|e| {
            ApiError::internal(
                "encode",
                format!("callback `{name}` wrote data to `{spec}` that cannot be kept: {e}"),
            )
        })?;
        let version = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        let entry = Entry {
            version,
            bytes: bytes.len(),
            value: if shared.backend.is_memory() {
                Stored::Typed(kept)
            } else {
                Stored::Bytes(bytes.into())
            },
        };
        shared
            .backend
            .put(session, spec.id, entry)
            .await
            .map_err(backend_error)?;
        encoded.push(Some(Value::String(
            shared.keys.handle(session, spec.id, version),
        )));
    }
    Ok(encoded)
}
