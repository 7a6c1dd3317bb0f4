//! How a parameter's value is taken from the caller: the argument type of its setter, or
//! of the client method for a positional parameter, and the conversion to the builder's
//! field (`impl Into<String>` then `.into()`, so `&str` and `String` both do).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::terms::types;
use crate::emit::rust_type;
use crate::model::TypeRef;

/// How the argument of a parameter is taken.
pub(crate) struct Argument {
    /// The argument's type (`impl Into<String>`).
    pub(crate) ty: TokenStream,
    /// The argument converted to the field's type (`name.into()`).
    pub(crate) value: TokenStream,
    /// Whether `value` is the argument through `Into` (or the argument itself, of the field's
    /// own type): what the client's `operations!` table does unless told another conversion.
    pub(crate) through_into: bool,
}

/// How the argument of a parameter of type `ty`, named `name`, is taken.
pub(crate) fn argument(ty: &TypeRef, name: &Ident) -> Argument {
    // `impl Into<String>` once render has shortened it (`render/short_paths.rs`).
    let into_string = quote!(impl ::std::convert::Into<::std::string::String>);
    let into = |ty, value| Argument { ty, value, through_into: true };
    let converted = |ty, value| Argument { ty, value, through_into: false };
    match ty.without_option() {
        TypeRef::String => into(into_string, quote!(#name.into())),
        TypeRef::Vec(item) if **item == TypeRef::String => converted(
            quote!(impl ::std::iter::IntoIterator<Item = #into_string>),
            quote!(#name.into_iter().map(::std::convert::Into::into).collect()),
        ),
        // A typed format takes its crate's value too (`Utc::now()` for a chrono date-time).
        TypeRef::Typed(_) => {
            let ty = rust_type(ty.without_option(), &types());
            into(quote!(impl ::std::convert::Into<#ty>), quote!(#name.into()))
        }
        TypeRef::Vec(item) if matches!(**item, TypeRef::Typed(_)) => {
            let item = rust_type(item, &types());
            converted(
                quote!(impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#item>>),
                quote!(#name.into_iter().map(::std::convert::Into::into).collect()),
            )
        }
        TypeRef::Vec(item) => {
            let item = rust_type(item, &types());
            converted(quote!(impl ::std::iter::IntoIterator<Item = #item>), quote!(#name.into_iter().collect()))
        }
        other => into(rust_type(other, &types()), quote!(#name)),
    }
}
