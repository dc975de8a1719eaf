//! Writes the registration of one callback next to the user's function.
//!
//! The function itself is emitted unchanged, also when the attribute has
//! errors, together with the hidden type `callbacks![name]` refers to, so one
//! mistake does not cascade into "cannot find" errors elsewhere and IDEs keep
//! working.
//!
//! Each requirement is checked once, by a call spanned at the user's token:
//! a parameter's type against its property at the parameter, the return
//! type against the outputs at the return type, the function as a whole (an
//! async body's future must be `Send`) at its name. See
//! `ferrodash_runtime::callback::define`.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::ext::IdentExt;
use syn::{FnArg, Ident, ItemFn, ReturnType, Visibility};

use crate::parse::{self, Args, PropRef};
use crate::validate;

pub fn callback(attr: TokenStream, item: TokenStream) -> TokenStream {
    let attr_text = attr.to_string();
    let func: ItemFn = match syn::parse2(item.clone()) {
        Ok(func) => func,
        Err(error) => return not_a_function(item, error),
    };
    let (args, mut errors) = parse::parse(attr);
    // An argument that did not parse may be the missing input or output:
    // then only the function's own rules are checked.
    let complete = errors.is_empty();
    errors.extend(validate::check(&args, &func, complete));
    let hidden = Hidden::new(&func, &attr_text);
    let mut errors = errors.into_iter();
    match errors.next() {
        None => registration(&args, &func, &hidden),
        Some(mut first) => {
            errors.for_each(|e| first.combine(e));
            let error = first.into_compile_error();
            // A method's `impl` block cannot hold the hidden items.
            let fallback = if validate::has_receiver(&func) {
                TokenStream::new()
            } else {
                hidden.fallback(&args)
            };
            quote!(#func #error #fallback)
        }
    }
}

/// The item is not a function. If it still looks like one (a `fn` whose
/// body does not parse yet, while it is being typed), emit it unchanged and
/// let rustc report its syntax; otherwise say what the attribute applies to.
fn not_a_function(item: TokenStream, error: syn::Error) -> TokenStream {
    let mut saw_fn = false;
    for token in item.clone() {
        match token {
            TokenTree::Ident(i) if i == "fn" => saw_fn = true,
            TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace => break,
            _ => {}
        }
    }
    if saw_fn {
        let _ = error;
        return item;
    }
    let error = syn::Error::new_spanned(
        &item,
        "#[callback] can only be applied to a function: `fn name(..) -> Update<T> { .. }`",
    )
    .into_compile_error();
    quote!(#item #error)
}

/// The hidden type named like the function, which `callbacks![name]` uses.
/// It lives in a module of its own, named from the function and a hash of
/// its tokens, and is brought in by a glob import: two callbacks with the
/// same name in one module are then one error (rustc's, on the functions),
/// not three.
struct Hidden {
    name: Ident,
    module: Ident,
    vis: Visibility,
}

impl Hidden {
    fn new(func: &ItemFn, attr: &str) -> Self {
        let name = func.sig.ident.clone();
        let mut hash: u32 = 0x811c_9dc5;
        for byte in attr
            .bytes()
            .chain(func.to_token_stream().to_string().bytes())
        {
            hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
        }
        let module = format_ident!(
            "__ferrodash_callback_{}_{:08x}",
            name.unraw(),
            hash,
            span = Span::call_site()
        );
        Hidden {
            name,
            module,
            vis: func.vis.clone(),
        }
    }

    fn path(&self) -> TokenStream {
        let Hidden { name, module, .. } = self;
        quote!(#module::#name)
    }

    /// The module and the glob import.
    fn declaration(&self) -> TokenStream {
        let Hidden { name, module, vis } = self;
        quote! {
            #[doc(hidden)]
            #[allow(non_snake_case)]
            mod #module {
                #[doc(hidden)]
                #[allow(non_camel_case_types, dead_code)]
                pub struct #name {}
            }
            #[doc(hidden)]
            #[allow(unused_imports)]
            #vis use #module::*;
        }
    }

    /// On an error: the hidden type, with a definition that is never built
    /// (the program does not compile), so `callbacks![name]` still resolves,
    /// and a use of each id the attribute names, so ids imported for it are
    /// not reported as unused.
    fn fallback(&self, args: &Args) -> TokenStream {
        let declaration = self.declaration();
        let path = self.path();
        let ids = args
            .outputs
            .iter()
            .chain(&args.inputs)
            .chain(&args.states)
            .map(|p| &p.id);
        quote! {
            #declaration
            const _: () = {
                impl ::ferrodash::__private::Callback for #path {
                    fn definition() -> ::ferrodash::__private::CallbackDef {
                        #(let _ = #ids;)*
                        ::core::unreachable!("this callback did not compile")
                    }
                }
            };
        }
    }
}

/// `ID.property` becomes `ID.property()`, the call spanned at the user's
/// property so an unknown property is reported there by rustc.
/// An html property on another component is reported by rustc with the
/// message of `HtmlElementProperty`, through the trait brought in here.
///
/// The receiver is `identity(ID)`, spanned from the id to the property, so
/// an error that rustc puts on the receiver covers `ID.property`.
fn prop_call(prop: &PropRef) -> TokenStream {
    let call = plain_prop_call(prop);
    // `FAMILY[MATCH].prop` is the family's property, marked with its wildcard.
    match &prop.wildcard {
        None => call,
        Some(word) => {
            let wrap = match word.to_string().as_str() {
                "ALL" => "all",
                "ALLSMALLER" => "all_smaller",
                _ => "matching",
            };
            let wrap = Ident::new(wrap, word.span());
            quote_spanned!(word.span()=> ::ferrodash::__private::#wrap(#call))
        }
    }
}

fn plain_prop_call(prop: &PropRef) -> TokenStream {
    let PropRef { id, property, .. } = prop;
    let first = ends(id).map_or(property.span(), |(first, _)| first);
    let mut receiver = proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, quote!(#id));
    receiver.set_span(property.span());
    let receiver = quote_spanned!(first=> ::core::convert::identity #receiver);
    quote_spanned! {property.span()=> {
        #[allow(unused_imports)]
        use ::ferrodash::__private::HtmlProperties as _;
        #receiver.#property()
    }}
}

/// The spans of the first and the last token of `tokens`.
fn ends(tokens: &impl ToTokens) -> Option<(Span, Span)> {
    let tokens: Vec<TokenTree> = tokens.to_token_stream().into_iter().collect();
    let first = match tokens.first()? {
        TokenTree::Group(g) => g.span_open(),
        other => other.span(),
    };
    let last = match tokens.last()? {
        TokenTree::Group(g) => g.span_close(),
        other => other.span(),
    };
    Some((first, last))
}

/// The local variable `name` as an expression whose span runs from
/// `first` to `last` (`identity(name)`), for rustc to point at when it
/// blames an argument.
fn local((first, last): (Span, Span), name: &str) -> TokenStream {
    let name = Ident::new(name, first);
    let mut group = proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, quote!(#name));
    group.set_span(last);
    quote_spanned!(first=> ::core::convert::identity #group)
}

/// `::ferrodash::__private::function(args)`, spanned so that rustc's span
/// for the call (and for its path) runs from `first` to `last`: stable
/// proc macros cannot join spans, but an expression spans its tokens.
fn private_call((first, last): (Span, Span), function: &str, args: TokenStream) -> TokenStream {
    let function = Ident::new(function, last);
    let mut group = proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, args);
    group.set_span(last);
    quote_spanned!(first=> ::ferrodash::__private::#function #group)
}

/// Where the callback was written: its name, file and line (of the name).
fn site(name: &Ident, text: &str) -> TokenStream {
    let line = quote_spanned!(name.span()=> ::core::line!());
    quote! {
        ::ferrodash::__private::Site {
            name: #text,
            file: ::core::file!(),
            line: #line,
        }
    }
}

/// `Options { .. }` from the attribute's options.
fn options(args: &Args) -> TokenStream {
    let prevent = args.prevent_initial_call.is_some_and(|(_, v)| v);
    let initial_duplicate = args.initial_duplicate.is_some();
    let duplicates = args
        .outputs
        .iter()
        .enumerate()
        .filter(|(_, o)| o.duplicate.is_some())
        .map(|(i, _)| i);
    // Each value is checked against its property's type by `running`.
    let running = args.running.iter().map(|(prop, on, off)| {
        let call = prop_call(prop);
        quote_spanned!(prop.property.span()=> ::ferrodash::__private::running(#call, #on, #off))
    });
    let clientside = match &args.clientside {
        Some(source) => quote!(::core::option::Option::Some(#source)),
        None => quote!(::core::option::Option::None),
    };
    quote! {
        ::ferrodash::__private::Options {
            prevent_initial_call: #prevent,
            initial_duplicate: #initial_duplicate,
            duplicate_outputs: ::std::vec![#(#duplicates),*],
            running: ::std::vec![#(#running),*],
            clientside: #clientside,
        }
    }
}

/// A clientside callback: the properties are still checked (each is a
/// method call on its id); the function only names it.
fn clientside_definition(args: &Args, name: &Ident) -> TokenStream {
    let site = site(name, &name.unraw().to_string());
    let options = options(args);
    let specs = |props: &[PropRef]| {
        let calls = props.iter().map(prop_call);
        quote!(::std::vec![#((#calls).spec),*])
    };
    let (outputs, inputs, states) = (
        specs(&args.outputs),
        specs(&args.inputs),
        specs(&args.states),
    );
    quote! {
        ::ferrodash::__private::CallbackDef::clientside(#site, #options, #outputs, #inputs, #states)
    }
}

fn registration(args: &Args, func: &ItemFn, hidden: &Hidden) -> TokenStream {
    if args.clientside.is_some() {
        let define = clientside_definition(args, &func.sig.ident);
        // The function only names the callback; nothing calls it.
        let mut func = func.clone();
        func.attrs.push(syn::parse_quote!(#[allow(dead_code)]));
        return register(&func, hidden, define);
    }
    let name = &func.sig.ident;
    let name_span = name.span();
    let name_text = name.unraw().to_string();
    let is_async = func.sig.asyncness.is_some();
    let kind = if is_async {
        quote!(::ferrodash::__private::AsyncFn)
    } else {
        quote!(::ferrodash::__private::SyncFn)
    };
    let handler = quote_spanned!(name_span=> #name);

    // The return type, checked against the outputs where it is written. Its
    // tokens are not copied: the type is read from the function.
    let ret_ends = match &func.sig.output {
        ReturnType::Type(_, ty) => ends(ty),
        ReturnType::Default => None,
    }
    .unwrap_or((name_span, name_span));
    let returned = if is_async {
        quote_spanned!(ret_ends.0=> ::ferrodash::__private::returned_async(&#handler))
    } else {
        quote_spanned!(ret_ends.0=> ::ferrodash::__private::returned(&#handler))
    };
    let outputs = args.outputs.iter().map(prop_call);
    let (outs, encode) = (
        local(ret_ends, "__ferrodash_outputs"),
        local(ret_ends, "__ferrodash_encode"),
    );
    let check_return = private_call(ret_ends, "returns", quote!(#outs, #encode));
    let returns = quote_spanned! {ret_ends.0=> {
        #[allow(unused_imports)]
        use ::ferrodash::__private::{ProbeReturn as _, ReturnProbeFallback as _};
        let __ferrodash_outputs = (#(#outputs,)*);
        let __ferrodash_encode =
            (&&::ferrodash::__private::return_probe(#returned, &__ferrodash_outputs)).encode_fn();
        #check_return
    }};

    // Each parameter, checked against its property where it is written;
    // parameters after the inputs and states take a `Context` or `Resource`.
    let props: Vec<&PropRef> = args.inputs.iter().chain(&args.states).collect();
    let params = func.sig.inputs.iter().enumerate().map(|(i, arg)| {
        let spans = match arg {
            FnArg::Typed(t) => ends(&t.ty),
            FnArg::Receiver(r) => ends(r),
        }
        .unwrap_or((name_span, name_span));
        let nth = quote_spanned!(spans.0=> ::ferrodash::__private::nth::<_, _, #i>(&#handler));
        match props.get(i) {
            Some(prop) => {
                let call = prop_call(prop);
                let (prop, take) = (
                    local(spans, "__ferrodash_prop"),
                    local(spans, "__ferrodash_take"),
                );
                let check = private_call(spans, "param", quote!(#prop, #take));
                quote_spanned! {spans.0=> {
                    #[allow(unused_imports)]
                    use ::ferrodash::__private::{ProbeArg as _, ProbeFallback as _};
                    let __ferrodash_prop = #call;
                    let __ferrodash_take =
                        (&&::ferrodash::__private::Probe::new(#nth, &__ferrodash_prop)).take_fn();
                    #check
                }}
            }
            None => private_call(spans, "extra", nth),
        }
    });

    let n_inputs = args.inputs.len();
    let site = site(name, &name_text);
    let options = options(args);
    let define = quote_spanned! {name_span=>
        ::ferrodash::__private::define::<#kind, _, _, _>(
            #site,
            #options,
            #returns,
            (#(#params,)*),
            #n_inputs,
            #handler,
        )
    };
    register(func, hidden, define)
}

/// The function, its hidden type, and the registration of `define`.
fn register(func: &ItemFn, hidden: &Hidden, define: TokenStream) -> TokenStream {
    let declaration = hidden.declaration();
    let path = hidden.path();
    quote! {
        #func

        #declaration

        const _: () = {
            impl ::ferrodash::__private::Callback for #path {
                fn definition() -> ::ferrodash::__private::CallbackDef {
                    #define
                }
            }

            ::ferrodash::__private::inventory::submit! {
                ::ferrodash::__private::Registration {
                    definition: <#path as ::ferrodash::__private::Callback>::definition,
                }
            }
        };
    }
}
