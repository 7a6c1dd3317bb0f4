//! `impl Serialize` of a tagged enum, written out rather than derived.
//!
//! serde's `#[serde(tag = "...")]` writes the tag before the variant's members; a
//! JavaScript client writes an object's members in the order they were set, which for an
//! object built after its schema is the order the schema declares them. So each variant is
//! written as a map: its declared members in declaration order with the tag where the
//! member declares it (first when it declares none), then its undeclared members in the
//! order they came. Decoding stays serde's derived, internally tagged `Deserialize`.
//!
//! The field attributes `types.rs` emits are followed here by hand: an optional member
//! (`Option<T>`, or `Option<Option<T>>` when it may be `null`) is left out when `None`, and
//! `Some(None)` is written as `null`, as `runtime::double_option` does.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ident::ident;
use crate::model::TaggedVariant;

pub(super) fn impl_serialize(name: &Ident, tag: &str, variants: &[TaggedVariant]) -> TokenStream {
    let arms = variants.iter().map(|v| arm(tag, v));
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::std::option::Option::None)?;
                match self {
                    #( #arms )*
                }
                map.end()
            }
        }
    }
}

/// The match arm writing one variant. Fields are bound to `field_{i}`, so no member name
/// can collide with the locals `serializer`, `map`, `key` and `value`.
fn arm(tag: &str, v: &TaggedVariant) -> TokenStream {
    let variant = ident(&v.name);
    let mut bindings = Vec::new();
    let mut entries = Vec::new();
    let tag_value = &v.tag_value;
    let tag_entry = quote!(map.serialize_entry(#tag, #tag_value)?;);
    for (i, f) in v.fields.iter().enumerate() {
        if i == v.tag_position {
            entries.push(tag_entry.clone());
        }
        let field = ident(&f.name);
        let binding = ident(&format!("field_{i}"));
        let wire = &f.wire;
        bindings.push(quote!(#field: #binding));
        entries.push(if f.required {
            quote!(map.serialize_entry(#wire, #binding)?;)
        } else {
            quote! {
                if let ::std::option::Option::Some(value) = #binding {
                    map.serialize_entry(#wire, value)?;
                }
            }
        });
    }
    if v.tag_position >= v.fields.len() {
        entries.push(tag_entry);
    }
    if let Some((name, _)) = &v.additional {
        let field = ident(name);
        bindings.push(quote!(#field: additional));
        entries.push(quote!(super::runtime::serialize_entries(&mut map, additional)?;));
    }
    quote! {
        Self::#variant { #( #bindings ),* } => {
            #( #entries )*
        }
    }
}
