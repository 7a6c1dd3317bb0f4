//! Nesting rustc can compile. rustc follows a type's by-value members one query inside the
//! other (its layout, its drop rules) and stops at 128 levels; it follows members behind a
//! generic type (`Option`, `Vec`, a map, `Box`) one step of a work list at a time and stops
//! there at 128 steps too. A chain of components `S0 -> S1 -> ... -> S9999`, each holding
//! the next, is far deeper than either.
//!
//! - By value: a field is boxed when what it holds would nest more than
//!   [`MAX_BY_VALUE_DEPTH`] levels below it (a member counts one level, an optional one two:
//!   the `Option` and its content). A long chain is so cut into pieces of that length, from
//!   its last link up, whatever order the document lists it in.
//! - Behind generic types: a chain going through more than [`MAX_NESTING`] of them (the
//!   boxes above included) is an `Unsupported` error naming the component where it starts:
//!   no boxing makes it shorter, and a crate rustc refuses is worse than an error.
//!
//! Both run over the types in dependency order (the strongly connected components of
//! [`cycles`](super::cycles), which come out dependencies first), so a chain of any
//! length takes linear time and no call depth.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::cycles::{box_in_place, strongly_connected};
use crate::error::Error;
use crate::model::{TypeDef, TypeKind, TypeRef};
use crate::pointer;

/// How many levels a type may hold others by value, counted as in the module docs. rustc's
/// limit is 128 levels for all of a value's nesting, which the generated code (an async
/// `send` holding a response) and the caller's own types share.
pub(crate) const MAX_BY_VALUE_DEPTH: usize = 64;

/// How many generic types (`Option`, `Vec`, maps, `Box`) one chain of members may go
/// through; rustc's limit is 128, with a few taken by the generated code around it.
pub(crate) const MAX_NESTING: usize = 100;

/// Boxes the fields below which values would nest more than [`MAX_BY_VALUE_DEPTH`] levels
/// by value (see the module docs). Runs after the cycles are boxed, so what is held by
/// value no longer has cycles.
pub(super) fn box_deep_chains(types: &mut BTreeMap<String, TypeDef>) {
    let edges: BTreeMap<String, BTreeSet<String>> = types
        .iter()
        .map(|(name, def)| {
            (name.clone(), members(def).into_iter().filter_map(|(t, _)| weight(t).map(|(n, _)| n.to_owned())).collect())
        })
        .collect();
    let mut height: HashMap<String, usize> = HashMap::new();
    for name in dependencies_first(&edges) {
        let Some(def) = types.get_mut(&name) else { continue };
        let mut own = 0;
        if let TypeKind::Alias(target) = &def.kind {
            // An alias cannot hold a box; the fields holding the alias are boxed instead.
            if let Some((target, w)) = weight(target) {
                own = w + height.get(target).copied().unwrap_or(0);
            }
        }
        for (ty, optional) in members_mut(def) {
            let Some((target, w)) = weight(ty) else { continue };
            let below = w + usize::from(optional) + height.get(target).copied().unwrap_or(0);
            if below > MAX_BY_VALUE_DEPTH {
                box_in_place(ty);
            } else {
                own = own.max(below);
            }
        }
        height.insert(name, own);
    }
}

/// An `Unsupported` error when a chain of members goes through more than [`MAX_NESTING`]
/// generic types, naming the component where the deepest such chain starts.
pub(super) fn check_nesting(
    types: &BTreeMap<String, TypeDef>,
    components: &BTreeMap<String, (String, bool)>,
) -> Result<(), Error> {
    let mut steps: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for (name, def) in types {
        let mut out = Vec::new();
        for (ty, optional) in members(def) {
            behind(ty, usize::from(optional), &mut out);
        }
        steps.insert(name.clone(), out);
    }
    let edges: BTreeMap<String, BTreeSet<String>> =
        steps.iter().map(|(name, targets)| (name.clone(), targets.iter().map(|(t, _)| t.clone()).collect())).collect();
    let component = strongly_connected(&edges);
    let mut depth: HashMap<&str, usize> = HashMap::new();
    for name in dependencies_first(&edges) {
        let own = component.get(name.as_str());
        let deepest = steps[&name]
            .iter()
            .map(|(target, generic)| {
                // Inside a cycle rustc meets each type once; only the way out counts.
                let further = if component.get(target.as_str()) == own {
                    0
                } else {
                    depth.get(target.as_str()).copied().unwrap_or(0)
                };
                generic + further
            })
            .max()
            .unwrap_or(0);
        let key = edges.get_key_value(&name).map(|(k, _)| k.as_str()).expect("listed");
        depth.insert(key, deepest);
    }
    let too_deep = components
        .iter()
        .filter_map(|(key, (name, _))| depth.get(name.as_str()).map(|d| (*d, key, name)))
        .filter(|(d, _, _)| *d > MAX_NESTING)
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)));
    match too_deep {
        Some((d, key, name)) => Err(Error::unsupported(
            pointer::join("/components/schemas", &[key]),
            format!(
                "values of `{name}` nest {d} optional, array, map or boxed members deep; rustc compiles at most {MAX_NESTING}"
            ),
        )),
        None => Ok(()),
    }
}

/// The named type a field holds by value and how many levels that costs (one, and one more
/// for each `Option` around it).
fn weight(ty: &TypeRef) -> Option<(&str, usize)> {
    match ty {
        TypeRef::Named(n) => Some((n, 1)),
        TypeRef::Option(inner) => weight(inner).map(|(n, w)| (n, w + 1)),
        _ => None,
    }
}

/// The named types a field's type mentions, each with the generic types around it.
fn behind(ty: &TypeRef, generic: usize, out: &mut Vec<(String, usize)>) {
    match ty {
        TypeRef::Named(n) => out.push((n.clone(), generic)),
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) | TypeRef::Box(inner) => {
            behind(inner, generic + 1, out)
        }
        _ => {}
    }
}

/// The types, each after all the types it reaches outside its own cycle (Tarjan's
/// components are numbered in that order), ties by name.
fn dependencies_first(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let component = strongly_connected(edges);
    let mut order: Vec<(usize, &String)> = edges.keys().map(|k| (component[k.as_str()], k)).collect();
    order.sort();
    order.into_iter().map(|(_, k)| k.clone()).collect()
}

/// The types a type's values hold (fields, variants' payloads, an alias's or newtype's
/// target), each with whether the generated field wraps it in one more `Option` (a member
/// that is not required).
fn members(def: &TypeDef) -> Vec<(&TypeRef, bool)> {
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| (&f.ty, !f.required)).collect(),
        TypeKind::Tagged { variants, .. } => {
            variants.iter().flat_map(|v| v.fields.iter().map(|f| (&f.ty, !f.required))).collect()
        }
        TypeKind::Untagged { variants } => variants.iter().map(|v| (&v.ty, false)).collect(),
        TypeKind::TaggedRefs { variants, .. } => variants.iter().map(|v| (&v.ty, false)).collect(),
        TypeKind::Alias(t) | TypeKind::Newtype(t) => vec![(t, false)],
        TypeKind::StringEnum { .. } | TypeKind::IntEnum { .. } => Vec::new(),
    }
}

/// [`members`] that can hold a box: all but an alias's target.
fn members_mut(def: &mut TypeDef) -> Vec<(&mut TypeRef, bool)> {
    match &mut def.kind {
        TypeKind::Struct(s) => s.fields.iter_mut().map(|f| (&mut f.ty, !f.required)).collect(),
        TypeKind::Tagged { variants, .. } => {
            variants.iter_mut().flat_map(|v| v.fields.iter_mut().map(|f| (&mut f.ty, !f.required))).collect()
        }
        TypeKind::Untagged { variants } => variants.iter_mut().map(|v| (&mut v.ty, false)).collect(),
        TypeKind::TaggedRefs { variants, .. } => variants.iter_mut().map(|v| (&mut v.ty, false)).collect(),
        TypeKind::Newtype(t) => vec![(t, false)],
        TypeKind::Alias(_) | TypeKind::StringEnum { .. } | TypeKind::IntEnum { .. } => Vec::new(),
    }
}
