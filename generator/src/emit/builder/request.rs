//! The request `send` builds: destructuring, checks, URL, query, headers, cookies,
//! credentials and body.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::bodies::apply_body;
use super::{style_tokens, Locals};
use crate::emit::security;
use crate::emit::types::validate;
use crate::ident::ident;
use crate::model::{Api, Location, Method, Operation, Param, ParamEncoding, PathPart, TypeRef};

/// Everything `send` does before sending: destructuring, checks, URL, query, headers,
/// cookies, credentials, body; ends with a `request` local.
pub(super) fn prepare_request(api: &Api, op: &Operation) -> TokenStream {
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
    let body = op.body.as_ref().map(|body| apply_body(api, body));
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
