//! `builder.rs`: one request builder per operation: its struct and setters, `send` (and
//! `send_stream` for binary answers). Its parts: `bodies` (request bodies, multipart
//! structs), `request` (the request `send` builds), `responses` (reading and decoding the
//! answer, the operations' own response enums).

mod bodies;
mod request;
mod responses;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{docs, rust_type};
use crate::ident::ident;
use crate::model::{Api, Docs, Location, Operation, Param, ParamStyle, Payload, TypeRef};
use bodies::{body_setters, multipart_structs};
use request::prepare_request;
use responses::{fallback, headers_type, response_arm, response_enums, status_pattern, typed_headers};

pub(crate) fn builder_file(api: &Api) -> TokenStream {
    let ops = api.operations.iter().map(|op| operation(api, op));
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
        Payload::Enum(name) => {
            let name = ident(name);
            quote!(super::builder::#name)
        }
    }
}

/// Names of the locals of `send`, chosen so that no parameter (a local of the same name
/// after destructuring) is shadowed: `url`, or `url_` when a parameter is called `url`.
pub(crate) struct Locals {
    pub url: Ident,
    pub query: Ident,
    pub headers: Ident,
    pub cookies: Ident,
}

impl Locals {
    fn new(op: &Operation) -> Self {
        let free = |base: &str| {
            let mut name = base.to_owned();
            while op.params.iter().any(|p| p.name == name) {
                name.push('_');
            }
            format_ident!("{name}")
        };
        Locals { url: free("url"), query: free("query"), headers: free("headers"), cookies: free("cookies") }
    }
}

fn operation(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.builder_name);
    let doc_line =
        format!(" Request builder of `{}` (`{} {}`).", op.id, op.method.as_str().to_uppercase(), op.path_template);
    let fields: Vec<Ident> = op.params.iter().map(|p| ident(&p.name)).collect();
    let field_types: Vec<TokenStream> = op.params.iter().map(|p| rust_type(p.ty.without_option(), &types())).collect();
    let setters = op.params.iter().map(setter);
    let (body_field, body_init, body_setters) = match &op.body {
        Some(body) => {
            let (field_type, setters) = body_setters(api, body);
            (
                Some(quote!(body: ::std::option::Option<#field_type>,)),
                Some(quote!(body: ::std::option::Option::None,)),
                Some(setters),
            )
        }
        None => (None, None, None),
    };
    let send = send(api, op);
    let send_doc = if op.success == Payload::Bytes {
        " [`send`](Self::send) or [`send_stream`](Self::send_stream) is awaited."
    } else {
        " [`send`](Self::send) is awaited."
    };
    let enums = response_enums(op);
    let multipart = op.body.as_ref().map(|body| multipart_structs(api, body));
    let limits = limit_setters(op);
    quote! {
        #[doc = #doc_line]
        ///
        /// Made by the client's method of the same operation; nothing is sent until
        #[doc = #send_doc]
        #[derive(Debug, Clone)]
        #[must_use = "a request builder does nothing until `send` is awaited"]
        pub struct #name<'a> {
            client: &'a super::client::Client,
            #( #fields: ::std::option::Option<#field_types>, )*
            #body_field
            call_timeout: ::std::option::Option<::std::time::Duration>,
            max_response_bytes: ::std::option::Option<usize>,
        }

        impl<'a> #name<'a> {
            pub(super) fn new(client: &'a super::client::Client) -> Self {
                Self {
                    client,
                    #( #fields: ::std::option::Option::None, )*
                    #body_init
                    call_timeout: ::std::option::Option::None,
                    max_response_bytes: ::std::option::Option::None,
                }
            }

            #( #setters )*
            #body_setters
            #limits
            #send
        }

        #enums
        #multipart
    }
}

fn setter(p: &Param) -> TokenStream {
    let name = ident(&p.name);
    let doc = docs::attrs(&p.docs);
    let location = match p.location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Cookie => "cookie",
    };
    let mut note = format!(" The `{}` {location} parameter{}.", p.wire, if p.required { " (required)" } else { "" });
    if p.client_level {
        note.push_str(" Defaults to the value set on the client.");
    }
    let (arg, convert) = match p.ty.without_option() {
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

/// `call_timeout` and `max_response_bytes`: the call's limits, instead of the client's.
fn limit_setters(op: &Operation) -> TokenStream {
    let streamed = (op.success == Payload::Bytes).then(
        || quote!(#[doc = ""] #[doc = " The successful body of [`send_stream`](Self::send_stream) is not limited."]),
    );
    quote! {
        /// How long this call may take, from connecting to the last byte of the answer,
        /// instead of the client's `call_timeout` (30 s unless set there); past it the call
        /// fails with [`Error::Timeout`](super::runtime::Error::Timeout).
        pub fn call_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.call_timeout = ::std::option::Option::Some(timeout);
            self
        }

        /// The largest answer body this call reads, in bytes, instead of the client's
        /// `max_response_bytes` (16 MiB unless set there); a larger one fails the call with
        /// [`Error::ResponseTooLarge`](super::runtime::Error::ResponseTooLarge).
        #streamed
        pub fn max_response_bytes(mut self, limit: usize) -> Self {
            self.max_response_bytes = ::std::option::Option::Some(limit);
            self
        }
    }
}

fn style_tokens(style: ParamStyle) -> TokenStream {
    let variant = match style {
        ParamStyle::Simple => quote!(Simple),
        ParamStyle::Label => quote!(Label),
        ParamStyle::Matrix => quote!(Matrix),
        ParamStyle::Form => quote!(Form),
        ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(PipeDelimited),
        ParamStyle::DeepObject => quote!(DeepObject),
    };
    quote!(super::runtime::Style::#variant)
}

fn send(api: &Api, op: &Operation) -> TokenStream {
    let success = payload_type(&op.success);
    let error = payload_type(&op.error);
    let headers_type = headers_type(op);
    let prepare = prepare_request(api, op);
    let arms = op.responses.iter().map(|case| response_arm(op, case, &quote!(response)));
    let fallback = fallback(op);
    let errors_doc = docs::attrs(&Docs::new(&[], || {
        "Sends the request and decodes the answer.\n\n# Errors\n\n[`Error::InvalidRequest`](super::runtime::Error::InvalidRequest) before anything is sent when a \
         required value is missing or a value breaks the document's rules; otherwise transport errors, \
         timeouts, the documented error responses, undocumented statuses (redirects among them), \
         answers that do not decode and bodies larger than the limit."
            .to_owned()
    }));
    let stream = (op.success == Payload::Bytes).then(|| send_stream(op, &prepare));
    let allow = allow_names(op);
    let limits = call_limits();
    quote! {
        #errors_doc
        #allow
        pub async fn send(self) -> ::std::result::Result<
            super::runtime::ResponseValue<#success, #headers_type>,
            super::runtime::Error<#error>,
        > {
            #prepare
            let response = super::runtime::execute(request, #limits).await?;
            match response.status_code() {
                #( #arms )*
                #fallback
            }
        }

        #stream
    }
}

/// The call's limits: the request's own, else the client's.
fn call_limits() -> TokenStream {
    quote! {
        super::runtime::Limits {
            timeout: call_timeout.unwrap_or(client.call_timeout),
            max_response_bytes: max_response_bytes.unwrap_or(client.max_response_bytes),
        }
    }
}

/// Parameters become locals of `send`; clippy objects to locals called `foo`, `baz` or
/// `quux` (its default `disallowed-names`), which documents do use.
fn allow_names(op: &Operation) -> Option<TokenStream> {
    op.params
        .iter()
        .any(|p| ["foo", "baz", "quux"].contains(&p.name.as_str()))
        .then(|| quote!(#[allow(clippy::disallowed_names)]))
}

/// `send_stream`: the successful answer's body as a stream; everything else as `send`.
fn send_stream(op: &Operation, prepare: &TokenStream) -> TokenStream {
    let headers_type = headers_type(op);
    let error = payload_type(&op.error);
    let success: Vec<TokenStream> =
        op.responses.iter().filter(|c| c.success).filter_map(|c| status_pattern(op, c.status)).collect();
    let typed = match op.response_headers {
        Some(_) => {
            let typed = typed_headers(op, &quote!(head));
            quote!({
                let head = response.head();
                #typed
            })
        }
        None => quote!(()),
    };
    // The error arms are `send`'s, after the streamed successes.
    let error_arms = op.responses.iter().filter(|c| !c.success).map(|case| response_arm(op, case, &quote!(response)));
    let fallback = fallback(op);
    let allow = allow_names(op);
    let limits = call_limits();
    quote! {
        /// Sends the request; a successful answer's body is not read but handed over as a
        /// [`ByteStream`](super::runtime::ByteStream) of chunks, for large downloads (not
        /// limited by `max_response_bytes`; the call's timeout still covers the whole body).
        ///
        /// # Errors
        ///
        /// As [`send`](Self::send); errors while reading the stream come from its methods.
        #allow
        pub async fn send_stream(self) -> ::std::result::Result<
            super::runtime::ResponseValue<super::runtime::ByteStream, #headers_type>,
            super::runtime::Error<#error>,
        > {
            #prepare
            let response = super::runtime::execute(request, #limits).await?;
            match response.status_code() {
                #( #success )|* => {
                    let typed_headers = #typed;
                    ::std::result::Result::Ok(response.into_stream(typed_headers))
                }
                #( #error_arms )*
                #fallback
            }
        }
    }
}
