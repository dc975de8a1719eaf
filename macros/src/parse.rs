//! The attribute's grammar:
//!
//! ```text
//! args     := arg (',' arg)* ','?
//! arg      := ("output" | "input" | "state") '=' props
//!           | "prevent_initial_call" '=' bool
//! props    := prop | '[' prop (',' prop)* ','? ']'
//! prop     := path '.' ident            e.g. USER_ID.data, ids::LOGIN.n_clicks
//! ```

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{bracketed, Ident, LitBool, Path, Token};

use crate::suggest::closest;

pub const KEYS: &[&str] = &["output", "input", "state", "prevent_initial_call"];

/// `ID.property` as the user wrote it; both tokens keep their spans.
#[derive(Clone)]
pub struct PropRef {
    pub id: Path,
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
        format!("{}.{}", id.join("::"), self.property)
    }

    /// Two references to the same property of the same id.
    pub fn same_as(&self, other: &PropRef) -> bool {
        self.text() == other.text()
    }
}

impl Parse for PropRef {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let id: Path = input.parse().map_err(|e| {
            syn::Error::new(e.span(), "expected a property such as `MY_BUTTON.n_clicks`: an `Id` constant, a dot, and the property")
        })?;
        if !input.peek(Token![.]) {
            let what = id
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default();
            return Err(syn::Error::new_spanned(
                &id,
                format!(
                    "expected a property after `{what}`, e.g. `{what}.children` or `{what}.data`"
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
            return Err(syn::Error::new(
                call.span(),
                format!("write the property without parentheses: `{}`", property),
            ));
        }
        Ok(PropRef { id, property })
    }
}

/// One `key = value` pair with the span of its key.
pub struct Args {
    pub outputs: Vec<PropRef>,
    pub inputs: Vec<PropRef>,
    pub states: Vec<PropRef>,
    pub prevent_initial_call: Option<(Span, bool)>,
}

fn prop_list(input: ParseStream) -> syn::Result<Vec<PropRef>> {
    if input.peek(syn::token::Bracket) {
        let content;
        bracketed!(content in input);
        let list = Punctuated::<PropRef, Token![,]>::parse_terminated(&content)?;
        Ok(list.into_iter().collect())
    } else {
        Ok(vec![input.parse()?])
    }
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut args = Args {
            outputs: Vec::new(),
            inputs: Vec::new(),
            states: Vec::new(),
            prevent_initial_call: None,
        };
        while !input.is_empty() {
            let key: Ident = input.call(syn::ext::IdentExt::parse_any).map_err(|e| {
                syn::Error::new(e.span(), "expected `output = ..`, `input = ..`, `state = ..` or `prevent_initial_call = ..`")
            })?;
            let name = key.to_string();
            if !KEYS.contains(&name.as_str()) {
                let hint = match closest(&name, KEYS) {
                    Some(near) => format!("did you mean `{near}`? "),
                    None => String::new(),
                };
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown callback argument `{name}`; {hint}(expected one of `output`, `input`, `state`, `prevent_initial_call`)"),
                ));
            }
            if !input.peek(Token![=]) {
                return Err(syn::Error::new(
                    key.span(),
                    format!("expected `=` after `{name}`"),
                ));
            }
            input.parse::<Token![=]>()?;
            match name.as_str() {
                "output" => args.outputs.extend(prop_list(input)?),
                "input" => args.inputs.extend(prop_list(input)?),
                "state" => args.states.extend(prop_list(input)?),
                _ => {
                    let value: LitBool = input.parse().map_err(|e| {
                        syn::Error::new(e.span(), "`prevent_initial_call` takes `true` or `false`")
                    })?;
                    if args.prevent_initial_call.is_some() {
                        return Err(syn::Error::new(
                            key.span(),
                            "`prevent_initial_call` specified more than once",
                        ));
                    }
                    args.prevent_initial_call = Some((key.span(), value.value));
                }
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok(args)
    }
}
