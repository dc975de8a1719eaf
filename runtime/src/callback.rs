//! Callback definitions: what `#[callback]` generates, and what the graph and
//! the server consume.
//!
//! The macro emits one call to [`define`] per callback (see the section
//! "What `#[callback]` emits" below): each parameter is checked against its
//! input or state by [`param`] at the parameter, the return type against the
//! outputs by [`returns`] at the return type, `Send` for async bodies by
//! [`define`] at the function's name, so one mistake yields one rustc error
//! at the user's own token. [`CallbackDef::clientside`] builds a definition
//! by hand from property specs, for callbacks whose body is JavaScript.

use std::any::{type_name, TypeId};
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::context::{CallInfo, Context, Resource};
use crate::id::{Prop, PropSpec};
use crate::update::{CallbackError, CallbackReturn, Outputs, Update};

/// A boxed future of one call's result.
pub type CallFuture = Pin<Box<dyn Future<Output = Result<Outputs, CallError>> + Send>>;

type Invoke = dyn Fn(Vec<ArgValue>, CallInfo) -> CallFuture + Send + Sync;

/// One argument as the server hands it over: JSON from the request, or a
/// typed value kept on the server (a server-side store's data).
pub enum ArgValue {
    Json(Value),
    /// JSON text straight from the request, decoded once into the
    /// parameter's type.
    Raw(Box<serde_json::value::RawValue>),
    Typed(Box<dyn std::any::Any + Send>),
}

impl ArgValue {
    /// Decodes argument `index` as JSON into `T`.
    pub fn decode<T: DeserializeOwned>(self, index: usize) -> Result<T, CallError> {
        let decoded = match self {
            ArgValue::Json(value) => serde_json::from_value(value),
            ArgValue::Raw(raw) => serde_json::from_str(raw.get()),
            ArgValue::Typed(_) => {
                return Err(CallError::Decode {
                    index,
                    message: "the server kept this value; it does not come as JSON".to_owned(),
                })
            }
        };
        decoded.map_err(|e| CallError::Decode {
            index,
            message: e.to_string(),
        })
    }

    /// The value as a JSON tree (for the small values the server itself
    /// inspects: store handles and envelopes).
    pub fn into_json(self) -> Result<Value, String> {
        match self {
            ArgValue::Json(value) => Ok(value),
            ArgValue::Raw(raw) => serde_json::from_str(raw.get()).map_err(|e| e.to_string()),
            ArgValue::Typed(_) => Err("a kept value is not JSON".to_owned()),
        }
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
            json => json.decode(index),
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

pub use crate::options::Options;

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

// ---------------------------------------------------------------------------
// What `#[callback]` emits: one check per requirement, each spanned by the
// macro at the user's own token, so one mistake is one error in the right
// place.
//
// - [`param`] checks a parameter's type against its property, at the
//   parameter's type; [`extra`] checks a parameter after the properties
//   (`Context`, `Resource<T>`), at its type.
// - [`returns`] checks the return type against the outputs, at the return
//   type.
// - [`define`] checks the function as a whole (an async body's future must be
//   `Send`), at the function's name, and builds the [`CallbackDef`].
//
// Whether store data is JSON is checked where the store's id is declared
// (`Id::new` requires the component kind), so it is not checked again here:
// the decoder and encoder are chosen by autoref probes ([`Probe`],
// [`ReturnProbe`]), which fall back to functions that are never run, because
// a program whose store data is not JSON does not compile.

/// Decodes argument `index` into a parameter of type `P`.
pub type TakeFn<P> = fn(&mut [ArgValue], usize, &CallInfo) -> Result<P, CallError>;
/// Encodes a callback's return value into its outputs.
pub type EncodeFn<R> = fn(R) -> Result<Outputs, CallbackError>;

/// One checked parameter: of type `P`, bound to a slot of value type `V`.
pub struct Param<P, V> {
    spec: Option<PropSpec>,
    take: TakeFn<P>,
    requirement: fn() -> Option<Requirement>,
    value: PhantomData<fn() -> V>,
}

impl<P, V> Clone for Param<P, V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P, V> Copy for Param<P, V> {}

/// How a parameter receives a property of type `V`: as `Option<V>`.
#[diagnostic::on_unimplemented(
    message = "this parameter is `{Self}`, but its property arrives as `Option<{V}>`: write `Option<{V}>`",
    label = "expected `Option<{V}>`",
    note = "parameters receive the inputs, then the states, in the order the attribute lists them; a property of type `T` arrives as `Option<T>` (`None` until the browser has a value)"
)]
pub trait ParamFor<V> {}
impl<V> ParamFor<V> for Option<V> {}

/// A parameter of type `P` for the property `prop`.
pub fn param<P: ParamFor<V>, V>(prop: Prop<V>, take: TakeFn<P>) -> Param<P, V> {
    Param {
        spec: Some(prop.spec),
        take,
        requirement: || None,
        value: PhantomData,
    }
}

/// What a callback may take after its inputs and states.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a parameter here: after its inputs and states a callback takes only `Context` or `Resource<T>`",
    label = "this parameter has no input or state left to receive",
    note = "each parameter receives one `input`, then one `state`, in the order the attribute lists them: to receive a property here, add it to `input = [..]` or `state = [..]`",
    note = "a shared value (a database pool, a client) is taken as `Resource<T>`, after registering it with `App::resource(value)`; `Context` tells which input fired"
)]
pub trait ExtraParam: Arg<Extract> {}
impl ExtraParam for Context {}
impl<T: Send + Sync + 'static> ExtraParam for Resource<T> {}

/// A parameter of type `P` after the inputs and states.
pub fn extra<P: ExtraParam>(_: Marker<P>) -> Param<P, Extract> {
    Param {
        spec: None,
        take: P::take,
        requirement: P::requirement,
        value: PhantomData,
    }
}

/// Stands for a type the macro does not copy: a parameter's or the return
/// type, read from the function itself (see [`nth`], [`returned`]), so a
/// type that does not resolve is reported once, in the signature.
pub struct Marker<T>(PhantomData<fn() -> T>);

impl<T> Clone for Marker<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Marker<T> {}

/// The type of parameter `I` of a function taking `Args`.
pub trait NthParam<Args, const I: usize> {
    type Param;
}

/// The type a function taking `Args` returns.
pub trait ReturnOf<Args> {
    type Return;
}

macro_rules! nth_param {
    ($idx:tt $p:ident [$($all:ident),*]) => {
        impl<F, R, $($all),*> NthParam<($($all,)*), $idx> for F
        where
            F: Fn($($all),*) -> R,
        {
            type Param = $p;
        }
    };
}

macro_rules! nth_params {
    ($all:tt $($idx:tt $p:ident),*) => {
        $(nth_param!($idx $p $all);)*
        return_of!($all);
    };
}

macro_rules! return_of {
    ([$($all:ident),*]) => {
        impl<F, R, $($all),*> ReturnOf<($($all,)*)> for F
        where
            F: Fn($($all),*) -> R,
        {
            type Return = R;
        }
    };
}

return_of!([]);
nth_params!([P0] 0 P0);
nth_params!([P0, P1] 0 P0, 1 P1);
nth_params!([P0, P1, P2] 0 P0, 1 P1, 2 P2);
nth_params!([P0, P1, P2, P3] 0 P0, 1 P1, 2 P2, 3 P3);
nth_params!([P0, P1, P2, P3, P4] 0 P0, 1 P1, 2 P2, 3 P3, 4 P4);
nth_params!([P0, P1, P2, P3, P4, P5] 0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5);
nth_params!([P0, P1, P2, P3, P4, P5, P6] 0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6);
nth_params!([P0, P1, P2, P3, P4, P5, P6, P7] 0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6, 7 P7);
nth_params!([P0, P1, P2, P3, P4, P5, P6, P7, P8] 0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6, 7 P7, 8 P8);
nth_params!([P0, P1, P2, P3, P4, P5, P6, P7, P8, P9] 0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6, 7 P7, 8 P8, 9 P9);
nth_params!([P0, P1, P2, P3, P4, P5, P6, P7, P8, P9, P10] 0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6, 7 P7, 8 P8, 9 P9, 10 P10);
nth_params!([P0, P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11] 0 P0, 1 P1, 2 P2, 3 P3, 4 P4, 5 P5, 6 P6, 7 P7, 8 P8, 9 P9, 10 P10, 11 P11);

/// The type of parameter `I` of `f`.
pub fn nth<F: NthParam<Args, I>, Args, const I: usize>(_f: &F) -> Marker<F::Param> {
    Marker(PhantomData)
}

/// The return type of the plain `fn` `f`.
pub fn returned<F: ReturnOf<Args>, Args>(_f: &F) -> Marker<F::Return> {
    Marker(PhantomData)
}

/// The output type of the future the `async fn` `f` returns.
pub fn returned_async<F: ReturnOf<Args>, Args>(_f: &F) -> Marker<<F::Return as Future>::Output>
where
    F::Return: Future,
{
    Marker(PhantomData)
}

/// Chooses how to decode a parameter: see [`ProbeArg`].
pub struct Probe<P, V>(PhantomData<fn() -> (P, V)>);

impl<P, V> Probe<P, V> {
    pub fn new(_: Marker<P>, _: &Prop<V>) -> Self {
        Probe(PhantomData)
    }
}

/// `(&&Probe::<P, V>::new(&prop)).take_fn()` is `P`'s [`Arg::take`] when
/// `P: Arg<V>`, and otherwise (through [`ProbeFallback`]) a decoder that
/// never runs, because that program does not compile.
pub trait ProbeArg<P> {
    fn take_fn(&self) -> TakeFn<P>;
}
impl<P: Arg<V>, V> ProbeArg<P> for &Probe<P, V> {
    fn take_fn(&self) -> TakeFn<P> {
        P::take
    }
}

pub trait ProbeFallback<P> {
    fn take_fn(&self) -> TakeFn<P>;
}
impl<P, V> ProbeFallback<P> for Probe<P, V> {
    fn take_fn(&self) -> TakeFn<P> {
        |_, index, _| {
            Err(CallError::Decode {
                index,
                message: format!("`{}` cannot be decoded from JSON", type_name::<P>()),
            })
        }
    }
}

/// The outputs a callback declares, as the macro passes them: a tuple of
/// properties.
pub trait OutputList: SlotList {
    /// What the callback must return: `Update<A>` for one output,
    /// `(Update<A>, Update<B>, ..)` for several.
    type Expected;
}

macro_rules! output_lists {
    ($one:ident) => {
        impl<$one> OutputList for (Prop<$one>,) {
            type Expected = Update<$one>;
        }
    };
    ($($v:ident),+) => {
        impl<$($v),+> OutputList for ($(Prop<$v>,)+) {
            type Expected = ($(Update<$v>,)+);
        }
    };
}
output_lists!(A);
output_lists!(A, B);
output_lists!(A, B, C);
output_lists!(A, B, C, D);
output_lists!(A, B, C, D, E);
output_lists!(A, B, C, D, E, F);
output_lists!(A, B, C, D, E, F, G);
output_lists!(A, B, C, D, E, F, G, H);
output_lists!(A, B, C, D, E, F, G, H, I);
output_lists!(A, B, C, D, E, F, G, H, I, J);
output_lists!(A, B, C, D, E, F, G, H, I, J, K);
output_lists!(A, B, C, D, E, F, G, H, I, J, K, L);

/// Return types that fit outputs which must receive `Expected`: `Expected`
/// itself, or a `Result` of it.
#[diagnostic::on_unimplemented(
    message = "this callback returns `{Self}`, but its outputs take `{Expected}`",
    label = "expected `{Expected}`",
    note = "a callback returns `Update<T>` for one output of type `T`, a tuple `(Update<A>, Update<B>, ..)` for several (in the order of `output = [..]`), optionally inside `Result<_, E>` where `E: Display` (`Err(PreventUpdate)` cancels the whole update)",
    note = "`Update::Set(value)` writes an output, `Update::set(value)` converts the value first (text, numbers, components into `Children`), `Update::NoChange` leaves the output as it is"
)]
pub trait ReturnShape<Expected> {}

macro_rules! return_shapes {
    ($($v:ident),+) => {
        // Not listed by rustc among "the following types implement" (a
        // dozen tuples); the message says how several outputs are returned.
        #[diagnostic::do_not_recommend]
        impl<$($v),+> ReturnShape<($(Update<$v>,)+)> for ($(Update<$v>,)+) {}
    };
}
impl<V> ReturnShape<Update<V>> for Update<V> {}
return_shapes!(A, B);
return_shapes!(A, B, C);
return_shapes!(A, B, C, D);
return_shapes!(A, B, C, D, E);
return_shapes!(A, B, C, D, E, F);
return_shapes!(A, B, C, D, E, F, G);
return_shapes!(A, B, C, D, E, F, G, H);
return_shapes!(A, B, C, D, E, F, G, H, I);
return_shapes!(A, B, C, D, E, F, G, H, I, J);
return_shapes!(A, B, C, D, E, F, G, H, I, J, K);
return_shapes!(A, B, C, D, E, F, G, H, I, J, K, L);
impl<X, R: ReturnShape<X>, E: fmt::Display + Send + 'static> ReturnShape<X> for Result<R, E> {}

/// The checked return of a callback: its outputs and how to encode them.
pub struct Returns<R> {
    outputs: Vec<PropSpec>,
    encode: EncodeFn<R>,
}

/// The return type `R` for `outputs`.
pub fn returns<R: ReturnShape<O::Expected>, O: OutputList>(
    outputs: O,
    encode: EncodeFn<R>,
) -> Returns<R> {
    Returns {
        outputs: outputs.specs(),
        encode,
    }
}

/// Chooses how to encode a return value: see [`ProbeReturn`].
pub struct ReturnProbe<R, O>(PhantomData<fn() -> (R, O)>);

/// The probe for return type `R` and `outputs`.
pub fn return_probe<R, O: SlotList>(_: Marker<R>, _outputs: &O) -> ReturnProbe<R, O::Values> {
    ReturnProbe(PhantomData)
}

/// `(&&ReturnProbe::<R, _>::new(&outputs)).encode_fn()` is `R`'s
/// [`CallbackReturn::into_outputs`] when it has one, and otherwise (through
/// [`ReturnProbeFallback`]) an encoder that never runs.
pub trait ProbeReturn<R> {
    fn encode_fn(&self) -> EncodeFn<R>;
}
impl<R: CallbackReturn<O>, O> ProbeReturn<R> for &ReturnProbe<R, O> {
    fn encode_fn(&self) -> EncodeFn<R> {
        R::into_outputs
    }
}

pub trait ReturnProbeFallback<R> {
    fn encode_fn(&self) -> EncodeFn<R>;
}
impl<R, O> ReturnProbeFallback<R> for ReturnProbe<R, O> {
    fn encode_fn(&self) -> EncodeFn<R> {
        |_| {
            Err(CallbackError::Encode(format!(
                "`{}` cannot be encoded as JSON",
                type_name::<R>()
            )))
        }
    }
}

/// A tuple of checked parameters.
pub trait ParamList: Copy + Send + Sync + 'static {
    fn specs(&self) -> Vec<PropSpec>;
    fn requirements(&self) -> Vec<Requirement>;
}

/// A function that can run as a callback with parameters `Params` and return
/// type `R`; `Kind` tells a plain `fn` from an `async fn`.
pub trait CallbackFn<Params, R, Kind>: Copy + Send + Sync + 'static {
    fn invoke(
        self,
        params: Params,
        encode: EncodeFn<R>,
        args: Vec<ArgValue>,
        info: CallInfo,
    ) -> CallFuture;
}

macro_rules! invokes {
    ($($p:ident $v:ident $idx:tt),*) => {
        impl<$($p: 'static, $v: 'static),*> ParamList for ($(Param<$p, $v>,)*) {
            #[allow(unused_variables)]
            fn specs(&self) -> Vec<PropSpec> {
                let all: [Option<PropSpec>; 0 $(+ { let _ = $idx; 1 })*] = [$(self.$idx.spec),*];
                all.into_iter().flatten().collect()
            }

            #[allow(unused_variables)]
            fn requirements(&self) -> Vec<Requirement> {
                let all: [Option<Requirement>; 0 $(+ { let _ = $idx; 1 })*] =
                    [$((self.$idx.requirement)()),*];
                all.into_iter().flatten().collect()
            }
        }

        impl<F, R, $($p, $v),*> CallbackFn<($(Param<$p, $v>,)*), R, SyncFn> for F
        where
            F: Fn($($p),*) -> R + Copy + Send + Sync + 'static,
            R: 'static,
            $($p: 'static, $v: 'static,)*
        {
            #[allow(unused_mut, unused_variables)]
            fn invoke(
                self,
                params: ($(Param<$p, $v>,)*),
                encode: EncodeFn<R>,
                mut args: Vec<ArgValue>,
                info: CallInfo,
            ) -> CallFuture {
                Box::pin(async move {
                    let r = self($((params.$idx.take)(&mut args, $idx, &info)?),*);
                    Ok(encode(r)?)
                })
            }
        }

        impl<F, Fut, R, $($p, $v),*> CallbackFn<($(Param<$p, $v>,)*), R, AsyncFn> for F
        where
            F: Fn($($p),*) -> Fut + Copy + Send + Sync + 'static,
            Fut: Future<Output = R> + Send + 'static,
            R: 'static,
            $($p: 'static, $v: 'static,)*
        {
            #[allow(unused_mut, unused_variables)]
            fn invoke(
                self,
                params: ($(Param<$p, $v>,)*),
                encode: EncodeFn<R>,
                mut args: Vec<ArgValue>,
                info: CallInfo,
            ) -> CallFuture {
                Box::pin(async move {
                    let fut = self($((params.$idx.take)(&mut args, $idx, &info)?),*);
                    Ok(encode(fut.await)?)
                })
            }
        }
    };
}
invokes!();
invokes!(P0 V0 0);
invokes!(P0 V0 0, P1 V1 1);
invokes!(P0 V0 0, P1 V1 1, P2 V2 2);
invokes!(P0 V0 0, P1 V1 1, P2 V2 2, P3 V3 3);
invokes!(P0 V0 0, P1 V1 1, P2 V2 2, P3 V3 3, P4 V4 4);
invokes!(P0 V0 0, P1 V1 1, P2 V2 2, P3 V3 3, P4 V4 4, P5 V5 5);
invokes!(P0 V0 0, P1 V1 1, P2 V2 2, P3 V3 3, P4 V4 4, P5 V5 5, P6 V6 6);
invokes!(P0 V0 0, P1 V1 1, P2 V2 2, P3 V3 3, P4 V4 4, P5 V5 5, P6 V6 6, P7 V7 7);
invokes!(P0 V0 0, P1 V1 1, P2 V2 2, P3 V3 3, P4 V4 4, P5 V5 5, P6 V6 6, P7 V7 7, P8 V8 8);
invokes!(P0 V0 0, P1 V1 1, P2 V2 2, P3 V3 3, P4 V4 4, P5 V5 5, P6 V6 6, P7 V7 7, P8 V8 8, P9 V9 9);
invokes!(P0 V0 0, P1 V1 1, P2 V2 2, P3 V3 3, P4 V4 4, P5 V5 5, P6 V6 6, P7 V7 7, P8 V8 8, P9 V9 9, P10 V10 10);
invokes!(P0 V0 0, P1 V1 1, P2 V2 2, P3 V3 3, P4 V4 4, P5 V5 5, P6 V6 6, P7 V7 7, P8 V8 8, P9 V9 9, P10 V10 10, P11 V11 11);

/// Builds the definition of a callback from its checked parts; what
/// `#[callback]` calls. `n_inputs` says where the states begin.
pub fn define<K, Ps, R, F>(
    site: Site,
    options: Options,
    returns: Returns<R>,
    params: Ps,
    n_inputs: usize,
    f: F,
) -> CallbackDef
where
    K: CallKind,
    Ps: ParamList,
    R: 'static,
    F: CallbackFn<Ps, R, K>,
{
    let mut inputs = params.specs();
    let states = inputs.split_off(n_inputs.min(inputs.len()));
    let encode = returns.encode;
    CallbackDef {
        site,
        outputs: returns.outputs,
        inputs,
        states,
        options,
        requirements: params.requirements(),
        blocking: K::BLOCKING,
        invoke: Arc::new(move |args, info| f.invoke(params, encode, args, info)),
    }
}

impl CallbackDef {
    /// A callback the browser runs: `options.clientside` holds its
    /// JavaScript. The server only lists it in `_dash-dependencies` and
    /// serves its source; it is never called here.
    pub fn clientside(
        site: Site,
        options: Options,
        outputs: Vec<PropSpec>,
        inputs: Vec<PropSpec>,
        states: Vec<PropSpec>,
    ) -> CallbackDef {
        CallbackDef {
            site,
            outputs,
            inputs,
            states,
            options,
            requirements: Vec::new(),
            blocking: false,
            invoke: Arc::new(move |_, _| {
                Box::pin(async move {
                    let error = format!("callback `{}` runs in the browser", site.name);
                    Err(CallError::Callback(CallbackError::Failed(error)))
                })
            }),
        }
    }

    /// Whether the browser runs this callback.
    pub fn is_clientside(&self) -> bool {
        self.options.clientside.is_some()
    }
}
