//! Checks of the attribute against the function, each spanned at the
//! user's token. Every rule is one function; errors accumulate.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{FnArg, ItemFn, Type};

use crate::parse::{Args, PropRef};

/// Runs every rule and combines what they find.
pub fn check(args: &Args, func: &ItemFn, attr_span: Span) -> syn::Result<()> {
    let mut errors: Vec<syn::Error> = Vec::new();
    needs_output_and_input(args, attr_span, &mut errors);
    no_output_twice(&args.outputs, &mut errors);
    plain_free_function(func, &mut errors);
    parameters_match(args, func, &mut errors);
    let mut errors = errors.into_iter();
    match errors.next() {
        None => Ok(()),
        Some(mut first) => {
            errors.for_each(|e| first.combine(e));
            Err(first)
        }
    }
}

fn needs_output_and_input(args: &Args, span: Span, errors: &mut Vec<syn::Error>) {
    if args.outputs.is_empty() {
        errors.push(syn::Error::new(
            span,
            "a callback needs at least one `output = ID.property`",
        ));
    }
    if args.inputs.is_empty() {
        errors.push(syn::Error::new(
            span,
            "a callback needs at least one `input = ID.property`; without inputs it would never fire (states only pass values along)",
        ));
    }
}

fn no_output_twice(outputs: &[PropRef], errors: &mut Vec<syn::Error>) {
    for (i, out) in outputs.iter().enumerate() {
        if outputs[..i].iter().any(|o| o.same_as(out)) {
            errors.push(syn::Error::new_spanned(
                &out.property,
                format!("output `{}` is declared twice in this callback", out.text()),
            ));
        }
    }
}

fn plain_free_function(func: &ItemFn, errors: &mut Vec<syn::Error>) {
    let sig = &func.sig;
    if let Some(c) = &sig.constness {
        errors.push(syn::Error::new(c.span, "a callback cannot be a `const fn`"));
    }
    if let Some(u) = &sig.unsafety {
        errors.push(syn::Error::new(
            u.span,
            "a callback cannot be `unsafe`: the server calls it with values from the browser",
        ));
    }
    if let Some(abi) = &sig.abi {
        errors.push(syn::Error::new_spanned(
            abi,
            "a callback cannot be `extern`",
        ));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.push(syn::Error::new_spanned(
            &sig.generics,
            "a callback cannot be generic: ferrodash must know every parameter type to decode it",
        ));
    }
    if let Some(v) = &sig.variadic {
        errors.push(syn::Error::new_spanned(v, "a callback cannot be variadic"));
    }
    for arg in &sig.inputs {
        match arg {
            FnArg::Receiver(r) => errors.push(syn::Error::new_spanned(
                r,
                "a callback must be a free function; `self` is not allowed (put the callback at module level)",
            )),
            FnArg::Typed(t) => match &*t.ty {
                Type::Reference(r) => errors.push(syn::Error::new_spanned(
                    r,
                    format!(
                        "callback parameters are owned values decoded from the request; use `{}` instead of `{}`",
                        quote::ToTokens::to_token_stream(&r.elem),
                        quote::ToTokens::to_token_stream(r)
                    ),
                )),
                Type::ImplTrait(i) => errors.push(syn::Error::new_spanned(
                    i,
                    "a callback parameter cannot be `impl Trait`: name the type, e.g. `Option<String>`",
                )),
                _ => {}
            },
        }
    }
}

fn parameters_match(args: &Args, func: &ItemFn, errors: &mut Vec<syn::Error>) {
    let params = func.sig.inputs.len();
    let (n_in, n_st) = (args.inputs.len(), args.states.len());
    if params < n_in + n_st && !args.inputs.is_empty() {
        let span = if func.sig.inputs.is_empty() {
            func.sig.paren_token.span.join()
        } else {
            func.sig.inputs.span()
        };
        errors.push(syn::Error::new(
            span,
            format!(
                "`{}` takes {params} parameter{} but the attribute declares {n_in} input{} and {n_st} state{}; \
                 parameters bind to the inputs first, then the states, in order \
                 (then any `Context` or `Resource<T>`)",
                func.sig.ident,
                plural(params),
                plural(n_in),
                plural(n_st),
            ),
        ));
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
