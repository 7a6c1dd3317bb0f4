//! The model of a document to the [`Surface`] of the crate generated from it.

use std::collections::BTreeMap;

use super::{
    BodySurface, OperationSurface, ResponseSurface, Setting, Surface, TypeSurface, ValueSurface, VariantSurface,
};
use crate::model::{
    Api, BodyKind, Field, Location, MultipartBody, Operation, Payload, RequestBody, SchemeKind, StatusMatch, TypeKind,
    TypeRef, Typed,
};

pub(crate) fn surface(api: &Api) -> Surface {
    let mut client = BTreeMap::new();
    for header in &api.client_headers {
        client.insert(
            header.name.clone(),
            Setting { wire: format!("header {}", header.wire), ty: type_text(&header.ty) },
        );
    }
    for scheme in &api.security_schemes {
        let (wire, ty) = match &scheme.kind {
            SchemeKind::ApiKey { location, wire } => (format!("{} {wire}", location_text(*location)), "String"),
            SchemeKind::Basic => ("basic authorization".to_owned(), "(String, String)"),
            SchemeKind::Bearer => ("bearer authorization".to_owned(), "String"),
            SchemeKind::Authorization => ("authorization".to_owned(), "String"),
        };
        client.insert(scheme.name.clone(), Setting { wire: format!("credential {wire}"), ty: ty.to_owned() });
    }
    Surface {
        title: api.title.clone(),
        version: api.version.clone(),
        servers_enum: if api.servers.is_empty() { String::new() } else { api.servers_enum.clone() },
        servers: api.servers.iter().map(|s| (s.variant.clone(), s.url.clone())).collect(),
        client,
        operations: api.operations.iter().map(|op| (op.method_name.clone(), operation(api, op))).collect(),
        types: api.types.iter().map(|(name, def)| (name.clone(), type_surface(api, name, &def.kind))).collect(),
    }
}

fn operation(api: &Api, op: &Operation) -> OperationSurface {
    let arguments = op
        .params
        .iter()
        .filter(|p| p.positional())
        .map(|p| format!("{}: {}", p.name, type_text(p.ty.without_option())))
        .collect();
    let parameters = op
        .params
        .iter()
        .filter(|p| !p.positional())
        .map(|p| {
            let surface = ValueSurface {
                wire: format!("{} {}", location_text(p.location), p.wire),
                ty: type_text(p.ty.without_option()),
                required: p.required,
            };
            (p.name.clone(), surface)
        })
        .collect();
    // A case's variant is API only where its side of the `Result` is the operation's enum.
    let in_enum = |success: bool| matches!(if success { &op.success } else { &op.error }, Payload::Enum(_));
    let responses = op
        .responses
        .iter()
        .map(|case| {
            let variant = if in_enum(case.success) { case.variant.clone() } else { String::new() };
            let surface = ResponseSurface { success: case.success, payload: payload_text(&case.payload), variant };
            (status_text(case.status), surface)
        })
        .collect();
    let response_headers = op
        .response_headers
        .iter()
        .flat_map(|(_, headers)| headers)
        .map(|h| {
            let surface = ValueSurface { wire: h.wire.clone(), ty: type_text(&h.ty), required: h.required };
            (h.name.clone(), surface)
        })
        .collect();
    let credentials = op
        .security
        .iter()
        .map(|alternative| {
            let names: Vec<&str> = alternative.iter().map(|&i| api.security_schemes[i].name.as_str()).collect();
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(" + ")
            }
        })
        .collect::<Vec<_>>()
        .join(" | ");
    OperationSurface {
        id: op.id.clone(),
        request: format!("{} {}", op.method.as_str().to_uppercase(), op.path_template),
        builder: op.builder_name.clone(),
        arguments,
        parameters,
        body: op.body.as_ref().map(body),
        responses,
        success: payload_text(&op.success),
        error: payload_text(&op.error),
        response_headers,
        headers: op.response_headers.as_ref().map(|(name, _)| name.clone()).unwrap_or_default(),
        credentials,
    }
}

fn body(body: &RequestBody) -> BodySurface {
    BodySurface {
        media_type: body.media_type.clone(),
        ty: body_text(&body.kind),
        required: body.required,
        alternatives: body
            .alternatives
            .iter()
            .map(|a| (a.setter.clone(), format!("{} {}", a.media_type, body_text(&a.kind))))
            .collect(),
    }
}

fn body_text(kind: &BodyKind) -> String {
    match kind {
        BodyKind::Json(ty) | BodyKind::Form { ty, .. } | BodyKind::Multipart(MultipartBody::Value { ty, .. }) => {
            type_text(ty)
        }
        BodyKind::Text => "String".to_owned(),
        BodyKind::Bytes => "Bytes".to_owned(),
        BodyKind::Multipart(MultipartBody::Files(s)) => {
            let fields: Vec<String> =
                s.fields.iter().map(|f| format!("{}{}", f.name, if f.required { "" } else { "?" })).collect();
            format!("{} {{ {} }}", s.name, fields.join(", "))
        }
    }
}

fn type_surface(api: &Api, name: &str, kind: &TypeKind) -> TypeSurface {
    match kind {
        TypeKind::Struct(s) => TypeSurface::Struct {
            fields: fields(&s.fields),
            additional: s.additional.as_ref().map(|(name, ty)| format!("{name}: {}", type_text(ty))),
            default: api.default_structs().contains(name),
        },
        TypeKind::StringEnum { variants, .. } => {
            TypeSurface::Enum { values: variants.iter().map(|v| (v.name.clone(), format!("{:?}", v.value))).collect() }
        }
        TypeKind::IntEnum { variants, .. } => {
            TypeSurface::Enum { values: variants.iter().map(|v| (v.name.clone(), v.value.to_string())).collect() }
        }
        TypeKind::Tagged { tag, variants } => TypeSurface::Union {
            tag: tag.clone(),
            variants: variants
                .iter()
                .map(|v| {
                    let surface =
                        VariantSurface { tag_value: v.tag_value.clone(), ty: String::new(), fields: fields(&v.fields) };
                    (v.name.clone(), surface)
                })
                .collect(),
        },
        TypeKind::TaggedRefs { tag, variants } => TypeSurface::Union {
            tag: tag.clone(),
            variants: variants
                .iter()
                .map(|v| {
                    let surface = VariantSurface {
                        tag_value: v.tag_value.clone(),
                        ty: type_text(&v.ty),
                        fields: BTreeMap::new(),
                    };
                    (v.name.clone(), surface)
                })
                .collect(),
        },
        TypeKind::Untagged { variants } => TypeSurface::Union {
            tag: String::new(),
            variants: variants
                .iter()
                .map(|v| {
                    let surface =
                        VariantSurface { tag_value: String::new(), ty: type_text(&v.ty), fields: BTreeMap::new() };
                    (v.name.clone(), surface)
                })
                .collect(),
        },
        TypeKind::Alias(ty) => TypeSurface::Alias { ty: type_text(ty) },
        TypeKind::Newtype(ty) => TypeSurface::Newtype { ty: type_text(ty) },
    }
}

fn fields(fields: &[Field]) -> BTreeMap<String, ValueSurface> {
    fields
        .iter()
        .map(|f| (f.name.clone(), ValueSurface { wire: f.wire.clone(), ty: field_type(f), required: f.required }))
        .collect()
}

/// The type of a field as generated: an optional member is an `Option`, and so is a member
/// that may be `null` (written once).
fn field_type(field: &Field) -> String {
    if field.required {
        type_text(&field.ty)
    } else {
        type_text(&field.ty.clone().option())
    }
}

/// A type expression as users read it in the crate's docs (paths shortened).
pub(super) fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::I32 => "i32".to_owned(),
        TypeRef::I64 => "i64".to_owned(),
        TypeRef::U32 => "u32".to_owned(),
        TypeRef::U64 => "u64".to_owned(),
        TypeRef::F32 => "f32".to_owned(),
        TypeRef::F64 => "f64".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::JsonObject => "JsonObject".to_owned(),
        TypeRef::Named(name) => name.clone(),
        TypeRef::Vec(item) => format!("Vec<{}>", type_text(item)),
        TypeRef::Map(value) => format!("IndexMap<String, {}>", type_text(value)),
        TypeRef::Option(inner) => format!("Option<{}>", type_text(inner)),
        TypeRef::Box(inner) => format!("Box<{}>", type_text(inner)),
        TypeRef::Typed(typed) => match typed {
            Typed::ChronoDateTime => "chrono::DateTime",
            Typed::ChronoDate => "chrono::Date",
            Typed::TimeDateTime => "time::DateTime",
            Typed::TimeDate => "time::Date",
            Typed::Uuid => "uuid::Uuid",
        }
        .to_owned(),
        TypeRef::External(path) => path.trim_start_matches("::").to_owned(),
    }
}

fn payload_text(payload: &Payload) -> String {
    match payload {
        Payload::Json(ty) => type_text(ty),
        Payload::Text => "String".to_owned(),
        Payload::Bytes => "Bytes".to_owned(),
        Payload::Empty => "()".to_owned(),
        Payload::Enum(name) => name.clone(),
    }
}

fn status_text(status: StatusMatch) -> String {
    match status {
        StatusMatch::Exact(code) => code.to_string(),
        StatusMatch::Range(digit) => format!("{digit}XX"),
        StatusMatch::Default => "default".to_owned(),
    }
}

fn location_text(location: Location) -> &'static str {
    match location {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Cookie => "cookie",
    }
}
