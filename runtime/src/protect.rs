//! Signed and encrypted client stores. The browser keeps their data, so
//! anyone can edit it; with protection the server refuses data it did not
//! write (signed), or the browser holds only ciphertext (encrypted).
//!
//! On the wire the store's `data` is an envelope:
//! `{"ferrodash":"signed","json":"<the data as JSON text>","sig":"<hmac>"}` or
//! `{"ferrodash":"encrypted","box":"<base64url nonce, ciphertext, tag>"}`.
//! The JSON text is signed as text, so number formatting in the browser
//! cannot break a signature.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::keys::Keys;

/// How a client store's data is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protection {
    /// Readable in the browser, but refused by the server if altered.
    Signed,
    /// The browser holds only ciphertext (ChaCha20-Poly1305).
    Encrypted,
}

/// Wraps plain data for the browser.
pub fn wrap(keys: &Keys, protection: Protection, store: &str, data: &Value) -> Value {
    let text = data.to_string();
    match protection {
        Protection::Signed => json!({
            "ferrodash": "signed",
            "json": text,
            "sig": keys.sign(&["store", store, &text]),
        }),
        Protection::Encrypted => json!({
            "ferrodash": "encrypted",
            "box": keys.seal(store, text.as_bytes()),
        }),
    }
}

/// Unwraps data that came back from the browser; `null` stays `null`.
pub fn unwrap(
    keys: &Keys,
    protection: Protection,
    store: &str,
    data: Value,
) -> Result<Value, String> {
    if data.is_null() {
        return Ok(data);
    }
    let refused = || {
        match protection {
        Protection::Signed => format!(
            "the data of signed store `{store}` was not written by this server (altered in the browser?); it was refused"
        ),
        Protection::Encrypted => format!(
            "the data of encrypted store `{store}` does not decrypt with this server's keys (altered in the browser?); it was refused"
        ),
    }
    };
    let text = match protection {
        Protection::Signed => {
            let (Some(text), Some(sig)) = (data["json"].as_str(), data["sig"].as_str()) else {
                return Err(refused());
            };
            if data["ferrodash"] != "signed" || !keys.verify(&["store", store, text], sig) {
                return Err(refused());
            }
            text.to_owned()
        }
        Protection::Encrypted => {
            let Some(sealed) = data["box"]
                .as_str()
                .filter(|_| data["ferrodash"] == "encrypted")
            else {
                return Err(refused());
            };
            let plain = keys.open(store, sealed).ok_or_else(refused)?;
            String::from_utf8(plain).map_err(|_| refused())?
        }
    };
    serde_json::from_str(&text).map_err(|_| refused())
}

/// Wraps the `data` of every protected store in a layout (as JSON), so the
/// page never carries it in the clear.
pub fn wrap_layout(keys: &Keys, node: &mut Value) {
    match node {
        Value::Array(items) => items.iter_mut().for_each(|n| wrap_layout(keys, n)),
        Value::Object(obj) => {
            if let Some(Value::Object(props)) = obj.get_mut("props") {
                let protection = props
                    .get("protection")
                    .cloned()
                    .and_then(|p| serde_json::from_value::<Protection>(p).ok());
                let id = props.get("id").and_then(Value::as_str).map(str::to_owned);
                if let (Some(protection), Some(id)) = (protection, id) {
                    if let Some(data) = props.get_mut("data").filter(|d| !d.is_null()) {
                        *data = wrap(keys, protection, &id, data);
                    }
                }
                props.values_mut().for_each(|v| wrap_layout(keys, v));
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_data_round_trips_and_tampering_is_refused() {
        let keys = Keys::random();
        let data = json!({"role": "viewer", "limit": 1.5});
        let wrapped = wrap(&keys, Protection::Signed, "prefs", &data);
        assert_eq!(
            unwrap(&keys, Protection::Signed, "prefs", wrapped.clone()),
            Ok(data)
        );
        let mut tampered = wrapped.clone();
        tampered["json"] = json!(r#"{"role":"admin","limit":1.5}"#);
        assert!(unwrap(&keys, Protection::Signed, "prefs", tampered).is_err());
        assert!(
            unwrap(&keys, Protection::Signed, "other", wrapped).is_err(),
            "bound to its store"
        );
        assert!(unwrap(&keys, Protection::Signed, "prefs", json!({"role": "admin"})).is_err());
    }

    #[test]
    fn encrypted_data_is_not_readable_and_round_trips() {
        let keys = Keys::random();
        let data = json!({"ssn": "078-05-1120"});
        let wrapped = wrap(&keys, Protection::Encrypted, "secret", &data);
        assert!(!wrapped.to_string().contains("078-05"));
        assert_eq!(
            unwrap(&keys, Protection::Encrypted, "secret", wrapped),
            Ok(data)
        );
    }
}
