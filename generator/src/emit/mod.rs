//! Model -> token streams, one per generated file. No formatting here (see `render`).

pub(crate) mod builder;
pub(crate) mod client;
pub(crate) mod docs;
pub(crate) mod examples;
pub(crate) mod features;
pub(crate) mod security;
pub(crate) mod types;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::ident;
use crate::model::{TypeRef, Typed};

/// The Rust type of a type expression. `types` is the path prefix of the `types` module
/// as seen from the file being emitted (empty inside `types.rs`).
pub(crate) fn rust_type(ty: &TypeRef, types: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::U32 => quote!(u32),
        TypeRef::U64 => quote!(u64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::Json => quote!(::serde_json::Value),
        // Every generated module sits beside `runtime`.
        TypeRef::JsonObject => quote!(super::runtime::JsonObject),
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#types #name)
        }
        TypeRef::Vec(item) => {
            let item = rust_type(item, types);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(value, types);
            quote!(::indexmap::IndexMap<::std::string::String, #value>)
        }
        TypeRef::Option(inner) => {
            let inner = rust_type(inner, types);
            quote!(::std::option::Option<#inner>)
        }
        TypeRef::Box(inner) => {
            let inner = rust_type(inner, types);
            quote!(::std::boxed::Box<#inner>)
        }
        TypeRef::Typed(typed) => {
            let path = typed_path(*typed);
            quote!(super::runtime::#path)
        }
        // Checked to be a type path when lowered (`lower/replace.rs`).
        TypeRef::External(path) => path.parse().unwrap_or_default(),
    }
}

/// The runtime type of a typed format, from the runtime module.
fn typed_path(typed: Typed) -> TokenStream {
    match typed {
        Typed::ChronoDateTime => quote!(chrono::DateTime),
        Typed::ChronoDate => quote!(chrono::Date),
        Typed::TimeDateTime => quote!(time::DateTime),
        Typed::TimeDate => quote!(time::Date),
        Typed::Uuid => quote!(uuid::Uuid),
    }
}

/// The module root: declarations, re-exports, the crate-level docs of the API.
/// `shared_runtime`: the path of a runtime module shared with other generated modules,
/// re-exported as `runtime` instead of the module of its own.
pub(crate) fn mod_file(api: &crate::model::Api, shared_runtime: Option<&str>) -> Result<TokenStream, crate::Error> {
    let mut text = api.docs.text.clone();
    if !api.skipped.is_empty() {
        text.push_str("\n\nNot covered by this client (the generator skips them):\n");
        for s in &api.skipped {
            text.push_str(&format!("\n- {s}"));
        }
    }
    if !api.derive_notes.is_empty() {
        text.push_str("\n\nDerives the configuration asks for, left off the types that cannot have them:\n");
        for note in &api.derive_notes {
            text.push_str(&format!("\n- {note}"));
        }
    }
    let docs = docs::inner_attrs(&text);
    let region = (!api.servers.is_empty()).then(|| {
        let name = ident(&api.servers_enum);
        quote!(#name,)
    });
    let runtime = match shared_runtime {
        None => quote!(
            pub mod runtime;
        ),
        Some(path) => {
            let path: syn::Path = syn::parse_str(path).map_err(|e| {
                crate::Error::new(crate::ErrorKind::Config, "", format!("shared-runtime `{path}` is not a path: {e}"))
            })?;
            let renamed = path.segments.last().is_none_or(|s| s.ident != "runtime").then(|| quote!(as runtime));
            quote!(pub use #path #renamed;)
        }
    };
    Ok(quote! {
        #docs
        #![allow(deprecated, clippy::large_enum_variant, clippy::too_many_arguments, clippy::type_complexity)]

        /// One request builder per operation, made by the methods of [`Client`].
        pub mod builder;
        mod client;
        #runtime
        /// The document's schemas as Rust types.
        pub mod types;

        pub use client::{Client, ClientBuilder, #region};
        pub use runtime::{BuildError, Error, ResponseValue};
    })
}

/// Checks that `value` (a `&str` expression), the value of `name` (an expression that
/// displays the parameter or body path), matches `pattern`, compiled once per check site.
pub(crate) fn pattern_check(pattern: &str, name: TokenStream, value: &TokenStream) -> TokenStream {
    quote! {
        {
            static PATTERN: super::runtime::Pattern = super::runtime::Pattern::new(#pattern);
            PATTERN.check(#name, #value)?;
        }
    }
}
