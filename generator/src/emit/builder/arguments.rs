//! How a parameter's value is taken from the caller: the argument type of its setter, or
//! of the client method for a positional parameter, and the conversion to the builder's
//! field (`impl Into<String>` then `.into()`, so `&str` and `String` both do).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::terms::types;
use crate::emit::rust_type;
use crate::model::TypeRef;

/// The argument type of a parameter of type `ty` and its value converted to `ty`, the
/// argument being named `name`.
pub(crate) fn argument(ty: &TypeRef, name: &Ident) -> (TokenStream, TokenStream) {
    // `impl Into<String>` once render has shortened it (`render/short_paths.rs`).
    let into_string = quote!(impl ::std::convert::Into<::std::string::String>);
    match ty.without_option() {
        TypeRef::String => (into_string, quote!(#name.into())),
        TypeRef::Vec(item) if **item == TypeRef::String => (
            quote!(impl ::std::iter::IntoIterator<Item = #into_string>),
            quote!(#name.into_iter().map(::std::convert::Into::into).collect()),
        ),
        // A typed format takes its crate's value too (`Utc::now()` for a chrono date-time).
        TypeRef::Typed(_) => {
            let ty = rust_type(ty.without_option(), &types());
            (quote!(impl ::std::convert::Into<#ty>), quote!(#name.into()))
        }
        TypeRef::Vec(item) if matches!(**item, TypeRef::Typed(_)) => {
            let item = rust_type(item, &types());
            (
                quote!(impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#item>>),
                quote!(#name.into_iter().map(::std::convert::Into::into).collect()),
            )
        }
        TypeRef::Vec(item) => {
            let item = rust_type(item, &types());
            (quote!(impl ::std::iter::IntoIterator<Item = #item>), quote!(#name.into_iter().collect()))
        }
        other => (rust_type(other, &types()), quote!(#name)),
    }
}

/// Whether the argument of a parameter of type `ty` becomes its value through `Into` (the
/// value itself for an argument of the field's own type): all but the lists, whose items
/// are converted one by one.
pub(crate) fn taken_by_into(ty: &TypeRef) -> bool {
    !matches!(ty.without_option(), TypeRef::Vec(_))
}
