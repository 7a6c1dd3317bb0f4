//! `builder.rs`: one request builder per operation: its struct and setters, `send` (and
//! `send_stream` for binary answers). Its parts: `request` (the request `send` builds),
//! `bodies` (request bodies), `responses` (the status arms, response headers and enums),
//! `terms` (the words they share). The multipart structs emitted beside the operations
//! are `emit::types::multipart`.

mod arguments;
mod bodies;
mod request;
mod responses;
mod terms;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::features::{gate, Features};
use super::types::multipart::multipart_structs;
use super::{docs, rust_type};
use crate::ident::ident;
use crate::model::{Api, Docs, Location, Operation, Param, Payload};
pub(crate) use arguments::argument;
use bodies::{body_setters, BodySetters};
use request::prepare_request;
use responses::{aliases, arms, from_head, headers_type, response_enums};
use terms::{payload_type, types};

pub(crate) fn builder_file(api: &Api, features: &Features) -> TokenStream {
    let ops = api.operations.iter().map(|op| gate(features.operation(op).as_ref(), operation(api, op)));
    // After the operations: a struct of response headers may serve several.
    let heads = api
        .response_header_structs()
        .into_iter()
        .map(|(name, headers, users)| gate(features.any_operation(users).as_ref(), from_head(name, headers)));
    quote! { #( #ops )* #( #heads )* }
}

fn operation(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.builder_name);
    let streamed = op.success == Payload::Bytes;
    let awaited =
        if streamed { "[`send`](Self::send) or [`send_stream`](Self::send_stream)" } else { "[`send`](Self::send)" };
    let doc_line = format!(
        " Request builder of `{}` (`{} {}`), made by `Client::{}`; nothing is sent until {awaited} is awaited.",
        op.id,
        op.method.as_str().to_uppercase(),
        op.path_template,
        op.method_name.trim_start_matches("r#")
    );
    let (positional, optional): (Vec<&Param>, Vec<&Param>) = op.params.iter().partition(|p| p.positional());
    let field = |p: &&Param| ident(&p.name);
    let field_type = |p: &&Param| rust_type(p.ty.without_option(), &types());
    let (args, arg_types): (Vec<Ident>, Vec<TokenStream>) =
        positional.iter().map(|p| (field(p), field_type(p))).unzip();
    let (fields, field_types): (Vec<Ident>, Vec<TokenStream>) =
        optional.iter().map(|p| (field(p), field_type(p))).unzip();
    let mut entries: Vec<TokenStream> = optional.iter().map(|p| setter(p)).collect();
    let (body_field, body_setters) = match &op.body {
        Some(body) => {
            let (field_type, setters) = body_setters(api, body);
            let fns = match setters {
                BodySetters::Entry(entry) => {
                    entries.push(entry);
                    None
                }
                BodySetters::Fns(fns) => Some(fns),
            };
            (Some(quote!(pub(super) body: ::std::option::Option<#field_type>,)), fns)
        }
        None => (None, None),
    };
    let setters = (!entries.is_empty()).then(|| quote!(super::runtime::setters! { #( #entries ),* }));
    let limits = if streamed {
        quote!(super::runtime::limit_setters!(stream);)
    } else {
        quote!(super::runtime::limit_setters!();)
    };
    // Only `prepare` (of a streamed answer) names the lifetime.
    let impl_header = if streamed { quote!(impl<'a> #name<'a>) } else { quote!(impl #name<'_>) };
    let send = send(api, op);
    let enums = response_enums(op);
    let multipart = op.body.as_ref().map(|body| multipart_structs(api, body));
    quote! {
        #[doc = #doc_line]
        #[derive(Debug, Clone)]
        #[must_use = "a request builder does nothing until `send` is awaited"]
        pub struct #name<'a> {
            pub(super) client: super::runtime::WithLimits<'a, super::client::Client>,
            #( pub(super) #args: #arg_types, )*
            #( pub(super) #fields: ::std::option::Option<#field_types>, )*
            #body_field
        }

        #impl_header {
            #setters
            #body_setters
            #limits
            #send
        }

        #enums
        #multipart
    }
}

/// The setter's entry in the builder's `setters!` table (`runtime/setters.rs`).
fn setter(p: &Param) -> TokenStream {
    let name = ident(&p.name);
    let location = match p.location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Cookie => "cookie",
    };
    let mut note = format!("The `{}` {location} parameter{}.", p.wire, if p.required { " (required)" } else { "" });
    if p.client_level {
        note.push_str(" Defaults to the value set on the client.");
    }
    // A parameter the document does not describe: the note alone says what it is.
    let doc = if !p.described() {
        docs::with_note(&Docs { text: String::new(), deprecated: p.docs.deprecated }, &note)
    } else {
        docs::with_note(&p.docs, &note)
    };
    let argument = argument(&p.ty, &ident("value"));
    let (ty, value) = (argument.ty, argument.value);
    quote! { #doc #name(value: #ty) = #value }
}

/// One line: the same for every operation, where the failures are listed once, on `Error`.
const SEND_DOC: &str = "Sends the request and decodes the answer; a value that breaks the document's rules is \
     [`Error::InvalidRequest`](super::runtime::Error::InvalidRequest) before anything is sent, and the other \
     failures are the [`Error`](super::runtime::Error) variants.";

/// `send`, and `send_stream` for binary answers: the request is prepared in `send`, or,
/// when both need it, in a `prepare` of their own.
fn send(api: &Api, op: &Operation) -> TokenStream {
    let success = payload_type(&op.success);
    let error = payload_type(&op.error);
    let headers_type = headers_type(op);
    let prepare = prepare_request(api, op, op.success != Payload::Bytes);
    let errors_doc = docs::attrs(&Docs::new(&[], || SEND_DOC.to_owned()));
    let call = if op.success == Payload::Bytes { quote!(self.prepare()?) } else { quote!(call) };
    let arms_send = arms(op, false, &call);
    let aliases_send = aliases(op, false);
    let result = |body: TokenStream| match &headers_type {
        Some(headers) => quote!(super::runtime::CallResult<#body, #error, #headers>),
        None => quote!(super::runtime::CallResult<#body, #error>),
    };
    let send_result = result(success);
    if op.success != Payload::Bytes {
        return quote! {
            #errors_doc
            pub async fn send(self) -> #send_result {
                #aliases_send
                #prepare
                #arms_send
            }
        };
    }
    let stream_result = result(quote!(super::runtime::ByteStream));
    let arms_stream = arms(op, true, &call);
    let aliases_stream = aliases(op, true);
    quote! {
        /// The request, checked and ready to send.
        fn prepare(self) -> ::std::result::Result<super::runtime::Call<'a>, super::runtime::InvalidRequest> {
            #prepare
            ::std::result::Result::Ok(call)
        }

        #errors_doc
        pub async fn send(self) -> #send_result {
            #aliases_send
            #arms_send
        }

        /// Sends the request; a successful answer's body is not read but handed over as a
        /// [`ByteStream`](super::runtime::ByteStream) of chunks, for large downloads (not
        /// limited by `max_response_bytes`; the call's timeout still covers the whole body).
        ///
        /// # Errors
        ///
        /// As [`send`](Self::send); errors while reading the stream come from its methods.
        pub async fn send_stream(self) -> #stream_result {
            #aliases_stream
            #arms_stream
        }
    }
}
