//! Security schemes: the credential fields and setters of `Client` and `ClientBuilder`,
//! and the code of `send` that applies an operation's requirement.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::features::Features;
use crate::ident::ident;
use crate::model::{Api, Location, Operation, SchemeKind, SecurityScheme};

/// `Client` field, `ClientBuilder` field, setter and the conversion in `build`, per scheme.
pub(crate) struct ClientParts {
    pub client_fields: Vec<TokenStream>,
    pub builder_fields: Vec<TokenStream>,
    pub setters: Vec<TokenStream>,
    pub build: Vec<TokenStream>,
}

pub(crate) fn client_parts(api: &Api, features: &Features) -> ClientParts {
    let mut parts =
        ClientParts { client_fields: Vec::new(), builder_fields: Vec::new(), setters: Vec::new(), build: Vec::new() };
    for (index, scheme) in api.security_schemes.iter().enumerate() {
        // A credential only operations behind features need goes with them.
        let gated = features.scheme(index).map(|cfg| Gated::new(&mut parts, cfg));
        let name = ident(&scheme.name);
        let setting = &scheme.name;
        let doc = docs::attrs(&scheme.docs);
        let stored = match &scheme.kind {
            SchemeKind::ApiKey { location: Location::Query | Location::Cookie, .. } => {
                quote!(super::runtime::Secret)
            }
            _ => quote!(::http::header::HeaderValue),
        };
        parts.client_fields.push(quote!(pub(super) #name: ::std::option::Option<#stored>,));
        let convert = match &scheme.kind {
            SchemeKind::ApiKey { location: Location::Query, .. } => {
                // Sent percent-encoded in the query: any text will do.
                parts.build.push(quote!(#name: self.#name,));
                None
            }
            SchemeKind::ApiKey { location: Location::Cookie, .. } => {
                Some(quote!(super::runtime::cookie_credential(#setting, value)))
            }
            SchemeKind::ApiKey { .. } | SchemeKind::Authorization => {
                Some(quote!(super::runtime::credential_header(#setting, value.expose())))
            }
            SchemeKind::Bearer => Some(quote!(super::runtime::bearer_header(#setting, &value))),
            SchemeKind::Basic => Some(quote!(super::runtime::basic_header(#setting, &value.0, &value.1))),
        };
        if let Some(convert) = convert {
            parts.build.push(quote!(#name: self.#name.map(|value| #convert).transpose()?,));
        }
        let note = format!(
            " Sent by the operations whose security requirement names `{}`; never shown by `Debug`.",
            scheme.key
        );
        if scheme.kind == SchemeKind::Basic {
            parts
                .builder_fields
                .push(quote!(#name: ::std::option::Option<(::std::string::String, super::runtime::Secret)>,));
            parts.setters.push(quote! {
                #doc
                ///
                #[doc = #note]
                pub fn #name(
                    mut self,
                    username: impl ::std::convert::Into<::std::string::String>,
                    password: impl ::std::convert::Into<::std::string::String>,
                ) -> Self {
                    self.#name = ::std::option::Option::Some((username.into(), super::runtime::Secret::new(password)));
                    self
                }
            });
        } else {
            parts.builder_fields.push(quote!(#name: ::std::option::Option<super::runtime::Secret>,));
            parts.setters.push(quote! {
                #doc
                ///
                #[doc = #note]
                pub fn #name(mut self, value: impl ::std::convert::Into<::std::string::String>) -> Self {
                    self.#name = ::std::option::Option::Some(super::runtime::Secret::new(value));
                    self
                }
            });
        }
        if let Some(gated) = gated {
            gated.finish(&mut parts);
        }
    }
    parts
}

/// The parts of one scheme that go behind a `#[cfg]`: those added after [`Gated::new`].
struct Gated {
    cfg: TokenStream,
    starts: [usize; 4],
}

impl Gated {
    fn new(parts: &mut ClientParts, cfg: TokenStream) -> Self {
        let starts = [parts.client_fields.len(), parts.builder_fields.len(), parts.setters.len(), parts.build.len()];
        Gated { cfg, starts }
    }

    fn finish(self, parts: &mut ClientParts) {
        let lists = [&mut parts.client_fields, &mut parts.builder_fields, &mut parts.setters, &mut parts.build];
        for (list, start) in lists.into_iter().zip(self.starts) {
            for item in &mut list[start..] {
                let cfg = &self.cfg;
                *item = quote!(#cfg #item);
            }
        }
    }
}

/// Applies the first alternative of the operation's requirement whose credentials are all
/// set on the client; none set is an `InvalidRequest`, unless an alternative is empty
/// (credentials optional). `None` when the operation needs no credentials. `in_send`: the
/// code goes into `send`, whose error type the `InvalidRequest` is turned into; else into a
/// `prepare` that returns the `InvalidRequest` itself.
pub(crate) fn apply(api: &Api, op: &Operation, in_send: bool) -> Option<TokenStream> {
    let optional = op.security.iter().any(Vec::is_empty);
    let alternatives: Vec<&Vec<usize>> = op.security.iter().filter(|a| !a.is_empty()).collect();
    if alternatives.is_empty() {
        return None;
    }
    let mut branches = Vec::new();
    for alternative in &alternatives {
        let schemes: Vec<&SecurityScheme> = alternative.iter().map(|&i| &api.security_schemes[i]).collect();
        let bindings: Vec<_> = schemes.iter().map(|s| ident(&format!("credential_{}", s.name))).collect();
        let fields: Vec<_> = schemes.iter().map(|s| ident(&s.name)).collect();
        let writes = schemes.iter().zip(&bindings).map(|(s, b)| write(s, b));
        let pattern = if bindings.len() == 1 {
            let b = &bindings[0];
            quote!(::std::option::Option::Some(#b))
        } else {
            quote!(( #( ::std::option::Option::Some(#bindings) ),* ))
        };
        let value = if fields.len() == 1 {
            let f = &fields[0];
            quote!(&self.client.#f)
        } else {
            quote!(( #( &self.client.#fields ),* ))
        };
        branches.push(quote!(if let #pattern = #value { #( #writes )* }));
    }
    let needs: Vec<String> = alternatives
        .iter()
        .map(|a| a.iter().map(|&i| format!("`{}`", api.security_schemes[i].name)).collect::<Vec<_>>().join(" and "))
        .collect();
    let otherwise = if optional {
        None
    } else {
        let needs = needs.join(", or ");
        let into = in_send.then(|| quote!(.into()));
        Some(quote! {
            else {
                return ::std::result::Result::Err(super::runtime::missing_credentials(#needs) #into);
            }
        })
    };
    let mut chain = TokenStream::new();
    for (i, branch) in branches.into_iter().enumerate() {
        if i > 0 {
            chain.extend(quote!(else));
        }
        chain.extend(branch);
    }
    Some(quote!( #chain #otherwise ))
}

/// Writes one credential on the request being built (the `call` local of `send`).
fn write(scheme: &SecurityScheme, binding: &proc_macro2::Ident) -> TokenStream {
    match &scheme.kind {
        SchemeKind::ApiKey { location: Location::Query, wire } => {
            quote!(call.query(#wire, ::std::option::Option::Some(#binding.expose()));)
        }
        SchemeKind::ApiKey { location: Location::Cookie, wire } => {
            let setting = &scheme.name;
            quote!(call.cookie_text(#setting, #wire, #binding.expose())?;)
        }
        SchemeKind::ApiKey { wire, .. } => {
            let name = wire.to_ascii_lowercase();
            quote!(call.header_value(#name, ::std::clone::Clone::clone(#binding))?;)
        }
        SchemeKind::Basic | SchemeKind::Bearer | SchemeKind::Authorization => {
            quote!(call.header_value("authorization", ::std::clone::Clone::clone(#binding))?;)
        }
    }
}
