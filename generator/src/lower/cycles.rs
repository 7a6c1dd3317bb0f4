//! Recursive types: a type alias cannot refer to itself, and a type that contains itself
//! by value has no size.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{TypeDef, TypeKind, TypeRef};

/// Makes recursive types valid Rust: aliases on a cycle of aliases become newtypes, then
/// every field (variant, newtype) whose type leads back, by value, to the type holding it
/// is boxed.
pub(crate) fn box_recursive_fields(types: &mut BTreeMap<String, TypeDef>) {
    aliases_to_newtypes(types);
    box_by_value_cycles(types);
}

/// `A = Vec<A>` (or `A = Option<B>`, `B = Vec<A>`) cannot be written with `type`; such
/// aliases become `struct A(Vec<A>)`.
fn aliases_to_newtypes(types: &mut BTreeMap<String, TypeDef>) {
    let edges: BTreeMap<String, BTreeSet<String>> = types
        .iter()
        .filter_map(|(name, def)| match &def.kind {
            TypeKind::Alias(target) => {
                let mut named = BTreeSet::new();
                mentioned(target, &mut named);
                named.retain(|n| matches!(types.get(n).map(|d| &d.kind), Some(TypeKind::Alias(_))));
                Some((name.clone(), named))
            }
            _ => None,
        })
        .collect();
    let cyclic: Vec<String> = edges
        .iter()
        .filter(|(name, targets)| targets.iter().any(|t| reaches(&edges, t, name)))
        .map(|(name, _)| name.clone())
        .collect();
    for name in cyclic {
        if let Some(def) = types.get_mut(&name) {
            if let TypeKind::Alias(target) = &def.kind {
                def.kind = TypeKind::Newtype(target.clone());
            }
        }
    }
}

/// Every named type a type expression mentions, at any depth.
fn mentioned(ty: &TypeRef, out: &mut BTreeSet<String>) {
    match ty {
        TypeRef::Named(n) => {
            out.insert(n.clone());
        }
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) | TypeRef::Box(inner) => {
            mentioned(inner, out)
        }
        _ => {}
    }
}

/// Wraps in `Box` every field whose type leads back, by value, to the type holding it.
/// `Vec` and maps already allocate, so only direct and `Option` containment counts.
fn box_by_value_cycles(types: &mut BTreeMap<String, TypeDef>) {
    let edges: BTreeMap<String, BTreeSet<String>> = types
        .iter()
        .map(|(name, def)| (name.clone(), field_types(def).filter_map(|t| by_value(t).map(str::to_owned)).collect()))
        .collect();
    for (name, def) in types.iter_mut() {
        for ty in field_types_mut(def) {
            if let Some(target) = by_value(ty) {
                if reaches(&edges, target, name) {
                    box_in_place(ty);
                }
            }
        }
    }
}

/// The named type a field holds by value, if any.
fn by_value(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(n) => Some(n),
        TypeRef::Option(inner) => by_value(inner),
        _ => None,
    }
}

fn box_in_place(ty: &mut TypeRef) {
    match ty {
        TypeRef::Option(inner) => box_in_place(inner),
        other => {
            let inner = std::mem::replace(other, TypeRef::Json);
            *other = TypeRef::Box(Box::new(inner));
        }
    }
}

fn reaches(edges: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from];
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if seen.insert(n) {
            stack.extend(edges.get(n).into_iter().flatten().map(String::as_str));
        }
    }
    false
}

fn field_types(def: &TypeDef) -> Box<dyn Iterator<Item = &TypeRef> + '_> {
    match &def.kind {
        TypeKind::Struct(s) => Box::new(s.fields.iter().map(|f| &f.ty)),
        TypeKind::Tagged { variants, .. } => Box::new(variants.iter().flat_map(|v| v.fields.iter().map(|f| &f.ty))),
        TypeKind::Untagged { variants } => Box::new(variants.iter().map(|v| &v.ty)),
        TypeKind::TaggedRefs { variants, .. } => Box::new(variants.iter().map(|v| &v.ty)),
        TypeKind::Alias(t) | TypeKind::Newtype(t) => Box::new(std::iter::once(t)),
        TypeKind::StringEnum { .. } | TypeKind::IntEnum { .. } => Box::new(std::iter::empty()),
    }
}

fn field_types_mut(def: &mut TypeDef) -> Box<dyn Iterator<Item = &mut TypeRef> + '_> {
    match &mut def.kind {
        TypeKind::Struct(s) => Box::new(s.fields.iter_mut().map(|f| &mut f.ty)),
        TypeKind::Tagged { variants, .. } => {
            Box::new(variants.iter_mut().flat_map(|v| v.fields.iter_mut().map(|f| &mut f.ty)))
        }
        TypeKind::Untagged { variants } => Box::new(variants.iter_mut().map(|v| &mut v.ty)),
        TypeKind::TaggedRefs { variants, .. } => Box::new(variants.iter_mut().map(|v| &mut v.ty)),
        TypeKind::Newtype(t) => Box::new(std::iter::once(t)),
        // An alias cannot be boxed away; a recursive alias chain is itself infinite only
        // through structs, which get their boxes above.
        TypeKind::Alias(_) | TypeKind::StringEnum { .. } | TypeKind::IntEnum { .. } => Box::new(std::iter::empty()),
    }
}
