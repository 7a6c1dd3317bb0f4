//! The answer: a match arm per declared status that reads the body as far as it needs,
//! decodes it and parses the declared headers; the operations' own response enums.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::payload_type;
use crate::emit::docs;
use crate::ident::ident;
use crate::model::{Docs, Operation, Payload, ResponseCase, StatusMatch};

pub(super) fn headers_type(op: &Operation) -> TokenStream {
    match &op.response_headers {
        Some((name, _)) => {
            let name = ident(name);
            quote!(super::types::#name)
        }
        None => quote!(()),
    }
}

/// The arm for statuses no case covers (none when `default` is declared). Its body is
/// never decoded: the start of it is kept for the message.
pub(super) fn fallback(op: &Operation) -> Option<TokenStream> {
    (!op.responses.iter().any(|c| c.status == StatusMatch::Default))
        .then(|| quote!(_ => ::std::result::Result::Err(response.skim().await.into_unexpected()),))
}

/// The statuses of a case as a pattern. A range leaves out the statuses the operation also
/// declares on their own (`200` beside `2XX` makes `201..=299`), so no two arms overlap.
/// `None` for a range whose every status is declared on its own: no status reaches it.
pub(super) fn status_pattern(op: &Operation, status: StatusMatch) -> Option<TokenStream> {
    match status {
        StatusMatch::Exact(code) => Some(quote!(#code)),
        StatusMatch::Range(class) => {
            let (lo, hi) = (class * 100, class * 100 + 99);
            let mut exact: Vec<u16> = op
                .responses
                .iter()
                .filter_map(|c| match c.status {
                    StatusMatch::Exact(code) if (lo..=hi).contains(&code) => Some(code),
                    _ => None,
                })
                .collect();
            exact.sort_unstable();
            exact.dedup();
            let mut pieces = Vec::new();
            let mut start = lo;
            for code in exact.into_iter().chain([hi + 1]) {
                if code > start {
                    let end = code - 1;
                    pieces.push(if start == end { quote!(#start) } else { quote!(#start..=#end) });
                }
                start = code + 1;
            }
            (!pieces.is_empty()).then(|| quote!( #( #pieces )|* ))
        }
        StatusMatch::Default => Some(quote!(_)),
    }
}

fn decode(payload: &Payload, response: &TokenStream) -> TokenStream {
    match payload {
        Payload::Json(_) => quote!(#response.json()?),
        Payload::Text => quote!(#response.text()?),
        Payload::Bytes => quote!(#response.bytes()),
        Payload::Empty | Payload::Enum(_) => quote!(()),
    }
}

/// The parsed declared headers of a success response (`()` when none are declared).
pub(super) fn typed_headers(op: &Operation, response: &TokenStream) -> TokenStream {
    match &op.response_headers {
        Some((name, headers)) => {
            let name = ident(name);
            let fields = headers.iter().map(|h| {
                let field = ident(&h.name);
                let wire = h.wire.to_ascii_lowercase();
                if h.required {
                    quote!(#field: #response.required_header(#wire)?,)
                } else {
                    quote!(#field: #response.header(#wire, false)?,)
                }
            });
            quote!(super::types::#name { #( #fields )* })
        }
        None => quote!(()),
    }
}

/// The value of the operation's enum for a case: `Enum::Variant(decoded)`, dispatched on
/// the answer's `Content-Type` when the case has several media types.
fn enum_value(name: &str, case: &ResponseCase, response: &TokenStream) -> TokenStream {
    let name = ident(name);
    let value = |variant: &str, payload: &Payload| {
        let variant = ident(variant);
        match payload {
            Payload::Empty => quote!(#name::#variant),
            other => {
                let decoded = decode(other, response);
                quote!(#name::#variant(#decoded))
            }
        }
    };
    if case.media.is_empty() {
        return value(&case.variant, &case.payload);
    }
    let declared: Vec<&str> = case.media.iter().map(|m| m.media_type.as_str()).collect();
    let last = case.media.len() - 1;
    let arms = case.media.iter().enumerate().map(|(i, m)| {
        let index = Literal::usize_unsuffixed(i);
        let pattern = if i == last { quote!(_) } else { quote!(#index) };
        let v = value(&m.variant, &m.payload);
        quote!(#pattern => #v,)
    });
    quote! {
        match #response.media_index(&[ #( #declared ),* ]) {
            #( #arms )*
        }
    }
}

/// The arm of one case; none when no status reaches it (see [`status_pattern`]).
pub(super) fn response_arm(op: &Operation, case: &ResponseCase, response: &TokenStream) -> TokenStream {
    let Some(pattern) = status_pattern(op, case.status) else { return TokenStream::new() };
    let value = response_value(op, case, response);
    quote!(#pattern => #value,)
}

/// What `send` returns for a case: a block that reads the body as far as the case needs
/// (`response` is an unread answer before it and a read one after), then decodes it.
fn response_value(op: &Operation, case: &ResponseCase, response: &TokenStream) -> TokenStream {
    let side = if case.success { &op.success } else { &op.error };
    let body = match side {
        Payload::Enum(name) => enum_value(name, case, response),
        _ => decode(&case.payload, response),
    };
    let read = if case.payload != Payload::Empty {
        // Bounded by the call's `max_response_bytes`.
        quote!(let #response = #response.read().await?;)
    } else if case.success {
        // No body declared: whatever the server sent (or failed to send) does not matter.
        quote!(let #response = #response.discard().await;)
    } else {
        // No body declared, but its start makes the error's message.
        quote!(let #response = #response.skim().await;)
    };
    if case.success {
        let typed = typed_headers(op, response);
        quote! {
            {
                #read
                let typed_headers = #typed;
                let body = #body;
                ::std::result::Result::Ok(#response.into_value(body, typed_headers))
            }
        }
    } else {
        match (side, &case.payload) {
            (Payload::Json(_), _) => quote! {
                {
                    #read
                    ::std::result::Result::Err(#response.into_error_response())
                }
            },
            _ => quote! {
                {
                    #read
                    let body = #body;
                    ::std::result::Result::Err(#response.into_error(body))
                }
            },
        }
    }
}

/// The operation's own response enums (success, error), when its answers differ.
pub(super) fn response_enums(op: &Operation) -> TokenStream {
    let mut out = TokenStream::new();
    for (success, payload) in [(true, &op.success), (false, &op.error)] {
        let Payload::Enum(name) = payload else { continue };
        let what = if success { "successful answers" } else { "documented error answers" };
        let doc = format!(" The {what} of `{}`: a variant per status (and media type) the document declares.", op.id);
        let mut variants = Vec::new();
        for case in op.responses.iter().filter(|c| c.success == success) {
            let status = match case.status {
                StatusMatch::Exact(c) => format!("`{c}`"),
                StatusMatch::Range(r) => format!("`{r}XX`"),
                StatusMatch::Default => "any other status (`default`)".to_owned(),
            };
            let entries: Vec<(&str, &Payload, Option<&str>)> = if case.media.is_empty() {
                vec![(case.variant.as_str(), &case.payload, None)]
            } else {
                case.media.iter().map(|m| (m.variant.as_str(), &m.payload, Some(m.media_type.as_str()))).collect()
            };
            for (variant, payload, media) in entries {
                let variant = ident(variant);
                let mut text = case.docs.text.clone();
                text.push_str(&format!("\n\nStatus {status}"));
                if let Some(media) = media {
                    text.push_str(&format!(", `{media}`"));
                }
                text.push('.');
                let docs = docs::attrs(&Docs { text, deprecated: false });
                variants.push(match payload {
                    Payload::Empty => quote!(#docs #variant,),
                    other => {
                        let ty = payload_type(other);
                        quote!(#docs #variant(#ty),)
                    }
                });
            }
        }
        let name = ident(name);
        out.extend(quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name {
                #( #variants )*
            }
        });
    }
    out
}
