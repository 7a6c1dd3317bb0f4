//! The words the builder's parts share: the path of the types module, the type a payload
//! decodes to, a method and a parameter style as runtime tokens. A leaf: it imports none
//! of its siblings, so the parts of `builder` depend on it and never on each other in a
//! circle.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::rust_type;
use crate::ident::ident;
use crate::model::{Method, ParamStyle, Payload};

/// The `types` module as seen from `builder.rs`.
pub(super) fn types() -> TokenStream {
    quote!(super::types::)
}

/// The type a payload decodes to (`()` for none).
pub(super) fn payload_type(payload: &Payload) -> TokenStream {
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

/// The `runtime::Operation` constructor of `method` (`Operation::get`, ...).
pub(super) fn method_tokens(method: Method) -> TokenStream {
    match method {
        Method::Get => quote!(get),
        Method::Put => quote!(put),
        Method::Post => quote!(post),
        Method::Delete => quote!(delete),
        Method::Options => quote!(options),
        Method::Head => quote!(head),
        Method::Patch => quote!(patch),
        Method::Trace => quote!(trace),
    }
}

pub(super) fn style_tokens(style: ParamStyle) -> TokenStream {
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
