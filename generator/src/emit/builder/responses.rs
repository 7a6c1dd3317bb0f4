//! The answer: one match arm per distinct way of handling it, each one line on the
//! runtime's `UnreadResponse` (`200u16 => response.json().await,`), statuses handled alike
//! merged into one arm; the parsing of declared response headers (`runtime::FromHead`);
//! the operations' own response enums.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::terms::payload_type;
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

/// `impl runtime::FromHead` for the operation's declared response headers.
pub(super) fn from_head(op: &Operation) -> Option<TokenStream> {
    let (name, headers) = op.response_headers.as_ref()?;
    let name = ident(name);
    let fields = headers.iter().map(|h| {
        let field = ident(&h.name);
        let wire = h.wire.to_ascii_lowercase();
        if h.required {
            quote!(#field: head.required_header(#wire)?,)
        } else {
            quote!(#field: head.header(#wire, false)?,)
        }
    });
    Some(quote! {
        impl super::runtime::FromHead for super::types::#name {
            fn from_head(
                head: &super::runtime::RawResponse,
            ) -> ::std::result::Result<Self, super::runtime::InvalidResponse> {
                ::std::result::Result::Ok(Self { #( #fields )* })
            }
        }
    })
}

/// The statuses of a case as inclusive ranges, `None` for `default`. A range leaves out
/// the statuses the operation also declares on their own (`200` beside `2XX` makes
/// `201..=299`), so no two arms overlap; it may then be empty (no status reaches it).
fn status_ranges(op: &Operation, status: StatusMatch) -> Option<Vec<(u16, u16)>> {
    match status {
        StatusMatch::Exact(code) => Some(vec![(code, code)]),
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
                    pieces.push((start, code - 1));
                }
                start = code + 1;
            }
            Some(pieces)
        }
        StatusMatch::Default => None,
    }
}

/// The match arms of `send` (`streamed`: of `send_stream`, whose successes are streams).
/// Cases handled by the same expression share one arm, their ranges joined where they
/// touch (`400u16..=499u16` and `500u16..=599u16` make `400u16..=599u16`); a case handled
/// as `default` is left to the `default` arm.
pub(super) fn arms(op: &Operation, streamed: bool) -> TokenStream {
    let value = |case: &ResponseCase| {
        if streamed && case.success {
            quote!(response.stream())
        } else {
            case_value(op, case)
        }
    };
    let default = op.responses.iter().find(|c| c.status == StatusMatch::Default).map(value);
    let default_key = default.as_ref().map(ToString::to_string);
    /// The statuses handled by one expression (kept with its text, the key).
    struct Group {
        statuses: Vec<(u16, u16)>,
        value: TokenStream,
        key: String,
    }
    // In the order of first appearance.
    let mut groups: Vec<Group> = Vec::new();
    for case in &op.responses {
        let Some(ranges) = status_ranges(op, case.status) else { continue };
        let value = value(case);
        let key = value.to_string();
        if default_key.as_ref() == Some(&key) {
            continue;
        }
        match groups.iter_mut().find(|g| g.key == key) {
            Some(group) => group.statuses.extend(ranges),
            None => groups.push(Group { statuses: ranges, value, key }),
        }
    }
    let arms = groups.into_iter().filter_map(|Group { statuses, value, .. }| {
        let pattern = pattern(statuses)?;
        Some(quote!(#pattern => #value,))
    });
    let default = default.unwrap_or_else(|| quote!(response.unexpected().await));
    quote! {
        match response.status_code() {
            #( #arms )*
            _ => #default,
        }
    }
}

/// `200u16 | 204u16..=299u16`: sorted, touching ranges joined; `None` when empty.
fn pattern(mut ranges: Vec<(u16, u16)>) -> Option<TokenStream> {
    ranges.sort_unstable();
    let mut joined: Vec<(u16, u16)> = Vec::new();
    for (lo, hi) in ranges {
        match joined.last_mut() {
            Some(last) if last.1.checked_add(1) == Some(lo) => last.1 = hi,
            _ => joined.push((lo, hi)),
        }
    }
    let pieces = joined.iter().map(|&(lo, hi)| if lo == hi { quote!(#lo) } else { quote!(#lo..=#hi) });
    (!joined.is_empty()).then(|| quote!( #( #pieces )|* ))
}

/// The expression of one case: read as far as needed, decode, wrap.
fn case_value(op: &Operation, case: &ResponseCase) -> TokenStream {
    let side = if case.success { &op.success } else { &op.error };
    let Payload::Enum(name) = side else {
        // All the cases of this side share its payload.
        return match (case.success, side) {
            (true, Payload::Json(_)) => quote!(response.json().await),
            (true, Payload::Text) => quote!(response.text().await),
            (true, Payload::Bytes) => quote!(response.bytes().await),
            (true, _) => quote!(response.empty().await),
            (false, Payload::Json(_)) => quote!(response.error_json().await),
            (false, Payload::Text) => quote!(response.error_text().await),
            (false, Payload::Bytes) => quote!(response.error_bytes().await),
            (false, _) => quote!(response.error_empty().await),
        };
    };
    let name = ident(name);
    let value = |variant: &str, payload: &Payload| {
        let variant = ident(variant);
        let wrap = quote!(#name::#variant);
        match (case.success, payload) {
            (true, Payload::Json(_)) => quote!(response.json_as(#wrap).await),
            (true, Payload::Text) => quote!(response.text_as(#wrap).await),
            (true, Payload::Bytes) => quote!(response.bytes_as(#wrap).await),
            (true, _) => quote!(response.empty_as(#wrap).await),
            (false, Payload::Json(_)) => quote!(response.error_json_as(#wrap).await),
            (false, Payload::Text) => quote!(response.error_text_as(#wrap).await),
            (false, Payload::Bytes) => quote!(response.error_bytes_as(#wrap).await),
            (false, _) => quote!(response.error_empty_as(#wrap).await),
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
        match response.media_index(&[ #( #declared ),* ]) {
            #( #arms )*
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
