//! A tagged union whose members are components that declare the tag
//! ([`TypeKind::TaggedRefs`](crate::model::TypeKind::TaggedRefs)): one newtype variant per
//! tag value, holding the component.
//!
//! Encoding writes the component as it is (serde's untagged newtype variants): its members
//! in declaration order, the tag among them where the component declares it, then its
//! undeclared members, as a JavaScript client writes an object built after its schema.
//! Decoding reads the tag and decodes the whole object, tag included, into that variant's
//! component; an object without the tag, or with a tag no variant has, is an error, as it
//! is for serde's internally tagged enums.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{docs, rust_type};
use crate::ident::ident;
use crate::model::RefVariant;

pub(super) fn tagged_refs(
    name: &Ident,
    doc: &TokenStream,
    tag: &str,
    variants: &[RefVariant],
    local: &TokenStream,
) -> TokenStream {
    let decls = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let doc = docs::attrs(&v.docs);
        let ty = rust_type(&v.ty, local);
        quote! { #doc #variant(#ty), }
    });
    let arms = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let value = &v.tag_value;
        quote! { ::std::option::Option::Some(#value) => ::serde_json::from_value(value).map(Self::#variant), }
    });
    let values = variants.iter().map(|v| &v.tag_value);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #( #decls )*
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(input: D) -> ::std::result::Result<Self, D::Error> {
                const TAGS: &[&str] = &[#( #values ),*];
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(input)?;
                let decoded = match value.get(#tag).and_then(::serde_json::Value::as_str) {
                    #( #arms )*
                    ::std::option::Option::Some(other) => {
                        return ::std::result::Result::Err(<D::Error as ::serde::de::Error>::unknown_variant(other, TAGS));
                    }
                    ::std::option::Option::None => {
                        return ::std::result::Result::Err(<D::Error as ::serde::de::Error>::missing_field(#tag));
                    }
                };
                decoded.map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    }
}
