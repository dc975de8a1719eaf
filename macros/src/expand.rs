//! Writes the registration of one callback next to the user's function.
//!
//! The function itself is emitted unchanged, also when the attribute has
//! errors, so one mistake does not cascade into "cannot find function"
//! errors elsewhere and IDEs keep working.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::ItemFn;

use crate::parse::{Args, PropRef};
use crate::validate;

pub fn callback(attr: TokenStream, item: TokenStream) -> TokenStream {
    let attr_span = if attr.is_empty() {
        Span::call_site()
    } else {
        attr.span()
    };
    let func: ItemFn = match syn::parse2(item.clone()) {
        Ok(func) => func,
        Err(_) => {
            let error =
                syn::Error::new_spanned(&item, "#[callback] can only be applied to a function");
            return with_error(item, error);
        }
    };
    let args: Args = match syn::parse2(attr) {
        Ok(args) => args,
        Err(error) => return with_error(item, error),
    };
    if let Err(error) = validate::check(&args, &func, attr_span) {
        return with_error(item, error);
    }
    registration(&args, &func)
}

fn with_error(item: TokenStream, error: syn::Error) -> TokenStream {
    let error = error.into_compile_error();
    quote!(#item #error)
}

/// `ID.property` becomes `ID.property()`, the call spanned at the user's
/// property so an unknown property is reported there by rustc.
fn prop_call(prop: &PropRef) -> TokenStream {
    let PropRef { id, property } = prop;
    quote_spanned!(property.span()=> #id.#property())
}

fn registration(args: &Args, func: &ItemFn) -> TokenStream {
    let name = &func.sig.ident;
    let vis = &func.vis;
    let name_text = name.to_string();
    let kind = if func.sig.asyncness.is_some() {
        quote!(::ferrodash::__private::AsyncFn)
    } else {
        quote!(::ferrodash::__private::SyncFn)
    };
    let outputs = args.outputs.iter().map(prop_call);
    let props = args.inputs.len() + args.states.len();
    // Parameters after the inputs and states take a `Context` or a `Resource`.
    let extracted = func.sig.inputs.len().saturating_sub(props);
    let extract = std::iter::repeat_n(quote!(::ferrodash::__private::Extract), extracted);
    let params = args
        .inputs
        .iter()
        .chain(&args.states)
        .map(prop_call)
        .chain(extract);
    let n_inputs = args.inputs.len();
    let prevent = args.prevent_initial_call.is_some_and(|(_, v)| v);
    let line = quote_spanned!(name.span()=> ::core::line!());
    // The function is passed as the last argument, spanned at its name: a
    // signature that does not fit the properties is reported there.
    let handler = quote_spanned!(name.span()=> #name);
    quote! {
        #func

        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #name {}

        const _: () = {
            impl ::ferrodash::__private::Callback for #name {
                fn definition() -> ::ferrodash::__private::CallbackDef {
                    ::ferrodash::__private::CallbackDef::new::<#kind, _, _, _, _>(
                        ::ferrodash::__private::Site {
                            name: #name_text,
                            file: ::core::file!(),
                            line: #line,
                        },
                        ::ferrodash::__private::Options {
                            prevent_initial_call: #prevent,
                        },
                        (#(#outputs,)*),
                        (#(#params,)*),
                        #n_inputs,
                        #handler,
                    )
                }
            }

            ::ferrodash::__private::inventory::submit! {
                ::ferrodash::__private::Registration {
                    definition: <#name as ::ferrodash::__private::Callback>::definition,
                }
            }
        };
    }
}
