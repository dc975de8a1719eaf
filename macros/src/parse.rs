//! The attribute's grammar:
//!
//! ```text
//! args     := arg (',' arg)* ','?
//! arg      := ("output" | "input" | "state") '=' props
//!           | "prevent_initial_call" '=' bool
//! props    := prop | '[' prop (',' prop)* ','? ']'
//! prop     := path '.' ident            e.g. USER_ID.data, ids::LOGIN.n_clicks
//! ```
//!
//! Parsing does not stop at the first mistake: an argument that does not
//! parse is reported at its own token and skipped up to the next comma, so
//! every mistake in one attribute is reported once, and the properties that
//! did parse are still known.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{bracketed, Ident, Lit, LitStr, Path, Token};

use crate::suggest::closest;

pub const KEYS: &[&str] = &[
    "output",
    "input",
    "state",
    "prevent_initial_call",
    "running",
    "clientside",
];

const EXPECTED_KEYS: &str =
    "expected one of `output`, `input`, `state`, `prevent_initial_call`, `running`, `clientside`";

/// `ID.property` as the user wrote it; both tokens keep their spans.
#[derive(Clone)]
pub struct PropRef {
    /// `allow_duplicate(..)` around an output: another callback may write it.
    pub duplicate: Option<Span>,
    pub id: Path,
    /// `ALL`, `MATCH` or `ALLSMALLER` in `FAMILY[MATCH].prop`.
    pub wildcard: Option<Ident>,
    pub property: Ident,
}

impl PropRef {
    /// `ID.property`, for messages.
    pub fn text(&self) -> String {
        let id: Vec<String> = self
            .id
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        let wildcard = self
            .wildcard
            .as_ref()
            .map(|w| format!("[{w}]"))
            .unwrap_or_default();
        format!("{}{wildcard}.{}", id.join("::"), self.property)
    }

    /// Two references to the same property of the same id.
    pub fn same_as(&self, other: &PropRef) -> bool {
        self.text() == other.text()
    }

    /// The user's tokens `ID.property`, to span an error over both.
    pub fn tokens(&self) -> TokenStream {
        let PropRef { id, property, .. } = self;
        quote::quote!(#id . #property)
    }
}

/// What the attribute says, as far as it parsed.
#[derive(Default)]
pub struct Args {
    pub outputs: Vec<PropRef>,
    pub inputs: Vec<PropRef>,
    pub states: Vec<PropRef>,
    pub prevent_initial_call: Option<(Span, bool)>,
    /// `prevent_initial_call = "initial_duplicate"`.
    pub initial_duplicate: Option<Span>,
    /// `running = [(PROP, on, off), ..]`.
    pub running: Vec<(PropRef, syn::Expr, syn::Expr)>,
    /// `clientside = "js function"`.
    pub clientside: Option<syn::LitStr>,
}

/// Parses the attribute, returning what parsed and every mistake found.
pub fn parse(attr: TokenStream) -> (Args, Vec<syn::Error>) {
    let parser = |input: ParseStream| {
        let mut args = Args::default();
        let mut errors = Vec::new();
        while !input.is_empty() {
            if let Err(e) = arg(input, &mut args) {
                errors.push(e);
                skip_to_comma(input);
            }
            if input.is_empty() {
                break;
            }
            match input.parse::<Token![,]>() {
                Ok(_) => {}
                Err(_) => {
                    let next: TokenTree = input.parse()?;
                    errors.push(syn::Error::new(
                        next.span(),
                        "expected `,` between the arguments of `#[callback(..)]`",
                    ));
                    skip_to_comma(input);
                    let _ = input.parse::<Option<Token![,]>>();
                }
            }
        }
        Ok((args, errors))
    };
    match parser.parse2(attr) {
        Ok(parsed) => parsed,
        Err(e) => (Args::default(), vec![e]),
    }
}

fn skip_to_comma(input: ParseStream) {
    while !input.is_empty() && !input.peek(Token![,]) {
        if input.parse::<TokenTree>().is_err() {
            break;
        }
    }
}

/// One `key = value`.
fn arg(input: ParseStream, args: &mut Args) -> syn::Result<()> {
    if !input.peek(Ident::peek_any) {
        let next: TokenTree = input.parse()?;
        return Err(syn::Error::new(
            next.span(),
            format!("expected an argument such as `output = ID.property`; {EXPECTED_KEYS}"),
        ));
    }
    let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
    let name = key.to_string();
    if input.peek(syn::token::Paren) {
        return Err(dash_call(&key, input));
    }
    if !KEYS.contains(&name.as_str()) {
        let near = closest(&name.to_lowercase(), KEYS).or_else(|| {
            name.to_lowercase()
                .starts_with("prevent")
                .then_some("prevent_initial_call")
        });
        let hint = match near {
            Some(near) => format!("did you mean `{near}`? "),
            None => String::new(),
        };
        return Err(syn::Error::new(
            key.span(),
            format!("unknown callback argument `{name}`; {hint}({EXPECTED_KEYS})"),
        ));
    }
    if !input.peek(Token![=]) {
        let example = if name == "prevent_initial_call" {
            "`prevent_initial_call = true`".to_owned()
        } else {
            format!("`{name} = ID.property`")
        };
        return Err(syn::Error::new(
            key.span(),
            format!("expected `=` after `{name}`: write {example}"),
        ));
    }
    input.parse::<Token![=]>()?;
    match name.as_str() {
        "output" => args.outputs.extend(prop_list_with(input, output_prop)?),
        "input" => args.inputs.extend(prop_list(input)?),
        "state" => args.states.extend(prop_list(input)?),
        "running" => args.running.extend(running_list(input)?),
        "clientside" => {
            let source: syn::LitStr = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "`clientside` takes the JavaScript function as a string, e.g. `clientside = \"(v) => v.length\"`",
                )
            })?;
            if args.clientside.is_some() {
                return Err(syn::Error::new(
                    key.span(),
                    "`clientside` specified more than once; keep one",
                ));
            }
            args.clientside = Some(source);
        }
        _ => {
            if args.prevent_initial_call.is_some() || args.initial_duplicate.is_some() {
                return Err(syn::Error::new(
                    key.span(),
                    "`prevent_initial_call` specified more than once; keep one",
                ));
            }
            if input.peek(LitStr)
                && input
                    .fork()
                    .parse::<LitStr>()
                    .is_ok_and(|s| s.value() == "initial_duplicate")
            {
                let value: LitStr = input.parse()?;
                args.initial_duplicate = Some(value.span());
                args.prevent_initial_call = Some((key.span(), false));
                return Ok(());
            }
            let value = flag(input)?;
            args.prevent_initial_call = Some((key.span(), value));
        }
    }
    Ok(())
}

/// `running = (PROP, on, off)` or a `[..]` list of them.
fn running_list(input: ParseStream) -> syn::Result<Vec<(PropRef, syn::Expr, syn::Expr)>> {
    let one = |input: ParseStream| -> syn::Result<(PropRef, syn::Expr, syn::Expr)> {
        let content;
        let parens = syn::parenthesized!(content in input);
        let prop = prop(&content)?;
        let mut values = Punctuated::<syn::Expr, Token![,]>::new();
        if content.parse::<Token![,]>().is_ok() {
            values = Punctuated::parse_terminated(&content)?;
        }
        let mut values = values.into_iter();
        match (values.next(), values.next(), values.next()) {
            (Some(on), Some(off), None) => Ok((prop, on, off)),
            _ => Err(syn::Error::new(
                parens.span.join(),
                "a `running` entry is `(ID.property, value while running, value after)`, e.g. `(SAVE.disabled, true, false)`",
            )),
        }
    };
    if input.peek(syn::token::Bracket) {
        let content;
        bracketed!(content in input);
        let list = Punctuated::<_, Token![,]>::parse_terminated_with(&content, one)?;
        Ok(list.into_iter().collect())
    } else {
        Ok(vec![one(input)?])
    }
}

/// An output, possibly `allow_duplicate(ID.property)`.
fn output_prop(input: ParseStream) -> syn::Result<PropRef> {
    let fork = input.fork();
    if fork.parse::<Ident>().is_ok_and(|i| i == "allow_duplicate") && fork.peek(syn::token::Paren) {
        let keyword: Ident = input.parse()?;
        let content;
        syn::parenthesized!(content in input);
        let mut inner = prop(&content)?;
        inner.duplicate = Some(keyword.span());
        return Ok(inner);
    }
    prop(input)
}

fn flag(input: ParseStream) -> syn::Result<bool> {
    let lit: Lit = match input.parse() {
        Ok(lit) => lit,
        Err(_) => {
            let next: TokenTree = input.parse()?;
            return Err(syn::Error::new(
                next.span(),
                "`prevent_initial_call` takes `true` or `false`",
            ));
        }
    };
    match &lit {
        Lit::Bool(b) => Ok(b.value),
        Lit::Str(s) if s.value() == "true" || s.value() == "false" => Err(syn::Error::new(
            s.span(),
            format!(
                "`prevent_initial_call` takes a bool, not a string: write `{}` without quotes",
                s.value()
            ),
        )),
        other => Err(syn::Error::new(
            other.span(),
            "`prevent_initial_call` takes `true` or `false`",
        )),
    }
}

fn prop_list(input: ParseStream) -> syn::Result<Vec<PropRef>> {
    prop_list_with(input, prop)
}

fn prop_list_with(
    input: ParseStream,
    prop: fn(ParseStream) -> syn::Result<PropRef>,
) -> syn::Result<Vec<PropRef>> {
    if input.peek(syn::token::Bracket) {
        let content;
        bracketed!(content in input);
        let list = Punctuated::<PropRef, Token![,]>::parse_terminated_with(&content, prop)?;
        if list.is_empty() {
            return Err(content.error("expected at least one property, e.g. `[A.value, B.value]`"));
        }
        Ok(list.into_iter().collect())
    } else {
        Ok(vec![prop(input)?])
    }
}

/// A constant name for a string id: `"button-login"` -> `BUTTON_LOGIN`.
fn const_name(id: &str) -> String {
    let name: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("ID_{name}")
    } else {
        name
    }
}

/// Dash's Python form `Input("button_login", "n_clicks")`, in key or value
/// position: say what ferrodash writes instead.
fn dash_call(name: &Ident, input: ParseStream) -> syn::Error {
    let group: proc_macro2::Group = match input.parse() {
        Ok(g) => g,
        Err(e) => return e,
    };
    let strings: Vec<String> = group
        .stream()
        .into_iter()
        .filter_map(|t| match t {
            TokenTree::Literal(l) => syn::parse2::<LitStr>(l.into_token_stream())
                .ok()
                .map(|s| s.value()),
            _ => None,
        })
        .collect();
    let key = name.to_string().to_lowercase();
    let key = if KEYS.contains(&key.as_str()) {
        key
    } else {
        "input".to_owned()
    };
    let (id, property) = match strings.as_slice() {
        [id, property, ..] => (id.clone(), property.clone()),
        [id] => (id.clone(), "property".to_owned()),
        [] => ("my_id".to_owned(), "property".to_owned()),
    };
    let konst = const_name(&id);
    let mut whole = name.to_token_stream();
    whole.extend([TokenTree::Group(group)]);
    syn::Error::new_spanned(
        whole,
        format!(
            "`{name}(..)` is Dash's Python form; ferrodash uses typed ids: declare the id once, \
             e.g. `const {konst}: Id<html::Button> = Id::new(\"{id}\");` (with its component kind), \
             and write `{key} = {konst}.{property}`"
        ),
    )
}

/// `ID.property`, with a message for each way a Dash user might write it
/// differently.
fn prop(input: ParseStream) -> syn::Result<PropRef> {
    if input.peek(LitStr) {
        let id: LitStr = input.parse()?;
        let mut property = "property".to_owned();
        if input.peek(Token![.]) {
            input.parse::<Token![.]>()?;
            if let Ok(p) = input.call(syn::ext::IdentExt::parse_any) {
                let p: Ident = p;
                property = p.to_string();
            }
        }
        let konst = const_name(&id.value());
        return Err(syn::Error::new(
            id.span(),
            format!(
                "component ids are typed constants, not strings: declare the id once with its component kind, \
                 e.g. `const {konst}: Id<html::Button> = Id::new({:?});`, and write `{konst}.{property}`",
                id.value()
            ),
        ));
    }
    let id = Path::parse_mod_style(input).map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a property such as `LOGIN.n_clicks`: an `Id` constant, a dot, and the property",
        )
    })?;
    if input.peek(syn::token::Paren) {
        if let (Some(last), true) = (id.segments.last(), id.segments.len() == 1) {
            let name = last.ident.clone();
            if ["Input", "Output", "State"].contains(&name.to_string().as_str()) {
                return Err(dash_call(&name, input));
            }
        }
        let group: proc_macro2::Group = input.parse()?;
        return Err(syn::Error::new(
            group.span(),
            "expected `ID.property`, e.g. `LOGIN.n_clicks`: an `Id` constant, a dot, and the property, without parentheses",
        ));
    }
    let wildcard = if input.peek(syn::token::Bracket) {
        let content;
        let brackets = syn::bracketed!(content in input);
        let word: Ident = content.parse().map_err(|_| {
            syn::Error::new(
                brackets.span.join(),
                "expected a wildcard: `[MATCH]`, `[ALL]` or `[ALLSMALLER]`",
            )
        })?;
        if !["ALL", "MATCH", "ALLSMALLER"].contains(&word.to_string().as_str()) {
            return Err(syn::Error::new(
                word.span(),
                format!("unknown wildcard `{word}`: use `MATCH`, `ALL` or `ALLSMALLER`"),
            ));
        }
        Some(word)
    } else {
        None
    };
    if !input.peek(Token![.]) {
        let what = id
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        return Err(syn::Error::new_spanned(
            &id,
            format!(
                "expected a property after `{what}`: an id alone is not a property; write `{what}.<property>`, \
                 e.g. `{what}.children`, `{what}.value` or `{what}.data`"
            ),
        ));
    }
    input.parse::<Token![.]>()?;
    let property: Ident = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a property name after the `.`, e.g. `n_clicks`",
        )
    })?;
    if input.peek(syn::token::Paren) {
        let call: proc_macro2::Group = input.parse()?;
        if call.delimiter() == Delimiter::Parenthesis {
            return Err(syn::Error::new(
                call.span(),
                format!(
                    "write the property without parentheses: `{}`",
                    PropRef {
                        duplicate: None,
                        id,
                        wildcard,
                        property: property.clone()
                    }
                    .text()
                ),
            ));
        }
    }
    Ok(PropRef {
        duplicate: None,
        id,
        wildcard,
        property,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn messages(errors: &[syn::Error]) -> Vec<String> {
        errors.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn parses_every_form() {
        let (args, errors) = parse(quote!(
            output = [A.children, B.data],
            input = C.n_clicks,
            input = [ids::D.value],
            state = E.value,
            prevent_initial_call = true,
        ));
        assert!(errors.is_empty(), "{:?}", messages(&errors));
        assert_eq!(args.outputs.len(), 2);
        assert_eq!(args.inputs[1].text(), "ids::D.value");
        assert_eq!(args.states[0].text(), "E.value");
        assert!(args.prevent_initial_call.is_some_and(|(_, v)| v));
    }

    #[test]
    fn an_unknown_key_is_reported_and_the_rest_still_parses() {
        let (args, errors) = parse(quote!(inptu = A.n_clicks, output = B.children));
        assert_eq!(
            messages(&errors),
            ["unknown callback argument `inptu`; did you mean `input`? (expected one of `output`, `input`, `state`, `prevent_initial_call`, `running`, `clientside`)"]
        );
        assert_eq!(args.outputs[0].text(), "B.children");
    }

    #[test]
    fn wildcards_duplicates_running_and_clientside_parse() {
        let (args, errors) = parse(quote!(
            output = [allow_duplicate(LOG.data), ROW[MATCH].children],
            input = DONE[ALL].value,
            state = KEEP[ALLSMALLER].value,
            prevent_initial_call = "initial_duplicate",
            running = [(SAVE.disabled, true, false)],
            clientside = "(v) => v",
        ));
        assert!(errors.is_empty(), "{:?}", messages(&errors));
        assert!(args.outputs[0].duplicate.is_some() && args.outputs[1].duplicate.is_none());
        assert_eq!(args.outputs[1].text(), "ROW[MATCH].children");
        assert_eq!(args.inputs[0].text(), "DONE[ALL].value");
        assert_eq!(args.states[0].text(), "KEEP[ALLSMALLER].value");
        assert!(args.initial_duplicate.is_some());
        assert_eq!(args.running.len(), 1);
        assert_eq!(
            args.clientside.map(|s| s.value()).as_deref(),
            Some("(v) => v")
        );
    }

    #[test]
    fn an_unknown_wildcard_is_named() {
        let (_, errors) = parse(quote!(output = A.children, input = ROW[EVERY].n_clicks));
        assert_eq!(
            messages(&errors),
            ["unknown wildcard `EVERY`: use `MATCH`, `ALL` or `ALLSMALLER`"]
        );
    }

    #[test]
    fn a_string_id_gets_the_constant_to_declare() {
        let (_, errors) = parse(quote!(input = "button-login".n_clicks));
        let text = errors[0].to_string();
        assert!(
            text.contains("Id::new(\"button-login\")") && text.contains("`BUTTON_LOGIN.n_clicks`"),
            "{text}"
        );
    }

    #[test]
    fn dash_python_form_is_translated() {
        let (_, errors) = parse(quote!(output = Output("out", "children")));
        let text = errors[0].to_string();
        assert!(text.contains("`output = OUT.children`"), "{text}");
    }

    #[test]
    fn each_mistake_is_one_error() {
        let (_, errors) = parse(quote!(
            output = OUT,
            input = A.n_clicks(),
            prevent_initial_call = "true",
            prevent_initial_call = false,
            prevent_initial_call = true
        ));
        assert_eq!(errors.len(), 4, "{:?}", messages(&errors));
    }
}
