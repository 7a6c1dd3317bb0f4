//! Request bodies: the media types an operation accepts, each with its setter.

use openapiv3::{MediaType, OpenAPI, QueryStyle, ReferenceOr, RequestBody as OaRequestBody, Schema, SchemaKind};
use openapiv3::{StringFormat, Type, VariantOrUnknownOrEmpty};

use super::OperationLowering;
use crate::error::{Error, ErrorKind};
use crate::ident::{self, Scope};
use crate::lower::refs;
use crate::lower::schema::docs_of;
use crate::model::{
    BodyAlternative, BodyKind, Docs, FieldEncoding, MultipartBody, MultipartField, MultipartStruct, ParamStyle,
    PartKind, RequestBody, TypeRef,
};
use crate::pointer;

/// What a media type is to the generator, in the order of preference of the `body` setter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum MediaKind {
    /// `application/json`, `*/*+json`, `text/json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// `text/*`, `application/xml`, `*/*+xml`: UTF-8 text.
    Text,
    /// Anything else: bytes.
    Bytes,
}

/// `Text/Plain; charset=utf-8` -> `text/plain`.
pub(super) fn essence(media: &str) -> String {
    media.split(';').next().unwrap_or(media).trim().to_ascii_lowercase()
}

pub(super) fn media_kind(media: &str) -> MediaKind {
    let essence = essence(media);
    if essence == "application/json" || essence.ends_with("+json") || essence == "text/json" {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if essence == "multipart/form-data" {
        MediaKind::Multipart
    } else if essence.starts_with("text/") || essence == "application/xml" || essence.ends_with("+xml") {
        MediaKind::Text
    } else {
        MediaKind::Bytes
    }
}

pub(super) fn is_json(media: &str) -> bool {
    media_kind(media) == MediaKind::Json
}

/// The word naming a media type in a setter or variant name: `json`, `form`, `multipart`,
/// `text`, `bytes`, else the subtype (`xml`, `png`, `vnd_api_json`).
pub(super) fn media_word(media: &str) -> String {
    let essence = essence(media);
    let subtype = essence.split_once('/').map_or(essence.as_str(), |(_, s)| s);
    match (media_kind(media), essence.as_str()) {
        (MediaKind::Json, "application/json") => "json".to_owned(),
        (MediaKind::Form, _) => "form".to_owned(),
        (MediaKind::Multipart, _) => "multipart".to_owned(),
        (MediaKind::Text, "text/plain") => "text".to_owned(),
        (MediaKind::Bytes, "application/octet-stream" | "*/*") => "bytes".to_owned(),
        (_, e) if subtype == "*" => ident::snake_name(e.split('/').next().unwrap_or(e), "bytes"),
        _ => ident::snake_name(subtype, "bytes"),
    }
}

/// The `Content-Type` sent for a media type of the document: as written, or
/// `application/octet-stream` for a wildcard (`*/*`, `image/*`). A value that cannot be a
/// header is an error.
fn content_type(media: &str, at: &str) -> Result<String, Error> {
    if media.contains('*') {
        return Ok("application/octet-stream".to_owned());
    }
    if media.is_empty() || !media.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
        return Err(Error::new(ErrorKind::Invalid, at, format!("`{media}` is not a media type")));
    }
    Ok(media.trim().to_owned())
}

impl OperationLowering<'_, '_> {
    pub(super) fn body(
        &mut self,
        body: &ReferenceOr<OaRequestBody>,
        at: &str,
        builder: &str,
        scope: &mut Scope,
    ) -> Result<Option<RequestBody>, Error> {
        let resolved = refs::resolve(self.doc, body, at)?;
        let body = resolved.item;
        let at = resolved.pointer;
        if body.content.is_empty() {
            return Ok(None);
        }
        let docs = Docs::new(&[body.description.as_deref()], || "The request body.".to_owned());
        let mut entries: Vec<(&String, &MediaType)> = body.content.iter().collect();
        let preferred =
            entries.iter().enumerate().min_by_key(|(i, (media, _))| (media_kind(media), *i)).map_or(0, |(i, _)| i);
        let (media, media_type) = entries.remove(preferred);
        let media_at = pointer::join(&at, &["content", media]);
        let kind = self.body_kind(media, media_type, &media_at, &format!("{builder}Body"), builder)?;
        let mut alternatives = Vec::new();
        let mut seen = vec![essence(media)];
        for (media, media_type) in entries {
            if seen.contains(&essence(media)) {
                continue; // `application/json` and `application/json; charset=utf-8`: one setter
            }
            seen.push(essence(media));
            let word = media_word(media);
            let media_at = pointer::join(&at, &["content", media]);
            let hint = format!("{builder}Body{}", ident::type_name(&word, "Media"));
            let kind = self.body_kind(media, media_type, &media_at, &hint, builder)?;
            alternatives.push(BodyAlternative {
                setter: scope.claim(&format!("body_{word}")),
                media_type: content_type(media, &media_at)?,
                kind,
            });
        }
        Ok(Some(RequestBody {
            media_type: content_type(media, &media_at)?,
            kind,
            required: body.required,
            docs,
            alternatives,
        }))
    }

    fn body_kind(
        &mut self,
        media: &str,
        media_type: &MediaType,
        at: &str,
        hint: &str,
        builder: &str,
    ) -> Result<BodyKind, Error> {
        let schema_at = pointer::join(at, &["schema"]);
        Ok(match media_kind(media) {
            MediaKind::Json => BodyKind::Json(match &media_type.schema {
                Some(schema) => self.types.type_of(schema, &schema_at, hint)?,
                None => TypeRef::Json,
            }),
            MediaKind::Text => BodyKind::Text,
            MediaKind::Bytes => BodyKind::Bytes,
            MediaKind::Form => BodyKind::Form {
                ty: match &media_type.schema {
                    Some(schema) => self.types.type_of(schema, &schema_at, hint)?,
                    None => TypeRef::JsonObject,
                },
                fields: form_encodings(media_type),
            },
            MediaKind::Multipart => BodyKind::Multipart(self.multipart(media_type, &schema_at, hint, builder)?),
        })
    }

    /// A `multipart/form-data` body: a struct of its own when the object has file
    /// properties (`format: binary`), else the schema's type with its members as parts.
    fn multipart(
        &mut self,
        media_type: &MediaType,
        schema_at: &str,
        hint: &str,
        builder: &str,
    ) -> Result<MultipartBody, Error> {
        let json_fields: Vec<String> = media_type
            .encoding
            .iter()
            .filter(|(_, e)| e.content_type.as_deref().is_some_and(|c| c.contains("json")))
            .map(|(name, _)| name.clone())
            .collect();
        let Some(schema) = &media_type.schema else {
            return Ok(MultipartBody::Value { ty: TypeRef::JsonObject, json: json_fields });
        };
        let resolved = refs::resolve(self.doc, schema, schema_at)?;
        let object_at = resolved.pointer.clone();
        let object = resolved.item;
        let parts = match &object.schema_kind {
            SchemaKind::Type(Type::Object(o)) => Some((&o.properties, &o.required)),
            SchemaKind::Any(any) if !any.properties.is_empty() => Some((&any.properties, &any.required)),
            _ => None,
        };
        let has_files = parts.is_some_and(|(props, _)| {
            props.iter().any(|(name, p)| {
                let at = pointer::join(&object_at, &["properties", name]);
                file_kind(self.doc, p, &at).is_some()
            })
        });
        let Some((properties, required)) = parts.filter(|_| has_files) else {
            let ty = self.types.type_of(schema, schema_at, hint)?;
            return Ok(MultipartBody::Value { ty, json: json_fields });
        };
        let name = self.builders.claim(&format!("{builder}Multipart"));
        let mut field_scope = Scope::default();
        let mut fields = Vec::new();
        for (wire, property) in properties {
            let property_at = pointer::join(&object_at, &["properties", wire]);
            let file_type = media_type
                .encoding
                .get(wire)
                .and_then(|e| e.content_type.clone())
                .filter(|c| {
                    !c.contains('*') && !c.contains(',') && c.bytes().all(|b| b == b' ' || b.is_ascii_graphic())
                })
                .unwrap_or_else(|| "application/octet-stream".to_owned());
            let kind = match file_kind(self.doc, property, &property_at) {
                Some(false) => PartKind::File { content_type: file_type },
                Some(true) => PartKind::Files { content_type: file_type },
                None => PartKind::Value {
                    ty: self.types.type_of(
                        property,
                        &property_at,
                        &format!("{name}{}", ident::type_name(wire, "Field")),
                    )?,
                    json: json_fields.contains(wire),
                },
            };
            let mut docs = match schema_of(self.doc, property, &property_at) {
                Some(s) => docs_of(s, || format!("The `{wire}` part.")),
                None => Docs::new(&[], || format!("The `{wire}` part.")),
            };
            let (checks, item_checks) = if matches!(kind, PartKind::Value { .. }) {
                let (checks, item_checks, notes) = self.types.checks_of(property);
                for note in notes {
                    docs.text.push_str(&format!("\n\n{note}"));
                }
                (checks, item_checks)
            } else {
                Default::default()
            };
            fields.push(MultipartField {
                name: field_scope.claim(&ident::snake_name(wire, "field")),
                wire: wire.clone(),
                docs,
                required: required.contains(wire),
                kind,
                checks,
                item_checks,
            });
        }
        let docs = docs_of(object, || "The parts of the `multipart/form-data` body.".to_owned());
        Ok(MultipartBody::Files(MultipartStruct { name, docs, fields }))
    }
}

/// The `encoding` of the fields of a form body that differ from the default (`form`,
/// exploded, text). openapiv3 reads a missing `explode` as false, so the two cannot be told
/// apart: without a `style`, the default of `form` (exploded) is taken; with an explicit
/// `style` (`form` included), `explode` is taken as read, so `style: form, explode: false`
/// joins with commas.
fn form_encodings(media_type: &MediaType) -> Vec<FieldEncoding> {
    media_type
        .encoding
        .iter()
        .map(|(name, e)| {
            let style = match e.style {
                None | Some(QueryStyle::Form) => ParamStyle::Form,
                Some(QueryStyle::SpaceDelimited) => ParamStyle::SpaceDelimited,
                Some(QueryStyle::PipeDelimited) => ParamStyle::PipeDelimited,
                Some(QueryStyle::DeepObject) => ParamStyle::DeepObject,
            };
            FieldEncoding {
                wire: name.clone(),
                style,
                explode: e.explode || e.style.is_none(),
                json: e.content_type.as_deref().is_some_and(|c| c.contains("json")),
            }
        })
        .filter(|f| f.style != ParamStyle::Form || !f.explode || f.json)
        .collect()
}

/// The schema a property stands for, following `$ref`s (`None` for a broken one, which
/// the type space reports).
fn schema_of<'d>(doc: &'d OpenAPI, schema: &'d ReferenceOr<Box<Schema>>, at: &str) -> Option<&'d Schema> {
    match schema {
        ReferenceOr::Item(item) => Some(item),
        ReferenceOr::Reference { reference } => {
            let (_, next) = refs::component_name::<Schema>(doc, reference, at).ok()?;
            Some(refs::resolve(doc, next, at).ok()?.item)
        }
    }
}

/// Whether a property is a file (`Some(false)`: `type: string, format: binary`) or an array
/// of files (`Some(true)`).
fn file_kind(doc: &OpenAPI, property: &ReferenceOr<Box<Schema>>, at: &str) -> Option<bool> {
    let is_binary = |s: &Schema| {
        matches!(&s.schema_kind, SchemaKind::Type(Type::String(t))
            if matches!(t.format, VariantOrUnknownOrEmpty::Item(StringFormat::Binary)))
    };
    let schema = schema_of(doc, property, at)?;
    if is_binary(schema) {
        return Some(false);
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::Array(a)) => {
            let items = a.items.as_ref()?;
            schema_of(doc, items, &pointer::join(at, &["items"])).filter(|s| is_binary(s)).map(|_| true)
        }
        _ => None,
    }
}
