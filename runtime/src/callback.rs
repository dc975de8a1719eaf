//! Callback definitions: what `#[callback]` generates, and what the graph and
//! the server consume.
//!
//! The macro emits one call to [`CallbackDef::new`] per callback, passing the
//! user's function with the typed property references. Every type check (the
//! parameters against the inputs and states, the return type against the
//! outputs, `Send` for async bodies) is one trait bound there, so one mistake
//! yields one rustc error, spanned at the user's function name.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::id::{Prop, PropSpec};
use crate::update::{CallbackError, CallbackReturn, Outputs};

/// A boxed future of one call's result.
pub type CallFuture = Pin<Box<dyn Future<Output = Result<Outputs, CallError>> + Send>>;

type Invoke = dyn Fn(Vec<Value>) -> CallFuture + Send + Sync;

/// Why one call failed.
#[derive(Debug)]
pub enum CallError {
    /// Argument `index` (inputs first, then states) did not decode into the
    /// parameter's type.
    Decode { index: usize, message: String },
    /// The callback ran and did not produce outputs.
    Callback(CallbackError),
}

impl From<CallbackError> for CallError {
    fn from(error: CallbackError) -> Self {
        CallError::Callback(error)
    }
}

/// Marks a callback written as a plain `fn`.
pub enum SyncFn {}
/// Marks a callback written as an `async fn`.
pub enum AsyncFn {}

/// A function usable as a callback whose parameters have the value types
/// `Args` and whose outputs have the value types `Outs`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not fit the callback's inputs, states and outputs",
    note = "parameters bind to the inputs, then the states, in declaration order; each is `Option<T>` of the property's type"
)]
pub trait Handler<Args, Outs, Kind>: Copy + Send + Sync + 'static {
    fn invoke(self, args: Vec<Value>) -> CallFuture;
}

fn decode<T: DeserializeOwned>(
    args: &mut Vec<Value>,
    index: usize,
) -> Result<Option<T>, CallError> {
    let value = std::mem::take(&mut args[index]);
    serde_json::from_value(value).map_err(|e| CallError::Decode {
        index,
        message: e.to_string(),
    })
}

macro_rules! handlers {
    ($($arg:ident $idx:tt),*) => {
        impl<F, R, Outs, $($arg),*> Handler<($($arg,)*), Outs, SyncFn> for F
        where
            F: Fn($(Option<$arg>),*) -> R + Copy + Send + Sync + 'static,
            R: CallbackReturn<Outs> + 'static,
            $($arg: DeserializeOwned + Send + 'static,)*
        {
            #[allow(unused_mut, unused_variables)]
            fn invoke(self, mut args: Vec<Value>) -> CallFuture {
                Box::pin(async move {
                    let r = self($(decode::<$arg>(&mut args, $idx)?),*);
                    Ok(r.into_outputs()?)
                })
            }
        }

        impl<F, Fut, Outs, $($arg),*> Handler<($($arg,)*), Outs, AsyncFn> for F
        where
            F: Fn($(Option<$arg>),*) -> Fut + Copy + Send + Sync + 'static,
            Fut: Future + Send + 'static,
            Fut::Output: CallbackReturn<Outs>,
            $($arg: DeserializeOwned + Send + 'static,)*
        {
            #[allow(unused_mut, unused_variables)]
            fn invoke(self, mut args: Vec<Value>) -> CallFuture {
                Box::pin(async move {
                    let fut = self($(decode::<$arg>(&mut args, $idx)?),*);
                    Ok(fut.await.into_outputs()?)
                })
            }
        }
    };
}
handlers!();
handlers!(A 0);
handlers!(A 0, B 1);
handlers!(A 0, B 1, C 2);
handlers!(A 0, B 1, C 2, D 3);
handlers!(A 0, B 1, C 2, D 3, E 4);
handlers!(A 0, B 1, C 2, D 3, E 4, F5 5);
handlers!(A 0, B 1, C 2, D 3, E 4, F5 5, G 6);
handlers!(A 0, B 1, C 2, D 3, E 4, F5 5, G 6, H 7);
handlers!(A 0, B 1, C 2, D 3, E 4, F5 5, G 6, H 7, I 8);
handlers!(A 0, B 1, C 2, D 3, E 4, F5 5, G 6, H 7, I 8, J 9);
handlers!(A 0, B 1, C 2, D 3, E 4, F5 5, G 6, H 7, I 8, J 9, K 10);
handlers!(A 0, B 1, C 2, D 3, E 4, F5 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// A tuple of typed property references.
pub trait PropList {
    /// The tuple of their value types.
    type Values;
    fn specs(&self) -> Vec<PropSpec>;
}

macro_rules! prop_lists {
    ($($v:ident $idx:tt),*) => {
        impl<$($v),*> PropList for ($(Prop<$v>,)*) {
            type Values = ($($v,)*);
            fn specs(&self) -> Vec<PropSpec> {
                vec![$(self.$idx.spec),*]
            }
        }
    };
}
prop_lists!();
prop_lists!(A 0);
prop_lists!(A 0, B 1);
prop_lists!(A 0, B 1, C 2);
prop_lists!(A 0, B 1, C 2, D 3);
prop_lists!(A 0, B 1, C 2, D 3, E 4);
prop_lists!(A 0, B 1, C 2, D 3, E 4, F 5);
prop_lists!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
prop_lists!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
prop_lists!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
prop_lists!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
prop_lists!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
prop_lists!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// Where a callback was written, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Site {
    pub name: &'static str,
    pub file: &'static str,
    pub line: u32,
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` ({}:{})", self.name, self.file, self.line)
    }
}

/// Options of `#[callback(...)]` besides the properties.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub prevent_initial_call: bool,
}

/// One callback: its properties, options, and the type-erased function.
#[derive(Clone)]
pub struct CallbackDef {
    pub site: Site,
    pub outputs: Vec<PropSpec>,
    pub inputs: Vec<PropSpec>,
    pub states: Vec<PropSpec>,
    pub options: Options,
    invoke: Arc<Invoke>,
}

impl CallbackDef {
    /// Builds a definition from a typed function. `params` lists the inputs
    /// then the states, `n_inputs` says where the states begin. The bound on
    /// `F` is the compile-time check of the whole signature.
    pub fn new<K, O, P, F>(
        site: Site,
        options: Options,
        outputs: O,
        params: P,
        n_inputs: usize,
        f: F,
    ) -> Self
    where
        O: PropList,
        P: PropList,
        F: Handler<P::Values, O::Values, K>,
    {
        let mut inputs = params.specs();
        let states = inputs.split_off(n_inputs);
        CallbackDef {
            site,
            outputs: outputs.specs(),
            inputs,
            states,
            options,
            invoke: Arc::new(move |args| f.invoke(args)),
        }
    }

    /// Runs the callback on its arguments: input values, then state values.
    pub fn call(&self, args: Vec<Value>) -> CallFuture {
        (self.invoke)(args)
    }

    /// The property an argument index refers to.
    pub fn param(&self, index: usize) -> (&'static str, PropSpec) {
        if index < self.inputs.len() {
            ("input", self.inputs[index])
        } else {
            ("state", self.states[index - self.inputs.len()])
        }
    }
}

impl fmt::Debug for CallbackDef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallbackDef")
            .field("site", &self.site)
            .field("outputs", &self.outputs)
            .field("inputs", &self.inputs)
            .field("states", &self.states)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// A callback defined with `#[callback]`: the macro implements this on a
/// hidden type named like the function, so `callbacks![name]` can find it.
pub trait Callback {
    fn definition() -> CallbackDef;
}

/// The automatic registration record, one per `#[callback]`.
pub struct Registration {
    pub definition: fn() -> CallbackDef,
}

inventory::collect!(Registration);

/// Every callback linked into this binary.
pub fn registered() -> Vec<CallbackDef> {
    inventory::iter::<Registration>
        .into_iter()
        .map(|r| (r.definition)())
        .collect()
}
