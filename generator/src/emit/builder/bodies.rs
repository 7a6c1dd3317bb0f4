//! Request bodies: the body field and its setters, and setting the body in `send` (the
//! structs of `multipart/form-data` bodies with files are `emit::types::multipart`).

use proc_macro2::TokenStream;
use quote::quote;

use super::terms::{style_tokens, types};
use crate::emit::types::validate;
use crate::emit::{docs, rust_type};
use crate::ident::ident;
use crate::model::{Api, BodyKind, FieldEncoding, MultipartBody, RequestBody, TypeRef};

/// The type a body setter takes, and how it is turned into the stored value.
fn body_arg(kind: &BodyKind) -> (TokenStream, TokenStream) {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form { ty, .. } | BodyKind::Multipart(MultipartBody::Value { ty, .. }) => {
            let ty = rust_type(ty, &types());
            (quote!(value: #ty), quote!(value))
        }
        BodyKind::Multipart(MultipartBody::Files(s)) => {
            let name = ident(&s.name);
            (quote!(value: #name), quote!(value))
        }
        BodyKind::Text => (quote!(value: impl ::std::convert::Into<::std::string::String>), quote!(value.into())),
        BodyKind::Bytes => (quote!(value: impl ::std::convert::Into<::std::vec::Vec<u8>>), quote!(value.into())),
    }
}

/// The stored type of a body of one media type.
fn body_type(kind: &BodyKind) -> TokenStream {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form { ty, .. } | BodyKind::Multipart(MultipartBody::Value { ty, .. }) => {
            rust_type(ty, &types())
        }
        BodyKind::Multipart(MultipartBody::Files(s)) => {
            let name = ident(&s.name);
            quote!(#name)
        }
        BodyKind::Text => quote!(::std::string::String),
        BodyKind::Bytes => quote!(::std::vec::Vec<u8>),
    }
}

/// An expression of type `Result<EncodedBody, InvalidRequest>` encoding `value` (an owned
/// value of the body's stored type).
fn encode_body(api: &Api, kind: &BodyKind, media: &str, value: TokenStream) -> TokenStream {
    // The document's limits (length, items, bounds), where the type has any, are checked
    // before encoding.
    let checked = |ty: &TypeRef, then: TokenStream| {
        if validate::needs_check(api, ty) {
            quote! {
                super::runtime::Validate::validate(&#value, &super::runtime::Path::Root("body")).and_then(|()| #then)
            }
        } else {
            then
        }
    };
    match kind {
        BodyKind::Json(ty) => checked(ty, quote!(super::runtime::EncodedBody::json("body", &#value, #media))),
        BodyKind::Text => quote! {
            ::std::result::Result::Ok(super::runtime::EncodedBody::raw(#media, ::std::string::String::into_bytes(#value)))
        },
        BodyKind::Bytes => quote!(::std::result::Result::Ok(super::runtime::EncodedBody::raw(#media, #value))),
        BodyKind::Form { ty, fields } => {
            let fields = fields.iter().map(form_field);
            checked(ty, quote!(super::runtime::EncodedBody::form("body", &#value, &[ #( #fields ),* ])))
        }
        BodyKind::Multipart(MultipartBody::Value { ty, json }) => {
            let encode =
                checked(ty, quote!(super::runtime::Multipart::from_fields("body", &#value, &[ #( #json ),* ])));
            quote!(#encode.map(super::runtime::Multipart::finish))
        }
        BodyKind::Multipart(MultipartBody::Files(_)) => quote!(#value.encode()),
    }
}

fn form_field(f: &FieldEncoding) -> TokenStream {
    let (name, explode, json) = (&f.wire, f.explode, f.json);
    let style = style_tokens(f.style);
    quote!(super::runtime::FormField { name: #name, style: #style, explode: #explode, json: #json })
}

/// The setters of a request body.
pub(super) enum BodySetters {
    /// An entry of the `setters!` table: `body(value: T) = value`.
    Entry(TokenStream),
    /// The setter fns of a body of several media types.
    Fns(TokenStream),
}

/// Whether the body of one media type is stored as given and encoded by `send` (the
/// shapes the generator has always emitted) rather than encoded by its setter.
fn stored_typed(body: &RequestBody) -> bool {
    body.alternatives.is_empty()
}

/// The stored type of the `body` field and its setters: the entry of the builder's
/// `setters!` table for a body of one media type, else a setter fn per media type (each sets
/// `body`, which is not its name).
pub(super) fn body_setters(api: &Api, body: &RequestBody) -> (TokenStream, BodySetters) {
    let doc = docs::attrs(&body.docs);
    let media = &body.media_type;
    if stored_typed(body) {
        let (arg, convert) = body_arg(&body.kind);
        let ty = body_type(&body.kind);
        // The note is left out for JSON, the usual case.
        let note = (media != "application/json").then(|| {
            let note = format!(" Sent as `{media}`.");
            quote!(#[doc = ""] #[doc = #note])
        });
        return (ty, BodySetters::Entry(quote! { #doc #note body(#arg) = #convert }));
    }
    let others: Vec<String> =
        body.alternatives.iter().map(|a| format!("[`{}`](Self::{})", a.setter, a.setter)).collect();
    let mut setters = Vec::new();
    let mut all = vec![("body".to_owned(), media.clone(), &body.kind)];
    all.extend(body.alternatives.iter().map(|a| (a.setter.clone(), a.media_type.clone(), &a.kind)));
    for (i, (setter, media, kind)) in all.into_iter().enumerate() {
        let name = ident(&setter);
        let (arg, convert) = body_arg(kind);
        let encode = encode_body(api, kind, &media, convert);
        let note = if i == 0 {
            format!(
                " Sent as `{media}`. The operation also takes other media types: {}; the last body set is sent.",
                others.join(", ")
            )
        } else {
            format!(" Sent as `{media}`, instead of the body of [`body`](Self::body); the last body set is sent.")
        };
        setters.push(quote! {
            #doc
            ///
            #[doc = #note]
            pub fn #name(mut self, #arg) -> Self {
                self.body = ::std::option::Option::Some(#encode);
                self
            }
        });
    }
    (
        quote!(::std::result::Result<super::runtime::EncodedBody, super::runtime::InvalidRequest>),
        BodySetters::Fns(quote!( #( #setters )* )),
    )
}

/// Sets the body on the request being built (the `call` local of `send`).
pub(super) fn apply_body(api: &Api, body: &RequestBody) -> TokenStream {
    let media = &body.media_type;
    if !stored_typed(body) {
        // Encoded by its setter: a `Result` that may hold the setter's error.
        return if body.required {
            quote!(call.encoded(super::runtime::required("body", self.body)??);)
        } else {
            quote! {
                if let ::std::option::Option::Some(body) = self.body {
                    call.encoded(body?);
                }
            }
        };
    }
    let set = match &body.kind {
        BodyKind::Text | BodyKind::Bytes => quote!(call.raw(#media, body);),
        // The document's limits (length, items, bounds), where the type has any, are
        // checked before encoding.
        BodyKind::Json(ty) if validate::needs_check(api, ty) => quote! {
            super::runtime::Validate::validate(&body, &super::runtime::Path::Root("body"))?;
            call.json(#media, &body)?;
        },
        BodyKind::Json(_) => quote!(call.json(#media, &body)?;),
        kind => {
            let encode = encode_body(api, kind, media, quote!(body));
            quote!(call.encoded(#encode?);)
        }
    };
    if body.required && matches!(body.kind, BodyKind::Json(ref ty) if !validate::needs_check(api, ty)) {
        // One line: the value goes straight to the encoder.
        quote!(call.json(#media, &super::runtime::required("body", self.body)?)?;)
    } else if body.required {
        quote! {
            let body = super::runtime::required("body", self.body)?;
            #set
        }
    } else {
        quote! {
            if let ::std::option::Option::Some(body) = self.body {
                #set
            }
        }
    }
}
