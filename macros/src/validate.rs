//! Checks of the attribute against the function, each spanned at the
//! user's token. Every rule is one function; errors accumulate.
//!
//! Only what the syntax shows is checked here. Types (a parameter against
//! its property, the return type against the outputs, store data that is not
//! JSON, futures that are not `Send`) are checked by rustc through the bounds
//! the expansion emits, also spanned at the user's tokens.

use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{FnArg, GenericArgument, ItemFn, PathArguments, ReturnType, Type};

use crate::parse::{Args, PropRef};

/// The most parameters and outputs a callback may have.
pub const MAX_ARITY: usize = 12;

/// Runs every rule and returns what they find.
/// `complete` says whether the whole attribute parsed; if not, the rules
/// that need every argument (at least one output and input, one parameter
/// per property) are skipped rather than reporting a consequence.
pub fn check(args: &Args, func: &ItemFn, complete: bool) -> Vec<syn::Error> {
    let mut errors: Vec<syn::Error> = Vec::new();
    if complete {
        needs_output_and_input(args, &mut errors);
    }
    no_output_twice(&args.outputs, &mut errors);
    duplicates_skip_the_initial_call(args, &mut errors);
    plain_free_function(func, &mut errors);
    if args.clientside.is_some() {
        clientside_has_no_rust_body(func, &mut errors);
        return errors;
    }
    owned_parameters(func, &mut errors);
    named_return_type(func, &mut errors);
    if complete {
        parameters_match(args, func, &mut errors);
    }
    errors
}

/// Dash's rule: two callbacks that both run on load would race for a
/// duplicate output, so `allow_duplicate` needs `prevent_initial_call`
/// (or `"initial_duplicate"`, which accepts the race).
fn duplicates_skip_the_initial_call(args: &Args, errors: &mut Vec<syn::Error>) {
    let prevented =
        args.prevent_initial_call.is_some_and(|(_, v)| v) || args.initial_duplicate.is_some();
    for out in &args.outputs {
        if let (Some(span), false) = (out.duplicate, prevented) {
            errors.push(syn::Error::new(
                span,
                format!(
                    "`allow_duplicate({})` needs `prevent_initial_call = true` (or `\"initial_duplicate\"`): \
                     callbacks that share an output must not all write it when the page loads",
                    out.text()
                ),
            ));
        }
    }
}

/// A clientside callback's body is the JavaScript: the Rust function only
/// names it.
fn clientside_has_no_rust_body(func: &ItemFn, errors: &mut Vec<syn::Error>) {
    let sig = &func.sig;
    let empty = sig.inputs.is_empty()
        && matches!(sig.output, syn::ReturnType::Default)
        && func.block.stmts.is_empty();
    if !empty {
        errors.push(syn::Error::new(
            sig.ident.span(),
            format!(
                "a clientside callback runs its JavaScript in the browser; the Rust function only names it: \
                 write `fn {}() {{}}`",
                sig.ident
            ),
        ));
    }
}

/// Whether the function takes `self`: then it is a method in an `impl`
/// block, where the hidden items of the expansion cannot go.
pub fn has_receiver(func: &ItemFn) -> bool {
    matches!(func.sig.inputs.first(), Some(FnArg::Receiver(_)))
}

fn needs_output_and_input(args: &Args, errors: &mut Vec<syn::Error>) {
    if args.outputs.is_empty() {
        errors.push(syn::Error::new(
            Span::call_site(),
            "a callback needs at least one `output = ID.property`: the property its return value is written to",
        ));
    }
    if args.inputs.is_empty() {
        errors.push(syn::Error::new(
            Span::call_site(),
            "a callback needs at least one `input = ID.property`: without inputs it would never fire (a `state` only passes its value along)",
        ));
    }
    if args.outputs.len() > MAX_ARITY {
        errors.push(syn::Error::new_spanned(
            args.outputs[MAX_ARITY].tokens(),
            format!("a callback has at most {MAX_ARITY} outputs"),
        ));
    }
}

fn no_output_twice(outputs: &[PropRef], errors: &mut Vec<syn::Error>) {
    for (i, out) in outputs.iter().enumerate() {
        if outputs[..i].iter().any(|o| o.same_as(out)) {
            errors.push(syn::Error::new_spanned(
                out.tokens(),
                format!(
                    "output `{}` is declared twice in this callback; list each output once",
                    out.text()
                ),
            ));
        }
    }
}

fn plain_free_function(func: &ItemFn, errors: &mut Vec<syn::Error>) {
    let sig = &func.sig;
    if let Some(c) = &sig.constness {
        errors.push(syn::Error::new(
            c.span,
            "a callback cannot be a `const fn`: remove `const`",
        ));
    }
    if let Some(u) = &sig.unsafety {
        errors.push(syn::Error::new(
            u.span,
            "a callback cannot be `unsafe`: the server calls it with values from the browser; remove `unsafe` and keep any `unsafe` block inside the body",
        ));
    }
    if let Some(abi) = &sig.abi {
        errors.push(syn::Error::new_spanned(
            abi,
            "a callback cannot be `extern`: remove the ABI, ferrodash calls it as a Rust function",
        ));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        let span_of = if sig.generics.params.is_empty() {
            sig.generics.where_clause.to_token_stream()
        } else {
            sig.generics.to_token_stream()
        };
        errors.push(syn::Error::new_spanned(
            span_of,
            "a callback cannot be generic: ferrodash must know every parameter type to decode it; write the concrete types",
        ));
    }
    if let Some(v) = &sig.variadic {
        errors.push(syn::Error::new_spanned(v, "a callback cannot be variadic"));
    }
    if let Some(FnArg::Receiver(r)) = sig.inputs.first() {
        errors.push(syn::Error::new_spanned(
            r,
            "a callback must be a free function, not a method: remove `self` and put the callback at module level",
        ));
    }
}

/// A type as the user would write it (token streams print `& str`).
pub fn type_text(ty: &impl ToTokens) -> String {
    let mut text = ty.to_token_stream().to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" <", "<"),
        ("< ", "<"),
        (" >", ">"),
        (" ,", ","),
        ("& ", "&"),
        ("' ", "'"),
    ] {
        text = text.replace(from, to);
    }
    text
}

/// What to write instead of `&T`.
fn owned(elem: &Type) -> String {
    let text = type_text(elem);
    match elem {
        Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last().map(|s| s.ident.to_string());
            match last.as_deref() {
                Some("str") => "Option<String>".to_owned(),
                Some("Option") | Some("Context") | Some("Resource") => text,
                _ => format!("Option<{text}>"),
            }
        }
        Type::Slice(s) => format!("Option<Vec<{}>>", type_text(&s.elem)),
        _ => format!("Option<{text}>"),
    }
}

fn owned_parameters(func: &ItemFn, errors: &mut Vec<syn::Error>) {
    for arg in &func.sig.inputs {
        let FnArg::Typed(t) = arg else { continue };
        match &*t.ty {
            Type::Reference(r) => errors.push(syn::Error::new_spanned(
                r,
                format!(
                    "a callback parameter cannot borrow: it receives an owned value decoded from the request; \
                     write `{}` instead of `{}`",
                    owned(&r.elem),
                    type_text(r)
                ),
            )),
            Type::ImplTrait(i) => errors.push(syn::Error::new_spanned(
                i,
                "a callback parameter cannot be `impl Trait`: write the property's type, e.g. `Option<String>`",
            )),
            _ => {}
        }
    }
    if func.sig.inputs.len() > MAX_ARITY {
        errors.push(syn::Error::new_spanned(
            &func.sig.inputs[MAX_ARITY],
            format!("a callback takes at most {MAX_ARITY} parameters"),
        ));
    }
}

fn named_return_type(func: &ItemFn, errors: &mut Vec<syn::Error>) {
    if let ReturnType::Type(_, ty) = &func.sig.output {
        if let Type::ImplTrait(i) = &**ty {
            errors.push(syn::Error::new_spanned(
                i,
                "a callback's return type must be named: write `Update<T>` (or a tuple of `Update`s, or a `Result` of either) instead of `impl Trait`",
            ));
        }
    }
}

/// Whether a parameter's type is written `Option<..>`: a property's type.
fn is_option(ty: &Type) -> bool {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().is_some_and(|s| {
            s.ident == "Option"
                && matches!(&s.arguments, PathArguments::AngleBracketed(a)
                    if matches!(a.args.first(), Some(GenericArgument::Type(_))))
        }),
        _ => false,
    }
}

/// `Context` or `Resource`, if the type is written so.
fn extractor(ty: &Type) -> Option<&'static str> {
    match ty {
        Type::Path(p) if p.qself.is_none() => {
            match p.path.segments.last()?.ident.to_string().as_str() {
                "Context" => Some("Context"),
                "Resource" => Some("Resource"),
                _ => None,
            }
        }
        _ => None,
    }
}

fn parameters_match(args: &Args, func: &ItemFn, errors: &mut Vec<syn::Error>) {
    if has_receiver(func) || args.inputs.is_empty() {
        return;
    }
    let params = func.sig.inputs.len();
    let (n_in, n_st) = (args.inputs.len(), args.states.len());
    let bound = n_in + n_st;
    let summary = |verb: &str| {
        format!(
            "`{}` {verb} {params} parameter{} but the attribute declares {n_in} input{} and {n_st} state{}; \
             parameters receive the inputs first, then the states, in order (then any `Context` or `Resource<T>`)",
            func.sig.ident,
            plural(params),
            plural(n_in),
            plural(n_st),
        )
    };
    if params < bound {
        let span = if func.sig.inputs.is_empty() {
            func.sig.paren_token.span.join()
        } else {
            func.sig.inputs.span()
        };
        let missing: Vec<String> = args
            .inputs
            .iter()
            .chain(&args.states)
            .skip(params)
            .map(|p| format!("`{}`", p.text()))
            .collect();
        errors.push(syn::Error::new(
            span,
            format!(
                "{}: add a parameter for {}",
                summary("takes"),
                missing.join(", ")
            ),
        ));
        return;
    }
    // `Context` or `Resource<T>` where a property's parameter belongs.
    let mut misplaced = false;
    for (arg, prop) in func
        .sig
        .inputs
        .iter()
        .zip(args.inputs.iter().chain(&args.states))
    {
        let FnArg::Typed(t) = arg else { continue };
        if let Some(kind) = extractor(&t.ty) {
            misplaced = true;
            errors.push(syn::Error::new_spanned(
                arg,
                format!(
                    "this parameter receives `{}`, but it is a `{kind}`: parameters receive the inputs, then the states, \
                     in order, and `Context` and `Resource<T>` come after them; move it to the end, or add a parameter \
                     `Option<..>` for `{}` before it",
                    prop.text(),
                    prop.text()
                ),
            ));
        }
    }
    if misplaced {
        return;
    }
    for arg in func.sig.inputs.iter().skip(bound) {
        if let FnArg::Typed(t) = arg {
            if is_option(&t.ty) {
                errors.push(syn::Error::new_spanned(
                    arg,
                    format!(
                        "{}: add the property this parameter receives to `input = [..]` or `state = [..]`, or remove the parameter",
                        summary("takes")
                    ),
                ));
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::TokenStream as TokenStream2;
    use quote::quote;

    fn check_source(attr: TokenStream2, item: TokenStream2) -> Vec<String> {
        let (args, errors) = crate::parse::parse(attr);
        assert!(errors.is_empty());
        let func: ItemFn = syn::parse2(item).unwrap();
        check(&args, &func, true)
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn a_valid_callback_has_no_errors() {
        let errors = check_source(
            quote!(output = O.children, input = I.n_clicks, state = S.value),
            quote!(
                fn f(a: Option<u64>, b: Option<String>, c: Context) -> Update<Children> {}
            ),
        );
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn a_missing_parameter_names_its_property() {
        let errors = check_source(
            quote!(output = O.children, input = I.n_clicks, state = S.value),
            quote!(
                fn f(a: Option<u64>) -> Update<Children> {}
            ),
        );
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].ends_with("add a parameter for `S.value`"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn a_borrowed_parameter_gets_its_owned_form() {
        let errors = check_source(
            quote!(output = O.children, input = I.value, input = J.value),
            quote!(
                fn f(a: &str, b: &[u8]) -> Update<Children> {}
            ),
        );
        assert!(errors[0].contains("write `Option<String>` instead of `&str`"));
        assert!(errors[1].contains("write `Option<Vec<u8>>` instead of `&[u8]`"));
    }

    #[test]
    fn signatures_that_cannot_be_callbacks() {
        let errors = check_source(
            quote!(output = O.children, input = I.n_clicks),
            quote!(
                const unsafe fn f<T>(a: Option<T>) -> impl Sized {}
            ),
        );
        assert_eq!(errors.len(), 4, "{errors:?}");
    }
}
