//! The request `send` builds: the required values and limits of the parameters, then one
//! line per parameter on a `runtime::Call` (path segments, which write the template's text
//! around them; query, headers, cookies), the
//! credentials and the body. Parameters stay fields of the builder (`self.limit`), so no
//! local can collide with a parameter's name.

use proc_macro2::TokenStream;
use quote::quote;

use super::bodies::apply_body;
use super::terms::{method_tokens, style_tokens};
use crate::emit::security;
use crate::emit::types::validate;
use crate::ident::ident;
use crate::model::{Api, Location, Operation, Param, ParamEncoding, TypeRef};

/// Everything `send` does before sending; ends with a `call` local ready to send. `in_send`:
/// the code is in `send` itself, not in a `prepare` of its own (see `security::apply`).
pub(crate) fn prepare_request(api: &Api, op: &Operation, in_send: bool) -> TokenStream {
    let checks = op.params.iter().map(prepare_param);
    let method = method_tokens(op.method);
    let (id, template) = (&op.id, &op.path_template);
    let path: Vec<TokenStream> = op.path_params.iter().map(|&i| segment(&op.params[i])).collect();
    let credentials = security::apply(api, op, in_send);
    let located = |location: Location| op.params.iter().filter(move |p| p.location == location);
    let query = located(Location::Query).map(query_param);
    let headers = located(Location::Header).map(header_param);
    let cookies = located(Location::Cookie).map(cookie_param);
    let body = op.body.as_ref().map(|body| apply_body(api, body));
    let mutable = (!path.is_empty()
        || op.params.iter().any(|p| p.location != Location::Path)
        || credentials.is_some()
        || body.is_some())
    .then(|| quote!(mut));
    quote! {
        #( #checks )*
        let operation = super::runtime::Operation::#method(#id, #template);
        let #mutable call = self.client.call(operation);
        #( #path )*
        #credentials
        #( #query )*
        #( #headers )*
        #( #cookies )*
        #body
    }
}

/// The parameter's value: a reference for a positional parameter, else an `Option` of a
/// reference (a slice for arrays).
fn value(p: &Param) -> TokenStream {
    let name = ident(&p.name);
    match p.ty.without_option() {
        _ if p.positional() => quote!(&self.#name),
        TypeRef::Vec(_) => quote!(self.#name.as_deref()),
        _ => quote!(self.#name.as_ref()),
    }
}

/// Header names are case-insensitive and sent lowercase; errors name them the same way.
fn wire_name(p: &Param) -> String {
    if p.location == Location::Header {
        p.wire.to_ascii_lowercase()
    } else {
        p.wire.clone()
    }
}

/// Enforces `required` (a positional parameter always has its value) and the schema's
/// limits, which apply to the request's own value (a client-level value was checked by
/// `build`).
fn prepare_param(p: &Param) -> TokenStream {
    let name = ident(&p.name);
    let wire = &wire_name(p);
    let mut out = TokenStream::new();
    if p.required && !p.positional() {
        let present = if p.client_level {
            quote!(self.#name.is_some() || self.client.#name.is_some())
        } else {
            quote!(self.#name.is_some())
        };
        out.extend(quote!(super::runtime::require(#wire, #present)?;));
    }
    let ty = p.ty.without_option().clone();
    let ty = if p.positional() { ty } else { TypeRef::Option(Box::new(ty)) };
    out.extend(validate::place_checks(wire, &ty, quote!(self.#name), &p.checks));
    out
}

fn segment(p: &Param) -> TokenStream {
    let wire = &p.wire;
    let value = value(p);
    match p.encoding {
        ParamEncoding::Styled { style, explode } => {
            let style = style_tokens(style);
            quote!(call.segment_styled(#wire, #style, #explode, #value)?;)
        }
        ParamEncoding::Json => quote!(call.segment_json(#wire, #value)?;),
        ParamEncoding::Plain { .. } => quote!(call.segment(#wire, #value)?;),
    }
}

fn query_param(p: &Param) -> TokenStream {
    let wire = &p.wire;
    let value = value(p);
    match (&p.encoding, p.ty.without_option()) {
        (ParamEncoding::Json, _) => quote!(call.query_json(#wire, #value)?;),
        (ParamEncoding::Styled { style, explode }, _) => {
            let style = style_tokens(*style);
            quote!(call.query_styled(#wire, #style, #explode, #value)?;)
        }
        (ParamEncoding::Plain { explode: true }, TypeRef::Vec(_)) => quote!(call.query_each(#wire, #value);),
        (ParamEncoding::Plain { .. }, TypeRef::Vec(_)) => quote!(call.query_list(#wire, #value);),
        (ParamEncoding::Plain { .. }, _) => quote!(call.query(#wire, #value);),
    }
}

fn header_param(p: &Param) -> TokenStream {
    // Lowercase, as header names are sent; lowering checked it is a valid token.
    let wire = &wire_name(p);
    let value = value(p);
    if p.client_level {
        let name = ident(&p.name);
        return quote!(call.header_or(#wire, #value, self.client.#name.as_ref())?;);
    }
    match (&p.encoding, p.ty.without_option()) {
        (ParamEncoding::Json, _) => quote!(call.header_json(#wire, #value)?;),
        (ParamEncoding::Styled { explode, .. }, _) => quote!(call.header_styled(#wire, #explode, #value)?;),
        (_, TypeRef::Vec(_)) => quote!(call.header_list(#wire, #value)?;),
        _ => quote!(call.header(#wire, #value)?;),
    }
}

fn cookie_param(p: &Param) -> TokenStream {
    let wire = &p.wire;
    let value = value(p);
    match &p.encoding {
        ParamEncoding::Json => quote!(call.cookie_json(#wire, #value)?;),
        ParamEncoding::Styled { explode, .. } => quote!(call.cookie_styled(#wire, #explode, #value)?;),
        ParamEncoding::Plain { .. } => quote!(call.cookie(#wire, #value)?;),
    }
}
