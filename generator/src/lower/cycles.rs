//! Recursive types: a type alias cannot refer to itself, and a type that contains itself
//! by value has no size.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::error::Error;
use crate::model::{TypeDef, TypeKind, TypeRef};

/// Makes recursive types valid Rust: aliases on a cycle of aliases become newtypes, then
/// every field (variant, newtype) whose type leads back, by value, to the type holding it
/// is boxed; then chains too deep for rustc are boxed or refused ([`depth`](super::depth)).
/// `components`: component schema key -> (Rust name, nullable), to name the pointer of a
/// chain that is refused.
pub(crate) fn box_recursive_fields(
    types: &mut BTreeMap<String, TypeDef>,
    components: &BTreeMap<String, (String, bool)>,
) -> Result<(), Error> {
    aliases_to_newtypes(types);
    box_by_value_cycles(types);
    super::depth::box_deep_chains(types);
    super::depth::check_nesting(types, components)
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
    let component = strongly_connected(&edges);
    let cyclic: Vec<String> = edges
        .iter()
        .filter(|(name, targets)| targets.iter().any(|t| component.get(t.as_str()) == component.get(name.as_str())))
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
    let component = strongly_connected(&edges);
    for (name, def) in types.iter_mut() {
        let own = component.get(name.as_str()).copied();
        for ty in field_types_mut(def) {
            // A target leads back to its holder exactly when both are in one strongly
            // connected component (the holder reaches the target through this field).
            if by_value(ty).is_some_and(|target| component.get(target).copied() == own) {
                box_in_place(ty);
            }
        }
    }
}

/// The named type a field holds by value, if any.
pub(super) fn by_value(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named(n) => Some(n),
        TypeRef::Option(inner) => by_value(inner),
        _ => None,
    }
}

pub(super) fn box_in_place(ty: &mut TypeRef) {
    match ty {
        TypeRef::Option(inner) => box_in_place(inner),
        other => {
            let inner = std::mem::replace(other, TypeRef::Json);
            *other = TypeRef::Box(Box::new(inner));
        }
    }
}

/// The strongly connected component of every node that has edges (an index per
/// component): two nodes share one exactly when each reaches the other. Tarjan's algorithm
/// with an explicit stack, so a chain of thousands of types costs linear time and no call
/// depth. Targets without edges of their own are left out (each is alone in its
/// component, and no edge can lead back from it).
pub(super) fn strongly_connected(edges: &BTreeMap<String, BTreeSet<String>>) -> HashMap<&str, usize> {
    struct Node<'e> {
        index: usize,
        low: usize,
        on_stack: bool,
        targets: Vec<&'e str>,
    }
    let mut nodes: HashMap<&str, Node<'_>> = HashMap::new();
    let mut component: HashMap<&str, usize> = HashMap::new();
    let mut stack: Vec<&str> = Vec::new();
    let mut next_index = 0;
    let mut components = 0;
    for root in edges.keys() {
        if nodes.contains_key(root.as_str()) {
            continue;
        }
        // (node, how many of its targets are done)
        let mut calls: Vec<(&str, usize)> = vec![(root.as_str(), 0)];
        while let Some(&mut (node, ref mut done)) = calls.last_mut() {
            let entry = nodes.entry(node).or_insert_with(|| {
                stack.push(node);
                let targets = edges.get(node).into_iter().flatten().map(String::as_str).collect();
                let index = next_index;
                next_index += 1;
                Node { index, low: index, on_stack: true, targets }
            });
            if let Some(&target) = entry.targets.get(*done) {
                *done += 1;
                if !edges.contains_key(target) {
                    continue;
                }
                match nodes.get(target) {
                    None => calls.push((target, 0)),
                    Some(t) if t.on_stack => {
                        let low = t.index;
                        let n = nodes.get_mut(node).expect("visited");
                        n.low = n.low.min(low);
                    }
                    Some(_) => {}
                }
                continue;
            }
            calls.pop();
            let (index, low) = (entry.index, entry.low);
            if let Some(&(parent, _)) = calls.last() {
                let p = nodes.get_mut(parent).expect("visited");
                p.low = p.low.min(low);
            }
            if low == index {
                while let Some(member) = stack.pop() {
                    nodes.get_mut(member).expect("visited").on_stack = false;
                    component.insert(member, components);
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
}

pub(super) fn field_types(def: &TypeDef) -> Box<dyn Iterator<Item = &TypeRef> + '_> {
    match &def.kind {
        TypeKind::Struct(s) => Box::new(s.fields.iter().map(|f| &f.ty)),
        TypeKind::Tagged { variants, .. } => Box::new(variants.iter().flat_map(|v| v.fields.iter().map(|f| &f.ty))),
        TypeKind::Untagged { variants } => Box::new(variants.iter().map(|v| &v.ty)),
        TypeKind::TaggedRefs { variants, .. } => Box::new(variants.iter().map(|v| &v.ty)),
        TypeKind::Alias(t) | TypeKind::Newtype(t) => Box::new(std::iter::once(t)),
        TypeKind::StringEnum { .. } | TypeKind::IntEnum { .. } => Box::new(std::iter::empty()),
    }
}

pub(super) fn field_types_mut(def: &mut TypeDef) -> Box<dyn Iterator<Item = &mut TypeRef> + '_> {
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
