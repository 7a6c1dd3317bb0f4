//! The answer: in one line where the successes are decoded one way and the errors at most
//! one (`call.answer_or_error(rt::Json(200), rt::Json(400..=599)).await`); else its body
//! read once, as far as the status needs (`runtime::UnreadResponse::answer`, whole where
//! the arm decodes a body), then one match arm per distinct way of handling it, each a
//! plain call (`200 => response.json(),`), statuses handled alike merged into one arm; the
//! parsing of declared response headers (`runtime::FromHead`); the operations' own
//! response enums.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

use super::terms::payload_type;
use crate::emit::docs;
use crate::ident::ident;
use crate::model::{Docs, Operation, Payload, ResponseCase, ResponseHeader, StatusMatch};

pub(super) fn headers_type(op: &Operation) -> Option<TokenStream> {
    let (name, _) = op.response_headers.as_ref()?;
    let name = ident(name);
    Some(quote!(super::types::#name))
}

/// `impl runtime::FromHead` for the struct `name` of declared response headers (one or more
/// operations' successes).
pub(super) fn from_head(name: &str, headers: &[ResponseHeader]) -> TokenStream {
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
    quote! {
        impl super::runtime::FromHead for super::types::#name {
            fn from_head(
                head: &super::runtime::RawResponse,
            ) -> ::std::result::Result<Self, super::runtime::InvalidResponse> {
                ::std::result::Result::Ok(Self { #( #fields )* })
            }
        }
    }
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

/// The answer's handling in `send`, from `call` (the `runtime::Call` ready to send): sent,
/// the body read as the status needs, then the match arms. In `send_stream` (`streamed`),
/// successes are streams and each other arm reads what it needs itself. Cases handled by the same expression share one arm, their ranges joined
/// where they touch (`400..=499` and `500..=599` make `400..=599`); a case
/// handled as `default` is left to the `default` arm.
pub(super) fn arms(op: &Operation, streamed: bool, call: &TokenStream) -> TokenStream {
    if let Some(line) = (!streamed).then(|| one_line(op, call)).flatten() {
        return line;
    }
    let value = |case: &ResponseCase| {
        if streamed && case.success {
            quote!(response.stream())
        } else if streamed && reads_body(case) {
            case_value(op, case, Some(&quote!(response.read().await?)))
        } else if streamed {
            case_value(op, case, Some(&quote!(response.skim().await)))
        } else {
            case_value(op, case, None)
        }
    };
    let default_case = op.responses.iter().find(|c| c.status == StatusMatch::Default);
    let default = default_case.map(value);
    let default_key = default.as_ref().map(ToString::to_string);
    /// The statuses handled by one expression (kept with its text, the key).
    struct Group {
        statuses: Vec<(u16, u16)>,
        value: TokenStream,
        key: String,
        reads: bool,
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
            None => groups.push(Group { statuses: ranges, value, key, reads: reads_body(case) }),
        }
    }
    // The statuses whose arm decodes a body, or (when `default` does) those whose arm does not.
    let default_reads = default_case.is_some_and(reads_body);
    let whole: Vec<(u16, u16)> =
        groups.iter().filter(|g| g.reads != default_reads).flat_map(|g| g.statuses.iter().copied()).collect();
    let whole = match (pattern(whole), default_reads) {
        (Some(pattern), false) => quote!(|status| matches!(status, #pattern)),
        (Some(pattern), true) => quote!(|status| !matches!(status, #pattern)),
        (None, reads) => quote!(|_| #reads),
    };
    let arms = groups.into_iter().filter_map(|Group { statuses, value, .. }| {
        let pattern = pattern(statuses)?;
        Some(quote!(#pattern => #value,))
    });
    let unexpected = if streamed { quote!(response.skim().await.unexpected()) } else { quote!(response.unexpected()) };
    let default = default.unwrap_or(unexpected);
    let send = if streamed { quote!(#call.start().await?) } else { quote!(#call.send(#whole).await?) };
    quote! {
        let response = #send;
        match response.status_code() {
            #( #arms )*
            _ => #default,
        }
    }
}

/// The answer in one line (`runtime::Call::answer`, `answer_or_error`), where no response
/// enum is involved (the successes share one way of decoding, and so do the errors) and
/// each side's statuses are one status, one range or a few statuses; the errors' are `..`
/// when `default` is one of them. `None` for any other operation.
fn one_line(op: &Operation, call: &TokenStream) -> Option<TokenStream> {
    let (mut success, mut error, mut error_default) = (Vec::new(), Vec::new(), false);
    for case in &op.responses {
        match (case.success, status_ranges(op, case.status)) {
            (true, Some(ranges)) => success.extend(ranges),
            (false, Some(ranges)) => error.extend(ranges),
            (false, None) => error_default = true,
            // A `default` success: the `match`, whose last arm it is.
            (true, None) => return None,
        }
    }
    let success = decode(&op.success, statuses(success)?)?;
    // Declared errors whose statuses one `Statuses` cannot say go to the `match`: left out,
    // they would be unexpected answers.
    let error = match (error_default, error.is_empty()) {
        (true, _) => Some(quote!(..)),
        (false, true) => None,
        (false, false) => Some(statuses(error)?),
    };
    Some(match error {
        Some(statuses) => {
            let error = decode(&op.error, statuses)?;
            quote!(#call.answer_or_error(#success, #error).await)
        }
        None => quote!(#call.answer(#success).await),
    })
}

/// `runtime::Json(statuses)` and its kin: how the answers of `statuses` decode into
/// `payload`; `None` for a response enum.
fn decode(payload: &Payload, statuses: TokenStream) -> Option<TokenStream> {
    let way = match payload {
        Payload::Json(_) => quote!(Json),
        Payload::Text => quote!(Text),
        Payload::Bytes => quote!(Binary),
        Payload::Empty => quote!(Empty),
        Payload::Enum(_) => return None,
    };
    Some(quote!(super::runtime::#way(#statuses)))
}

/// The statuses of `ranges` as a `runtime::Statuses`: `200`, `400..=599`, `[200, 201]`;
/// `None` when there are none, or several pieces that are not all single statuses.
fn statuses(ranges: Vec<(u16, u16)>) -> Option<TokenStream> {
    let joined = joined(ranges);
    let code = |v: u16| Literal::u16_unsuffixed(v);
    match joined.as_slice() {
        [] => None,
        [(lo, hi)] if lo == hi => Some(code(*lo).into_token_stream()),
        [(lo, hi)] => {
            let (lo, hi) = (code(*lo), code(*hi));
            Some(quote!(#lo..=#hi))
        }
        pieces if pieces.iter().all(|(lo, hi)| lo == hi) => {
            let codes = pieces.iter().map(|(lo, _)| code(*lo));
            Some(quote!([ #( #codes ),* ]))
        }
        _ => None,
    }
}

/// `use` of the operation's response enums under short names, `S` (successes) and `E`
/// (errors), so that an arm fits on a line: `404 => response.error_json_as(E::NotFound404),`.
/// Only for the enums the arms name (`send_stream` streams its successes).
pub(super) fn aliases(op: &Operation, streamed: bool) -> TokenStream {
    let mut out = TokenStream::new();
    for (success, payload, alias) in [(true, &op.success, quote!(S)), (false, &op.error, quote!(E))] {
        let Payload::Enum(name) = payload else { continue };
        let named = op.responses.iter().any(|c| c.success == success && !(streamed && success));
        if named {
            let name = ident(name);
            out.extend(quote!(use self::#name as #alias;));
        }
    }
    out
}

/// Whether the arm of `case` decodes a body (so the whole body is read for its statuses).
fn reads_body(case: &ResponseCase) -> bool {
    if case.media.is_empty() {
        case.payload != Payload::Empty
    } else {
        case.media.iter().any(|m| m.payload != Payload::Empty)
    }
}

/// The ranges sorted, touching ones joined (`400..=499` and `500..=599` make `400..=599`).
fn joined(mut ranges: Vec<(u16, u16)>) -> Vec<(u16, u16)> {
    ranges.sort_unstable();
    let mut joined: Vec<(u16, u16)> = Vec::new();
    for (lo, hi) in ranges {
        match joined.last_mut() {
            Some(last) if last.1.checked_add(1) == Some(lo) => last.1 = hi,
            _ => joined.push((lo, hi)),
        }
    }
    joined
}

/// `200 | 204..=299`: sorted, touching ranges joined; `None` when empty.
fn pattern(ranges: Vec<(u16, u16)>) -> Option<TokenStream> {
    let joined = joined(ranges);
    let pieces = joined.iter().map(|&(lo, hi)| {
        let (lo_code, hi_code) = (Literal::u16_unsuffixed(lo), Literal::u16_unsuffixed(hi));
        if lo == hi {
            quote!(#lo_code)
        } else {
            quote!(#lo_code..=#hi_code)
        }
    });
    (!joined.is_empty()).then(|| quote!( #( #pieces )|* ))
}

/// The expression of one case: decode the answer, wrap. The answer is `response`, already
/// read, or (`read`, in `send_stream`) what reading it gives.
fn case_value(op: &Operation, case: &ResponseCase, read: Option<&TokenStream>) -> TokenStream {
    let read_response = quote!(response);
    let response = read.unwrap_or(&read_response);
    let side = if case.success { &op.success } else { &op.error };
    let Payload::Enum(_) = side else {
        // All the cases of this side share its payload.
        return match (case.success, side) {
            (true, Payload::Json(_)) => quote!(#response.json()),
            (true, Payload::Text) => quote!(#response.text()),
            (true, Payload::Bytes) => quote!(#response.bytes()),
            (true, _) => quote!(#response.empty()),
            (false, Payload::Json(_)) => quote!(#response.error_json()),
            (false, Payload::Text) => quote!(#response.error_text()),
            (false, Payload::Bytes) => quote!(#response.error_bytes()),
            (false, _) => quote!(#response.error_empty()),
        };
    };
    // The enum goes by its alias in `send` (see `aliases`).
    let name = if case.success { quote!(S) } else { quote!(E) };
    let value = |variant: &str, payload: &Payload, response: &TokenStream| {
        let variant = ident(variant);
        let wrap = quote!(#name::#variant);
        match (case.success, payload) {
            (true, Payload::Json(_)) => quote!(#response.json_as(#wrap)),
            (true, Payload::Text) => quote!(#response.text_as(#wrap)),
            (true, Payload::Bytes) => quote!(#response.bytes_as(#wrap)),
            (true, _) => quote!(#response.empty_as(#wrap)),
            (false, Payload::Json(_)) => quote!(#response.error_json_as(#wrap)),
            (false, Payload::Text) => quote!(#response.error_text_as(#wrap)),
            (false, Payload::Bytes) => quote!(#response.error_bytes_as(#wrap)),
            (false, _) => quote!(#response.error_empty_as(#wrap)),
        }
    };
    if case.media.is_empty() {
        return value(&case.variant, &case.payload, response);
    }
    let declared: Vec<&str> = case.media.iter().map(|m| m.media_type.as_str()).collect();
    let last = case.media.len() - 1;
    let arms = case.media.iter().enumerate().map(|(i, m)| {
        let index = Literal::usize_unsuffixed(i);
        let pattern = if i == last { quote!(_) } else { quote!(#index) };
        let v = value(&m.variant, &m.payload, &quote!(response));
        quote!(#pattern => #v,)
    });
    let choose = quote! {
        match response.media_index(&[ #( #declared ),* ]) {
            #( #arms )*
        }
    };
    // The media type is chosen on the answer read once.
    match read {
        None => choose,
        Some(read) => quote!({
            let response = #read;
            #choose
        }),
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
                let mut note = format!("Status {status}");
                if let Some(media) = media {
                    note.push_str(&format!(", `{media}`"));
                }
                note.push('.');
                let docs = docs::with_note(&Docs { text: case.docs.text.clone(), deprecated: false }, &note);
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
            #[non_exhaustive]
            pub enum #name {
                #( #variants )*
            }
        });
    }
    out
}
