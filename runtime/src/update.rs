//! What a callback returns: `Update<T>` per output, a tuple for several
//! outputs, optionally inside `Result<_, E>`; `PreventUpdate` as the error
//! stops the whole update (Dash's `raise PreventUpdate`).

use std::any::Any;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

/// The new value of one output, or no change (Dash's `no_update`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Update<T> {
    /// Write this value to the output.
    Set(T),
    /// Leave this output as it is; callbacks that depend on it do not fire.
    NoChange,
    /// Change part of the browser's current value (Dash's `Patch`).
    Patch(crate::patch::Patch<T>),
}

impl<T> Update<T> {
    /// `Update::Set` of anything that converts into the output's type, so
    /// `Update::set("text")` works for a `children` output.
    pub fn set(value: impl Into<T>) -> Self {
        Update::Set(value.into())
    }
}

impl<T> From<T> for Update<T> {
    fn from(value: T) -> Self {
        Update::Set(value)
    }
}

/// Return `Err(PreventUpdate)` to cancel the whole update: no output changes
/// and the server answers 204, as Dash does for `raise PreventUpdate`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PreventUpdate;

impl fmt::Display for PreventUpdate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("update prevented")
    }
}

/// Why a callback produced no response.
#[derive(Debug)]
pub enum CallbackError {
    /// The callback asked for no update (204).
    Prevented,
    /// The callback returned an error; its text is logged, not sent.
    Failed(String),
    /// A returned value could not be encoded as JSON.
    Encode(String),
}

impl fmt::Display for CallbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CallbackError::Prevented => f.write_str("update prevented"),
            CallbackError::Failed(message) => write!(f, "callback failed: {message}"),
            CallbackError::Encode(message) => {
                write!(f, "callback returned a value that is not JSON: {message}")
            }
        }
    }
}

impl CallbackError {
    /// Classifies any error a callback returned. `PreventUpdate` (and a
    /// `CallbackError`) keep their meaning; everything else is a failure.
    pub fn from_returned<E: fmt::Display + Send + 'static>(error: E) -> Self {
        let any: Box<dyn Any> = Box::new(error);
        match any.downcast::<PreventUpdate>() {
            Ok(_) => CallbackError::Prevented,
            Err(any) => match any.downcast::<CallbackError>() {
                Ok(error) => *error,
                Err(any) => {
                    let error = any.downcast::<E>().expect("the value boxed just above");
                    CallbackError::Failed(error.to_string())
                }
            },
        }
    }
}

/// A value a callback can write to an output. Values go to the browser as
/// JSON; a server-side store's `Shared` data stays on the server.
pub trait OutputValue: Send + 'static {
    fn to_json(&self) -> Result<Value, String>;
}

impl<T: Serialize + Send + 'static> OutputValue for T {
    fn to_json(&self) -> Result<Value, String> {
        serde_json::to_value(self).map_err(|e| e.to_string())
    }
}

impl<T: Send + Sync + 'static> OutputValue for crate::server_store::Shared<T> {
    fn to_json(&self) -> Result<Value, String> {
        Err("server-side store data is never sent to the browser".to_owned())
    }
}

/// One output value, its type erased until the server knows where it goes.
pub trait Output: Send {
    fn to_json(&self) -> Result<Value, String>;
    fn into_any(self: Box<Self>) -> Box<dyn Any + Send>;
}

impl<T: OutputValue> Output for T {
    fn to_json(&self) -> Result<Value, String> {
        OutputValue::to_json(self)
    }

    fn into_any(self: Box<Self>) -> Box<dyn Any + Send> {
        self
    }
}

/// The outputs of one call: `None` is "leave unchanged".
pub type Outputs = Vec<Option<Box<dyn Output>>>;

/// Return types a callback with outputs of types `O` (a tuple) may have.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a valid return type for a callback whose outputs are `{O}`",
    label = "the callback returns `{Self}` here",
    note = "a callback returns `Update<T>` for one output, a tuple `(Update<A>, Update<B>, ..)` for several (in the order of `output = [..]`), optionally inside `Result<_, E>`",
    note = "write `Update::Set(value)` (or `value.into()`) to set an output and `Update::NoChange` to leave it"
)]
pub trait CallbackReturn<O> {
    fn into_outputs(self) -> Result<Outputs, CallbackError>;
}

fn encode<T: OutputValue>(update: Update<T>) -> Result<Option<Box<dyn Output>>, CallbackError> {
    Ok(match update {
        Update::Set(value) => Some(Box::new(value)),
        Update::NoChange => None,
        Update::Patch(patch) => Some(Box::new(patch.to_json())),
    })
}

impl<V: OutputValue> CallbackReturn<(V,)> for Update<V> {
    fn into_outputs(self) -> Result<Outputs, CallbackError> {
        Ok(vec![encode(self)?])
    }
}

macro_rules! tuple_return {
    ($($v:ident),+) => {
        impl<$($v: OutputValue),+> CallbackReturn<($($v,)+)> for ($(Update<$v>,)+) {
            #[allow(non_snake_case)]
            fn into_outputs(self) -> Result<Outputs, CallbackError> {
                let ($($v,)+) = self;
                Ok(vec![$(encode($v)?),+])
            }
        }
    };
}
tuple_return!(A, B);
tuple_return!(A, B, C);
tuple_return!(A, B, C, D);
tuple_return!(A, B, C, D, E);
tuple_return!(A, B, C, D, E, F);
tuple_return!(A, B, C, D, E, F, G);
tuple_return!(A, B, C, D, E, F, G, H);
tuple_return!(A, B, C, D, E, F, G, H, I);
tuple_return!(A, B, C, D, E, F, G, H, I, J);
tuple_return!(A, B, C, D, E, F, G, H, I, J, K);
tuple_return!(A, B, C, D, E, F, G, H, I, J, K, L);

impl<O, R, E> CallbackReturn<O> for Result<R, E>
where
    R: CallbackReturn<O>,
    E: fmt::Display + Send + 'static,
{
    fn into_outputs(self) -> Result<Outputs, CallbackError> {
        self.map_err(CallbackError::from_returned)?.into_outputs()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prevent_update_is_recognised_through_result() {
        let r: Result<Update<u8>, PreventUpdate> = Err(PreventUpdate);
        assert!(matches!(r.into_outputs(), Err(CallbackError::Prevented)));
    }

    #[test]
    fn user_errors_become_failures_with_their_text() {
        let r: Result<Update<u8>, std::io::Error> = Err(std::io::Error::other("disk on fire"));
        match r.into_outputs() {
            Err(CallbackError::Failed(m)) => assert_eq!(m, "disk on fire"),
            Err(other) => panic!("unexpected {other:?}"),
            Ok(_) => panic!("an error was expected"),
        }
    }

    #[test]
    fn no_change_is_left_out_and_set_is_encoded() {
        let outs = (Update::Set("a"), Update::<u8>::NoChange)
            .into_outputs()
            .unwrap();
        assert_eq!(outs.len(), 2);
        assert_eq!(outs[0].as_ref().unwrap().to_json(), Ok(Value::from("a")));
        assert!(outs[1].is_none());
    }
}
