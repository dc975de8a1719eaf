//! [`Secret`]: a confidential value (a token, a password, an account
//! number) that must never reach the browser.
//!
//! A `Secret<T>` does not implement `serde::Serialize`, and putting it into a
//! client store (`dcc::Store`, whose data the browser keeps) is a compile
//! error that says why. Keep it in a server-side store, whose data stays on
//! the server, or in a [`Resource`](crate::Resource).
//!
//! ```
//! use ferrodash_runtime::prelude::*;
//! use ferrodash_runtime::Secret;
//!
//! const TOKEN: Id<dcc::ServerStore<Secret<String>>> = Id::new("token");
//!
//! let token = Secret::new("hunter2".to_owned());
//! assert_eq!(format!("{token:?}"), "Secret(***)");
//! assert_eq!(token.expose(), "hunter2");
//! ```
//!
//! ```compile_fail
//! use ferrodash_runtime::prelude::*;
//! use ferrodash_runtime::Secret;
//!
//! // error: `Secret<String>` is confidential: it cannot be kept in a client store
//! const TOKEN: Id<dcc::Store<Secret<String>>> = Id::new("token");
//! ```

use std::fmt;

use crate::dcc::ClientData;
use crate::server_store::ServerData;

/// A confidential value: its `Debug` output is `Secret(***)`, it has no
/// `Display` and no `Serialize`, and it cannot be put into a client store.
/// Read it with [`Secret::expose`].
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    pub fn new(value: T) -> Self {
        Secret(value)
    }

    /// The confidential value. The name makes each read visible in review.
    pub fn expose(&self) -> &T {
        &self.0
    }

    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Secret(value)
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// A server-side store may hold a secret: its data never goes to the
/// browser (only a signed handle does). With the Redis backend the value is
/// kept as JSON on the server, like any server-side store data.
impl<T: ServerData> ServerData for Secret<T> {
    fn to_json_bytes(&self) -> Result<Vec<u8>, String> {
        self.0.to_json_bytes()
    }

    fn from_json_bytes(bytes: &[u8]) -> Result<Self, String> {
        T::from_json_bytes(bytes).map(Secret)
    }
}

/// Never implemented: it is the unmet bound that makes a `Secret` in a
/// client store a compile error with the message of [`ClientData`].
#[doc(hidden)]
pub trait NeverSentToTheBrowser {}

#[diagnostic::do_not_recommend]
impl<T: NeverSentToTheBrowser> ClientData for Secret<T> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_value() {
        let s = Secret::new(String::from("hunter2"));
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(format!("{:?}", Some(&s)), "Some(Secret(***))");
        assert_eq!(s.expose(), "hunter2");
        assert_eq!(s.into_inner(), "hunter2");
    }

    #[test]
    fn secrets_round_trip_through_a_server_side_store() {
        let s = Secret::new(vec![1u8, 2]);
        let bytes = s.to_json_bytes().unwrap();
        let back = <Secret<Vec<u8>> as ServerData>::from_json_bytes(&bytes).unwrap();
        assert_eq!(back, s);
    }
}
