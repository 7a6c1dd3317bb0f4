//! `builder.rs`: one request builder per operation, with `send` (and `send_stream` for
//! binary answers); the operations' own response enums and multipart structs.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use super::types::validate;
use super::{docs, rust_type, security};
use crate::ident::ident;
use crate::model::{
    Api, BodyKind, Docs, FieldEncoding, Location, Method, MultipartBody, MultipartStruct, Operation, Param,
    ParamEncoding, ParamStyle, PartKind, PathPart, Payload, RequestBody, ResponseCase, StatusMatch, TypeDef, TypeRef,
};

pub(crate) fn builder_file(api: &Api) -> TokenStream {
    // Which types have limits: computed once, and only when a multipart struct needs it.
    let needs = OnceCell::new();
    let ops = api.operations.iter().map(|op| operation(api, op, &needs));
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

fn operation(api: &Api, op: &Operation, needs: &OnceCell<BTreeSet<String>>) -> TokenStream {
    let name = ident(&op.builder_name);
    let doc_line =
        format!(" Request builder of `{}` (`{} {}`).", op.id, op.method.as_str().to_uppercase(), op.path_template);
    let fields: Vec<Ident> = op.params.iter().map(|p| ident(&p.name)).collect();
    let field_types: Vec<TokenStream> = op.params.iter().map(|p| rust_type(p.ty.without_option(), &types())).collect();
    let setters = op.params.iter().map(setter);
    let (body_field, body_init, body_setters) = match &op.body {
        Some(body) => {
            let (field_type, setters) = body_setters(body);
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
    let multipart = op.body.as_ref().map(|body| multipart_structs(api, body, needs));
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

// ---------------------------------------------------------------------------------------
// request bodies

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
fn encode_body(kind: &BodyKind, media: &str, value: TokenStream) -> TokenStream {
    match kind {
        // The document's limits (length, items, bounds) are checked before encoding.
        BodyKind::Json(_) => quote! {
            super::runtime::Validate::validate(&#value, &super::runtime::Path::Root("body"))
                .and_then(|()| super::runtime::EncodedBody::json("body", &#value, #media))
        },
        BodyKind::Text => quote! {
            ::std::result::Result::Ok(super::runtime::EncodedBody::raw(#media, ::std::string::String::into_bytes(#value)))
        },
        BodyKind::Bytes => quote!(::std::result::Result::Ok(super::runtime::EncodedBody::raw(#media, #value))),
        BodyKind::Form { fields, .. } => {
            let fields = fields.iter().map(form_field);
            quote! {
                super::runtime::Validate::validate(&#value, &super::runtime::Path::Root("body"))
                    .and_then(|()| super::runtime::EncodedBody::form("body", &#value, &[ #( #fields ),* ]))
            }
        }
        BodyKind::Multipart(MultipartBody::Value { json, .. }) => quote! {
            super::runtime::Validate::validate(&#value, &super::runtime::Path::Root("body"))
                .and_then(|()| super::runtime::Multipart::from_fields("body", &#value, &[ #( #json ),* ]))
                .map(super::runtime::Multipart::finish)
        },
        BodyKind::Multipart(MultipartBody::Files(_)) => quote!(#value.encode()),
    }
}

fn form_field(f: &FieldEncoding) -> TokenStream {
    let (name, explode, json) = (&f.wire, f.explode, f.json);
    let style = style_tokens(f.style);
    quote!(super::runtime::FormField { name: #name, style: #style, explode: #explode, json: #json })
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

/// Whether the body of one media type is stored as given and encoded by `send` (the
/// shapes the generator has always emitted) rather than encoded by its setter.
fn stored_typed(body: &RequestBody) -> bool {
    body.alternatives.is_empty()
}

/// The stored type of the `body` field and the setters.
fn body_setters(body: &RequestBody) -> (TokenStream, TokenStream) {
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
        let setter = quote! {
            #doc
            #note
            pub fn body(mut self, #arg) -> Self {
                self.body = ::std::option::Option::Some(#convert);
                self
            }
        };
        return (ty, setter);
    }
    let others: Vec<String> =
        body.alternatives.iter().map(|a| format!("[`{}`](Self::{})", a.setter, a.setter)).collect();
    let mut setters = Vec::new();
    let mut all = vec![("body".to_owned(), media.clone(), &body.kind)];
    all.extend(body.alternatives.iter().map(|a| (a.setter.clone(), a.media_type.clone(), &a.kind)));
    for (i, (setter, media, kind)) in all.into_iter().enumerate() {
        let name = ident(&setter);
        let (arg, convert) = body_arg(kind);
        let encode = encode_body(kind, &media, convert);
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
        quote!( #( #setters )* ),
    )
}

/// Sets the body on `request` (a local of that name) in `send`.
fn apply_body(body: &RequestBody) -> TokenStream {
    let media = &body.media_type;
    if !stored_typed(body) {
        return if body.required {
            quote! {
                let body = super::runtime::required("body", body)??;
                let request = body.apply(request);
            }
        } else {
            quote! {
                let request = match body {
                    ::std::option::Option::Some(body) => body?.apply(request),
                    ::std::option::Option::None => request,
                };
            }
        };
    }
    let set = match &body.kind {
        BodyKind::Json(_) | BodyKind::Text | BodyKind::Bytes => {
            let encode = match &body.kind {
                BodyKind::Json(_) => quote!({
                    super::runtime::Validate::validate(&body, &super::runtime::Path::Root("body"))?;
                    super::runtime::json_body("body", &body)?
                }),
                BodyKind::Text => quote!(::std::convert::Into::<::std::vec::Vec<u8>>::into(body)),
                _ => quote!(body),
            };
            quote! {
                request
                    .header(::reqwest::header::CONTENT_TYPE, ::reqwest::header::HeaderValue::from_static(#media))
                    .body(#encode)
            }
        }
        kind => {
            let encode = encode_body(kind, media, quote!(body));
            quote!((#encode)?.apply(request))
        }
    };
    if body.required {
        quote! {
            let body = super::runtime::required("body", body)?;
            let request = #set;
        }
    } else {
        quote! {
            let request = match body {
                ::std::option::Option::Some(body) => #set,
                ::std::option::Option::None => request,
            };
        }
    }
}

/// The structs of `multipart/form-data` bodies with files.
fn multipart_structs(api: &Api, body: &RequestBody, needs: &OnceCell<BTreeSet<String>>) -> TokenStream {
    let structs = body.multipart_structs().map(|s| {
        let needs = needs.get_or_init(|| validate::needing(&api.types));
        multipart_struct(s, &api.types, needs)
    });
    quote!( #( #structs )* )
}

fn multipart_struct(s: &MultipartStruct, defs: &BTreeMap<String, TypeDef>, needs: &BTreeSet<String>) -> TokenStream {
    let name = ident(&s.name);
    let doc = docs::attrs(&s.docs);
    let mut fields = Vec::new();
    let mut parts = Vec::new();
    // The limits of the value parts, checked before any part is encoded.
    let mut checks = Vec::new();
    for f in &s.fields {
        let field = ident(&f.name);
        let mut field_doc = docs::attrs(&Docs { deprecated: false, ..f.docs.clone() });
        let wire = &f.wire;
        let note = format!(" The `{wire}` part{}.", if f.required { " (required)" } else { "" });
        field_doc.extend(quote!(#[doc = ""] #[doc = #note]));
        let (ty, part) = match &f.kind {
            PartKind::Value { ty, json } => {
                checks.extend(validate::part_checks(f, ty, quote!(&self.#field), defs, needs));
                let (ty, part) = if f.required {
                    (ty.clone(), quote!(form.field("body", #wire, &self.#field, #json)?;))
                } else {
                    (
                        ty.clone().option(),
                        quote! {
                            if let ::std::option::Option::Some(value) = &self.#field {
                                form.field("body", #wire, value, #json)?;
                            }
                        },
                    )
                };
                (rust_type(&ty, &types()), part)
            }
            PartKind::File { content_type } if f.required => {
                (quote!(super::runtime::FilePart), quote!(form.file(#wire, &self.#field, #content_type);))
            }
            PartKind::File { content_type } => (
                quote!(::std::option::Option<super::runtime::FilePart>),
                quote! {
                    if let ::std::option::Option::Some(file) = &self.#field {
                        form.file(#wire, file, #content_type);
                    }
                },
            ),
            PartKind::Files { content_type } => (
                quote!(::std::vec::Vec<super::runtime::FilePart>),
                quote! {
                    for file in &self.#field {
                        form.file(#wire, file, #content_type);
                    }
                },
            ),
        };
        fields.push(quote!(#field_doc pub #field: #ty,));
        parts.push(part);
    }
    let form_mut = (!parts.is_empty()).then(|| quote!(mut));
    let path = (!checks.is_empty()).then(|| quote!(let path = &super::runtime::Path::Root("body");));
    // With nothing required, `..Default::default()` spares the caller the unset fields.
    let all_optional = s.fields.iter().all(|f| !f.required || matches!(f.kind, PartKind::Files { .. }));
    let default = all_optional.then(|| quote!(Default,));
    quote! {
        #doc
        ///
        /// Sent as `multipart/form-data`: a part per field that is set, files with their bytes.
        #[derive(Debug, Clone, PartialEq, #default)]
        pub struct #name {
            #( #fields )*
        }

        impl #name {
            /// The parts as a `multipart/form-data` body.
            fn encode(&self) -> ::std::result::Result<super::runtime::EncodedBody, super::runtime::InvalidRequest> {
                #path
                #( #checks )*
                let #form_mut form = super::runtime::Multipart::new();
                #( #parts )*
                ::std::result::Result::Ok(form.finish())
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// send

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

fn headers_type(op: &Operation) -> TokenStream {
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
fn fallback(op: &Operation) -> Option<TokenStream> {
    (!op.responses.iter().any(|c| c.status == StatusMatch::Default))
        .then(|| quote!(_ => ::std::result::Result::Err(response.skim().await.into_unexpected()),))
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

/// Everything `send` does before sending: destructuring, checks, URL, query, headers,
/// cookies, credentials, body; ends with a `request` local.
fn prepare_request(api: &Api, op: &Operation) -> TokenStream {
    let locals = Locals::new(op);
    let Locals { url: url_local, query, headers, cookies } = &locals;
    let fields: Vec<Ident> = op.params.iter().map(|p| ident(&p.name)).collect();
    let body_binding = op.body.as_ref().map(|_| quote!(body,));
    let prepare = op.params.iter().map(prepare_param);
    let writes = security::writes(api, op);
    let url = url(op, &locals, writes.query);
    let query_params: Vec<_> =
        op.params.iter().filter(|p| p.location == Location::Query).map(|p| query_param(p, &locals)).collect();
    let header_params: Vec<_> =
        op.params.iter().filter(|p| p.location == Location::Header).map(|p| header_param(p, &locals)).collect();
    let cookie_params: Vec<_> =
        op.params.iter().filter(|p| p.location == Location::Cookie).map(|p| cookie_param(p, &locals)).collect();
    let credentials = security::apply(api, op, &locals);
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
    let body = op.body.as_ref().map(apply_body);
    let sinks = match credentials {
        // The shape without credentials or cookies.
        None if cookie_params.is_empty() => {
            let query = (!query_params.is_empty()).then(|| {
                quote! {
                    let mut #query = super::runtime::QueryWriter::new();
                    #( #query_params )*
                    #query.finish(&mut #url_local);
                }
            });
            let headers = if header_params.is_empty() {
                quote!(let #headers = ::reqwest::header::HeaderMap::new();)
            } else {
                quote! {
                    let mut #headers = ::reqwest::header::HeaderMap::new();
                    #( #header_params )*
                }
            };
            quote!(#query #headers)
        }
        credentials => {
            let query_needed = !query_params.is_empty() || writes.query;
            let cookies_needed = !cookie_params.is_empty() || writes.cookie;
            let query_init = query_needed.then(|| quote!(let mut #query = super::runtime::QueryWriter::new();));
            let query_finish = query_needed.then(|| quote!(#query.finish(&mut #url_local);));
            let cookies_init = cookies_needed.then(|| quote!(let mut #cookies = super::runtime::CookieWriter::new();));
            let cookies_finish = cookies_needed.then(|| quote!(#cookies.finish(&mut #headers)?;));
            let headers_mut = (!header_params.is_empty() || writes.header || cookies_needed).then(|| quote!(mut));
            quote! {
                #query_init
                let #headers_mut #headers = ::reqwest::header::HeaderMap::new();
                #cookies_init
                #credentials
                #( #query_params )*
                #query_finish
                #( #header_params )*
                #( #cookie_params )*
                #cookies_finish
            }
        }
    };
    quote! {
        let Self { client, #( #fields, )* #body_binding call_timeout, max_response_bytes } = self;
        #( #prepare )*
        #url
        #sinks
        let request = client.http.request(::reqwest::Method::#method, #url_local).headers(#headers);
        #body
    }
}

/// Fills client-level values, enforces `required` and the schema's limits.
fn prepare_param(p: &Param) -> TokenStream {
    let name = ident(&p.name);
    // Header names are case-insensitive and sent lowercase; errors name them the same way.
    let wire = &wire_name(p);
    let mut out = TokenStream::new();
    if p.client_level {
        out.extend(quote!(let #name = #name.or_else(|| client.#name.clone());));
    }
    if p.required {
        out.extend(quote!(let #name = super::runtime::required(#wire, #name)?;));
    }
    if let Some(checks) = validate::param_checks(wire, p.ty.without_option(), &p.checks) {
        out.extend(with_value(p, checks));
    }
    out
}

fn wire_name(p: &Param) -> String {
    if p.location == Location::Header {
        p.wire.to_ascii_lowercase()
    } else {
        p.wire.clone()
    }
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

/// The JSON data of a parameter's value, for the runtime's style encoder.
fn to_value(wire: &str, value: TokenStream) -> TokenStream {
    quote!(&super::runtime::to_value(#wire, #value)?)
}

/// `query_credentials`: whether credentials may be sent in the query.
fn url(op: &Operation, locals: &Locals, query_credentials: bool) -> TokenStream {
    let mut format = String::from("{}");
    let mut args = Vec::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
            PathPart::Param(i) => {
                format.push_str("{}");
                let p = &op.params[*i];
                let name = ident(&p.name);
                let wire = &p.wire;
                // Path parameters are always required, so a plain value here.
                args.push(match p.encoding {
                    ParamEncoding::Styled { style, explode } => {
                        let style = style_tokens(style);
                        let value = to_value(wire, quote!(&#name));
                        quote!(super::runtime::path_param(#wire, #style, #explode, #value))
                    }
                    ParamEncoding::Json => quote! {
                        super::runtime::encode_path_segment(&super::runtime::json_ascii(&#name)
                            .map_err(|e| super::runtime::InvalidRequest::new(#wire, e.to_string()))?)
                    },
                    ParamEncoding::Plain { .. } => {
                        quote!(super::runtime::encode_path_segment(&::std::string::ToString::to_string(&#name)))
                    }
                });
            }
        }
    }
    let url = &locals.url;
    let needs_query = query_credentials || op.params.iter().any(|p| p.location == Location::Query);
    let mutability = needs_query.then(|| quote!(mut));
    quote!(let #mutability #url = ::std::format!(#format, client.base_url #(, #args)*);)
}

fn query_param(p: &Param, locals: &Locals) -> TokenStream {
    let wire = &p.wire;
    let query = &locals.query;
    let push = match (&p.encoding, p.ty.without_option()) {
        (ParamEncoding::Json, _) => quote! {
            let text = super::runtime::json_ascii(value).map_err(|e| super::runtime::InvalidRequest::new(#wire, e.to_string()))?;
            #query.push(#wire, &text);
        },
        (ParamEncoding::Styled { style, explode }, _) => {
            let style = style_tokens(*style);
            let value = to_value(wire, quote!(value));
            quote!(super::runtime::query_param(&mut #query, #wire, #style, #explode, #value);)
        }
        (ParamEncoding::Plain { explode: true }, TypeRef::Vec(_)) => quote! {
            for item in value {
                #query.push(#wire, &::std::string::ToString::to_string(item));
            }
        },
        (ParamEncoding::Plain { .. }, TypeRef::Vec(_)) => quote!(#query.push_list(#wire, value);),
        (ParamEncoding::Plain { .. }, _) => quote!(#query.push(#wire, &::std::string::ToString::to_string(value));),
    };
    with_value(p, push)
}

fn header_param(p: &Param, locals: &Locals) -> TokenStream {
    // Lowercase, as `HeaderName::from_static` requires; lowering checked it is a valid token.
    let header_name = p.wire.to_ascii_lowercase();
    let headers = &locals.headers;
    let text = match (&p.encoding, p.ty.without_option()) {
        (ParamEncoding::Json, _) => quote! {
            super::runtime::json_ascii(value).map_err(|e| super::runtime::InvalidRequest::new(#header_name, e.to_string()))?
        },
        (ParamEncoding::Styled { explode, .. }, _) => {
            let value = to_value(&header_name, quote!(value));
            quote!(super::runtime::header_text(#explode, #value))
        }
        (_, TypeRef::Vec(_)) => quote! {
            value.iter().map(::std::string::ToString::to_string).collect::<::std::vec::Vec<_>>().join(",")
        },
        _ => quote!(::std::string::ToString::to_string(value)),
    };
    with_value(p, quote!(super::runtime::insert_header(&mut #headers, #header_name, &#text)?;))
}

fn cookie_param(p: &Param, locals: &Locals) -> TokenStream {
    let wire = &p.wire;
    let cookies = &locals.cookies;
    let push = match &p.encoding {
        ParamEncoding::Json => quote! {
            let text = super::runtime::json_ascii(value).map_err(|e| super::runtime::InvalidRequest::new(#wire, e.to_string()))?;
            #cookies.push(#wire, #wire, &text)?;
        },
        ParamEncoding::Styled { explode, .. } => {
            let value = to_value(wire, quote!(value));
            quote!(#cookies.push_value(#wire, #explode, #value)?;)
        }
        ParamEncoding::Plain { .. } => {
            quote!(#cookies.push(#wire, #wire, &::std::string::ToString::to_string(value))?;)
        }
    };
    with_value(p, push)
}

// ---------------------------------------------------------------------------------------
// responses

/// The statuses of a case as a pattern. A range leaves out the statuses the operation also
/// declares on their own (`200` beside `2XX` makes `201..=299`), so no two arms overlap.
/// `None` for a range whose every status is declared on its own: no status reaches it.
fn status_pattern(op: &Operation, status: StatusMatch) -> Option<TokenStream> {
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
fn typed_headers(op: &Operation, response: &TokenStream) -> TokenStream {
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
fn response_arm(op: &Operation, case: &ResponseCase, response: &TokenStream) -> TokenStream {
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
fn response_enums(op: &Operation) -> TokenStream {
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
