//! Schemas -> named types and type expressions.
//!
//! Every schema is first merged with its `allOf` members ([`allof`](super::allof)), then
//! *planned*: a type expression (`String`, `Vec<T>`, a component's name, ...) or the
//! definition of a named type (struct, enum, union). Planning builds nothing, so a named
//! type's name is claimed and cached before its body is built, and a schema that contains
//! itself terminates. Unions are in [`unions`](super::unions), enums in
//! [`enums`](super::enums).

use std::collections::{BTreeMap, HashMap, HashSet};

use openapiv3::{AdditionalProperties, OpenAPI, ReferenceOr, Schema};

use super::allof::{self, Merged, Union};
use super::pattern;
use super::plan::{Def, Expr, Plan};
use super::refs;
use super::replace;
use super::scalars;
use super::view::{Bounds, Prim, View};
use crate::config::{Config, Formats};
use crate::error::{Error, ErrorKind};
use crate::ident::{self, Scope};
use crate::model::{Checks, Docs, Field, Struct, TypeDef, TypeKind, TypeRef};
use crate::pointer;

/// All named types of the crate, built on demand as schemas are met.
pub(crate) struct TypeSpace<'a> {
    pub(super) doc: &'a OpenAPI,
    names: Scope,
    /// Component schema key -> (Rust name, nullable).
    pub(super) components: BTreeMap<String, (String, bool)>,
    /// Component schema key -> the Rust type that replaces it (`TypeRef::External`).
    pub(super) replaced: BTreeMap<String, TypeRef>,
    /// Crates `x-rust-type`s ask for: name -> (version, pointer of the first to ask).
    pub(super) dependencies: BTreeMap<String, (String, String)>,
    /// The types of the string formats.
    formats: Formats,
    /// Inline schemas already lowered, by pointer: the same schema met twice is one type.
    cache: HashMap<String, TypeRef>,
    /// Inline types by shape ([`shape_key`]): an inline schema that lowers to the same
    /// definition as an earlier one is that type (see [`settle`](Self::settle)).
    shapes: HashMap<String, String>,
    /// Inline types being built, and those of them referred to while being built (their
    /// definition mentions their own name, so they are never shared).
    building: HashSet<String>,
    recursive: HashSet<String>,
    pub types: BTreeMap<String, TypeDef>,
}

impl<'a> TypeSpace<'a> {
    /// Claims the names of all component schemas first (in sorted order), so references
    /// resolve to a name before any type is built and components keep their own names.
    ///
    /// The components the configuration's `replace` names or that carry an `x-rust-type`
    /// keep their names (so the others' do not move) but get no type.
    pub(crate) fn new(doc: &'a OpenAPI, config: &Config) -> Result<Self, Error> {
        let mut space = TypeSpace {
            doc,
            names: Scope::default(),
            components: BTreeMap::new(),
            replaced: BTreeMap::new(),
            dependencies: BTreeMap::new(),
            formats: config.formats,
            cache: HashMap::new(),
            shapes: HashMap::new(),
            building: HashSet::new(),
            recursive: HashSet::new(),
            types: BTreeMap::new(),
        };
        let mut keys: Vec<(&String, &ReferenceOr<Schema>)> =
            doc.components.iter().flat_map(|c| c.schemas.iter()).collect();
        keys.sort_by(|a, b| a.0.cmp(b.0));
        for (key, schema) in keys {
            let name = space.names.claim(&ident::type_name(key, "Schema"));
            let nullable = nullable(doc, schema, 0);
            space.components.insert(key.clone(), (name, nullable));
        }
        space.replace_components(config)?;
        Ok(space)
    }

    /// Claims a name for a type invented from context (`{Parent}{Field}`, `{Operation}Body`).
    pub(crate) fn claim(&mut self, hint: &str) -> String {
        self.names.claim(hint)
    }

    /// Gives back a name [`claim`](Self::claim)ed for a type that another one replaced.
    pub(crate) fn release(&mut self, name: &str) {
        self.names.release(name);
    }

    /// The Rust name of a component schema.
    pub(super) fn component_name(&self, key: &str) -> String {
        self.components[key].0.clone()
    }

    /// Lowers every component schema into a named type.
    pub(crate) fn lower_components(&mut self) -> Result<(), Error> {
        let doc = self.doc;
        let entries: Vec<(String, String)> =
            self.components.iter().map(|(k, (name, _))| (k.clone(), name.clone())).collect();
        for (key, name) in entries {
            if self.is_replaced(&key) {
                continue;
            }
            let at = pointer::join("/components/schemas", &[&key]);
            let (key, schema) = doc
                .components
                .as_ref()
                .and_then(|c| c.schemas.get_key_value(&key))
                .expect("components exist when a component was listed");
            let def = match schema {
                ReferenceOr::Reference { .. } => {
                    // A circular chain of aliases (`A: $ref B`, `B: $ref A`) has no type.
                    refs::resolve(doc, schema, &at)?;
                    let target = self.type_of(schema, &at, &name)?;
                    TypeDef {
                        name: name.clone(),
                        docs: Docs::new(&[], || format!("Alias of `{key}`.")),
                        kind: TypeKind::Alias(strip_option(target)),
                    }
                }
                ReferenceOr::Item(item) => {
                    let mut docs = docs_of(item, || format!("The `{key}` schema."));
                    let kind = match self.plan(item, &at, Some(key))? {
                        Plan::Def(def) => self.build_def(def, &name)?,
                        Plan::Expr(expr) => {
                            // An `enum` that is no Rust enum (numbers, booleans, mixed types)
                            // lists its values in the docs.
                            let values = &View::of(item).enumeration;
                            if !values.is_empty() {
                                let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
                                docs.text.push_str(&format!("\n\nOne of: {}.", values.join(", ")));
                            }
                            TypeKind::Alias(strip_option(self.build_expr(expr, &name)?))
                        }
                    };
                    TypeDef { name: name.clone(), docs, kind }
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
                Ok(self.component_type(key))
            }
            ReferenceOr::Item(item) => {
                let schema = item.as_schema();
                match replace::extension(schema, at)? {
                    Some(rust) => {
                        self.depend(rust.dependency, at)?;
                        let ty = TypeRef::External(rust.path);
                        Ok(if nullable_schema(self.doc, schema, 0) { ty.option() } else { ty })
                    }
                    None => self.inline(schema, at, hint),
                }
            }
        }
    }

    fn inline<'s>(&mut self, schema: &'s Schema, at: &str, hint: &str) -> Result<TypeRef, Error>
    where
        'a: 's,
    {
        if let Some(known) = self.cache.get(at) {
            if let TypeRef::Named(name) = known.without_option() {
                if self.building.contains(name) {
                    self.recursive.insert(name.clone());
                }
            }
            return Ok(known.clone());
        }
        let ty = match self.plan(schema, at, None)? {
            Plan::Def(def) => {
                let name = self.names.claim(hint);
                // Cached before the body is built, so a schema that contains itself terminates.
                let named = TypeRef::Named(name.clone());
                let named = if nullable_schema(self.doc, schema, 0) { named.option() } else { named };
                self.cache.insert(at.to_owned(), named);
                let docs = docs_of(schema, || format!("Inline schema at `{at}`."));
                self.building.insert(name.clone());
                let kind = self.build_def(def, &name);
                self.building.remove(&name);
                TypeRef::Named(self.settle(name, docs, kind?))
            }
            Plan::Expr(expr) => strip_option(self.build_expr(expr, hint)?),
        };
        let ty = if nullable_schema(self.doc, schema, 0) { ty.option() } else { ty };
        self.cache.insert(at.to_owned(), ty.clone());
        Ok(ty)
    }

    /// Adds the inline type `name`, or, when an earlier inline type has the same definition
    /// (fields, types, limits, defaults and the fields' docs; the type's own docs aside),
    /// gives `name` back and returns that type's name: structurally identical inline
    /// schemas are one type, named by the first of them in document order, with its docs.
    /// A type that refers to itself is never shared (its definition names it).
    pub(super) fn settle(&mut self, name: String, docs: Docs, kind: TypeKind) -> String {
        if !self.recursive.contains(&name) {
            let key = shape_key(&kind);
            if let Some(first) = self.shapes.get(&key) {
                let first = first.clone();
                // Nothing refers to `name` yet: `inline` caches the returned name for the
                // schema's pointer, and a type referred to while being built is not shared.
                self.names.release(&name);
                return first;
            }
            self.shapes.insert(key, name.clone());
        }
        self.types.insert(name.clone(), TypeDef { name: name.clone(), docs, kind });
        name
    }

    /// What a schema (met at `at`; `key` when it is that component) becomes.
    pub(super) fn plan<'s>(&self, schema: &'s Schema, at: &str, key: Option<&'s str>) -> Result<Plan<'s>, Error>
    where
        'a: 's,
    {
        match self.plan_here(schema, at, key)? {
            // `oneOf: [{...}]`, `allOf: [{...}]`: the inline schema is this one, and takes its name.
            Plan::Expr(Expr::Same(ReferenceOr::Item(inner), inner_at)) => self.plan(inner, &inner_at, None),
            plan => Ok(plan),
        }
    }

    fn plan_here<'s>(&self, schema: &'s Schema, at: &str, key: Option<&'s str>) -> Result<Plan<'s>, Error>
    where
        'a: 's,
    {
        let doc: &'s OpenAPI = self.doc;
        let merged = allof::merge(doc, schema, at, key)?;
        if let Some(single) = merged.single_ref() {
            if !self.is_polymorphic_parent(single.key) {
                return Ok(Plan::Expr(Expr::Same(single.member, single.at.clone())));
            }
        }
        let unions: Vec<Union<'s>> = merged.unions.iter().filter(|u| !trivial_union(u, &merged)).cloned().collect();
        match unions.as_slice() {
            [] => {}
            [union] => return self.plan_union(&merged, union),
            [_, second, ..] => {
                return Err(Error::unsupported(
                    &second.at,
                    "a second `oneOf`/`anyOf` in one schema (through `allOf`) is not mapped",
                ));
            }
        }
        if let (Some(key), Some(discriminator)) = (key, &schema.schema_data.discriminator) {
            if let Some(plan) = self.plan_inheritance(&merged, key, discriminator)? {
                return Ok(Plan::Def(Def::Union(plan)));
            }
        }
        if !merged.enumeration.is_empty() {
            return Ok(super::enums::plan(&merged));
        }
        if let Some((typ, typ_at)) = &merged.unknown_type {
            return Err(Error::new(ErrorKind::Invalid, typ_at, format!("`type: {typ}` is not a JSON Schema type")));
        }
        Ok(match merged.typ {
            Some(Prim::String) => Plan::Expr(Expr::Ty(scalars::string_type(&self.formats, merged.format.as_deref()))),
            Some(Prim::Integer) => Plan::Expr(Expr::Ty(scalars::integer_type(merged.format.as_deref()))),
            Some(Prim::Number) => Plan::Expr(Expr::Ty(scalars::number_type(merged.format.as_deref()))),
            Some(Prim::Boolean) => Plan::Expr(Expr::Ty(TypeRef::Bool)),
            Some(Prim::Null) => Plan::Expr(Expr::Ty(TypeRef::Json)),
            Some(Prim::Array) => Plan::Expr(Expr::Array(merged.items.clone())),
            Some(Prim::Object) | None => {
                if merged.is_struct() {
                    Plan::Def(Def::Struct(Box::new(merged)))
                } else if merged.typ.is_none() && merged.items.is_some() {
                    Plan::Expr(Expr::Array(merged.items.clone()))
                } else {
                    match &merged.additional {
                        Some((AdditionalProperties::Schema(value), value_at)) => {
                            Plan::Expr(Expr::Map(value, value_at.clone()))
                        }
                        Some(_) => Plan::Expr(Expr::Ty(TypeRef::JsonObject)),
                        None if merged.typ == Some(Prim::Object) => Plan::Expr(Expr::Ty(TypeRef::JsonObject)),
                        None => Plan::Expr(Expr::Ty(TypeRef::Json)),
                    }
                }
            }
        })
    }

    pub(super) fn build_expr(&mut self, expr: Expr<'_>, hint: &str) -> Result<TypeRef, Error> {
        Ok(match expr {
            Expr::Ty(t) => t,
            Expr::Same(schema, at) => strip_option(self.type_of(schema, &at, hint)?),
            Expr::Array(items) => {
                let item = match items {
                    Some((items, at)) => self.type_of(items, &at, &format!("{hint}Item"))?,
                    None => TypeRef::Json,
                };
                TypeRef::Vec(Box::new(item))
            }
            Expr::Map(value, at) => match self.type_of(value, &at, &format!("{hint}Value"))? {
                TypeRef::Json => TypeRef::JsonObject,
                value => TypeRef::Map(Box::new(value)),
            },
        })
    }

    pub(super) fn build_def(&mut self, def: Def<'_>, name: &str) -> Result<TypeKind, Error> {
        match def {
            Def::Struct(merged) => self.build_struct(&merged, name),
            Def::Enum(plan) => Ok(plan.build()),
            Def::Union(plan) => self.build_union(plan, name),
        }
    }

    pub(super) fn build_struct(&mut self, merged: &Merged<'_>, name: &str) -> Result<TypeKind, Error> {
        let mut scope = Scope::default();
        let fields = self.fields(merged, name, None, &mut scope)?;
        let additional = self.additional(merged, name)?.map(|ty| (scope.claim("additional_properties"), ty));
        // `additionalProperties: false` next to `allOf` would forbid the members' own
        // properties; it is only honoured on a schema without `allOf`.
        let deny_unknown = merged.deny_unknown && View::of(merged.top).all_of.is_empty() && additional.is_none();
        Ok(TypeKind::Struct(Struct { fields, additional, deny_unknown }))
    }

    /// The type of the map that keeps an object's members beyond its declared properties:
    /// `additionalProperties`' schema as the value type (`IndexMap<String, T>`), or any JSON
    /// (`serde_json::Map`) when it is absent, `true` or `{}`, so that undeclared members a
    /// server sends survive decoding and encoding. `None` under `additionalProperties:
    /// false` on the schema itself: the document rules such members out.
    pub(super) fn additional(&mut self, merged: &Merged<'_>, name: &str) -> Result<Option<TypeRef>, Error> {
        Ok(match &merged.additional {
            None if merged.deny_unknown => None,
            Some((AdditionalProperties::Any(false), _)) => None,
            None | Some((AdditionalProperties::Any(true), _)) => Some(TypeRef::JsonObject),
            Some((AdditionalProperties::Schema(schema), at)) => {
                match self.type_of(schema, at, &format!("{name}Value"))? {
                    TypeRef::Json => Some(TypeRef::JsonObject),
                    value => Some(TypeRef::Map(Box::new(value))),
                }
            }
        })
    }

    /// The fields of a merged object schema (less `skip`, a tag). Inline property types are
    /// named after the component that declares the property, else after `parent`.
    pub(super) fn fields(
        &mut self,
        merged: &Merged<'_>,
        parent: &str,
        skip: Option<&str>,
        scope: &mut Scope,
    ) -> Result<Vec<Field>, Error> {
        let mut fields = Vec::new();
        for (i, (wire, prop)) in merged.properties.iter().enumerate() {
            if Some(wire.as_str()) == skip {
                continue;
            }
            let owner = match prop.owner {
                Some(key) => self.component_name(key),
                None => parent.to_owned(),
            };
            let hint = format!("{owner}{}", ident::type_name(wire, &format!("Field{i}")));
            let ty = self.type_of(prop.schema, &prop.at, &hint)?;
            let data = match prop.schema {
                ReferenceOr::Item(s) => Some(&s.schema_data),
                ReferenceOr::Reference { .. } => None,
            };
            let mut docs = match prop.schema {
                ReferenceOr::Item(s) => docs_of(s, || format!("The `{wire}` property.")),
                ReferenceOr::Reference { .. } => Docs::new(&[], || format!("The `{wire}` property.")),
            };
            let read_only = data.is_some_and(|d| d.read_only);
            let write_only = data.is_some_and(|d| d.write_only);
            let required = merged.is_required(wire);
            // One type serves requests and responses, so a member only one direction
            // carries cannot be required in Rust.
            if read_only {
                docs.text.push_str("\n\nRead-only: sent by the server; leave it `None` in requests.");
            }
            if write_only {
                docs.text.push_str("\n\nWrite-only: sent by the client; the server does not return it.");
            }
            let default = data.and_then(|d| d.default.clone()).filter(|d| !d.is_null());
            if let Some(value) = &default {
                docs.text.push_str(&format!("\n\nDefault: `{value}`."));
            }
            let (mut checks, mut item_checks, notes) = self.checks_of(prop.schema);
            // A typed format or a replaced schema is no string: its text's limits do not apply.
            let item_opaque = matches!(ty.without_option(), TypeRef::Vec(item) if item.is_opaque());
            if ty.is_opaque() {
                checks = Checks::default();
            } else if item_opaque {
                item_checks = Checks::default();
            } else {
                for note in notes {
                    docs.text.push_str(&format!("\n\n{note}"));
                }
            }
            fields.push(Field {
                name: scope.claim(&ident::snake_name(wire, &format!("field_{i}"))),
                wire: wire.clone(),
                docs,
                ty,
                required: required && !read_only && !write_only,
                default,
                checks,
                item_checks,
            });
        }
        Ok(fields)
    }

    /// The limits of a property's value and of its items (a `$ref` to a scalar or array
    /// component brings that component's limits), and notes on its `pattern`s: checked when
    /// the client can read them, and said to be unchecked otherwise.
    pub(super) fn checks_of(&self, schema: &ReferenceOr<Box<Schema>>) -> (Checks, Checks, Vec<String>) {
        let doc = self.doc;
        let bounds_of = |schema: &Schema| -> Option<Bounds> {
            let merged = allof::merge(doc, schema, "", None).ok()?;
            (!merged.is_struct()).then_some(merged.bounds)
        };
        let resolve = |schema| resolve_property(doc, schema);
        let Some(resolved) = resolve(schema) else { return Default::default() };
        let Some(bounds) = bounds_of(resolved) else { return Default::default() };
        let items = View::of(resolved).items.and_then(resolve).and_then(bounds_of).unwrap_or_default();
        let mut notes = Vec::new();
        let mut own = checks(&bounds);
        let mut each = checks(&items);
        for (pattern, target, what) in
            [(&bounds.pattern, &mut own, "The value"), (&items.pattern, &mut each, "Each item")]
        {
            let Some(pattern) = pattern else { continue };
            match pattern::admit(pattern, what) {
                Ok(note) => {
                    notes.push(note);
                    target.pattern = Some(pattern.clone());
                }
                Err(note) => notes.push(note),
            }
        }
        (own, each, notes)
    }

    /// A component with a `discriminator` whose subtypes are other components.
    pub(super) fn is_polymorphic_parent(&self, key: &str) -> bool {
        let Some(ReferenceOr::Item(schema)) = self.doc.components.as_ref().and_then(|c| c.schemas.get(key)) else {
            return false;
        };
        let view = View::of(schema);
        match &schema.schema_data.discriminator {
            Some(d) => view.one_of.is_empty() && view.any_of.is_empty() && !self.children(key, d).is_empty(),
            None => false,
        }
    }
}

/// A union that shapes nothing: all its members are `{}`-like, or only require or narrow
/// properties declared beside it (`anyOf: [{required: [a]}, {required: [b]}]`). It is a
/// validation rule, not enforced.
fn trivial_union(union: &Union<'_>, merged: &Merged<'_>) -> bool {
    union.members.iter().all(|member| match member {
        ReferenceOr::Reference { .. } => false,
        ReferenceOr::Item(s) => {
            let view = View::of(s);
            if !view.has_shape() {
                return true;
            }
            merged.is_struct()
                && matches!(view.typ, None | Some(Prim::Object))
                && view.unknown_type.is_none()
                && view.enumeration.is_empty()
                && view.items.is_none()
                && view.one_of.is_empty()
                && view.any_of.is_empty()
                && view.all_of.is_empty()
                && !matches!(view.additional, Some(AdditionalProperties::Schema(_)))
                && view.properties().all(|(wire, _)| merged.properties.contains_key(wire))
        }
    })
}

/// A property schema, a `$ref` to a component followed (one step).
fn resolve_property<'s>(doc: &'s OpenAPI, schema: &'s ReferenceOr<Box<Schema>>) -> Option<&'s Schema> {
    match schema {
        ReferenceOr::Item(s) => Some(s),
        ReferenceOr::Reference { reference } => match refs::component_name::<Schema>(doc, reference, "") {
            Ok((_, ReferenceOr::Item(s))) => Some(s),
            _ => None,
        },
    }
}

fn checks(bounds: &Bounds) -> Checks {
    Checks {
        min_length: bounds.min_length,
        max_length: bounds.max_length,
        min_items: bounds.min_items,
        max_items: bounds.max_items,
        minimum: bounds.minimum,
        maximum: bounds.maximum,
        pattern: None,
    }
}

pub(super) fn strip_option(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Option(inner) => *inner,
        other => other,
    }
}

/// Whether a schema allows `null`: `nullable`, `type: null`, `null` among its `enum`, a
/// `oneOf`/`anyOf` member that allows it, or `allOf` members that all do.
pub(super) fn nullable(doc: &OpenAPI, schema: &ReferenceOr<Schema>, depth: usize) -> bool {
    match schema {
        ReferenceOr::Item(s) => nullable_schema(doc, s, depth),
        ReferenceOr::Reference { reference } => {
            depth < 16
                && refs::component_name::<Schema>(doc, reference, "")
                    .is_ok_and(|(_, target)| nullable(doc, target, depth + 1))
        }
    }
}

pub(super) fn nullable_schema(doc: &OpenAPI, schema: &Schema, depth: usize) -> bool {
    if schema.schema_data.nullable {
        return true;
    }
    let view = View::of(schema);
    view.typ == Some(Prim::Null)
        || view.enumeration.iter().any(|v| v.is_null())
        || (!view.all_of.is_empty() && view.all_of.iter().all(|m| nullable(doc, m, depth + 1)))
        || view.one_of.iter().chain(view.any_of).any(|m| nullable(doc, m, depth + 1))
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

pub(crate) fn docs_of(schema: &Schema, fallback: impl FnOnce() -> String) -> Docs {
    let data = &schema.schema_data;
    let mut docs = Docs::new(&[data.title.as_deref(), data.description.as_deref()], fallback);
    docs.deprecated = data.deprecated;
    docs
}

/// The shape of an inline type's definition, as text: equal for definitions that generate
/// the same type apart from its name and its own docs.
fn shape_key(kind: &TypeKind) -> String {
    format!("{kind:?}")
}
