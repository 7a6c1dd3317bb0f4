//! Named types -> `types.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, rust_type};
use crate::ident::ident;
use crate::model::{Api, Docs, EnumValue, Field, Struct, TaggedVariant, TypeDef, TypeKind, TypeRef};

pub(crate) fn types_file(api: &Api) -> TokenStream {
    let local = quote!();
    let defs = api.types.values().map(|def| type_def(def, &local));
    let headers = api.operations.iter().filter_map(|op| {
        let (name, headers) = op.response_headers.as_ref()?;
        let name = ident(name);
        let doc = docs::attrs(&Docs::new(&[], || format!("Headers of the `{}` success response.", op.id)));
        let fields = headers.iter().map(|h| {
            let field = ident(&h.name);
            let ty = rust_type(&h.ty, &local);
            let ty = if h.required { ty } else { quote!(::std::option::Option<#ty>) };
            let doc = docs::attrs(&h.docs);
            quote! { #doc pub #field: #ty, }
        });
        Some(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            pub struct #name { #( #fields )* }
        })
    });
    quote! { #( #defs )* #( #headers )* }
}

fn type_def(def: &TypeDef, local: &TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs);
    match &def.kind {
        TypeKind::Struct(s) => struct_def(&name, &doc, s, local),
        TypeKind::StringEnum { variants, unknown } => string_enum(&name, &doc, variants, unknown),
        TypeKind::Tagged { tag, variants } => tagged(&name, &doc, tag, variants, local),
        TypeKind::Alias(target) => {
            let target = rust_type(target, local);
            quote! { #doc pub type #name = #target; }
        }
    }
}

/// Tokens of one field: serde attributes for the wire name and optionality.
fn field(f: &Field, local: &TokenStream, public: bool) -> TokenStream {
    let name = ident(&f.name);
    let doc = docs::attrs(&f.docs);
    let rename = (name.to_string().trim_start_matches("r#") != f.wire).then(|| {
        let wire = &f.wire;
        quote!(#[serde(rename = #wire)])
    });
    let optional = !f.required && !matches!(f.ty, TypeRef::Option(_));
    let ty =
        if optional { rust_type(&TypeRef::Option(Box::new(f.ty.clone())), local) } else { rust_type(&f.ty, local) };
    let skip = (!f.required).then(|| quote!(#[serde(default, skip_serializing_if = "::std::option::Option::is_none")]));
    let vis = public.then(|| quote!(pub));
    quote! { #doc #rename #skip #vis #name: #ty, }
}

fn struct_def(name: &proc_macro2::Ident, doc: &TokenStream, s: &Struct, local: &TokenStream) -> TokenStream {
    let fields = s.fields.iter().map(|f| field(f, local, true));
    let additional = s.additional.as_ref().map(|(field_name, ty)| {
        let field_name = ident(field_name);
        let ty = rust_type(ty, local);
        quote! {
            /// Members beyond the declared properties (`additionalProperties`).
            #[serde(flatten)]
            pub #field_name: ::std::collections::BTreeMap<::std::string::String, #ty>,
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        pub struct #name {
            #( #fields )*
            #additional
        }
    }
}

fn string_enum(name: &proc_macro2::Ident, doc: &TokenStream, variants: &[EnumValue], unknown: &str) -> TokenStream {
    let unknown = ident(unknown);
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<&str> = variants.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = variants.iter().map(|v| docs::attrs(&v.docs));
    quote! {
        #doc
        ///
        /// Values this client does not know yet are kept in the `Unknown` variant, so a new
        /// server value never breaks decoding.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #variant_docs #idents, )*
            /// A value not listed in the document.
            #unknown(::std::string::String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #values, )*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#idents, )*
                    other => Self::#unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(value.as_str()))
            }
        }
    }
}

fn tagged(
    name: &proc_macro2::Ident,
    doc: &TokenStream,
    tag: &str,
    variants: &[TaggedVariant],
    local: &TokenStream,
) -> TokenStream {
    let variants = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let doc = docs::attrs(&v.docs);
        let value = &v.tag_value;
        let fields = v.fields.iter().map(|f| field(f, local, false));
        quote! {
            #doc
            #[serde(rename = #value)]
            #variant { #( #fields )* },
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(tag = #tag)]
        pub enum #name {
            #( #variants )*
        }
    }
}
