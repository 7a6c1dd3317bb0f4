//! Schemas -> named types and type expressions.

use std::collections::{BTreeMap, HashMap};

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, OpenAPI, ReferenceOr, Schema, SchemaKind, Type,
    VariantOrUnknownOrEmpty,
};

use super::refs;
use crate::error::{Error, ErrorKind};
use crate::ident::{self, Scope};
use crate::model::{Docs, EnumValue, Field, Struct, TaggedVariant, TypeDef, TypeKind, TypeRef};
use crate::pointer;

/// All named types of the crate, built on demand as schemas are met.
pub(crate) struct TypeSpace<'a> {
    doc: &'a OpenAPI,
    names: Scope,
    /// Component schema key -> (Rust name, nullable).
    components: BTreeMap<String, (String, bool)>,
    /// Inline schemas already lowered, by pointer: the same schema met twice is one type.
    cache: HashMap<String, TypeRef>,
    pub types: BTreeMap<String, TypeDef>,
}

/// The `properties`/`required`/`additionalProperties` of an object schema, whatever its kind.
struct ObjectParts<'s> {
    properties: &'s IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: &'s [String],
    additional: Option<&'s AdditionalProperties>,
}

impl<'a> TypeSpace<'a> {
    /// Claims the names of all component schemas first (in sorted order), so references
    /// resolve to a name before any type is built and components keep their own names.
    pub(crate) fn new(doc: &'a OpenAPI) -> Self {
        let mut space = TypeSpace {
            doc,
            names: Scope::default(),
            components: BTreeMap::new(),
            cache: HashMap::new(),
            types: BTreeMap::new(),
        };
        let mut keys: Vec<(&String, &ReferenceOr<Schema>)> =
            doc.components.iter().flat_map(|c| c.schemas.iter()).collect();
        keys.sort_by(|a, b| a.0.cmp(b.0));
        for (key, schema) in keys {
            let name = space.names.claim(&ident::type_name(key, "Schema"));
            let nullable = matches!(schema, ReferenceOr::Item(s) if s.schema_data.nullable);
            space.components.insert(key.clone(), (name, nullable));
        }
        space
    }

    /// Claims a name for a type invented from context (`{Parent}{Field}`, `{Operation}Body`).
    pub(crate) fn claim(&mut self, hint: &str) -> String {
        self.names.claim(hint)
    }

    /// Lowers every component schema into a named type.
    pub(crate) fn lower_components(&mut self) -> Result<(), Error> {
        let entries: Vec<(String, String)> =
            self.components.iter().map(|(k, (name, _))| (k.clone(), name.clone())).collect();
        for (key, name) in entries {
            let at = pointer::join("/components/schemas", &[&key]);
            let schema =
                &self.doc.components.as_ref().expect("components exist when a component was listed").schemas[&key];
            let def = match schema {
                ReferenceOr::Reference { .. } => {
                    // A circular chain of aliases (`A: $ref B`, `B: $ref A`) has no type.
                    refs::resolve(self.doc, schema, &at)?;
                    let target = self.type_of(schema, &at, &name)?;
                    TypeDef {
                        name: name.clone(),
                        docs: Docs::new(&[], || format!("Alias of `{key}`.")),
                        kind: TypeKind::Alias(target),
                    }
                }
                ReferenceOr::Item(item) => {
                    let docs = docs_of(item, || format!("The `{key}` schema."));
                    match self.shape(item, &at, &name)? {
                        Shape::Def(kind) => TypeDef { name: name.clone(), docs, kind },
                        Shape::Type(t) => TypeDef { name: name.clone(), docs, kind: TypeKind::Alias(t) },
                    }
                }
            };
            self.types.insert(name, def);
        }
        Ok(())
    }

    /// The type of a schema met at `at`; `hint` names it when it needs a type of its own.
    pub(crate) fn type_of<S: AsSchema>(
        &mut self,
        schema: &ReferenceOr<S>,
        at: &str,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        match schema {
            ReferenceOr::Reference { reference } => {
                let (key, _) = refs::component_name::<Schema>(self.doc, reference, at)?;
                let (name, nullable) = &self.components[key];
                let named = TypeRef::Named(name.clone());
                Ok(if *nullable { named.option() } else { named })
            }
            ReferenceOr::Item(item) => self.inline(item.as_schema(), at, hint),
        }
    }

    fn inline(&mut self, schema: &Schema, at: &str, hint: &str) -> Result<TypeRef, Error> {
        if let Some(known) = self.cache.get(at) {
            return Ok(known.clone());
        }
        let ty = if needs_def(schema) {
            let name = self.names.claim(hint);
            // Cached before the body is built, so a schema that contains itself terminates.
            self.cache.insert(at.to_owned(), TypeRef::Named(name.clone()));
            let docs = docs_of(schema, || format!("Inline schema at `{at}`."));
            let Shape::Def(kind) = self.shape(schema, at, &name)? else {
                unreachable!("needs_def and shape agree on which schemas define a type")
            };
            self.types.insert(name.clone(), TypeDef { name: name.clone(), docs, kind });
            TypeRef::Named(name)
        } else {
            match self.shape(schema, at, hint)? {
                Shape::Type(t) => t,
                Shape::Def(_) => unreachable!("needs_def and shape agree on which schemas define a type"),
            }
        };
        let ty = if schema.schema_data.nullable { ty.option() } else { ty };
        self.cache.insert(at.to_owned(), ty.clone());
        Ok(ty)
    }

    /// What a schema is: a type expression, or the definition of a named type called `name`.
    fn shape(&mut self, schema: &Schema, at: &str, name: &str) -> Result<Shape, Error> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                if s.enumeration.is_empty() {
                    Ok(Shape::Type(TypeRef::String))
                } else {
                    let values: Vec<&str> = s.enumeration.iter().flatten().map(String::as_str).collect();
                    Ok(Shape::Def(string_enum(&values)))
                }
            }
            SchemaKind::Type(Type::Integer(i)) => {
                if !i.enumeration.is_empty() {
                    return Err(unsupported(at, "integer enums are not mapped yet"));
                }
                Ok(Shape::Type(match &i.format {
                    VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                    VariantOrUnknownOrEmpty::Unknown(f) if f == "uint32" => TypeRef::U32,
                    VariantOrUnknownOrEmpty::Unknown(f) if f == "uint64" => TypeRef::U64,
                    _ => TypeRef::I64,
                }))
            }
            SchemaKind::Type(Type::Number(n)) => {
                if !n.enumeration.is_empty() {
                    return Err(unsupported(at, "number enums are not mapped yet"));
                }
                Ok(Shape::Type(match n.format {
                    VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                    _ => TypeRef::F64,
                }))
            }
            SchemaKind::Type(Type::Boolean(_)) => Ok(Shape::Type(TypeRef::Bool)),
            SchemaKind::Type(Type::Object(o)) => self.object(
                ObjectParts {
                    properties: &o.properties,
                    required: &o.required,
                    additional: o.additional_properties.as_ref(),
                },
                at,
                name,
            ),
            SchemaKind::Type(Type::Array(a)) => self.array(a.items.as_ref(), at, name),
            SchemaKind::OneOf { one_of } => self.tagged(schema, one_of, at, name),
            SchemaKind::AllOf { .. } => Err(unsupported(&pointer::join(at, &["allOf"]), "`allOf` is not mapped yet")),
            SchemaKind::AnyOf { .. } => Err(unsupported(&pointer::join(at, &["anyOf"]), "`anyOf` is not mapped yet")),
            SchemaKind::Not { .. } => Err(unsupported(&pointer::join(at, &["not"]), "`not` is not mapped")),
            SchemaKind::Any(any) => {
                if !any.all_of.is_empty() {
                    return Err(unsupported(&pointer::join(at, &["allOf"]), "`allOf` is not mapped yet"));
                }
                if !any.any_of.is_empty() {
                    return Err(unsupported(&pointer::join(at, &["anyOf"]), "`anyOf` is not mapped yet"));
                }
                if any.not.is_some() {
                    return Err(unsupported(&pointer::join(at, &["not"]), "`not` is not mapped"));
                }
                if !any.one_of.is_empty() {
                    return self.tagged(schema, &any.one_of, at, name);
                }
                if !any.enumeration.is_empty() {
                    return Err(unsupported(at, "`enum` without a `type` is not mapped yet"));
                }
                match any.typ.as_deref() {
                    None | Some("object") if !any.properties.is_empty() || any.additional_properties.is_some() => self
                        .object(
                            ObjectParts {
                                properties: &any.properties,
                                required: &any.required,
                                additional: any.additional_properties.as_ref(),
                            },
                            at,
                            name,
                        ),
                    None | Some("array") if any.items.is_some() => self.array(any.items.as_ref(), at, name),
                    None => Ok(Shape::Type(TypeRef::Json)),
                    Some(other) => Err(unsupported(
                        at,
                        format!("schema of type `{other}` with this combination of keywords is not mapped"),
                    )),
                }
            }
        }
    }

    fn array(&mut self, items: Option<&ReferenceOr<Box<Schema>>>, at: &str, name: &str) -> Result<Shape, Error> {
        let item = match items {
            Some(items) => self.type_of(items, &pointer::join(at, &["items"]), &format!("{name}Item"))?,
            None => TypeRef::Json,
        };
        Ok(Shape::Type(TypeRef::Vec(Box::new(item))))
    }

    fn additional(
        &mut self,
        additional: Option<&AdditionalProperties>,
        at: &str,
        name: &str,
    ) -> Result<Option<TypeRef>, Error> {
        Ok(match additional {
            None | Some(AdditionalProperties::Any(false)) => None,
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Json),
            Some(AdditionalProperties::Schema(schema)) => {
                Some(self.type_of(schema, &pointer::join(at, &["additionalProperties"]), &format!("{name}Value"))?)
            }
        })
    }

    fn object(&mut self, parts: ObjectParts<'_>, at: &str, name: &str) -> Result<Shape, Error> {
        if parts.properties.is_empty() {
            return Ok(Shape::Type(match self.additional(parts.additional, at, name)? {
                None | Some(TypeRef::Json) => TypeRef::JsonObject,
                Some(value) => TypeRef::Map(Box::new(value)),
            }));
        }
        let mut scope = Scope::default();
        let fields = self.fields(parts.properties, parts.required, at, name, None, &mut scope)?;
        let additional =
            self.additional(parts.additional, at, name)?.map(|ty| (scope.claim("additional_properties"), ty));
        Ok(Shape::Def(TypeKind::Struct(Struct { fields, additional })))
    }

    fn fields(
        &mut self,
        properties: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        at: &str,
        parent: &str,
        skip: Option<&str>,
        scope: &mut Scope,
    ) -> Result<Vec<Field>, Error> {
        let mut fields = Vec::new();
        for (i, (wire, schema)) in properties.iter().enumerate() {
            if Some(wire.as_str()) == skip {
                continue;
            }
            let field_at = pointer::join(at, &["properties", wire]);
            let hint = format!("{parent}{}", ident::type_name(wire, &format!("Field{i}")));
            let ty = self.type_of(schema, &field_at, &hint)?;
            let docs = match schema {
                ReferenceOr::Item(s) => docs_of(s, || format!("The `{wire}` property.")),
                ReferenceOr::Reference { .. } => Docs::new(&[], || format!("The `{wire}` property.")),
            };
            fields.push(Field {
                name: scope.claim(&ident::snake_name(wire, &format!("field_{i}"))),
                wire: wire.clone(),
                docs,
                ty,
                required: required.contains(wire),
            });
        }
        Ok(fields)
    }

    /// `oneOf` with a discriminator -> internally tagged enum whose variants carry the
    /// members' properties (less the tag).
    fn tagged(
        &mut self,
        schema: &Schema,
        members: &[ReferenceOr<Schema>],
        at: &str,
        name: &str,
    ) -> Result<Shape, Error> {
        let Some(discriminator) = &schema.schema_data.discriminator else {
            return Err(unsupported(
                &pointer::join(at, &["oneOf"]),
                "`oneOf` without a `discriminator` is not mapped yet",
            ));
        };
        let tag = discriminator.property_name.as_str();
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        let mut mapped = 0;
        for (i, member) in members.iter().enumerate() {
            let member_at = pointer::join(at, &["oneOf", &i.to_string()]);
            let ReferenceOr::Reference { reference } = member else {
                return Err(unsupported(
                    &member_at,
                    "inline `oneOf` members with a discriminator are not mapped yet; use `$ref`",
                ));
            };
            let (key, _) = refs::component_name::<Schema>(self.doc, reference, &member_at)?;
            let resolved = refs::resolve::<Schema>(self.doc, member, &member_at)?;
            let tag_value = discriminator
                .mapping
                .iter()
                .find(|(_, target)| *target == reference || target.as_str() == key)
                .map(|(value, _)| {
                    mapped += 1;
                    value.clone()
                })
                .unwrap_or_else(|| key.to_owned());
            let parts = object_parts(resolved.item).ok_or_else(|| {
                unsupported(&resolved.pointer, format!("`oneOf` member `{key}` must be an object with `properties`"))
            })?;
            let component_name = self.components[key].0.clone();
            let mut field_scope = Scope::default();
            let fields = self.fields(
                parts.properties,
                parts.required,
                &resolved.pointer,
                &component_name,
                Some(tag),
                &mut field_scope,
            )?;
            variants.push(TaggedVariant {
                name: scope.claim(&ident::type_name(&tag_value, &format!("Variant{i}"))),
                docs: docs_of(resolved.item, || format!("`{tag}: {tag_value}`.")),
                tag_value,
                fields,
            });
        }
        if mapped < discriminator.mapping.len() {
            return Err(Error::new(
                ErrorKind::Reference,
                pointer::join(at, &["discriminator", "mapping"]),
                "a mapping entry names a schema that is not a member of the `oneOf`",
            ));
        }
        let _ = name;
        Ok(Shape::Def(TypeKind::Tagged { tag: tag.to_owned(), variants }))
    }
}

enum Shape {
    Type(TypeRef),
    Def(TypeKind),
}

/// Lets `type_of` take both `ReferenceOr<Schema>` and `ReferenceOr<Box<Schema>>`.
pub(crate) trait AsSchema {
    fn as_schema(&self) -> &Schema;
}
impl AsSchema for Schema {
    fn as_schema(&self) -> &Schema {
        self
    }
}
impl AsSchema for Box<Schema> {
    fn as_schema(&self) -> &Schema {
        self
    }
}

fn needs_def(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => !s.enumeration.is_empty(),
        SchemaKind::Type(Type::Object(o)) => !o.properties.is_empty(),
        SchemaKind::OneOf { .. } => true,
        SchemaKind::Any(a) => {
            a.all_of.is_empty()
                && a.any_of.is_empty()
                && a.not.is_none()
                && (!a.one_of.is_empty()
                    || (a.enumeration.is_empty()
                        && matches!(a.typ.as_deref(), None | Some("object"))
                        && !a.properties.is_empty()))
        }
        _ => false,
    }
}

fn object_parts(schema: &Schema) -> Option<ObjectParts<'_>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => Some(ObjectParts {
            properties: &o.properties,
            required: &o.required,
            additional: o.additional_properties.as_ref(),
        }),
        SchemaKind::Any(a) if a.one_of.is_empty() && a.all_of.is_empty() && !a.properties.is_empty() => {
            Some(ObjectParts {
                properties: &a.properties,
                required: &a.required,
                additional: a.additional_properties.as_ref(),
            })
        }
        _ => None,
    }
}

fn string_enum(values: &[&str]) -> TypeKind {
    let mut scope = Scope::default();
    let mut variants = Vec::new();
    for (i, value) in values.iter().enumerate() {
        if variants.iter().any(|v: &EnumValue| v.value == *value) {
            continue;
        }
        variants.push(EnumValue {
            name: scope.claim(&ident::type_name(value, &format!("Value{i}"))),
            value: (*value).to_owned(),
            docs: Docs::new(&[], || format!("`{value}`")),
        });
    }
    TypeKind::StringEnum { variants, unknown: scope.claim("Unknown") }
}

pub(crate) fn docs_of(schema: &Schema, fallback: impl FnOnce() -> String) -> Docs {
    let data = &schema.schema_data;
    let mut docs = Docs::new(&[data.title.as_deref(), data.description.as_deref()], fallback);
    docs.deprecated = data.deprecated;
    docs
}

fn unsupported(at: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Unsupported, at, message)
}
