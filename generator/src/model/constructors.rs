//! How users make each generated struct, which is `#[non_exhaustive]` (ARCHITECTURE.md,
//! "Types designed to evolve"): `Default` or `new` with the required fields.
//!
//! `new` is for what requests send: the compiler then asks for every required value. A
//! struct that only answers hold is read far more than built (a test's fake answer), so it
//! derives `Default` when every field has a default value, and a required field the API adds
//! later breaks no code; a struct of any kind without required fields derives it too.

use std::collections::BTreeSet;

use super::{Api, TypeDef, TypeKind, TypeRef};

impl Api {
    /// The structs made with `Default` (see the module docs); the others have `new`.
    pub(crate) fn default_structs(&self) -> &BTreeSet<String> {
        self.default_structs.get_or_init(|| {
            let sent = self.sent_types();
            let mut defaults = BTreeSet::new();
            // Grows until no struct joins: a struct whose fields need one not yet in is
            // looked at again on the next round; a cycle of required fields never joins.
            loop {
                let before = defaults.len();
                for (name, def) in &self.types {
                    let TypeKind::Struct(s) = &def.kind else { continue };
                    let required = s.fields.iter().filter(|f| f.required);
                    let joins = if sent.contains(name) {
                        s.fields.iter().all(|f| !f.required)
                    } else {
                        required.into_iter().all(|f| self.has_default(&f.ty, &defaults))
                    };
                    if joins && !defaults.contains(name) {
                        defaults.insert(name.clone());
                    }
                }
                if defaults.len() == before {
                    return defaults;
                }
            }
        })
    }

    /// Whether a value of `ty` has a `Default`, given the structs known to derive it.
    fn has_default(&self, ty: &TypeRef, defaults: &BTreeSet<String>) -> bool {
        match ty {
            // Typed formats and replaced types: not known to have one.
            TypeRef::Typed(_) | TypeRef::External(_) => false,
            TypeRef::Json | TypeRef::JsonObject | TypeRef::Vec(_) | TypeRef::Map(_) | TypeRef::Option(_) => true,
            TypeRef::Box(inner) => self.has_default(inner, defaults),
            TypeRef::Named(name) => match self.types.get(name).map(|def| &def.kind) {
                Some(TypeKind::Struct(_)) => defaults.contains(name),
                Some(TypeKind::Alias(target)) => self.has_default(target, defaults),
                // Enums and unions have no value to stand for "not set"; newtypes derive no
                // `Default`.
                _ => false,
            },
            // Strings, booleans and numbers.
            _ => ty.is_scalar(),
        }
    }

    /// The named types a request can send: those of parameters, bodies and client headers,
    /// and every type inside them.
    pub(crate) fn sent_types(&self) -> BTreeSet<String> {
        let mut sent = BTreeSet::new();
        let mut pending: Vec<String> = Vec::new();
        let reach = |ty: &TypeRef, pending: &mut Vec<String>| {
            ty.leaves(&mut |leaf| {
                if let TypeRef::Named(name) = leaf {
                    pending.push(name.clone());
                }
            })
        };
        self.each_request_type(&mut |ty| reach(ty, &mut pending));
        while let Some(name) = pending.pop() {
            if !sent.insert(name.clone()) {
                continue;
            }
            if let Some(def) = self.types.get(&name) {
                TypeDef::each_type(def, &mut |ty| reach(ty, &mut pending));
            }
        }
        sent
    }
}
