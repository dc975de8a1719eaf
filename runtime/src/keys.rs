//! Signing keys, session ids, store handles, and the sealing of encrypted
//! stores.
//!
//! A browser session is a random 128-bit id in a cookie, signed so a
//! guessed or altered id is refused. A server-side store is addressed by
//! (session, store id); the browser holds only a *handle*, a version signed
//! together with both, so one session can never name another's data and a
//! handle cannot be forged or moved to another store.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Nonce};
use hmac::{KeyInit, Mac};
use sha2::Sha256;

type Hmac = hmac::Hmac<Sha256>;

/// The keys that sign sessions and handles: the first signs, all verify, so
/// a rotated key keeps earlier sessions readable.
#[derive(Clone)]
pub struct Keys {
    keys: Vec<Vec<u8>>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Keys({} keys)", self.keys.len())
    }
}

impl Keys {
    /// `current` signs; `previous` are still accepted when verifying.
    pub fn new(current: impl Into<Vec<u8>>, previous: impl IntoIterator<Item = Vec<u8>>) -> Self {
        let mut keys = vec![current.into()];
        keys.extend(previous);
        Keys { keys }
    }

    /// A random key, for an app run as one process. Several instances
    /// behind one Redis need the same key (see `App::secret_key`).
    pub fn random() -> Self {
        Keys::new(random_bytes::<32>(), [])
    }

    fn sign_with(key: &[u8], parts: &[&str]) -> String {
        let mut mac =
            <Hmac as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
        for part in parts {
            // The length prefix keeps ("ab","c") and ("a","bc") apart.
            mac.update(&(part.len() as u64).to_le_bytes());
            mac.update(part.as_bytes());
        }
        hex(&mac.finalize().into_bytes())
    }

    pub fn sign(&self, parts: &[&str]) -> String {
        Self::sign_with(&self.keys[0], parts)
    }

    /// Whether `signature` signs `parts` under any of the keys. The check is
    /// constant-time per key.
    pub fn verify(&self, parts: &[&str], signature: &str) -> bool {
        let Some(given) = unhex(signature) else {
            return false;
        };
        self.keys.iter().any(|key| {
            let mut mac =
                <Hmac as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
            for part in parts {
                mac.update(&(part.len() as u64).to_le_bytes());
                mac.update(part.as_bytes());
            }
            mac.verify_slice(&given).is_ok()
        })
    }

    /// A new session cookie value: `<id>.<signature>`.
    pub fn new_session(&self) -> (String, String) {
        let id = hex(&random_bytes::<16>());
        let cookie = format!("{id}.{}", self.sign(&["session", &id]));
        (id, cookie)
    }

    /// The session id of a cookie value, if its signature holds.
    pub fn session_of(&self, cookie: &str) -> Option<String> {
        let (id, signature) = cookie.split_once('.')?;
        (id.len() == 32 && self.verify(&["session", id], signature)).then(|| id.to_owned())
    }

    /// The handle of version `version` of `store` in `session`.
    pub fn handle(&self, session: &str, store: &str, version: u64) -> String {
        let version = version.to_string();
        format!(
            "v{version}.{}",
            self.sign(&["handle", session, store, &version])
        )
    }

    /// Whether `handle` was issued for this session and store.
    pub fn check_handle(&self, session: &str, store: &str, handle: &str) -> bool {
        let Some((version, signature)) = handle.strip_prefix('v').and_then(|h| h.split_once('.'))
        else {
            return false;
        };
        version.parse::<u64>().is_ok()
            && self.verify(&["handle", session, store, version], signature)
    }
}

impl Keys {
    /// The encryption key derived from signing key `index`, so one secret
    /// serves both purposes without reusing the same bytes for both.
    fn cipher(&self, index: usize) -> ChaCha20Poly1305 {
        let mut mac = <Hmac as KeyInit>::new_from_slice(&self.keys[index])
            .expect("HMAC takes keys of any length");
        mac.update(b"ferrodash store encryption v1");
        let key = mac.finalize().into_bytes();
        <ChaCha20Poly1305 as KeyInit>::new_from_slice(&key).expect("a 32-byte key")
    }

    /// Encrypts `plaintext` for store `store` (bound as associated data, so
    /// a sealed value cannot be moved to another store): nonce, then
    /// ciphertext and tag, base64url.
    pub fn seal(&self, store: &str, plaintext: &[u8]) -> String {
        let nonce_bytes = random_bytes::<12>();
        let nonce = Nonce::try_from(&nonce_bytes[..]).expect("12 bytes");
        let sealed = self
            .cipher(0)
            .encrypt(
                &nonce,
                Payload {
                    msg: plaintext,
                    aad: store.as_bytes(),
                },
            )
            .expect("encryption of an in-memory buffer succeeds");
        let mut out = nonce_bytes.to_vec();
        out.extend_from_slice(&sealed);
        URL_SAFE_NO_PAD.encode(out)
    }

    /// Decrypts what [`Keys::seal`] made under any of the keys.
    pub fn open(&self, store: &str, sealed: &str) -> Option<Vec<u8>> {
        let raw = URL_SAFE_NO_PAD.decode(sealed).ok()?;
        if raw.len() < 12 + 16 {
            return None;
        }
        let (nonce, body) = raw.split_at(12);
        let nonce = Nonce::try_from(nonce).ok()?;
        (0..self.keys.len()).find_map(|i| {
            self.cipher(i)
                .decrypt(
                    &nonce,
                    Payload {
                        msg: body,
                        aad: store.as_bytes(),
                    },
                )
                .ok()
        })
    }
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0; N];
    getrandom::fill(&mut bytes).expect("the operating system provides random bytes");
    bytes
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lower-case hex only, as `hex` writes it: each signature has one spelling.
fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || text.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_cookie_verifies_and_an_altered_one_does_not() {
        let keys = Keys::random();
        let (id, cookie) = keys.new_session();
        assert_eq!(keys.session_of(&cookie), Some(id.clone()));
        let mut forged = cookie.clone().into_bytes();
        forged[0] = if forged[0] == b'a' { b'b' } else { b'a' };
        assert_eq!(keys.session_of(&String::from_utf8(forged).unwrap()), None);
        assert_eq!(Keys::random().session_of(&cookie), None, "another key");
    }

    #[test]
    fn a_handle_is_bound_to_its_session_and_store() {
        let keys = Keys::random();
        let handle = keys.handle("s1", "big", 7);
        assert!(keys.check_handle("s1", "big", &handle));
        assert!(!keys.check_handle("s2", "big", &handle));
        assert!(!keys.check_handle("s1", "other", &handle));
        assert!(!keys.check_handle("s1", "big", &handle.replace("v7.", "v8.")));
        assert!(!keys.check_handle("s1", "big", "v1.zz"));
    }

    #[test]
    fn sealed_data_opens_only_for_its_store_and_keys() {
        let keys = Keys::random();
        let sealed = keys.seal("prefs", b"{\"pin\":1234}");
        assert!(!sealed.contains("1234"));
        assert_eq!(
            keys.open("prefs", &sealed).as_deref(),
            Some(&b"{\"pin\":1234}"[..])
        );
        assert_eq!(keys.open("other", &sealed), None);
        assert_eq!(Keys::random().open("prefs", &sealed), None);
        let mut altered = sealed.clone().into_bytes();
        let last = altered.len() - 3;
        altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            keys.open("prefs", std::str::from_utf8(&altered).unwrap()),
            None
        );
    }

    #[test]
    fn a_rotated_key_still_verifies_what_the_previous_one_signed() {
        let old = Keys::new(b"old key".to_vec(), []);
        let (id, cookie) = old.new_session();
        let rotated = Keys::new(b"new key".to_vec(), [b"old key".to_vec()]);
        assert_eq!(rotated.session_of(&cookie), Some(id));
        let (_, fresh) = rotated.new_session();
        assert_eq!(old.session_of(&fresh), None);
    }
}
