//! The structs of `multipart/form-data` bodies with files: a field per part (`FilePart`s
//! for the files), and the `encode` that checks the value parts' limits and writes the
//! parts. Emitted into the builder module, beside the operation that takes them.

use proc_macro2::TokenStream;
use quote::quote;

use std::collections::{BTreeMap, BTreeSet};

use super::validate;
use crate::emit::{docs, rust_type};
use crate::ident::ident;
use crate::model::{Api, Docs, MultipartStruct, PartKind, RequestBody, TypeDef};

/// The structs of `multipart/form-data` bodies with files.
pub(crate) fn multipart_structs(api: &Api, body: &RequestBody) -> TokenStream {
    let structs = body.multipart_structs().map(|s| multipart_struct(s, &api.types, validate::checked(api)));
    quote!( #( #structs )* )
}

fn multipart_struct(s: &MultipartStruct, defs: &BTreeMap<String, TypeDef>, needs: &BTreeSet<String>) -> TokenStream {
    let name = ident(&s.name);
    let doc = docs::attrs(&s.docs);
    let mut fields = Vec::new();
    let mut parts = Vec::new();
    // `new`'s parameters (the required parts) and every field's initial value.
    let mut params = Vec::new();
    let mut inits = Vec::new();
    // The limits of the value parts, checked before any part is encoded.
    let mut checks = Vec::new();
    for f in &s.fields {
        let field = ident(&f.name);
        let mut field_doc = docs::attrs(&Docs { deprecated: false, ..f.docs.clone() });
        let wire = &f.wire;
        let note = format!(" The `{wire}` part{}.", if f.required { " (required)" } else { "" });
        field_doc.extend(quote!(#[doc = ""] #[doc = #note]));
        let (ty, part) = match &f.kind {
            PartKind::Value { ty, json } => {
                checks.extend(validate::part_checks(f, ty, quote!(self.#field), defs, needs));
                let (ty, part) = if f.required {
                    (ty.clone(), quote!(form.field("body", #wire, &self.#field, #json)?;))
                } else {
                    (
                        ty.clone().option(),
                        quote! {
                            if let ::std::option::Option::Some(value) = &self.#field {
                                form.field("body", #wire, value, #json)?;
                            }
                        },
                    )
                };
                (rust_type(&ty, &quote!(super::types::)), part)
            }
            PartKind::File { content_type } if f.required => {
                (quote!(super::runtime::FilePart), quote!(form.file(#wire, &self.#field, #content_type);))
            }
            PartKind::File { content_type } => (
                quote!(::std::option::Option<super::runtime::FilePart>),
                quote! {
                    if let ::std::option::Option::Some(file) = &self.#field {
                        form.file(#wire, file, #content_type);
                    }
                },
            ),
            PartKind::Files { content_type } => (
                quote!(::std::vec::Vec<super::runtime::FilePart>),
                quote! {
                    for file in &self.#field {
                        form.file(#wire, file, #content_type);
                    }
                },
            ),
        };
        if f.required && !matches!(f.kind, PartKind::Files { .. }) {
            let param = param_ident(&f.name);
            params.push(quote!(#param: #ty));
            inits.push(if param == field { quote!(#field,) } else { quote!(#field: #param,) });
        } else {
            inits.push(quote!(#field: ::std::default::Default::default(),));
        }
        fields.push(quote!(#field_doc pub #field: #ty,));
        parts.push(part);
    }
    let form_mut = (!parts.is_empty()).then(|| quote!(mut));
    let path = (!checks.is_empty()).then(|| quote!(let path = &super::runtime::Path::Root("body");));
    // Non-exhaustive, so that an added optional part breaks no caller: made with `Default`
    // when nothing is required, else with `new` taking the required parts.
    let default = params.is_empty().then(|| quote!(Default,));
    let new = (!params.is_empty()).then(|| {
        let allow = (params.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            /// A body with the required parts; every optional part unset.
            #allow
            pub fn new(#( #params ),*) -> Self {
                Self { #( #inits )* }
            }
        }
    });
    quote! {
        #doc
        ///
        /// Sent as `multipart/form-data`: a part per field that is set, files with their bytes.
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name {
            #( #fields )*
        }

        impl #name {
            #new

            /// The parts as a `multipart/form-data` body.
            fn encode(&self) -> ::std::result::Result<super::runtime::EncodedBody, super::runtime::InvalidRequest> {
                #path
                #( #checks )*
                let #form_mut form = super::runtime::Multipart::new();
                #( #parts )*
                ::std::result::Result::Ok(form.finish())
            }
        }
    }
}

/// The parameter of a multipart struct's `new` for a field: its name, or `value_1` for a
/// field named like `_1` (a member `+1`), which clippy would refuse as a parameter name.
/// (The `new` of the other structs, written by `runtime::object_impls!`, allows the lint.)
fn param_ident(field: &str) -> proc_macro2::Ident {
    let bare = field.trim_start_matches("r#");
    if bare.chars().all(|c| c == '_' || c.is_ascii_digit()) {
        ident(&format!("value{}", if bare.starts_with('_') { bare.to_owned() } else { format!("_{bare}") }))
    } else {
        ident(field)
    }
}
