//! How users make the generated structs, which are `#[non_exhaustive]` (see ARCHITECTURE.md,
//! "Types designed to evolve"): `new` with the required fields, or `Default`.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;

/// How users make a struct, which is `#[non_exhaustive]` so that an added optional member is
/// no breaking change: `new` with the required fields (the others `None`, no extra members),
/// made by the struct's table (`runtime::object_impls!`, whose entries of the required fields
/// then give their types), or `Default` for the structs of
/// [`Api::default_structs`](crate::model::Api) (derived here unless the configuration's
/// derives give it). Fields stay public, so the others are set by assignment. Gives the
/// `Default` derive to add, and whether the table makes a `new`.
pub(super) fn constructor(name: &str, ctx: &Ctx<'_>) -> (Option<TokenStream>, bool) {
    if ctx.api.default_structs().contains(name) {
        let derived = ctx.api.derives.get(name).is_some_and(|d| d.iter().any(|p| p.ends_with("Default")));
        // In a derive, `Default` names the derive macro, which no type of the document shadows.
        return ((!derived).then(|| quote!(, Default)), false);
    }
    (None, true)
}
