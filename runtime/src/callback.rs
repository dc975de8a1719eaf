//! Callback definitions: what `#[callback]` generates, and what the graph and
//! the server consume.
//!
//! The macro emits one call to [`CallbackDef::new`] per callback, passing the
//! user's function with the typed property references. Every type check (each
//! parameter against its input or state, the return type against the outputs,
//! `Send` for async bodies) is a bound there, so one mistake yields one rustc
//! error, spanned at the user's function name.

use std::any::{type_name, TypeId};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::context::{CallInfo, Context, Resource};
use crate::id::{Prop, PropSpec};
use crate::update::{CallbackError, CallbackReturn, Outputs};

/// A boxed future of one call's result.
pub type CallFuture = Pin<Box<dyn Future<Output = Result<Outputs, CallError>> + Send>>;

type Invoke = dyn Fn(Vec<ArgValue>, CallInfo) -> CallFuture + Send + Sync;

/// One argument as the server hands it over: JSON from the request, or a
/// typed value kept on the server (a server-side store's data).
pub enum ArgValue {
    Json(Value),
    Typed(Box<dyn std::any::Any + Send>),
}

impl From<Value> for ArgValue {
    fn from(value: Value) -> Self {
        ArgValue::Json(value)
    }
}

/// Why one call failed.
#[derive(Debug)]
pub enum CallError {
    /// Argument `index` (inputs first, then states) did not decode into the
    /// parameter's type.
    Decode { index: usize, message: String },
    /// A `Resource<T>` the app does not have (the build check prevents this).
    MissingResource(&'static str),
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

/// How the server runs a kind of callback.
pub trait CallKind {
    /// A plain `fn` may compute for long, so it runs on tokio's blocking
    /// pool instead of stalling the async workers that serve other requests.
    const BLOCKING: bool;
}
impl CallKind for SyncFn {
    const BLOCKING: bool = true;
}
impl CallKind for AsyncFn {
    const BLOCKING: bool = false;
}

/// The slot of a parameter that is not a property: a [`Context`] or a
/// [`Resource`].
#[derive(Clone, Copy, Debug)]
pub struct Extract;

/// A resource type a callback needs, checked when the app is built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub type_id: TypeId,
    pub type_name: &'static str,
}

/// A parameter type that can receive the value of slot `V`: `Option<V>` for
/// a property of type `V`; `Context` or `Resource<T>` after the properties.
#[diagnostic::on_unimplemented(
    message = "a callback parameter of type `{Self}` cannot receive a `{V}`",
    label = "this callback's parameters do not fit its inputs and states",
    note = "parameters bind to the inputs, then the states, in order; a property of type `T` is received as `Option<T>` (it is `None` until the browser has a value)",
    note = "after them a callback may take `Context` (which input fired) and `Resource<T>` (a value given to `App::resource`)"
)]
pub trait Arg<V>: Sized + Send + 'static {
    fn take(args: &mut [ArgValue], index: usize, info: &CallInfo) -> Result<Self, CallError>;

    fn requirement() -> Option<Requirement> {
        None
    }
}

impl<V: DeserializeOwned + Send + 'static> Arg<V> for Option<V> {
    fn take(args: &mut [ArgValue], index: usize, _: &CallInfo) -> Result<Self, CallError> {
        match std::mem::replace(&mut args[index], ArgValue::Json(Value::Null)) {
            ArgValue::Json(value) => serde_json::from_value(value).map_err(|e| CallError::Decode {
                index,
                message: e.to_string(),
            }),
            ArgValue::Typed(value) => {
                value
                    .downcast::<V>()
                    .map(|v| Some(*v))
                    .map_err(|_| CallError::Decode {
                        index,
                        message: format!(
                            "the server kept a value of another type than `{}`",
                            type_name::<V>()
                        ),
                    })
            }
        }
    }
}

impl Arg<Extract> for Context {
    fn take(_: &mut [ArgValue], _: usize, info: &CallInfo) -> Result<Self, CallError> {
        Ok(Context::from_info(info))
    }
}

impl<T: Send + Sync + 'static> Arg<Extract> for Resource<T> {
    fn take(_: &mut [ArgValue], _: usize, info: &CallInfo) -> Result<Self, CallError> {
        Resource::from_info(info).ok_or(CallError::MissingResource(type_name::<T>()))
    }

    fn requirement() -> Option<Requirement> {
        Some(Requirement {
            type_id: TypeId::of::<T>(),
            type_name: type_name::<T>(),
        })
    }
}

/// A function usable as a callback whose parameter slots have the types
/// `Slots`, with parameters `Params`, and whose outputs have the value types
/// `Outs`.
pub trait Handler<Slots, Params, Outs, Kind>: Copy + Send + Sync + 'static {
    fn invoke(self, args: Vec<ArgValue>, info: CallInfo) -> CallFuture;
    fn requirements() -> Vec<Requirement>;
}

macro_rules! handlers {
    ($($slot:ident $param:ident $idx:tt),*) => {
        impl<F, R, Outs, $($slot, $param),*> Handler<($($slot,)*), ($($param,)*), Outs, SyncFn> for F
        where
            F: Fn($($param),*) -> R + Copy + Send + Sync + 'static,
            R: CallbackReturn<Outs> + 'static,
            $($param: Arg<$slot>,)*
        {
            #[allow(unused_mut, unused_variables)]
            fn invoke(self, mut args: Vec<ArgValue>, info: CallInfo) -> CallFuture {
                Box::pin(async move {
                    let r = self($($param::take(&mut args, $idx, &info)?),*);
                    Ok(r.into_outputs()?)
                })
            }

            fn requirements() -> Vec<Requirement> {
                let all: [Option<Requirement>; 0 $(+ { let _ = $idx; 1 })*] = [$($param::requirement()),*];
                all.into_iter().flatten().collect()
            }
        }

        impl<F, Fut, Outs, $($slot, $param),*> Handler<($($slot,)*), ($($param,)*), Outs, AsyncFn> for F
        where
            F: Fn($($param),*) -> Fut + Copy + Send + Sync + 'static,
            Fut: Future + Send + 'static,
            Fut::Output: CallbackReturn<Outs>,
            $($param: Arg<$slot>,)*
        {
            #[allow(unused_mut, unused_variables)]
            fn invoke(self, mut args: Vec<ArgValue>, info: CallInfo) -> CallFuture {
                Box::pin(async move {
                    let fut = self($($param::take(&mut args, $idx, &info)?),*);
                    Ok(fut.await.into_outputs()?)
                })
            }

            fn requirements() -> Vec<Requirement> {
                let all: [Option<Requirement>; 0 $(+ { let _ = $idx; 1 })*] = [$($param::requirement()),*];
                all.into_iter().flatten().collect()
            }
        }
    };
}
handlers!();
handlers!(S0 P0 0);
handlers!(S0 P0 0, S1 P1 1);
handlers!(S0 P0 0, S1 P1 1, S2 P2 2);
handlers!(S0 P0 0, S1 P1 1, S2 P2 2, S3 P3 3);
handlers!(S0 P0 0, S1 P1 1, S2 P2 2, S3 P3 3, S4 P4 4);
handlers!(S0 P0 0, S1 P1 1, S2 P2 2, S3 P3 3, S4 P4 4, S5 P5 5);
handlers!(S0 P0 0, S1 P1 1, S2 P2 2, S3 P3 3, S4 P4 4, S5 P5 5, S6 P6 6);
handlers!(S0 P0 0, S1 P1 1, S2 P2 2, S3 P3 3, S4 P4 4, S5 P5 5, S6 P6 6, S7 P7 7);
handlers!(S0 P0 0, S1 P1 1, S2 P2 2, S3 P3 3, S4 P4 4, S5 P5 5, S6 P6 6, S7 P7 7, S8 P8 8);
handlers!(S0 P0 0, S1 P1 1, S2 P2 2, S3 P3 3, S4 P4 4, S5 P5 5, S6 P6 6, S7 P7 7, S8 P8 8, S9 P9 9);
handlers!(S0 P0 0, S1 P1 1, S2 P2 2, S3 P3 3, S4 P4 4, S5 P5 5, S6 P6 6, S7 P7 7, S8 P8 8, S9 P9 9, S10 P10 10);
handlers!(S0 P0 0, S1 P1 1, S2 P2 2, S3 P3 3, S4 P4 4, S5 P5 5, S6 P6 6, S7 P7 7, S8 P8 8, S9 P9 9, S10 P10 10, S11 P11 11);

/// One element of the tuple the macro passes: a property or an [`Extract`] slot.
pub trait Slot {
    type Value;
    fn spec(&self) -> Option<PropSpec>;
}

impl<V> Slot for Prop<V> {
    type Value = V;
    fn spec(&self) -> Option<PropSpec> {
        Some(self.spec)
    }
}

impl Slot for Extract {
    type Value = Extract;
    fn spec(&self) -> Option<PropSpec> {
        None
    }
}

/// A tuple of slots.
pub trait SlotList {
    /// The tuple of their value types.
    type Values;
    fn specs(&self) -> Vec<PropSpec>;
}

macro_rules! slot_lists {
    ($($s:ident $idx:tt),*) => {
        impl<$($s: Slot),*> SlotList for ($($s,)*) {
            type Values = ($($s::Value,)*);
            fn specs(&self) -> Vec<PropSpec> {
                let all: [Option<PropSpec>; 0 $(+ { let _ = $idx; 1 })*] = [$(self.$idx.spec()),*];
                all.into_iter().flatten().collect()
            }
        }
    };
}
slot_lists!();
slot_lists!(A 0);
slot_lists!(A 0, B 1);
slot_lists!(A 0, B 1, C 2);
slot_lists!(A 0, B 1, C 2, D 3);
slot_lists!(A 0, B 1, C 2, D 3, E 4);
slot_lists!(A 0, B 1, C 2, D 3, E 4, F 5);
slot_lists!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
slot_lists!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
slot_lists!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
slot_lists!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
slot_lists!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
slot_lists!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

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
    pub requirements: Vec<Requirement>,
    /// Whether the call runs on the blocking pool (see [`CallKind`]).
    pub blocking: bool,
    invoke: Arc<Invoke>,
}

impl CallbackDef {
    /// Builds a definition from a typed function. `slots` lists the inputs,
    /// then the states, then an [`Extract`] per further parameter;
    /// `n_inputs` says where the states begin. The bound on `F` is the
    /// compile-time check of the whole signature.
    pub fn new<K, O, S, P, F>(
        site: Site,
        options: Options,
        outputs: O,
        slots: S,
        n_inputs: usize,
        f: F,
    ) -> Self
    where
        K: CallKind,
        O: SlotList,
        S: SlotList,
        F: Handler<S::Values, P, O::Values, K>,
    {
        let mut inputs = slots.specs();
        let states = inputs.split_off(n_inputs);
        CallbackDef {
            site,
            outputs: outputs.specs(),
            inputs,
            states,
            options,
            requirements: F::requirements(),
            blocking: K::BLOCKING,
            invoke: Arc::new(move |args, info| f.invoke(args, info)),
        }
    }

    /// Runs the callback on its arguments (input values, then state values).
    pub fn call(&self, args: Vec<ArgValue>, info: CallInfo) -> CallFuture {
        (self.invoke)(args, info)
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
