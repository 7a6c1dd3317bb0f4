//! How users make the generated structs, which are `#[non_exhaustive]` (see ARCHITECTURE.md,
//! "Types designed to evolve"): `new` with the required fields, or `Default`.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use crate::emit::rust_type;
use crate::ident::ident;
use crate::model::{Field, Struct};

/// The parameter of `new` for a field: its name, or `value_1` for a field named like `_1`
/// (a member `+1`), which clippy would refuse as a parameter name.
pub(crate) fn param_ident(field: &str) -> proc_macro2::Ident {
    let bare = field.trim_start_matches("r#");
    if bare.chars().all(|c| c == '_' || c.is_ascii_digit()) {
        ident(&format!("value{}", if bare.starts_with('_') { bare.to_owned() } else { format!("_{bare}") }))
    } else {
        ident(field)
    }
}

/// How users make a struct, which is `#[non_exhaustive]` so that an added optional member is
/// no breaking change: `new` with the required fields (the others `None`, no extra members),
/// or `Default` for the structs of [`Api::default_structs`](crate::model::Api) (derived here
/// unless the configuration's derives give it). Fields stay public, so the others are set by
/// assignment.
pub(super) fn constructor(name: &str, s: &Struct, ctx: &Ctx<'_>) -> (Option<TokenStream>, Option<TokenStream>) {
    let required: Vec<&Field> = s.fields.iter().filter(|f| f.required).collect();
    if ctx.api.default_structs().contains(name) {
        let derived = ctx.api.derives.get(name).is_some_and(|d| d.iter().any(|p| p.ends_with("Default")));
        return ((!derived).then(|| quote!(, ::std::default::Default)), None);
    }
    let id = ident(name);
    let params = required.iter().map(|f| {
        let param = param_ident(&f.name);
        let ty = rust_type(&f.ty, &ctx.local);
        quote!(#param: #ty)
    });
    let inits = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        if f.required {
            let param = param_ident(&f.name);
            if param == field {
                quote!(#field,)
            } else {
                quote!(#field: #param,)
            }
        } else {
            quote!(#field: ::std::option::Option::None,)
        }
    });
    let rest = s.additional.as_ref().map(|(field_name, _)| {
        let field = ident(field_name);
        quote!(#field: ::std::default::Default::default(),)
    });
    let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.name.trim_start_matches("r#"))).collect();
    let doc = format!(" A value with {}; every optional field `None`.", names.join(", "));
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let new = quote! {
        impl #id {
            #[doc = #doc]
            #allow
            pub fn new(#( #params ),*) -> Self {
                Self { #( #inits )* #rest }
            }
        }
    };
    (None, Some(new))
}
