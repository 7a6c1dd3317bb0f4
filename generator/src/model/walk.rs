//! Every type expression of the model, for questions about the whole crate (which typed
//! formats it uses, and so which runtime parts and crates it needs).

use std::collections::BTreeSet;

use super::{Api, BodyKind, MultipartBody, PartKind, Payload, RequestBody, TypeDef, TypeKind, TypeRef, Typed};

impl Api {
    /// Calls `visit` with every type expression of the model: the named types' fields and
    /// variants, and the operations' parameters, bodies, answers and headers (not the
    /// expressions inside them: see [`TypeRef::leaves`]).
    pub(crate) fn each_type(&self, visit: &mut dyn FnMut(&TypeRef)) {
        for def in self.types.values() {
            def.each_type(visit);
        }
        let payload = |payload: &Payload, visit: &mut dyn FnMut(&TypeRef)| {
            if let Payload::Json(ty) = payload {
                visit(ty);
            }
        };
        self.each_request_type(visit);
        for op in &self.operations {
            payload(&op.success, visit);
            payload(&op.error, visit);
            for case in &op.responses {
                payload(&case.payload, visit);
                case.media.iter().for_each(|m| payload(&m.payload, visit));
            }
            op.response_headers.iter().flat_map(|(_, headers)| headers).for_each(|h| visit(&h.ty));
        }
    }

    /// Calls `visit` with the type expressions of what requests send: the operations'
    /// parameters and bodies, and the client-level headers.
    pub(crate) fn each_request_type(&self, visit: &mut dyn FnMut(&TypeRef)) {
        for op in &self.operations {
            op.params.iter().for_each(|p| visit(&p.ty));
            op.body.iter().for_each(|body| body_types(body, visit));
        }
        self.client_headers.iter().for_each(|h| visit(&h.ty));
    }

    /// The typed formats the crate uses anywhere.
    pub(crate) fn typed_formats(&self) -> BTreeSet<Typed> {
        let mut found = BTreeSet::new();
        self.each_type(&mut |ty| {
            ty.leaves(&mut |leaf| {
                if let TypeRef::Typed(typed) = leaf {
                    found.insert(*typed);
                }
            })
        });
        found
    }
}

fn body_types(body: &RequestBody, visit: &mut dyn FnMut(&TypeRef)) {
    for kind in std::iter::once(&body.kind).chain(body.alternatives.iter().map(|a| &a.kind)) {
        match kind {
            BodyKind::Json(ty) | BodyKind::Form { ty, .. } | BodyKind::Multipart(MultipartBody::Value { ty, .. }) => {
                visit(ty)
            }
            BodyKind::Multipart(MultipartBody::Files(s)) => {
                for field in &s.fields {
                    if let PartKind::Value { ty, .. } = &field.kind {
                        visit(ty);
                    }
                }
            }
            BodyKind::Text | BodyKind::Bytes => {}
        }
    }
}

impl TypeDef {
    /// Calls `visit` with the type expressions of the definition: fields, variants, the
    /// aliased type (not the expressions inside them).
    pub(crate) fn each_type(&self, visit: &mut dyn FnMut(&TypeRef)) {
        match &self.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|f| visit(&f.ty));
                s.additional.iter().for_each(|(_, ty)| visit(ty));
            }
            TypeKind::Tagged { variants, .. } => {
                for variant in variants {
                    variant.fields.iter().for_each(|f| visit(&f.ty));
                    variant.additional.iter().for_each(|(_, ty)| visit(ty));
                }
            }
            TypeKind::TaggedRefs { variants, .. } => variants.iter().for_each(|v| visit(&v.ty)),
            TypeKind::Untagged { variants } => variants.iter().for_each(|v| visit(&v.ty)),
            TypeKind::Alias(ty) | TypeKind::Newtype(ty) => visit(ty),
            TypeKind::StringEnum { .. } | TypeKind::IntEnum { .. } => {}
        }
    }
}

impl TypeRef {
    /// Calls `visit` with this expression and every one inside it.
    pub(crate) fn leaves(&self, visit: &mut dyn FnMut(&TypeRef)) {
        visit(self);
        if let TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) | TypeRef::Box(inner) = self {
            inner.leaves(visit);
        }
    }
}
