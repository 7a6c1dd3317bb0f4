//! `builder.rs`: one request builder per operation, with `send`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{docs, rust_type};
use crate::ident::ident;
use crate::model::{
    Api, BodyKind, Checks, Location, Method, Operation, Param, ParamEncoding, PathPart, Payload, ResponseCase,
    StatusMatch, TypeRef,
};

pub(crate) fn builder_file(api: &Api) -> TokenStream {
    let ops = api.operations.iter().map(operation);
    quote! { #( #ops )* }
}

fn types() -> TokenStream {
    quote!(super::types::)
}

/// The type a payload decodes to (`()` for none).
pub(crate) fn payload_type(payload: &Payload) -> TokenStream {
    match payload {
        Payload::Json(ty) => rust_type(ty, &types()),
        Payload::Text => quote!(::std::string::String),
        Payload::Bytes => quote!(::bytes::Bytes),
        Payload::Empty => quote!(()),
    }
}

fn operation(op: &Operation) -> TokenStream {
    let name = ident(&op.builder_name);
    let doc_line =
        format!(" Request builder of `{}` (`{} {}`).", op.id, op.method.as_str().to_uppercase(), op.path_template);
    let fields: Vec<Ident> = op.params.iter().map(|p| ident(&p.name)).collect();
    let field_types: Vec<TokenStream> = op.params.iter().map(|p| rust_type(value_type(&p.ty), &types())).collect();
    let setters = op.params.iter().map(setter);
    let (body_field, body_init, body_setter) = match &op.body {
        Some(body) => {
            let ty = match &body.kind {
                BodyKind::Json(ty) => rust_type(ty, &types()),
                BodyKind::Text => quote!(::std::string::String),
                BodyKind::Bytes => quote!(::std::vec::Vec<u8>),
            };
            let doc = docs::attrs(&body.docs);
            let arg = match &body.kind {
                BodyKind::Json(_) => quote!(value: #ty),
                _ => quote!(value: impl ::std::convert::Into<#ty>),
            };
            let convert = match &body.kind {
                BodyKind::Json(_) => quote!(value),
                _ => quote!(value.into()),
            };
            (
                Some(quote!(body: ::std::option::Option<#ty>,)),
                Some(quote!(body: ::std::option::Option::None,)),
                Some(quote! {
                    #doc
                    pub fn body(mut self, #arg) -> Self {
                        self.body = ::std::option::Option::Some(#convert);
                        self
                    }
                }),
            )
        }
        None => (None, None, None),
    };
    let send = send(op);
    quote! {
        #[doc = #doc_line]
        ///
        /// Made by the client's method of the same operation; nothing is sent until
        /// [`send`](Self::send) is awaited.
        #[derive(Debug, Clone)]
        #[must_use = "a request builder does nothing until `send` is awaited"]
        pub struct #name<'a> {
            client: &'a super::client::Client,
            #( #fields: ::std::option::Option<#field_types>, )*
            #body_field
        }

        impl<'a> #name<'a> {
            pub(super) fn new(client: &'a super::client::Client) -> Self {
                Self {
                    client,
                    #( #fields: ::std::option::Option::None, )*
                    #body_init
                }
            }

            #( #setters )*
            #body_setter
            #send
        }
    }
}

/// Nullable parameters are set or not: `null` is never sent, so the setter takes the value.
fn value_type(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Option(inner) => inner,
        other => other,
    }
}

fn setter(p: &Param) -> TokenStream {
    let name = ident(&p.name);
    let doc = docs::attrs(&p.docs);
    let location = match p.location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
    };
    let mut note = format!(" The `{}` {location} parameter{}.", p.wire, if p.required { " (required)" } else { "" });
    if p.client_level {
        note.push_str(" Defaults to the value set on the client.");
    }
    let (arg, convert) = match value_type(&p.ty) {
        TypeRef::String => (quote!(value: impl ::std::convert::Into<::std::string::String>), quote!(value.into())),
        TypeRef::Vec(item) if **item == TypeRef::String => (
            quote!(value: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>),
            quote!(value.into_iter().map(::std::convert::Into::into).collect()),
        ),
        TypeRef::Vec(item) => {
            let item = rust_type(item, &types());
            (quote!(value: impl ::std::iter::IntoIterator<Item = #item>), quote!(value.into_iter().collect()))
        }
        other => {
            let ty = rust_type(other, &types());
            (quote!(value: #ty), quote!(value))
        }
    };
    quote! {
        #doc
        ///
        #[doc = #note]
        pub fn #name(mut self, #arg) -> Self {
            self.#name = ::std::option::Option::Some(#convert);
            self
        }
    }
}

fn send(op: &Operation) -> TokenStream {
    let success = payload_type(&op.success);
    let error = payload_type(&op.error);
    let headers_type = match &op.response_headers {
        Some((name, _)) => {
            let name = ident(name);
            quote!(super::types::#name)
        }
        None => quote!(()),
    };
    let fields: Vec<Ident> = op.params.iter().map(|p| ident(&p.name)).collect();
    let body_binding = op.body.as_ref().map(|_| quote!(body,));
    let prepare = op.params.iter().map(prepare_param);
    let url = url(op);
    let query_params: Vec<_> = op.params.iter().filter(|p| p.location == Location::Query).map(query_param).collect();
    let query = (!query_params.is_empty()).then(|| {
        quote! {
            let mut query = super::runtime::QueryWriter::new();
            #( #query_params )*
            query.finish(&mut url);
        }
    });
    let header_params: Vec<_> = op.params.iter().filter(|p| p.location == Location::Header).map(header_param).collect();
    let headers = if header_params.is_empty() {
        quote!(let headers = ::reqwest::header::HeaderMap::new();)
    } else {
        quote! {
            let mut headers = ::reqwest::header::HeaderMap::new();
            #( #header_params )*
        }
    };
    let method = match op.method {
        Method::Get => quote!(GET),
        Method::Put => quote!(PUT),
        Method::Post => quote!(POST),
        Method::Delete => quote!(DELETE),
        Method::Options => quote!(OPTIONS),
        Method::Head => quote!(HEAD),
        Method::Patch => quote!(PATCH),
        Method::Trace => quote!(TRACE),
    };
    let body = op.body.as_ref().map(|b| {
        let media = &b.media_type;
        let encode = match &b.kind {
            BodyKind::Json(_) => quote!(super::runtime::json_body("body", &body)?),
            BodyKind::Text => quote!(::std::convert::Into::<::std::vec::Vec<u8>>::into(body)),
            BodyKind::Bytes => quote!(body),
        };
        if b.required {
            quote! {
                let body = super::runtime::required("body", body)?;
                let request = request
                    .header(::reqwest::header::CONTENT_TYPE, ::reqwest::header::HeaderValue::from_static(#media))
                    .body(#encode);
            }
        } else {
            quote! {
                let request = match body {
                    ::std::option::Option::Some(body) => request
                        .header(::reqwest::header::CONTENT_TYPE, ::reqwest::header::HeaderValue::from_static(#media))
                        .body(#encode),
                    ::std::option::Option::None => request,
                };
            }
        }
    });
    let arms = op.responses.iter().map(|case| response_arm(op, case));
    let fallback = (!op.responses.iter().any(|c| c.status == StatusMatch::Default))
        .then(|| quote!(_ => ::std::result::Result::Err(response.into_unexpected()),));
    let errors_doc = docs::attrs(&crate::model::Docs::new(&[], || {
        "Sends the request and decodes the answer.\n\n# Errors\n\n[`Error::InvalidRequest`](super::runtime::Error::InvalidRequest) before anything is sent when a \
         required value is missing or a value breaks the document's rules; otherwise transport errors, \
         the documented error responses, undocumented statuses and answers that do not decode."
            .to_owned()
    }));
    quote! {
        #errors_doc
        pub async fn send(self) -> ::std::result::Result<
            super::runtime::ResponseValue<#success, #headers_type>,
            super::runtime::Error<#error>,
        > {
            let Self { client, #( #fields, )* #body_binding } = self;
            #( #prepare )*
            #url
            #query
            #headers
            let request = client.http.request(::reqwest::Method::#method, url).headers(headers);
            #body
            let response = super::runtime::execute(request).await?;
            match response.status_code() {
                #( #arms )*
                #fallback
            }
        }
    }
}

/// Fills client-level values, enforces `required` and the schema's limits.
fn prepare_param(p: &Param) -> TokenStream {
    let name = ident(&p.name);
    // Header names are case-insensitive and sent lowercase; errors name them the same way.
    let wire = &if p.location == Location::Header { p.wire.to_ascii_lowercase() } else { p.wire.clone() };
    let mut out = TokenStream::new();
    if p.client_level {
        out.extend(quote!(let #name = #name.or_else(|| client.#name.clone());));
    }
    if p.required {
        out.extend(quote!(let #name = super::runtime::required(#wire, #name)?;));
    }
    let checks = checks(&p.checks, value_type(&p.ty), wire);
    if !checks.is_empty() {
        out.extend(with_value(p, quote!( #( #checks )* )));
    }
    out
}

/// Runs `body` with `value` bound to a reference to the parameter's value, when there is one:
/// required parameters are plain values after `prepare_param`, optional ones `Option`s.
fn with_value(p: &Param, body: TokenStream) -> TokenStream {
    let name = ident(&p.name);
    if p.required {
        quote! {
            {
                let value = &#name;
                #body
            }
        }
    } else {
        quote! {
            if let ::std::option::Option::Some(value) = &#name {
                #body
            }
        }
    }
}

fn checks(c: &Checks, ty: &TypeRef, wire: &str) -> Vec<TokenStream> {
    use proc_macro2::Literal;
    let mut out = Vec::new();
    if let Some(min) = c.min_length.map(Literal::usize_unsuffixed) {
        out.push(quote!(super::runtime::check_min_length(#wire, value, #min)?;));
    }
    if let Some(max) = c.max_length.map(Literal::usize_unsuffixed) {
        out.push(quote!(super::runtime::check_max_length(#wire, value, #max)?;));
    }
    if let Some(min) = c.min_items.map(Literal::usize_unsuffixed) {
        out.push(quote!(super::runtime::check_min_items(#wire, value.len(), #min)?;));
    }
    if let Some(max) = c.max_items.map(Literal::usize_unsuffixed) {
        out.push(quote!(super::runtime::check_max_items(#wire, value.len(), #max)?;));
    }
    for (bound, side) in [(c.minimum, "minimum"), (c.maximum, "maximum")] {
        let Some((bound, exclusive)) = bound else { continue };
        // The runtime compares in i64 or f64; the value is widened losslessly where it can be.
        let (function, value, bound) = match value_type(ty) {
            TypeRef::I64 => ("i64", quote!(*value), Literal::i64_unsuffixed(bound as i64)),
            TypeRef::I32 | TypeRef::U32 => ("i64", quote!(i64::from(*value)), Literal::i64_unsuffixed(bound as i64)),
            TypeRef::F64 => ("f64", quote!(*value), Literal::f64_unsuffixed(bound)),
            TypeRef::F32 => ("f64", quote!(f64::from(*value)), Literal::f64_unsuffixed(bound)),
            _ => ("f64", quote!(*value as f64), Literal::f64_unsuffixed(bound)),
        };
        let function = quote::format_ident!("check_{side}_{function}");
        out.push(quote!(super::runtime::#function(#wire, #value, #bound, #exclusive)?;));
    }
    out
}

fn url(op: &Operation) -> TokenStream {
    let mut format = String::from("{}");
    let mut args = Vec::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            PathPart::Param(i) => {
                format.push_str("{}");
                let name = ident(&op.params[*i].name);
                // Path parameters are always required, so a plain value here.
                args.push(quote!(super::runtime::encode_path_segment(&::std::string::ToString::to_string(&#name))));
            }
        }
    }
    let mutability = op.params.iter().any(|p| p.location == Location::Query).then(|| quote!(mut));
    quote!(let #mutability url = ::std::format!(#format, client.base_url #(, #args)*);)
}

fn query_param(p: &Param) -> TokenStream {
    let wire = &p.wire;
    let push = match (&p.encoding, value_type(&p.ty)) {
        (ParamEncoding::Json, _) => quote! {
            let text = super::runtime::json_ascii(value).map_err(|e| super::runtime::InvalidRequest::new(#wire, e.to_string()))?;
            query.push(#wire, &text);
        },
        (ParamEncoding::Plain { explode: true }, TypeRef::Vec(_)) => quote! {
            for item in value {
                query.push(#wire, &::std::string::ToString::to_string(item));
            }
        },
        (ParamEncoding::Plain { .. }, TypeRef::Vec(_)) => quote!(query.push_list(#wire, value);),
        (ParamEncoding::Plain { .. }, _) => quote!(query.push(#wire, &::std::string::ToString::to_string(value));),
    };
    with_value(p, push)
}

fn header_param(p: &Param) -> TokenStream {
    // Lowercase, as `HeaderName::from_static` requires; lowering checked it is a valid token.
    let header_name = p.wire.to_ascii_lowercase();
    let text = match (&p.encoding, value_type(&p.ty)) {
        (ParamEncoding::Json, _) => quote! {
            super::runtime::json_ascii(value).map_err(|e| super::runtime::InvalidRequest::new(#header_name, e.to_string()))?
        },
        (_, TypeRef::Vec(_)) => quote! {
            value.iter().map(::std::string::ToString::to_string).collect::<::std::vec::Vec<_>>().join(",")
        },
        _ => quote!(::std::string::ToString::to_string(value)),
    };
    with_value(p, quote!(super::runtime::insert_header(&mut headers, #header_name, &#text)?;))
}

fn response_arm(op: &Operation, case: &ResponseCase) -> TokenStream {
    let pattern = match case.status {
        StatusMatch::Exact(code) => quote!(#code),
        StatusMatch::Range(class) => {
            let (lo, hi) = (class * 100, class * 100 + 99);
            quote!(#lo..=#hi)
        }
        StatusMatch::Default => quote!(_),
    };
    let decode = match &case.payload {
        Payload::Json(_) => quote!(response.json()?),
        Payload::Text => quote!(response.text()?),
        Payload::Bytes => quote!(response.bytes()),
        Payload::Empty => quote!(()),
    };
    if case.success {
        let typed = match &op.response_headers {
            Some((name, headers)) => {
                let name = ident(name);
                let fields = headers.iter().map(|h| {
                    let field = ident(&h.name);
                    let wire = h.wire.to_ascii_lowercase();
                    let required = h.required;
                    if required {
                        quote!(#field: response.required_header(#wire)?,)
                    } else {
                        quote!(#field: response.header(#wire, false)?,)
                    }
                });
                quote!(super::types::#name { #( #fields )* })
            }
            None => quote!(()),
        };
        quote! {
            #pattern => {
                let typed_headers = #typed;
                let body = #decode;
                ::std::result::Result::Ok(response.into_value(body, typed_headers))
            }
        }
    } else {
        match &case.payload {
            Payload::Json(_) => quote!(#pattern => ::std::result::Result::Err(response.into_error_response()),),
            _ => quote! {
                #pattern => {
                    let body = #decode;
                    ::std::result::Result::Err(super::runtime::Error::ErrorResponse(::std::boxed::Box::new(response.into_value(body, ()))))
                }
            },
        }
    }
}
