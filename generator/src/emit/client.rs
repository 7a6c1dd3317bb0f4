//! `client.rs`: the servers enum, `Client`, `ClientBuilder`, typed response-header accessors.

use proc_macro2::TokenStream;
use quote::quote;

use super::builder::argument;
use super::features::Features;
use super::types::validate;
use super::{docs, rust_type, security};
use crate::ident::ident;
use crate::model::{Api, ClientHeader, Operation, TypeRef};

/// The descriptions of the positional parameters the document describes, one list item
/// each, as a paragraph after `Sends ...` (empty when there is none). The item names the
/// parameter, so a placeholder sentence before its notes (`The \`id\` parameter.`) is left out.
fn positional_docs(op: &Operation) -> String {
    let items: Vec<String> = op
        .params
        .iter()
        .filter(|p| p.positional() && p.described())
        .map(|p| {
            let text = p.docs.text.trim();
            let placeholder = format!("The `{}` parameter.\n\n", p.wire);
            let text = text.strip_prefix(&placeholder).unwrap_or(text);
            format!("- `{}`: {}", p.name.trim_start_matches("r#"), text.replace('\n', "\n  "))
        })
        .collect();
    if items.is_empty() {
        String::new()
    } else {
        format!("\n\n{}", items.join("\n"))
    }
}

/// The client method of `op`, an entry of the client's `operations!` table
/// (`runtime/operations.rs`): its docs, its arguments (the positional parameters), the
/// builder it makes and the builder's other fields, which start unset.
fn operation_entry(op: &Operation, features: &Features) -> TokenStream {
    let method = ident(&op.method_name);
    let builder = ident(&op.builder_name);
    let line = format!("Sends `{} {}`.", op.method.as_str().to_uppercase(), op.path_template);
    let doc = docs::with_note(&op.docs, &format!("{line}{}", positional_docs(op)));
    let cfg = features.operation(op);
    let (positional, unset): (Vec<_>, Vec<_>) = op.params.iter().partition(|p| p.positional());
    let args = positional.iter().map(|p| {
        let name = ident(&p.name);
        let argument = argument(&p.ty, &name);
        let ty = argument.ty;
        // The macro converts the rest through `Into`.
        let value = (!argument.through_into).then_some(argument.value).map(|value| quote!(= #value));
        quote!(#name: #ty #value)
    });
    let unset: Vec<_> = unset.iter().map(|p| ident(&p.name)).chain(op.body.as_ref().map(|_| ident("body"))).collect();
    let unset = (!unset.is_empty()).then(|| quote!({ #( #unset ),* }));
    quote! {
        #cfg
        #doc
        #method(#( #args ),*) -> builder::#builder #unset
    }
}

pub(crate) fn client_file(api: &Api, features: &Features) -> TokenStream {
    let types = quote!(super::types::);
    let servers = servers_enum(api);
    let header_fields: Vec<_> = api.client_headers.iter().map(|h| ident(&h.name)).collect();
    let header_docs: Vec<_> = api.client_headers.iter().map(|h| docs::attrs(&h.docs)).collect();
    let setter_notes: Vec<_> = api
        .client_headers
        .iter()
        .map(|h| format!(" Sent as `{}` with every operation unless the request sets its own value.", h.wire))
        .collect();
    let header_types: Vec<_> = api.client_headers.iter().map(|h| rust_type(&h.ty, &types)).collect();
    let header_build = api.client_headers.iter().map(client_header_build);

    let entries: Vec<TokenStream> = api.operations.iter().map(|op| operation_entry(op, features)).collect();
    let operations = (!entries.is_empty()).then(|| quote!(super::runtime::operations! { #( #entries ),* }));

    let (region_setter, default_base) = match api.servers.first() {
        Some(_) => {
            let name = ident(&api.servers_enum);
            (
                Some(quote! {
                    /// Sends requests to the base URL of `server`.
                    pub fn region(mut self, server: #name) -> Self {
                        self.base_url = ::std::option::Option::Some(::std::borrow::ToOwned::to_owned(server.base_url()));
                        self
                    }
                }),
                quote!(::std::option::Option::Some(::std::borrow::ToOwned::to_owned(#name::default().base_url()))),
            )
        }
        None => (None, quote!(::std::option::Option::None)),
    };
    let base_doc = match (api.servers.first(), &api.relative_server) {
        (Some(s), _) => format!(" Base URL of the API; defaults to the first server of the document, `{}`.", s.url),
        (None, Some(path)) => format!(
            " Base URL of the API. Required: the document's server is the relative URL `{path}`. A URL of scheme and host only (`https://api.example.com`) gets `{path}` appended; a URL with a path is used as given."
        ),
        (None, None) => " Base URL of the API. Required: the document names no server.".to_owned(),
    };
    // The document's server is relative: a base URL without a path gets its path.
    let relative_server = api.relative_server.as_ref().map(|path| {
        quote! {
            let base_url = if base_url.matches('/').count() == 2 { base_url + #path } else { base_url };
        }
    });
    // Without operations (or with every one behind a feature left out) nothing starts a call.
    // A trait the request builders' `runtime::WithLimits` calls through, so that the call
    // borrows the client rather than the builder.
    let call = (!api.operations.is_empty()).then(|| {
        let cfg = features.every_operation(api);
        quote! {
            #cfg
            impl super::runtime::StartCall for Client {
                fn start_call(
                    &self,
                    operation: super::runtime::Operation,
                    limits: super::runtime::CallLimits,
                ) -> super::runtime::Call<'_> {
                    super::runtime::Call::new(&self.sender, operation, &self.base_url, limits.or(self.limits))
                }
            }
        }
    });
    let accessors = header_accessors(api, features);
    let security::ClientParts { client_fields, builder_fields, setters: credential_setters, build: credential_build } =
        security::client_parts(api, features);

    quote! {
        #servers

        /// Client of the API: a base URL, a transport (reqwest unless given another), hooks and
        /// the header values sent with every operation. Cheap to clone (the transport is
        /// reference-counted); share one per process.
        #[derive(Debug, Clone)]
        pub struct Client {
            pub(super) base_url: ::std::string::String,
            pub(super) sender: super::runtime::Sender,
            limits: super::runtime::Limits,
            #( pub(super) #header_fields: ::std::option::Option<::http::header::HeaderValue>, )*
            #( #client_fields )*
        }

        impl Client {
            /// Starts configuring a client.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// The base URL requests go to (no trailing `/`).
            pub fn base_url(&self) -> &str {
                &self.base_url
            }

            /// The transport requests are sent with.
            pub fn transport(&self) -> &::std::sync::Arc<dyn super::runtime::Transport> {
                self.sender.transport()
            }

            /// How long a call may take unless its request builder sets its own timeout.
            pub fn call_timeout(&self) -> ::std::time::Duration {
                self.limits.timeout
            }

            /// The largest answer body a call reads unless its request builder sets its own limit.
            pub fn max_response_bytes(&self) -> usize {
                self.limits.max_response_bytes
            }

            #(
                #header_docs
                ///
                /// Sent with every operation unless the request sets its own value.
                pub fn #header_fields(&self) -> ::std::option::Option<&str> {
                    self.#header_fields.as_ref().and_then(|value| value.to_str().ok())
                }
            )*

            #operations
        }

        #call

        /// Configures a [`Client`].
        #[derive(Debug, Clone, Default)]
        pub struct ClientBuilder {
            base_url: ::std::option::Option<::std::string::String>,
            sender: super::runtime::SenderBuilder,
            call_timeout: ::std::option::Option<::std::time::Duration>,
            max_response_bytes: ::std::option::Option<usize>,
            #( #header_fields: ::std::option::Option<#header_types>, )*
            #( #builder_fields )*
        }

        impl ClientBuilder {
            #region_setter

            #[doc = #base_doc]
            ///
            /// A trailing `/` is removed; the URL must be `http` or `https`, without query or fragment.
            pub fn base_url(mut self, url: impl ::std::convert::Into<::std::string::String>) -> Self {
                self.base_url = ::std::option::Option::Some(url.into());
                self
            }

            /// Sends requests with this HTTP client (proxies, TLS, connection pool and default
            /// headers are its configuration). Without one, a client with a 10 s connect timeout
            /// that follows no redirects is made.
            ///
            /// The call timeout ([`call_timeout`](Self::call_timeout)) applies to this client's
            /// requests too, replacing its own overall timeout. Its redirect policy is the
            /// caller's choice: reqwest's default follows up to 10 redirects, and a redirect to
            /// another host carries every header of the request (the values set on this client
            /// and on the request among them). Build it with `redirect(Policy::none())` to get
            /// redirects as [`Error::UnexpectedResponse`](super::runtime::Error::UnexpectedResponse).
            #[cfg(feature = "reqwest")]
            pub fn http_client(mut self, client: ::reqwest::Client) -> Self {
                self.sender = self.sender.http_client(client);
                self
            }

            /// Sends requests with `transport` instead of reqwest: a wasm runtime's `fetch`,
            /// a test double, or a transport wrapping another (retries, a circuit breaker).
            /// It must honour each call's timeout and should follow no redirect (see
            /// [`Transport`](super::runtime::Transport)). Needed when the crate's `reqwest`
            /// feature is off.
            pub fn transport(mut self, transport: impl super::runtime::Transport) -> Self {
                self.sender = self.sender.transport(transport);
                self
            }

            /// Adds `hook`, run before each request is sent and after its answer's head
            /// arrives, given the operation (see [`Hook`](super::runtime::Hook)); hooks run in
            /// the order they were added.
            pub fn hook(mut self, hook: impl super::runtime::Hook) -> Self {
                self.sender = self.sender.hook(hook);
                self
            }

            /// How long a call may take, from connecting to the last byte of the answer's body
            /// (default [`DEFAULT_TIMEOUT`](super::runtime::DEFAULT_TIMEOUT), 30 s); past it the
            /// call fails with [`Error::Timeout`](super::runtime::Error::Timeout). A request
            /// builder's `call_timeout` overrides it for one call.
            pub fn call_timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.call_timeout = ::std::option::Option::Some(timeout);
                self
            }

            /// The largest answer body a call reads, in bytes (default
            /// [`DEFAULT_MAX_RESPONSE_BYTES`](super::runtime::DEFAULT_MAX_RESPONSE_BYTES), 16 MiB);
            /// a larger body, or a larger declared `Content-Length`, fails the call with
            /// [`Error::ResponseTooLarge`](super::runtime::Error::ResponseTooLarge) without being
            /// read. A request builder's `max_response_bytes` overrides it for one call; streamed
            /// downloads are not limited.
            pub fn max_response_bytes(mut self, limit: usize) -> Self {
                self.max_response_bytes = ::std::option::Option::Some(limit);
                self
            }

            #(
                #header_docs
                ///
                #[doc = #setter_notes]
                pub fn #header_fields(mut self, value: impl ::std::convert::Into<#header_types>) -> Self {
                    self.#header_fields = ::std::option::Option::Some(value.into());
                    self
                }
            )*

            #( #credential_setters )*

            /// Builds the client.
            ///
            /// # Errors
            /// [`BuildError`](super::runtime::BuildError) when the base URL is missing or not a usable
            /// `http`/`https` URL, a header value set here cannot be sent (not visible ASCII, or
            /// outside the document's limits), a credential cannot be sent, or no transport was
            /// given and the default one cannot be created (the `reqwest` feature is off, or no
            /// TLS backend could be set up).
            pub fn build(self) -> ::std::result::Result<Client, super::runtime::BuildError> {
                let base_url = match self.base_url.or(#default_base) {
                    ::std::option::Option::Some(url) => super::runtime::normalize_base_url(&url)?,
                    ::std::option::Option::None => return ::std::result::Result::Err(super::runtime::BuildError::invalid_setting("base_url", "no base URL was given and the document names no server")),
                };
                #relative_server
                ::std::result::Result::Ok(Client {
                    base_url,
                    sender: self.sender.build()?,
                    limits: super::runtime::Limits {
                        timeout: self.call_timeout.unwrap_or(super::runtime::DEFAULT_TIMEOUT),
                        max_response_bytes: self.max_response_bytes.unwrap_or(super::runtime::DEFAULT_MAX_RESPONSE_BYTES),
                    },
                    #( #header_build )*
                    #( #credential_build )*
                })
            }
        }

        #accessors
    }
}

/// A client-level header in `build`: checked once (visible ASCII, the document's limits)
/// and kept as a `HeaderValue`; an invalid value fails `build`, naming the header.
fn client_header_build(h: &ClientHeader) -> TokenStream {
    let field = ident(&h.name);
    let wire = &h.wire;
    let checks = match validate::param_checks(wire, &h.ty, &h.checks) {
        Some(checks) => quote! {
            |value| {
                #checks
                ::std::result::Result::Ok(())
            }
        },
        None => quote!(|_| ::std::result::Result::Ok(())),
    };
    quote!(#field: super::runtime::client_header(#wire, self.#field, #checks)?,)
}

fn servers_enum(api: &Api) -> Option<TokenStream> {
    if api.servers.is_empty() {
        return None;
    }
    let name = ident(&api.servers_enum);
    let variants: Vec<_> = api.servers.iter().map(|s| ident(&s.variant)).collect();
    let urls: Vec<&str> = api.servers.iter().map(|s| s.url.trim_end_matches('/')).collect();
    let docs = api.servers.iter().map(|s| {
        let mut d = docs::attrs(&s.docs);
        let url = format!(" `{}`", s.url);
        d.extend(quote!(#[doc = ""] #[doc = #url]));
        d
    });
    let defaults = (0..variants.len()).map(|i| (i == 0).then(|| quote!(#[default])));
    Some(quote! {
        /// The servers the document lists; the first is the default.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #[non_exhaustive]
        pub enum #name {
            #( #docs #defaults #variants, )*
        }

        impl #name {
            /// Every server, in the document's order (a slice, so that a new server changes
            /// no type).
            pub const ALL: &'static [Self] = &[ #( Self::#variants, )* ];

            /// The base URL of this server (no trailing `/`).
            pub const fn base_url(self) -> &'static str {
                match self {
                    #( Self::#variants => #urls, )*
                }
            }
        }
    })
}

/// `response.user_uid()` for each header a success response declares.
fn header_accessors(api: &Api, features: &Features) -> TokenStream {
    let types = quote!(super::types::);
    let impls = api.response_header_structs().into_iter().map(|(struct_name, headers, users)| {
        let struct_name = ident(struct_name);
        let methods = headers.iter().map(|h| {
            let name = ident(&h.name);
            let doc = docs::attrs(&h.docs);
            let wire = format!(
                " The `{}` response header{}.",
                h.wire,
                if h.required { "" } else { ", if the server sent it" }
            );
            let (ty, body) = match (&h.ty, h.required) {
                (TypeRef::String, true) => (quote!(&str), quote!(&self.typed_headers().#name)),
                (TypeRef::String, false) => {
                    (quote!(::std::option::Option<&str>), quote!(self.typed_headers().#name.as_deref()))
                }
                (other, true) => (rust_type(other, &types), quote!(self.typed_headers().#name)),
                (other, false) => {
                    let t = rust_type(other, &types);
                    (quote!(::std::option::Option<#t>), quote!(self.typed_headers().#name))
                }
            };
            quote! {
                #doc
                ///
                #[doc = #wire]
                pub fn #name(&self) -> #ty { #body }
            }
        });
        let cfg = features.any_operation(users);
        quote! {
            #cfg
            impl<T> super::runtime::ResponseValue<T, super::types::#struct_name> {
                #( #methods )*
            }
        }
    });
    quote!( #( #impls )* )
}
