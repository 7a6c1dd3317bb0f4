//! `tests/examples.rs` (with `example-tests`): the document's examples of JSON response
//! bodies, each decoded into the type its response decodes to, so a crate's types are tried
//! on what the document says the server sends. Examples whose body is any JSON value are
//! left out: they decode whatever they hold. An example written as a string of JSON text is
//! that JSON (see `as_json`).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use serde_json::Value;

use super::features::Features;
use super::rust_type;
use crate::model::{Api, TypeRef};

/// The example as the JSON it stands for. Many documents write an example of a JSON body as
/// a string holding its JSON text (`"{\"id\": 1}"`), which is what tools that show examples
/// display; a string that is a JSON object or array, given for a type that is no string,
/// is taken as that JSON.
fn as_json(value: &Value, ty: &TypeRef) -> Value {
    let Value::String(text) = value else { return value.clone() };
    if *ty == TypeRef::String || !text.trim_start().starts_with(['{', '[']) {
        return value.clone();
    }
    serde_json::from_str(text).unwrap_or_else(|_| value.clone())
}

/// `ty` as a test outside the crate names it: the runtime's `JsonObject` is spelled out
/// (`rust_type` names it as a sibling module of the generated ones does).
fn outside(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::JsonObject => TypeRef::Map(Box::new(TypeRef::Json)),
        TypeRef::Vec(item) => TypeRef::Vec(Box::new(outside(item))),
        TypeRef::Map(value) => TypeRef::Map(Box::new(outside(value))),
        TypeRef::Option(inner) => TypeRef::Option(Box::new(outside(inner))),
        TypeRef::Box(inner) => TypeRef::Box(Box::new(outside(inner))),
        other => other.clone(),
    }
}

/// The test file's tokens, or `None` when the document has no example to decode.
pub(crate) fn examples_test(api: &Api, crate_name: &str, features: &Features) -> Option<TokenStream> {
    let crate_ident = Ident::new(&crate_name.replace('-', "_"), Span::call_site());
    let types = quote!(#crate_ident::types::);
    let decodes: Vec<TokenStream> = api
        .response_examples
        .iter()
        .filter(|example| example.ty != TypeRef::Json)
        .map(|example| {
            let ty = rust_type(&outside(&example.ty), &types);
            let pointer = &example.pointer;
            let json = as_json(&example.value, &example.ty).to_string();
            quote!(decode::<#ty>(#pointer, #json),)
        })
        .collect();
    if decodes.is_empty() {
        return None;
    }
    let count = decodes.len();
    // With tag features, the types exist when every feature is on (the default).
    let names: Vec<&str> = features.names().collect();
    let gate = (!names.is_empty()).then(|| quote!(#![cfg(all( #( feature = #names ),* ))]));
    Some(quote! {
        //! The document's examples of JSON response bodies, each decoded into the type its
        //! response decodes to. Each prints one line (`<crate>: <pointer> decodes`, or `does not
        //! decode: <why>`); the test fails when one does not decode.
        #gate

        /// Decodes `json` as a `T`: `None` when it does, else the line saying why not.
        // Formatted by the generator (prettyplease), not by rustfmt.
        #[rustfmt::skip]
        fn decode<T: ::serde::de::DeserializeOwned>(pointer: &str, json: &str) -> Option<String> {
            let package = env!("CARGO_PKG_NAME");
            match ::serde_json::from_str::<T>(json) {
                Ok(_) => {
                    println!("{package}: {pointer} decodes");
                    None
                }
                Err(error) => {
                    let line = format!("{package}: {pointer} does not decode: {error}");
                    println!("{line}");
                    Some(line)
                }
            }
        }

        #[test]
        #[rustfmt::skip]
        fn response_examples_decode() {
            let failures: Vec<String> = [ #( #decodes )* ].into_iter().flatten().collect();
            assert!(
                failures.is_empty(),
                "{} of {} examples do not decode:\n{}",
                failures.len(),
                #count,
                failures.join("\n"),
            );
        }
    })
}
