//! `#[callback]`, the attribute of ferrodash. This file only dispatches:
//! [`parse`] reads the attribute, [`validate`] checks it against the
//! function, [`expand`] writes the registration.

mod expand;
mod parse;
mod suggest;
mod validate;

use proc_macro::TokenStream;

/// Turns a function into a Dash callback.
///
/// ```ignore
/// #[callback(output = USER_ID.data, input = LOGIN.n_clicks, state = NAME.value)]
/// async fn login(clicks: Option<u64>, name: Option<String>) -> Update<u64> { .. }
/// ```
///
/// Keys: `output`, `input`, `state` (each repeatable, or a `[..]` list) and
/// `prevent_initial_call = true`. Parameters bind to the inputs, then the
/// states, in order; each is an `Option` of the property's type.
#[proc_macro_attribute]
pub fn callback(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::callback(attr.into(), item.into()).into()
}
