//! Recursive types need indirection: a struct that contains itself by value has no size.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{TypeDef, TypeKind, TypeRef};

/// Wraps in `Box` every field whose type leads back, by value, to the type holding it.
/// `Vec` and maps already allocate, so only direct and `Option` containment counts.
pub(crate) fn box_recursive_fields(types: &mut BTreeMap<String, TypeDef>) {
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
        TypeKind::Alias(t) => Box::new(std::iter::once(t)),
        TypeKind::StringEnum { .. } => Box::new(std::iter::empty()),
    }
}

fn field_types_mut(def: &mut TypeDef) -> Box<dyn Iterator<Item = &mut TypeRef> + '_> {
    match &mut def.kind {
        TypeKind::Struct(s) => Box::new(s.fields.iter_mut().map(|f| &mut f.ty)),
        TypeKind::Tagged { variants, .. } => {
            Box::new(variants.iter_mut().flat_map(|v| v.fields.iter_mut().map(|f| &mut f.ty)))
        }
        // An alias cannot be boxed away; a recursive alias chain is itself infinite only
        // through structs, which get their boxes above.
        TypeKind::Alias(_) | TypeKind::StringEnum { .. } => Box::new(std::iter::empty()),
    }
}
