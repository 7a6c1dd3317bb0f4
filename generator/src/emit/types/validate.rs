//! `impl runtime::Validate` for the named types that have something to check: the limits
//! of their fields (length, items, bounds, patterns), then the types inside them that have
//! limits of their own. A type with nothing to check gets no impl, and nothing calls
//! `validate` on it ([`needs_check`] says where a call is due); nor does a type no request
//! can send (only answers hold it).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ident::ident;
use crate::model::{Api, Checks, Docs, Field, MultipartField, TypeDef, TypeKind, TypeRef};

/// A value being checked, written as each use needs it, without a needless `&` or `*`: a
/// reference bound to a name (`value`), or a place (`self.name`).
#[derive(Clone)]
struct Value {
    /// An expression of type `&T`.
    by_ref: TokenStream,
    /// An expression of type `T` (read only where `T` is `Copy`).
    deref: TokenStream,
    /// A receiver of `T`'s methods (`.iter()`, `.len()`), through auto-deref.
    receiver: TokenStream,
}

impl Value {
    fn binding(name: TokenStream) -> Self {
        Value { by_ref: name.clone(), deref: quote!(*#name), receiver: name }
    }

    fn place(place: TokenStream) -> Self {
        Value { by_ref: quote!(&#place), deref: place.clone(), receiver: place }
    }

    /// The value inside a `Box` that `self` is.
    fn unboxed(self) -> Self {
        let deref = self.deref;
        Value { by_ref: quote!(&*#deref), deref: quote!(*#deref), receiver: self.receiver }
    }
}

/// Whether a value of type `ty` has anything to check, so that `runtime::Validate` is
/// implemented for it and is to be called (on a body, a part, a member).
pub(crate) fn needs_check(api: &Api, ty: &TypeRef) -> bool {
    mentions(ty, checked(api))
}

/// The named types that have something to check and that a request can send (see
/// [`Api::checked`], [`Api::sent_types`]).
pub(crate) fn checked(api: &Api) -> &BTreeSet<String> {
    api.checked.get_or_init(|| {
        let sent = api.sent_types();
        needing(&api.types).into_iter().filter(|name| sent.contains(name)).collect()
    })
}

/// The named types that have something to check, themselves or inside them.
fn needing(types: &BTreeMap<String, TypeDef>) -> BTreeSet<String> {
    let mut needs: BTreeSet<String> = BTreeSet::new();
    loop {
        let before = needs.len();
        for (name, def) in types {
            if needs.contains(name) {
                continue;
            }
            let fields_need = |fields: &[Field], needs: &BTreeSet<String>| {
                fields.iter().any(|f| field_checks(f, Value::binding(quote!(x)), types, needs).is_some())
            };
            let yes = match &def.kind {
                TypeKind::Struct(s) => {
                    fields_need(&s.fields, &needs) || s.additional.as_ref().is_some_and(|(_, t)| mentions(t, &needs))
                }
                TypeKind::Tagged { variants, .. } => variants.iter().any(|v| {
                    fields_need(&v.fields, &needs) || v.additional.as_ref().is_some_and(|(_, t)| mentions(t, &needs))
                }),
                TypeKind::Untagged { variants } => variants.iter().any(|v| mentions(&v.ty, &needs)),
                TypeKind::TaggedRefs { variants, .. } => variants.iter().any(|v| mentions(&v.ty, &needs)),
                TypeKind::Alias(t) | TypeKind::Newtype(t) => mentions(t, &needs),
                TypeKind::StringEnum { .. } | TypeKind::IntEnum { .. } => false,
            };
            if yes {
                needs.insert(name.clone());
            }
        }
        if needs.len() == before {
            return needs;
        }
    }
}

fn mentions(ty: &TypeRef, needs: &BTreeSet<String>) -> bool {
    match ty {
        TypeRef::Named(n) => needs.contains(n),
        TypeRef::Vec(t) | TypeRef::Map(t) | TypeRef::Option(t) | TypeRef::Box(t) => mentions(t, needs),
        _ => false,
    }
}

/// The `Validate` impl of one type.
pub(super) fn impl_validate(def: &TypeDef, types: &BTreeMap<String, TypeDef>, needs: &BTreeSet<String>) -> TokenStream {
    let name = ident(&def.name);
    if matches!(def.kind, TypeKind::Alias(_)) {
        // Not a type of its own: the aliased type's impl serves.
        return TokenStream::new();
    }
    if !needs.contains(&def.name) {
        return TokenStream::new();
    }
    let body = match &def.kind {
        TypeKind::Struct(s) => {
            let fields = s.fields.iter().filter_map(|f| {
                let id = ident(&f.name);
                field_checks(f, Value::place(quote!(self.#id)), types, needs)
            });
            let additional = s.additional.as_ref().filter(|(_, t)| mentions(t, needs)).map(|(name, _)| {
                let id = ident(name);
                quote!(super::runtime::Validate::validate(&self.#id, path)?;)
            });
            quote! { #( #fields )* #additional ::std::result::Result::Ok(()) }
        }
        TypeKind::Tagged { variants, .. } => {
            let arms = variants.iter().map(|v| {
                let variant = ident(&v.name);
                let mut bindings = Vec::new();
                let mut checks = Vec::new();
                for (i, f) in v.fields.iter().enumerate() {
                    let binding = ident(&format!("field_{i}"));
                    if let Some(c) = field_checks(f, Value::binding(quote!(#binding)), types, needs) {
                        let id = ident(&f.name);
                        bindings.push(quote!(#id: #binding));
                        checks.push(c);
                    }
                }
                if let Some((name, _)) = v.additional.as_ref().filter(|(_, t)| mentions(t, needs)) {
                    let id = ident(name);
                    bindings.push(quote!(#id));
                    checks.push(quote!(super::runtime::Validate::validate(#id, path)?;));
                }
                quote! { Self::#variant { #( #bindings, )* .. } => { #( #checks )* } }
            });
            quote! {
                match self { #( #arms )* }
                ::std::result::Result::Ok(())
            }
        }
        TypeKind::Untagged { variants } => newtype_arms(variants.iter().map(|v| (v.name.as_str(), &v.ty)), needs),
        TypeKind::TaggedRefs { variants, .. } => newtype_arms(variants.iter().map(|v| (v.name.as_str(), &v.ty)), needs),
        TypeKind::Newtype(_) => quote!(super::runtime::Validate::validate(&self.0, path)),
        TypeKind::Alias(_) | TypeKind::StringEnum { .. } | TypeKind::IntEnum { .. } => {
            unreachable!("aliases return early; enums have nothing to check")
        }
    };
    quote! {
        impl super::runtime::Validate for #name {
            fn validate(
                &self,
                path: &super::runtime::Path<'_>,
            ) -> ::std::result::Result<(), super::runtime::InvalidRequest> {
                #body
            }
        }
    }
}

/// A `match` validating the value of each newtype variant (`(name, type)`) that has
/// something to check.
fn newtype_arms<'a>(variants: impl Iterator<Item = (&'a str, &'a TypeRef)>, needs: &BTreeSet<String>) -> TokenStream {
    let arms = variants.map(|(name, ty)| {
        let variant = ident(name);
        if mentions(ty, needs) {
            quote!(Self::#variant(value) => super::runtime::Validate::validate(value, path),)
        } else {
            quote!(Self::#variant(_) => ::std::result::Result::Ok(()),)
        }
    });
    quote! { match self { #( #arms )* } }
}

/// The checks of a value part of a `multipart/form-data` struct, whose value (of type `ty`,
/// `Option` when the part is optional) is at `place` (`self.name`); `path` must be in scope.
pub(crate) fn part_checks(
    part: &MultipartField,
    ty: &TypeRef,
    place: TokenStream,
    types: &BTreeMap<String, TypeDef>,
    needs: &BTreeSet<String>,
) -> Option<TokenStream> {
    // An optional part's field is `ty` made optional once (`Option<T>` also when `ty` is
    // nullable: a form has no `null` to send), unlike a struct field's `Option<Option<T>>`;
    // it is checked as the type it is, so as a required field of that type.
    let field = Field {
        name: part.name.clone(),
        wire: part.wire.clone(),
        docs: Docs::default(),
        ty: if part.required { ty.clone() } else { ty.clone().option() },
        required: true,
        default: None,
        checks: part.checks.clone(),
        item_checks: part.item_checks.clone(),
    };
    field_checks(&field, Value::place(place), types, needs)
}

/// The checks of a parameter named `wire` whose value, a reference to a `ty`, is `value`:
/// its own limits (the types inside it are not walked), the error naming the parameter.
pub(crate) fn param_checks(wire: &str, ty: &TypeRef, c: &Checks) -> Option<TokenStream> {
    let path = quote!(&super::runtime::Path::Root(#wire));
    let value = Value::binding(quote!(value));
    value_checks(value, &path, ty, c, &Checks::default(), &BTreeMap::new(), &BTreeSet::new(), 0)
}

/// The checks of a parameter named `wire` whose value, a `ty`, is at `place` (`self.limit`):
/// as [`param_checks`], an `Option` checked when it holds a value. A string's length and an
/// integer's bounds are one line per bound, naming the parameter, set or not (what most limits
/// of parameters are; the runtime's `Bounded` takes a value or an `Option`).
pub(crate) fn place_checks(wire: &str, ty: &TypeRef, place: TokenStream, c: &Checks) -> Option<TokenStream> {
    if let Some(bounds) = bound_checks(wire, ty, &place, c) {
        return Some(bounds);
    }
    let path = quote!(&super::runtime::Path::Root(#wire));
    value_checks(Value::place(place), &path, ty, c, &Checks::default(), &BTreeMap::new(), &BTreeSet::new(), 0)
}

/// The limits of a parameter (a `ty`, maybe optional, at `place`) that are bounds only (a
/// string's length, an integer's range), as one `check_min_*`/`check_max_*` line per bound;
/// `None` for anything else.
fn bound_checks(wire: &str, ty: &TypeRef, place: &TokenStream, c: &Checks) -> Option<TokenStream> {
    let (inner, optional) = (ty.without_option(), matches!(ty, TypeRef::Option(_)));
    let literal = |v: usize| Literal::usize_unsuffixed(v);
    match inner {
        TypeRef::String if c.pattern.is_none() && (c.min_length.is_some() || c.max_length.is_some()) => {
            let min = c.min_length.map(|v| {
                let v = literal(v);
                quote!(super::runtime::check_min_length(#wire, &#place, #v)?;)
            });
            let max = c.max_length.map(|v| {
                let v = literal(v);
                quote!(super::runtime::check_max_length(#wire, &#place, #v)?;)
            });
            Some(quote!(#min #max))
        }
        TypeRef::I64 | TypeRef::I32 | TypeRef::U32 if c.minimum.is_some() || c.maximum.is_some() => {
            if !integral_bounds(c) {
                return None;
            }
            let widened = match (*inner == TypeRef::I64, optional) {
                (true, _) => quote!(#place),
                (false, false) => quote!(i64::from(#place)),
                (false, true) => quote!(#place.map(i64::from)),
            };
            let bound = |b: Option<(f64, bool)>, check: TokenStream| {
                b.map(|(v, exclusive)| {
                    let v = Literal::i64_unsuffixed(v as i64);
                    quote!(super::runtime::#check(#wire, #widened, #v, #exclusive)?;)
                })
            };
            let min = bound(c.minimum, quote!(check_minimum_i64));
            let max = bound(c.maximum, quote!(check_maximum_i64));
            Some(quote!(#min #max))
        }
        _ => None,
    }
}

/// The checks of one field whose value is `value` (a reference), or `None` when it has none.
/// The field's path (`&Path::Field(path, "name")`) is written where a check needs it: it is
/// made only when that check fails, and each check stays one line.
fn field_checks(
    f: &Field,
    value: Value,
    types: &BTreeMap<String, TypeDef>,
    needs: &BTreeSet<String>,
) -> Option<TokenStream> {
    // An optional field holds `Option<ty>`.
    let ty = if f.required { f.ty.clone() } else { TypeRef::Option(Box::new(f.ty.clone())) };
    let wire = &f.wire;
    let path = quote!(&super::runtime::Path::Field(path, #wire));
    value_checks(value, &path, &ty, &f.checks, &f.item_checks, types, needs, 0)
}

/// Checks of `value` (a `ty`) at `path` (an expression of type `&Path`): its own limits `c`, the limits of its items `items`, and the types inside it
/// that have limits.
#[allow(clippy::too_many_arguments)]
fn value_checks(
    value: Value,
    path: &TokenStream,
    ty: &TypeRef,
    c: &Checks,
    items: &Checks,
    types: &BTreeMap<String, TypeDef>,
    needs: &BTreeSet<String>,
    depth: usize,
) -> Option<TokenStream> {
    let none = Checks::default();
    if *c == none && *items == none && only_nested(ty, needs) {
        // The impls for `Option`, `Vec`, `Box` and maps walk in as the arms below would.
        let by_ref = &value.by_ref;
        return Some(quote!(super::runtime::Validate::validate(#by_ref, #path)?;));
    }
    match ty {
        TypeRef::Option(inner) => {
            // `Option<Option<T>>` in one pattern (`Some(Some(value))`).
            let mut pattern = quote!(::std::option::Option::Some(value));
            let mut inner: &TypeRef = inner;
            while let TypeRef::Option(next) = inner {
                pattern = quote!(::std::option::Option::Some(#pattern));
                inner = next;
            }
            let by_ref = &value.by_ref;
            let inner = value_checks(Value::binding(quote!(value)), path, inner, c, items, types, needs, depth)?;
            Some(quote! { if let #pattern = #by_ref { #inner } })
        }
        TypeRef::Box(inner) => value_checks(value.unboxed(), path, inner, c, items, types, needs, depth),
        TypeRef::String => string(&value.by_ref, path, c),
        TypeRef::I64 => range_i64(value.deref, path, c),
        TypeRef::I32 => range_i64(value.deref, path, c),
        TypeRef::U32 => range_i64(value.deref, path, &unsigned(c)),
        TypeRef::U64 => {
            let deref = &value.deref;
            range_f64(quote!(#deref as f64), path, &unsigned(c))
        }
        TypeRef::F32 => {
            let deref = &value.deref;
            range_f64(quote!(f64::from(#deref)), path, c)
        }
        TypeRef::F64 => range_f64(value.deref, path, c),
        TypeRef::Vec(item) => {
            let receiver = &value.receiver;
            let count = count(receiver, path, c);
            let item_path = quote!(path);
            let item_value = Value::binding(quote!(item));
            let each = value_checks(item_value, &item_path, item, items, &none, types, needs, depth).map(|checks| {
                quote! {
                    for (index, item) in #receiver.iter().enumerate() {
                        let path = &super::runtime::Path::Index(#path, index);
                        #checks
                    }
                }
            });
            (count.is_some() || each.is_some()).then(|| quote!(#count #each))
        }
        TypeRef::Map(inner) if mentions(inner, needs) => {
            let by_ref = &value.by_ref;
            Some(quote!(super::runtime::Validate::validate(#by_ref, #path)?;))
        }
        TypeRef::Named(name) => {
            let by_ref = &value.by_ref;
            let recurse = needs.contains(name).then(|| quote!(super::runtime::Validate::validate(#by_ref, #path)?;));
            // An alias of a scalar carries the field's limits.
            let own = match types.get(name).map(|d| &d.kind) {
                Some(TypeKind::Alias(target)) if depth < 8 && recurse.is_none() => {
                    value_checks(value.clone(), path, target, c, items, types, needs, depth + 1)
                }
                _ => None,
            };
            (recurse.is_some() || own.is_some()).then(|| quote!(#recurse #own))
        }
        _ => None,
    }
}

/// Whether `ty` is a named type with something to check, in `Option`s, `Vec`s, `Box`es and
/// maps: all its checks are that type's.
fn only_nested(ty: &TypeRef, needs: &BTreeSet<String>) -> bool {
    match ty {
        TypeRef::Option(inner) | TypeRef::Vec(inner) | TypeRef::Box(inner) | TypeRef::Map(inner) => {
            only_nested(inner, needs)
        }
        TypeRef::Named(name) => needs.contains(name),
        _ => false,
    }
}

/// The limits of an unsigned value less a minimum it always meets (`minimum: 0`).
fn unsigned(c: &Checks) -> Checks {
    let mut c = c.clone();
    if c.minimum.is_some_and(|(bound, exclusive)| bound < 0.0 || (bound == 0.0 && !exclusive)) {
        c.minimum = None;
    }
    c
}

/// The length and pattern checks of a string.
fn string(value: &TokenStream, path: &TokenStream, c: &Checks) -> Option<TokenStream> {
    let length = (c.min_length.is_some() || c.max_length.is_some()).then(|| {
        let (min, max) = (opt_usize(c.min_length), opt_usize(c.max_length));
        quote!(super::runtime::check_length(#path, #value, #min, #max)?;)
    });
    let pattern = c.pattern.as_deref().map(|pattern| crate::emit::pattern_check(pattern, path.clone(), value));
    (length.is_some() || pattern.is_some()).then(|| quote!(#length #pattern))
}

/// The item count checks of a list, `receiver` a receiver of its `len`.
fn count(receiver: &TokenStream, path: &TokenStream, c: &Checks) -> Option<TokenStream> {
    if c.min_items.is_none() && c.max_items.is_none() {
        return None;
    }
    let (min, max) = (opt_usize(c.min_items), opt_usize(c.max_items));
    Some(quote!(super::runtime::check_items(#path, #receiver.len(), #min, #max)?;))
}

fn range_i64(value: TokenStream, path: &TokenStream, c: &Checks) -> Option<TokenStream> {
    if c.minimum.is_none() && c.maximum.is_none() {
        return None;
    }
    if !integral_bounds(c) {
        return range_f64(quote!((#value) as f64), path, c);
    }
    let bound = |b: Option<(f64, bool)>| match b {
        Some((v, exclusive)) => {
            let v = Literal::i64_unsuffixed(v as i64);
            quote!(::std::option::Option::Some((#v, #exclusive)))
        }
        None => quote!(::std::option::Option::None),
    };
    let (min, max) = (bound(c.minimum), bound(c.maximum));
    Some(quote!(super::runtime::check_range_i64(#path, #value, #min, #max)?;))
}

/// Whether `minimum` and `maximum` are whole numbers an `i64` holds, so an integer is
/// checked against them as an `i64`.
fn integral_bounds(c: &Checks) -> bool {
    let integral = |b: Option<(f64, bool)>| b.is_none_or(|(v, _)| v.fract() == 0.0 && v.abs() < 9.0e18);
    integral(c.minimum) && integral(c.maximum)
}

fn range_f64(value: TokenStream, path: &TokenStream, c: &Checks) -> Option<TokenStream> {
    if c.minimum.is_none() && c.maximum.is_none() {
        return None;
    }
    let bound = |b: Option<(f64, bool)>| match b {
        Some((v, exclusive)) => {
            let v = Literal::f64_unsuffixed(v);
            quote!(::std::option::Option::Some((#v, #exclusive)))
        }
        None => quote!(::std::option::Option::None),
    };
    let (min, max) = (bound(c.minimum), bound(c.maximum));
    Some(quote!(super::runtime::check_range_f64(#path, #value, #min, #max)?;))
}

fn opt_usize(v: Option<usize>) -> TokenStream {
    match v {
        Some(v) => {
            let v = Literal::usize_unsuffixed(v);
            quote!(::std::option::Option::Some(#v))
        }
        None => quote!(::std::option::Option::None),
    }
}
