//! Parameters: location, style and explode, type, checks.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{
    MediaType, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr, Schema, SchemaKind, Type,
};

use super::OperationLowering;
use crate::error::{Error, ErrorKind};
use crate::ident::{self, Scope};
use crate::lower::pattern;
use crate::lower::refs;
use crate::model::{Checks, Docs, Location, Param, ParamEncoding, ParamStyle, TypeDef, TypeKind, TypeRef};
use crate::pointer;

impl OperationLowering<'_, '_> {
    pub(super) fn param(
        &mut self,
        raw: &Parameter,
        at: &str,
        builder: &str,
        scope: &mut Scope,
    ) -> Result<Param, Error> {
        let data = raw.parameter_data_ref();
        let (location, style) = match raw {
            Parameter::Path { style, .. } => (
                Location::Path,
                match style {
                    PathStyle::Simple => ParamStyle::Simple,
                    PathStyle::Label => ParamStyle::Label,
                    PathStyle::Matrix => ParamStyle::Matrix,
                },
            ),
            Parameter::Query { style, .. } => (
                Location::Query,
                match style {
                    QueryStyle::Form => ParamStyle::Form,
                    QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
                    QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
                    QueryStyle::DeepObject => ParamStyle::DeepObject,
                },
            ),
            Parameter::Header { .. } => {
                if !is_token(&data.name) {
                    return Err(Error::new(
                        ErrorKind::Invalid,
                        pointer::join(at, &["name"]),
                        format!("`{}` is not a valid HTTP header name", data.name),
                    ));
                }
                (Location::Header, ParamStyle::Simple)
            }
            Parameter::Cookie { .. } => {
                if !is_token(&data.name) {
                    return Err(Error::new(
                        ErrorKind::Invalid,
                        pointer::join(at, &["name"]),
                        format!("`{}` is not a valid cookie name", data.name),
                    ));
                }
                (Location::Cookie, ParamStyle::Form)
            }
        };
        // OpenAPI: `explode` defaults to true for `form`, false for the other styles.
        let explode = data.explode.unwrap_or(style == ParamStyle::Form);
        let hint = format!("{builder}{}", ident::type_name(&data.name, "Param"));
        let mut pattern_note = None;
        let (ty, encoding, checks) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let schema_at = pointer::join(at, &["schema"]);
                let ty = self.types.type_of(schema, &schema_at, &hint)?;
                // Aliases are transparent in Rust: work with what they stand for.
                let ty = resolve_alias(&ty, &self.types.types);
                let plain = is_plain(ty.without_option(), location, style, &self.types.types);
                let encoding =
                    if plain { ParamEncoding::Plain { explode } } else { ParamEncoding::Styled { style, explode } };
                (ty, encoding, self.checks(schema, &schema_at, &mut pattern_note)?)
            }
            ParameterSchemaOrContent::Content(content) => {
                let (media, media_type) = single_json(content, &pointer::join(at, &["content"]))?;
                let media_at = pointer::join(at, &["content", media]);
                let ty = match &media_type.schema {
                    Some(schema) => self.types.type_of(schema, &pointer::join(&media_at, &["schema"]), &hint)?,
                    None => TypeRef::Json,
                };
                (ty, ParamEncoding::Json, Checks::default())
            }
        };
        let name = self
            .config
            .parameter_names
            .get(&data.name)
            .cloned()
            .unwrap_or_else(|| ident::snake_name(&data.name, "param"));
        let mut docs = Docs::new(&[data.description.as_deref()], || format!("The `{}` parameter.", data.name));
        docs.deprecated = data.deprecated.unwrap_or(false);
        if let Some(note) = pattern_note {
            docs.text.push_str(&format!("\n\n{note}"));
        }
        Ok(Param {
            wire: data.name.clone(),
            name: scope.claim(&name),
            location,
            docs,
            ty,
            required: data.required || location == Location::Path,
            encoding,
            checks,
            client_level: false,
        })
    }

    /// The limits of a parameter's value; `note` gets what its docs say of its `pattern`.
    fn checks(&self, schema: &ReferenceOr<Schema>, at: &str, note: &mut Option<String>) -> Result<Checks, Error> {
        let schema = refs::resolve(self.doc, schema, at)?.item;
        let mut checks = Checks::default();
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                checks.min_length = s.min_length;
                checks.max_length = s.max_length;
                if let Some(pattern) = &s.pattern {
                    match pattern::admit(pattern, "The value") {
                        Ok(text) => {
                            checks.pattern = Some(pattern.clone());
                            *note = Some(text);
                        }
                        Err(text) => *note = Some(text),
                    }
                }
            }
            SchemaKind::Type(Type::Array(a)) => {
                checks.min_items = a.min_items;
                checks.max_items = a.max_items;
            }
            SchemaKind::Type(Type::Integer(i)) => {
                checks.minimum = i.minimum.map(|m| (m as f64, i.exclusive_minimum));
                checks.maximum = i.maximum.map(|m| (m as f64, i.exclusive_maximum));
            }
            SchemaKind::Type(Type::Number(n)) => {
                checks.minimum = n.minimum.map(|m| (m, n.exclusive_minimum));
                checks.maximum = n.maximum.map(|m| (m, n.exclusive_maximum));
            }
            _ => {}
        }
        Ok(checks)
    }
}

/// RFC 9110 `token`: what a header or cookie name may be made of.
pub(super) fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The type a chain of aliases stands for (`Tags = Vec<String>` -> `Vec<String>`), kept
/// as it is when it names anything else. `types` holds every type met so far, which
/// includes the ones `ty` names.
fn resolve_alias(ty: &TypeRef, types: &BTreeMap<String, TypeDef>) -> TypeRef {
    let mut current = ty.clone();
    // The bound stops on circular aliases (`A: $ref B`, `B: $ref A`).
    for _ in 0..32 {
        let TypeRef::Named(name) = current.without_option() else { break };
        let Some(TypeDef { kind: TypeKind::Alias(target), .. }) = types.get(name) else { break };
        current = match current {
            TypeRef::Option(_) => target.clone().option(),
            _ => target.clone(),
        };
    }
    current
}

/// Whether a value goes on the wire as text without the runtime's style encoder: scalars
/// with a known text form (numbers, booleans, strings, string enums) in their location's
/// default style, and arrays of them in queries (`form`) and headers.
fn is_plain(ty: &TypeRef, location: Location, style: ParamStyle, types: &BTreeMap<String, TypeDef>) -> bool {
    let scalar = |t: &TypeRef| match t {
        t if t.is_scalar() => true,
        TypeRef::Named(name) => matches!(types.get(name).map(|d| &d.kind), Some(TypeKind::StringEnum { .. })),
        _ => false,
    };
    let list = |t: &TypeRef| matches!(t, TypeRef::Vec(item) if scalar(item));
    match location {
        Location::Path => style == ParamStyle::Simple && scalar(ty),
        Location::Query => style == ParamStyle::Form && (scalar(ty) || list(ty)),
        Location::Header => scalar(ty) || list(ty),
        Location::Cookie => scalar(ty),
    }
}

fn single_json<'c>(content: &'c IndexMap<String, MediaType>, at: &str) -> Result<(&'c str, &'c MediaType), Error> {
    match content.iter().next() {
        Some((media, m)) if content.len() == 1 && super::bodies::is_json(media) => Ok((media.as_str(), m)),
        _ => Err(Error::unsupported(at, "parameters with `content` are mapped for exactly one JSON media type")),
    }
}
