//! Named types -> `types.rs`.
//!
//! Types with limits to check implement `runtime::Validate` (see [`validate`]), which
//! request builders call on bodies.
//!
//! Fields: a required member is a plain `T`; a required member that may be `null` is
//! `Option<T>` and must still be present on the wire; an optional member is `Option<T>`,
//! skipped when `None`; an optional member that may be `null` is `Option<Option<T>>`, so
//! absent, `null` and a value all round-trip.
//!
//! A struct's `Serialize` and `Deserialize` come from its table after it,
//! `runtime::object_impls!(Name { required id, optional note = "Note" } rest extra);`: the
//! object read once into `runtime::Object`, each field taken by its member's name, and
//! written back field by field. serde's derive costs several visitors per struct, and for an
//! API of a thousand schemas that was half of what `cargo check` of the crate spent; the
//! variants of internally tagged enums still use it.

mod constructor;
pub(crate) mod multipart;
mod tagged_refs;
mod tagged_serialize;
pub(crate) mod validate;

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};

use super::features::{gate, Features};
use super::{docs, rust_type};
use crate::ident::{ident, snake_name, Scope};
use crate::model::{
    Api, Docs, EnumValue, Field, IntValue, Struct, TaggedVariant, TypeDef, TypeKind, TypeRef, UntaggedVariant,
};

/// What emitting one type needs besides the type: the other types (untagged enums look
/// at their members' fields) and the default-value functions made on the way.
struct Ctx<'a> {
    api: &'a Api,
    local: TokenStream,
    defaults: Vec<TokenStream>,
    default_names: Scope,
}

pub(crate) fn types_file(api: &Api, features: &Features) -> TokenStream {
    let mut ctx = Ctx { api, local: quote!(), defaults: Vec::new(), default_names: Scope::default() };
    let needs = validate::checked(api);
    let defs: Vec<TokenStream> = api
        .types
        .values()
        .map(|def| {
            let defaults = ctx.defaults.len();
            let tokens = type_def(def, &mut ctx);
            let checks = validate::impl_validate(def, &api.types, needs);
            // A type behind features takes its default-value functions along.
            let cfg = features.named_type(&def.name);
            for default in &mut ctx.defaults[defaults..] {
                *default = gate(cfg.as_ref(), std::mem::take(default));
            }
            gate(cfg.as_ref(), quote! { #tokens #checks })
        })
        .collect();
    let local = &ctx.local;
    let headers = api.response_header_structs().into_iter().map(|(name, headers, users)| {
        let name = ident(name);
        let ids: Vec<String> = users.iter().map(|op| format!("`{}`", op.id)).collect();
        let text = match ids.as_slice() {
            [one] => format!("Headers of the {one} success response."),
            [first @ .., last] if ids.len() <= 3 => {
                format!("Headers of the success responses of {} and {last}.", first.join(", "))
            }
            [first, rest @ ..] => {
                format!("Headers of the success responses of {first} and {} other operations.", rest.len())
            }
            [] => String::new(),
        };
        let doc = docs::attrs(&Docs::new(&[], || text));
        let fields = headers.iter().map(|h| {
            let field = ident(&h.name);
            let ty = rust_type(&h.ty, local);
            let ty = if h.required { ty } else { quote!(::std::option::Option<#ty>) };
            let doc = docs::attrs(&h.docs);
            quote! { #doc pub #field: #ty, }
        });
        let cfg = features.any_operation(users);
        quote! {
            #cfg
            #doc
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            pub struct #name { #( #fields )* }
        }
    });
    let defaults = &ctx.defaults;
    quote! { #( #defs )* #( #headers )* #( #defaults )* }
}

fn type_def(def: &TypeDef, ctx: &mut Ctx<'_>) -> TokenStream {
    // The configuration's derives, on the type, which every kind emits first.
    let extra: Vec<TokenStream> =
        ctx.api.derives.get(&def.name).into_iter().flatten().map(|path| path.parse().unwrap_or_default()).collect();
    let derives = (!extra.is_empty()).then(|| quote!(#[derive(#(#extra),*)]));
    let tokens = type_tokens(def, ctx);
    quote! { #derives #tokens }
}

fn type_tokens(def: &TypeDef, ctx: &mut Ctx<'_>) -> TokenStream {
    let name = ident(&def.name);
    let doc = docs::attrs(&def.docs);
    match &def.kind {
        TypeKind::Struct(s) => struct_def(&def.name, &doc, s, ctx),
        TypeKind::StringEnum { variants, unknown } => string_enum(&name, &doc, variants, unknown),
        TypeKind::IntEnum { variants, unknown } => int_enum(&name, &doc, variants, unknown),
        TypeKind::Tagged { tag, variants } => tagged(&def.name, &doc, tag, variants, ctx),
        TypeKind::Untagged { variants } => untagged(&name, &doc, variants, ctx),
        TypeKind::TaggedRefs { tag, variants } => tagged_refs::tagged_refs(&name, &doc, tag, variants, &ctx.local),
        TypeKind::Alias(target) => {
            let target = rust_type(target, &ctx.local);
            quote! { #doc pub type #name = #target; }
        }
        TypeKind::Newtype(target) => {
            let target = rust_type(target, &ctx.local);
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(transparent)]
                pub struct #name(pub #target);
            }
        }
    }
}

/// How a field goes on the wire: by serde's derive and the field's attributes (the variants
/// of internally tagged enums), or by its struct's table (`runtime::object_impls!`).
#[derive(Clone, Copy, PartialEq)]
enum Decoding {
    Derived,
    Object,
}

/// Tokens of one field. A struct's field (`Decoding::Object`) has no serde attributes: its
/// table says how it goes on the wire. A tagged enum variant's field has those of its wire
/// name, optionality and nullability.
fn field(owner: &str, f: &Field, ctx: &mut Ctx<'_>, public: bool, decoding: Decoding) -> TokenStream {
    let name = ident(&f.name);
    let doc = docs::attrs(&f.docs);
    let ty = if f.required { rust_type(&f.ty, &ctx.local) } else { rust_type(&f.ty.clone().option_of(), &ctx.local) };
    let vis = public.then(|| quote!(pub));
    if decoding == Decoding::Object {
        return quote! { #doc #vis #name: #ty, };
    }
    let rename = (name.to_string().trim_start_matches("r#") != f.wire).then(|| {
        let wire = &f.wire;
        quote!(#[serde(rename = #wire)])
    });
    let nullable = matches!(f.ty, TypeRef::Option(_));
    let serde = match (f.required, nullable) {
        (true, false) => default_fn(owner, f, ctx).map(|path| quote!(#[serde(default = #path)])),
        (true, true) => Some(match default_fn(owner, f, ctx) {
            Some(path) => quote!(#[serde(default = #path)]),
            None => quote!(#[serde(deserialize_with = "super::runtime::nullable")]),
        }),
        (false, false) => Some(quote!(#[serde(default, skip_serializing_if = "::std::option::Option::is_none")])),
        (false, true) => Some(quote!(
            #[serde(
                default,
                skip_serializing_if = "::std::option::Option::is_none",
                with = "super::runtime::double_option"
            )]
        )),
    };
    quote! { #doc #rename #serde #vis #name: #ty, }
}

/// The field's entry in its struct's table: its kind, name, type where decoding or the
/// table's `new` needs it (a required field's always: it is decoded into a local of that
/// type; a defaulted one's where it is a parameter of `new`, `typed`), and member name where
/// that is not the field's name (a raw identifier's always is not: `r#ref = "ref"`).
fn table_entry(owner: &str, f: &Field, ctx: &mut Ctx<'_>, typed: bool) -> TokenStream {
    let name = ident(&f.name);
    let wire = &f.wire;
    let wire = (name != f.wire).then(|| quote!(= #wire));
    let nullable = matches!(f.ty, TypeRef::Option(_));
    let (kind, needs_type) = match (f.required, nullable) {
        (true, _) => match default_fn(owner, f, ctx) {
            Some(path) => {
                let path = ident(&path);
                (quote!(or_default(#path)), typed)
            }
            None => (quote!(required), true),
        },
        (false, false) => (quote!(optional), false),
        (false, true) => (quote!(optional_nullable), false),
    };
    let ty = needs_type.then(|| {
        let ty = rust_type(&f.ty, &ctx.local);
        quote!(: #ty)
    });
    quote! { #kind #name #ty #wire }
}

/// For a required field with a `default` in the document: a function giving it, used when
/// the member is absent. `None` when the default cannot be written as a Rust value.
fn default_fn(owner: &str, f: &Field, ctx: &mut Ctx<'_>) -> Option<String> {
    let value = f.default.as_ref()?;
    let body = default_value(&f.ty, value, ctx.api, 0)?;
    let name =
        ctx.default_names.claim(&format!("default_{}_{}", snake_name(owner, "type"), f.name.trim_start_matches("r#")));
    let fn_name = ident(&name);
    let ty = rust_type(&f.ty, &ctx.local);
    ctx.defaults.push(quote! {
        fn #fn_name() -> #ty { #body }
    });
    Some(name)
}

/// A Rust expression of type `ty` for the JSON `value`, when there is a simple one.
fn default_value(ty: &TypeRef, value: &serde_json::Value, api: &Api, depth: usize) -> Option<TokenStream> {
    use serde_json::Value;
    Some(match (ty, value) {
        (TypeRef::Option(inner), _) => {
            let inner = default_value(inner, value, api, depth)?;
            quote!(::std::option::Option::Some(#inner))
        }
        (TypeRef::String, Value::String(s)) => quote!(::std::string::String::from(#s)),
        (TypeRef::Bool, Value::Bool(b)) => quote!(#b),
        (TypeRef::I32, Value::Number(n)) => Literal::i32_suffixed(i32::try_from(n.as_i64()?).ok()?).into_token_stream(),
        (TypeRef::I64, Value::Number(n)) => Literal::i64_suffixed(n.as_i64()?).into_token_stream(),
        (TypeRef::U32, Value::Number(n)) => Literal::u32_suffixed(u32::try_from(n.as_u64()?).ok()?).into_token_stream(),
        (TypeRef::U64, Value::Number(n)) => Literal::u64_suffixed(n.as_u64()?).into_token_stream(),
        (TypeRef::F32, Value::Number(n)) => Literal::f32_suffixed(n.as_f64()? as f32).into_token_stream(),
        (TypeRef::F64, Value::Number(n)) => Literal::f64_suffixed(n.as_f64()?).into_token_stream(),
        (TypeRef::Named(name), _) if depth < 8 => {
            let def = api.types.get(name)?;
            let id = ident(name);
            match (&def.kind, value) {
                (TypeKind::StringEnum { .. }, Value::String(s)) => quote!(#id::from(#s)),
                (TypeKind::IntEnum { .. }, Value::Number(n)) => {
                    let n = n.as_i64()?;
                    quote!(#id::from(#n))
                }
                (TypeKind::Alias(target), _) => default_value(target, value, api, depth + 1)?,
                _ => return None,
            }
        }
        _ => return None,
    })
}

trait OptionOf {
    fn option_of(self) -> TypeRef;
}
impl OptionOf for TypeRef {
    /// `Option<self>`, also when `self` is already an `Option` (an optional nullable field).
    fn option_of(self) -> TypeRef {
        TypeRef::Option(Box::new(self))
    }
}

fn struct_def(name: &str, doc: &TokenStream, s: &Struct, ctx: &mut Ctx<'_>) -> TokenStream {
    let id = ident(name);
    let fields: Vec<TokenStream> = s.fields.iter().map(|f| field(name, f, ctx, true, Decoding::Object)).collect();
    let additional =
        s.additional.as_ref().map(|(field_name, ty)| additional_field(field_name, ty, ctx, true, Decoding::Object));
    let (default, new) = constructor::constructor(name, ctx);
    let table = struct_table(name, s, ctx, new);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq #default)]
        #[non_exhaustive]
        pub struct #id {
            #( #fields )*
            #additional
        }
        #table
    }
}

/// A struct's table (see `runtime/object.rs`): its fields' entries, then what becomes of
/// the members no field takes, then `new` when it makes the struct's constructor.
fn struct_table(name: &str, s: &Struct, ctx: &mut Ctx<'_>, new: bool) -> TokenStream {
    let id = ident(name);
    let entries: Vec<TokenStream> = s.fields.iter().map(|f| table_entry(name, f, ctx, new)).collect();
    let rest = match &s.additional {
        Some((field_name, _)) => {
            let field_name = ident(field_name);
            quote!(rest #field_name)
        }
        None if s.deny_unknown => quote!(deny),
        None => quote!(),
    };
    let new = new.then(|| quote!(, new));
    quote! {
        super::runtime::object_impls!(#id { #( #entries ),* } #rest #new);
    }
}

/// The flattened map of the members beyond the declared properties (`ty`, a map type:
/// any JSON, or the values of `additionalProperties`' schema).
fn additional_field(name: &str, ty: &TypeRef, ctx: &Ctx<'_>, public: bool, decoding: Decoding) -> TokenStream {
    // One line of docs: the field is in hundreds of structs of a large document.
    let doc = match ty {
        TypeRef::JsonObject => {
            " Members the document does not declare: kept as they came, in order, and written after the \
             declared ones, so nothing is lost on the way."
        }
        _ => {
            " Members beyond the declared properties (`additionalProperties`): kept as they came, in order, \
             and written after the declared ones."
        }
    };
    let name = ident(name);
    let ty = rust_type(ty, &ctx.local);
    let vis = public.then(|| quote!(pub));
    let flatten = (decoding == Decoding::Derived).then(|| quote!(#[serde(flatten)]));
    quote! {
        #[doc = #doc]
        #flatten
        #vis #name: #ty,
    }
}

/// The doc line that says where a value the document does not list goes.
fn kept_doc(unknown: &str) -> String {
    format!(" Values this client does not know yet are kept in the `{unknown}` variant, so a new server value never breaks decoding.")
}

fn string_enum(name: &proc_macro2::Ident, doc: &TokenStream, variants: &[EnumValue], unknown: &str) -> TokenStream {
    let kept = kept_doc(unknown);
    let unknown = ident(unknown);
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<&str> = variants.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = variants.iter().map(|v| docs::attrs(&v.docs));
    quote! {
        #doc
        ///
        #[doc = #kept]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #idents, )*
            /// A value not listed in the document.
            #unknown(::std::string::String),
        }

        super::runtime::string_enum_impls!(#name { #( #idents(#values) ),* } else #unknown);
    }
}

fn int_enum(name: &proc_macro2::Ident, doc: &TokenStream, variants: &[IntValue], unknown: &str) -> TokenStream {
    let kept = kept_doc(unknown);
    let unknown = ident(unknown);
    let idents: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<Literal> = variants.iter().map(|v| Literal::i64_unsuffixed(v.value)).collect();
    let variant_docs = variants.iter().map(|v| docs::attrs(&v.docs));
    quote! {
        #doc
        ///
        #[doc = #kept]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_docs #idents, )*
            /// A value not listed in the document.
            #unknown(i64),
        }

        super::runtime::int_enum_impls!(#name { #( #idents(#values) ),* } else #unknown);
    }
}

/// An internally tagged enum: decoded by serde's derive, written by
/// [`tagged_serialize`] so that each variant's members keep the member schema's order.
fn tagged(name: &str, doc: &TokenStream, tag: &str, variants: &[TaggedVariant], ctx: &mut Ctx<'_>) -> TokenStream {
    let id = ident(name);
    let decls: Vec<TokenStream> = variants
        .iter()
        .map(|v| {
            let variant = ident(&v.name);
            let doc = docs::attrs(&v.docs);
            let value = &v.tag_value;
            let owner = format!("{name}_{}", v.name);
            let fields: Vec<TokenStream> =
                v.fields.iter().map(|f| field(&owner, f, ctx, false, Decoding::Derived)).collect();
            let additional = v
                .additional
                .as_ref()
                .map(|(field_name, ty)| additional_field(field_name, ty, ctx, false, Decoding::Derived));
            quote! {
                #doc
                #[serde(rename = #value)]
                #variant { #( #fields )* #additional },
            }
        })
        .collect();
    let serialize = tagged_serialize::impl_serialize(&id, tag, variants);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Deserialize)]
        #[serde(tag = #tag)]
        #[non_exhaustive]
        pub enum #id {
            #( #decls )*
        }

        #serialize
    }
}

/// An untagged enum, with its table (see `runtime/untagged.rs`): serialized as its variant's
/// value; decoded by trying the variants in the order `runtime::untagged_order` gives for the
/// value at hand, guided by the members of the struct each variant holds.
fn untagged(name: &proc_macro2::Ident, doc: &TokenStream, variants: &[UntaggedVariant], ctx: &Ctx<'_>) -> TokenStream {
    let local = &ctx.local;
    let decls = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let doc = docs::attrs(&v.docs);
        let ty = rust_type(&v.ty, local);
        quote! { #doc #variant(#ty), }
    });
    let entries = variants.iter().map(|v| {
        let variant = ident(&v.name);
        let shape = held_struct(&v.ty, ctx.api, 0).map(|held| {
            let held = ident(held);
            quote!(as #held)
        });
        quote!(#variant #shape)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #( #decls )*
        }

        super::runtime::untagged_impls!(#name { #( #entries ),* });
    }
}

/// The struct a variant holds, following aliases, newtypes and boxes: its members guide the
/// order in which the variants are tried.
fn held_struct<'a>(ty: &TypeRef, api: &'a Api, depth: usize) -> Option<&'a str> {
    match ty {
        TypeRef::Box(inner) | TypeRef::Option(inner) => held_struct(inner, api, depth),
        TypeRef::Named(name) if depth < 16 => {
            let (name, def) = api.types.get_key_value(name)?;
            match &def.kind {
                TypeKind::Struct(_) => Some(name),
                TypeKind::Alias(target) | TypeKind::Newtype(target) => held_struct(target, api, depth + 1),
                _ => None,
            }
        }
        _ => None,
    }
}
