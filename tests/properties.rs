//! Property tests (proptest): round trips and refusals over arbitrary input.
//!
//! - a callback request built from arbitrary values reaches the callback
//!   intact, and what it echoes into a store comes back intact (plain,
//!   signed and encrypted stores);
//! - `protect::wrap`/`unwrap` round-trip any JSON, and a one-bit alteration
//!   of an envelope never yields other data;
//! - `Keys::handle`/`check_handle` and session cookies accept only their own
//!   session, store and key;
//! - Dash callback ids (`id.prop`, `..a.p...b.q..`) parse back into their
//!   outputs.

mod common;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use base64_free::{decode_b64url, encode_b64url};
use common::post_json;
use ferrodash::callbacks;
use ferrodash::graph::callback_key;
use ferrodash::id::PropSpec;
use ferrodash::keys::Keys;
use ferrodash::prelude::*;
use ferrodash::protect::{self, Protection};
use proptest::collection::vec;
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

const SECRET: &[u8] = b"properties test key";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Record {
    name: String,
    count: i64,
    big: u64,
    ratio: f64,
    flags: Vec<bool>,
    tags: BTreeMap<String, String>,
    note: Option<String>,
}

const RECORD_IN: Id<dcc::Store<Record>> = Id::new("record_in");
const RECORD_OUT: Id<dcc::Store<Record>> = Id::new("record_out");
const ANY_IN: Id<dcc::Store<Value>> = Id::new("any_in");
const ANY_OUT: Id<dcc::Store<Value>> = Id::new("any_out");
const SIGNED_IN: Id<dcc::Store<Value>> = Id::new("signed_in");
const SIGNED_OUT: Id<dcc::Store<Value>> = Id::new("signed_out");
const SEALED_IN: Id<dcc::Store<Value>> = Id::new("sealed_in");
const SEALED_OUT: Id<dcc::Store<Value>> = Id::new("sealed_out");
const TEXT: Id<dcc::Input> = Id::new("text");
const SHOWN: Id<html::Pre> = Id::new("shown");

#[callback(output = RECORD_OUT.data, input = RECORD_IN.data)]
async fn echo_record(record: Option<Record>) -> Update<Record> {
    record.map_or(Update::NoChange, Update::Set)
}

#[callback(output = ANY_OUT.data, input = ANY_IN.data)]
async fn echo_any(value: Option<Value>) -> Update<Value> {
    value.map_or(Update::NoChange, Update::Set)
}

#[callback(output = SIGNED_OUT.data, input = SIGNED_IN.data)]
async fn echo_signed(value: Option<Value>) -> Update<Value> {
    value.map_or(Update::NoChange, Update::Set)
}

#[callback(output = SEALED_OUT.data, input = SEALED_IN.data)]
async fn echo_sealed(value: Option<Value>) -> Update<Value> {
    value.map_or(Update::NoChange, Update::Set)
}

#[callback(output = SHOWN.children, input = TEXT.value)]
async fn show_text(text: Option<String>) -> Update<Children> {
    text.map_or(Update::NoChange, Update::set)
}

fn router() -> axum::Router {
    App::new("properties")
        .layout(|| {
            html::div((
                dcc::store(RECORD_IN),
                dcc::store(RECORD_OUT),
                dcc::store(ANY_IN),
                dcc::store(ANY_OUT),
                dcc::store(SIGNED_IN).signed(),
                dcc::store(SIGNED_OUT).signed(),
                dcc::store(SEALED_IN).encrypted(),
                dcc::store(SEALED_OUT).encrypted(),
                dcc::input(TEXT),
                html::pre(()).id(SHOWN),
            ))
        })
        .callbacks(callbacks![
            echo_record,
            echo_any,
            echo_signed,
            echo_sealed,
            show_text
        ])
        .secret_key(SECRET.to_vec(), [])
        .into_router()
        .unwrap()
}

/// The router and a runtime to drive it from proptest's synchronous cases.
fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(Server::new)
}

struct Server {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
}

impl Server {
    fn new() -> Self {
        Server {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap(),
            router: router(),
        }
    }

    /// Posts a one-input, one-output callback request; returns the status
    /// and the JSON answer (`null` for an empty body).
    fn call(&self, input: (&str, &str), output: (&str, &str), value: &Value) -> (u16, Value) {
        let body = json!({
            "output": format!("{}.{}", output.0, output.1),
            "outputs": {"id": output.0, "property": output.1},
            "inputs": [{"id": input.0, "property": input.1, "value": value}],
            "changedPropIds": [format!("{}.{}", input.0, input.1)],
        });
        let answer = self
            .runtime
            .block_on(post_json(&self.router, body.to_string()));
        let json = if answer.body.is_empty() {
            Value::Null
        } else {
            answer.json()
        };
        (answer.status.as_u16(), json)
    }
}

/// Floats that serde_json parses back exactly: multiples of 1/64 below 2^24
/// (see `arbitrary_floats_come_back_exactly` for arbitrary ones).
fn exact_float() -> impl Strategy<Value = f64> {
    (-(1i64 << 30)..(1i64 << 30)).prop_map(|n| n as f64 / 64.0)
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        exact_float().prop_map(Value::from),
        any::<String>().prop_map(Value::from),
        "[<>&/\"'\\\\\u{0}-\u{1f}\u{2028}\u{2029}a-z]{0,12}".prop_map(Value::from),
    ]
}

/// Any JSON value, nested a few levels, with awkward strings.
fn any_json() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            vec((any::<String>(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn record() -> impl Strategy<Value = Record> {
    (
        any::<String>(),
        any::<i64>(),
        any::<u64>(),
        exact_float(),
        vec(any::<bool>(), 0..8),
        proptest::collection::btree_map(any::<String>(), any::<String>(), 0..5),
        proptest::option::of(any::<String>()),
    )
        .prop_map(|(name, count, big, ratio, flags, tags, note)| Record {
            name,
            count,
            big,
            ratio,
            flags,
            tags,
            note,
        })
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn a_struct_store_round_trips_through_a_callback(record in record()) {
        let server = server();
        let sent = serde_json::to_value(&record).unwrap();
        let (status, answer) = server.call(("record_in", "data"), ("record_out", "data"), &sent);
        prop_assert_eq!(status, 200, "{}", answer);
        let back: Record =
            serde_json::from_value(answer["response"]["record_out"]["data"].clone()).unwrap();
        prop_assert_eq!(back, record);
    }

    #[test]
    fn any_json_round_trips_through_a_callback(value in any_json()) {
        let server = server();
        let (status, answer) = server.call(("any_in", "data"), ("any_out", "data"), &value);
        prop_assert_eq!(status, 200, "{}", answer);
        if value.is_null() {
            // `null` arrives as `None`, which the echo leaves unchanged.
            prop_assert_eq!(&answer, &json!({"multi": true, "response": {}}));
        } else {
            prop_assert_eq!(&answer["response"]["any_out"]["data"], &value);
        }
    }

    #[test]
    fn any_text_round_trips_into_children(text in any::<String>()) {
        let server = server();
        let (status, answer) =
            server.call(("text", "value"), ("shown", "children"), &Value::from(text.clone()));
        prop_assert_eq!(status, 200, "{}", answer);
        prop_assert_eq!(&answer["response"]["shown"]["children"], &Value::from(text));
    }

    #[test]
    fn signed_and_encrypted_stores_round_trip_through_a_callback(value in any_json()) {
        prop_assume!(!value.is_null());
        let server = server();
        let keys = Keys::new(SECRET.to_vec(), []);
        for (protection, input, output) in [
            (Protection::Signed, "signed_in", "signed_out"),
            (Protection::Encrypted, "sealed_in", "sealed_out"),
        ] {
            let sent = protect::wrap(&keys, protection, input, &value);
            let (status, answer) = server.call((input, "data"), (output, "data"), &sent);
            prop_assert_eq!(status, 200, "{}", answer);
            let envelope = answer["response"][output]["data"].clone();
            prop_assert_eq!(protect::unwrap(&keys, protection, output, envelope), Ok(value.clone()));
        }
    }

    #[test]
    fn wrap_then_unwrap_gives_back_any_json(
        value in any_json(),
        key in vec(any::<u8>(), 0..64),
        store in any::<String>(),
    ) {
        let keys = Keys::new(key, []);
        for protection in [Protection::Signed, Protection::Encrypted] {
            let wrapped = protect::wrap(&keys, protection, &store, &value);
            if protection == Protection::Encrypted {
                // Nothing of the data is readable in the envelope.
                let text = wrapped.to_string();
                if let Value::String(s) = &value {
                    if s.len() >= 8 {
                        prop_assert!(!text.contains(s.as_str()));
                    }
                }
            }
            prop_assert_eq!(
                protect::unwrap(&keys, protection, &store, wrapped),
                Ok(value.clone())
            );
        }
    }
}

/// Flips bit `bit` (mod the length in bits) of `bytes`.
fn flip(bytes: &mut [u8], bit: usize) {
    let bit = bit % (bytes.len() * 8);
    bytes[bit / 8] ^= 1 << (bit % 8);
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn a_one_bit_change_to_signed_data_or_its_signature_is_refused(
        value in any_json(),
        store in "[a-z_]{1,12}",
        bit in any::<usize>(),
        in_signature in any::<bool>(),
    ) {
        let keys = Keys::new(SECRET.to_vec(), []);
        let mut envelope = protect::wrap(&keys, Protection::Signed, &store, &value);
        if in_signature {
            let mut sig = unhex(envelope["sig"].as_str().unwrap());
            flip(&mut sig, bit);
            envelope["sig"] = Value::from(hex(&sig));
        } else {
            let mut text = envelope["json"].as_str().unwrap().as_bytes().to_vec();
            flip(&mut text, bit);
            envelope["json"] = Value::from(String::from_utf8_lossy(&text).into_owned());
        }
        prop_assert!(protect::unwrap(&keys, Protection::Signed, &store, envelope).is_err());
    }

    #[test]
    fn a_one_bit_change_to_a_sealed_box_is_refused(
        value in any_json(),
        store in "[a-z_]{1,12}",
        bit in any::<usize>(),
    ) {
        let keys = Keys::new(SECRET.to_vec(), []);
        let mut envelope = protect::wrap(&keys, Protection::Encrypted, &store, &value);
        let mut sealed = decode_b64url(envelope["box"].as_str().unwrap());
        flip(&mut sealed, bit);
        envelope["box"] = Value::from(encode_b64url(&sealed));
        prop_assert!(protect::unwrap(&keys, Protection::Encrypted, &store, envelope).is_err());
    }

    /// Any one-bit change of the envelope as the browser stores it (its JSON
    /// text) is refused, or — for a signed envelope, when the bit changes
    /// the case of a hex digit of the signature — accepted with exactly the
    /// same data: never other data.
    #[test]
    fn a_one_bit_change_to_an_envelope_never_yields_other_data(
        value in any_json(),
        store in "[a-z_]{1,12}",
        bit in any::<usize>(),
        signed in any::<bool>(),
    ) {
        prop_assume!(!value.is_null());
        let keys = Keys::new(SECRET.to_vec(), []);
        let protection = if signed { Protection::Signed } else { Protection::Encrypted };
        let envelope = protect::wrap(&keys, protection, &store, &value);
        let mut text = envelope.to_string().into_bytes();
        flip(&mut text, bit);
        let Ok(altered) = serde_json::from_slice::<Value>(&text) else {
            return Ok(()); // not even JSON: the browser could not send it as data
        };
        // Signatures are lower-case hex only, so no altered spelling passes.
        prop_assert!(
            protect::unwrap(&keys, protection, &store, altered.clone()).is_err(),
            "an altered envelope was accepted: {}",
            altered
        );
    }

    #[test]
    fn a_handle_is_accepted_only_for_its_session_store_and_key(
        session in "[0-9a-f]{32}",
        other_session in "[0-9a-f]{32}",
        store in "[a-z_]{1,12}",
        other_store in "[a-z_]{1,12}",
        version in any::<u64>(),
        bit in any::<usize>(),
    ) {
        let keys = Keys::new(SECRET.to_vec(), []);
        let handle = keys.handle(&session, &store, version);
        prop_assert!(keys.check_handle(&session, &store, &handle));
        prop_assert_eq!(keys.check_handle(&other_session, &store, &handle), other_session == session);
        prop_assert_eq!(keys.check_handle(&session, &other_store, &handle), other_store == store);
        prop_assert!(!Keys::new(b"another key".to_vec(), []).check_handle(&session, &store, &handle));
        // A rotated key still accepts it.
        prop_assert!(Keys::new(b"new key".to_vec(), [SECRET.to_vec()]).check_handle(&session, &store, &handle));
        // Another version, or a changed signature, is refused.
        let (version_text, signature) = handle[1..].split_once('.').unwrap();
        prop_assert_eq!(version_text, version.to_string());
        let bumped = format!("v{}.{signature}", version.wrapping_add(1));
        prop_assert!(!keys.check_handle(&session, &store, &bumped));
        let mut sig = unhex(signature);
        flip(&mut sig, bit);
        let forged = format!("v{version_text}.{}", hex(&sig));
        prop_assert!(!keys.check_handle(&session, &store, &forged));
    }

    #[test]
    fn a_session_cookie_is_accepted_only_under_its_key(bit in any::<usize>()) {
        let keys = Keys::new(SECRET.to_vec(), []);
        let (id, cookie) = keys.new_session();
        prop_assert_eq!(keys.session_of(&cookie), Some(id.clone()));
        prop_assert_eq!(Keys::new(b"another key".to_vec(), []).session_of(&cookie), None);
        let mut altered = cookie.clone().into_bytes();
        flip(&mut altered, bit);
        let altered = String::from_utf8_lossy(&altered).into_owned();
        prop_assert_eq!(keys.session_of(&altered), None, "altered cookie {}", altered);
    }
}

/// Dash's parse of a callback id: `id.prop`, or `..a.p...b.q..`.
fn parse_callback_key(key: &str) -> Vec<(String, String)> {
    let parts: Vec<&str> = match key.strip_prefix("..").and_then(|k| k.strip_suffix("..")) {
        Some(inner) => inner.split("...").collect(),
        None => vec![key],
    };
    parts
        .into_iter()
        .map(|p| {
            let (id, prop) = p.split_once('.').expect("id.prop");
            (id.to_owned(), prop.to_owned())
        })
        .collect()
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn callback_ids_parse_back_into_their_outputs(
        outputs in vec(("[A-Za-z0-9_:-]{1,12}", "[A-Za-z_][A-Za-z0-9_-]{0,12}"), 1..6),
    ) {
        let specs: Vec<PropSpec> = outputs
            .iter()
            .map(|(id, prop)| Id::<html::Div>::new(leak(id.clone())).prop::<Children>(leak(prop.clone())).spec)
            .collect();
        let key = callback_key(&specs);
        if specs.len() == 1 {
            prop_assert_eq!(&key, &format!("{}.{}", outputs[0].0, outputs[0].1));
        } else {
            prop_assert!(key.starts_with("..") && key.ends_with(".."), "{}", key);
        }
        prop_assert_eq!(parse_callback_key(&key), outputs);
    }
}

/// Found by this file and `fuzz/`: serde_json, built without its
/// `float_roundtrip` feature, parsed some floats a few units in the last
/// place off, even the text it wrote itself (`9.697000007777077e48` came
/// back as `9.697000007777075e48`), so a store holding such a float drifted
/// on every round trip. The workspace now enables the feature.
#[test]
fn arbitrary_floats_come_back_exactly() {
    let mut runner = proptest::test_runner::TestRunner::new(config(2048));
    let server = Server::new();
    runner
        .run(
            &any::<f64>().prop_filter("finite", |f| f.is_finite()),
            |f| {
                let (status, answer) =
                    server.call(("any_in", "data"), ("any_out", "data"), &json!(f));
                prop_assert_eq!(status, 200);
                let back = answer["response"]["any_out"]["data"].as_f64().unwrap();
                prop_assert_eq!(
                    back.to_bits(),
                    f.to_bits(),
                    "{:e} came back as {:e}",
                    f,
                    back
                );
                Ok(())
            },
        )
        .unwrap();
}

/// base64url without padding, as `Keys::seal` writes it (the test crate does
/// not depend on a base64 crate).
mod base64_free {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn encode_b64url(bytes: &[u8]) -> String {
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }

    pub fn decode_b64url(text: &str) -> Vec<u8> {
        let digits: Vec<u32> = text
            .bytes()
            .map(|c| ALPHABET.iter().position(|a| *a == c).expect("base64url") as u32)
            .collect();
        let mut out = Vec::new();
        for chunk in digits.chunks(4) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, d)| n | d << (18 - 6 * i));
            for i in 0..chunk.len() - 1 {
                out.push((n >> (16 - 8 * i)) as u8);
            }
        }
        out
    }
}
