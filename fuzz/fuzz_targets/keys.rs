//! Fuzzes what checks data coming back from the browser: `protect::unwrap`
//! (signed and encrypted store envelopes), `Keys::check_handle` (server-side
//! store handles), `Keys::session_of` (session cookies) and `Keys::open`.
//!
//! The input is `data \n store \n session` (missing parts are empty). For
//! every input: nothing panics; what is accepted under the app's key is
//! refused under another key and for another store or session; and any JSON
//! value wraps and unwraps to itself, floats to a relative 1e-14: serde_json,
//! built without its `float_roundtrip` feature, parses some floats a few
//! units in the last place off, even its own output (README.md, "Findings").

#![no_main]

use ferrodash::keys::Keys;
use ferrodash::protect::{self, Protection};
use ferrodash_fuzz::keys;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|input: &[u8]| {
    let Ok(text) = std::str::from_utf8(input) else {
        return;
    };
    let mut parts = text.splitn(3, '\n');
    let data = parts.next().unwrap_or_default();
    let store = parts.next().unwrap_or_default();
    let session = parts.next().unwrap_or_default();
    let keys = keys();
    let other = Keys::new(b"another key".to_vec(), []);
    let other_store = format!("{store}x");
    let other_session = format!("{session}x");

    if let Some(id) = keys.session_of(data) {
        assert_eq!(id.len(), 32, "{data:?}");
        assert!(data.starts_with(&id), "{data:?}");
        assert_eq!(other.session_of(data), None, "{data:?}");
    }

    if keys.check_handle(session, store, data) {
        assert!(!keys.check_handle(session, &other_store, data), "{input:?}");
        assert!(!keys.check_handle(&other_session, store, data), "{input:?}");
        assert!(!other.check_handle(session, store, data), "{input:?}");
    }

    let _ = keys.open(store, data);
    let parsed: Option<Value> = serde_json::from_str(data).ok();
    let value = parsed
        .clone()
        .unwrap_or_else(|| Value::String(data.to_owned()));
    for protection in [Protection::Signed, Protection::Encrypted] {
        if let Ok(plain) = protect::unwrap(&keys, protection, store, value.clone()) {
            if !value.is_null() {
                assert!(
                    protect::unwrap(&other, protection, store, value.clone()).is_err(),
                    "accepted under another key: {input:?}"
                );
                assert!(
                    protect::unwrap(&keys, protection, &other_store, value.clone()).is_err(),
                    "accepted for another store: {input:?}"
                );
            }
            let again = protect::wrap(&keys, protection, store, &plain);
            let back = protect::unwrap(&keys, protection, store, again);
            assert!(
                back.as_ref().is_ok_and(|b| same(b, &plain)),
                "{back:?} != {plain:?}"
            );
        }
        if let Some(json) = &parsed {
            let wrapped = protect::wrap(&keys, protection, store, json);
            let back = protect::unwrap(&keys, protection, store, wrapped);
            assert!(
                back.as_ref().is_ok_and(|b| same(b, json)),
                "round trip of {data:?}: {back:?}"
            );
        }
    }
});

/// Equal JSON, floats to a relative 1e-14.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            match (x.as_f64(), y.as_f64()) {
                (Some(x), Some(y)) => x == y || (x - y).abs() <= 1e-14 * x.abs().max(y.abs()),
                _ => false,
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, vx), (ky, vy))| kx == ky && same(vx, vy))
        }
        _ => a == b,
    }
}
