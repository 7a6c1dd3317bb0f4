//! `oneOf` / `anyOf` (and a parent schema's `discriminator` over its `allOf` children) ->
//! one Rust enum.
//!
//! In order of preference:
//! 1. every member a string (with or without `enum`): one string enum of all the values;
//! 2. a `discriminator` whose property every member declares: an internally tagged enum,
//!    one variant per tag value (the `mapping`'s values, else the member's schema name; an
//!    inline member takes the `enum` of its tag property). A discriminator naming a
//!    property the members do not declare is ignored (a known misuse);
//! 3. every member an object with one required property whose `enum` values tell the
//!    members apart: an internally tagged enum on that property;
//! 4. otherwise an untagged enum with one tuple variant per member, ordered most specific
//!    first (objects with more required properties, maps, arrays, integers, numbers,
//!    strings, booleans, any value); objects are matched by the keys present (see the
//!    runtime's `untagged_order`).
//!
//! `null` members make the type nullable; one member left (or members all of one type)
//! means no enum at all. Properties next to the `oneOf` are merged into each member.

use openapiv3::{Discriminator, OpenAPI, ReferenceOr, Schema};

use super::allof::{self, Merged, Union};
use super::plan::{Def, Entry, EnumPlan, Expr, Member, Plan, UnionPlan};
use super::refs;
use super::schema::{docs_of, strip_option, TypeSpace};
use super::view::{Prim, View};
use crate::error::{Error, ErrorKind};
use crate::ident::{self, Scope};
use crate::model::{Docs, RefVariant, TaggedVariant, TypeKind, UntaggedVariant};
use crate::pointer;

/// The tag property and, per member, its values.
type Tags = (String, Vec<Vec<String>>);

impl<'a> TypeSpace<'a> {
    pub(super) fn plan_union<'s>(&self, merged: &Merged<'s>, union: &Union<'s>) -> Result<Plan<'s>, Error>
    where
        'a: 's,
    {
        let doc: &'s OpenAPI = self.doc;
        let distributed = merged.is_struct();
        let mut members = Vec::new();
        for (i, schema) in union.members.iter().enumerate() {
            let at = pointer::join(&union.at, &[&i.to_string()]);
            let (key, resolved, resolved_at) = match schema {
                ReferenceOr::Reference { reference } => {
                    let (key, _) = refs::component_name::<Schema>(doc, reference, &at)?;
                    let resolved = refs::resolve(doc, schema, &at)?;
                    (Some(key), resolved.item, resolved.pointer)
                }
                ReferenceOr::Item(item) => (None, item, at.clone()),
            };
            if null_only(resolved) {
                continue;
            }
            let member_merged = if distributed {
                allof::extend(doc, merged, resolved, &resolved_at, key)?
            } else {
                allof::merge(doc, resolved, &resolved_at, key)?
            };
            members.push(Member { at, schema, key, resolved, merged: member_merged });
        }
        let discriminator_at =
            pointer::join(union.at.rsplit_once('/').map_or("", |(parent, _)| parent), &["discriminator"]);
        // A discriminator makes even one member an enum: the tag is on the wire.
        let tagged = union.discriminator.is_some();
        match members.as_slice() {
            [] => return Ok(Plan::Expr(Expr::Ty(crate::model::TypeRef::Json))),
            [only] if !distributed && !tagged => return Ok(Plan::Expr(Expr::Same(only.schema, only.at.clone()))),
            [only, ..] if !distributed && !tagged && members.iter().all(|m| same_type(m, only)) => {
                return Ok(Plan::Expr(Expr::Same(only.schema, only.at.clone())));
            }
            _ => {}
        }
        Ok(Plan::Def(Def::Union(UnionPlan {
            discriminator: union.discriminator,
            discriminator_at,
            members,
            distributed,
        })))
    }

    /// A component with a `discriminator` and no `oneOf`: a tagged enum of the components
    /// its `mapping` names, or else of the components that include it through `allOf`.
    pub(super) fn plan_inheritance<'s>(
        &self,
        merged: &Merged<'s>,
        key: &str,
        discriminator: &'s Discriminator,
    ) -> Result<Option<UnionPlan<'s>>, Error>
    where
        'a: 's,
    {
        let doc: &'s OpenAPI = self.doc;
        let children = self.children(key, discriminator);
        if children.is_empty() {
            return Ok(None);
        }
        let schemas = &doc.components.as_ref().expect("children are components").schemas;
        let mut members = Vec::new();
        for child in children {
            let (child, schema) = schemas.get_key_value(child).expect("children are components");
            let at = pointer::join("/components/schemas", &[child]);
            let resolved = refs::resolve(doc, schema, &at)?;
            let child_merged = allof::merge(doc, resolved.item, &resolved.pointer, Some(child))?;
            members.push(Member { at, schema, key: Some(child), resolved: resolved.item, merged: child_merged });
        }
        Ok(Some(UnionPlan {
            discriminator: Some(discriminator),
            discriminator_at: pointer::join(&merged.at, &["discriminator"]),
            members,
            distributed: false,
        }))
    }

    /// The subtypes of a component with a discriminator, in mapping or document order.
    pub(super) fn children(&self, key: &str, discriminator: &Discriminator) -> Vec<&'a str> {
        let doc = self.doc;
        let Some(components) = &doc.components else { return Vec::new() };
        let mut out: Vec<&'a str> = Vec::new();
        if !discriminator.mapping.is_empty() {
            for target in discriminator.mapping.values() {
                if let Some(child) = mapping_target(doc, target) {
                    if !out.contains(&child) {
                        out.push(child);
                    }
                }
            }
            return out;
        }
        for (child, schema) in &components.schemas {
            let ReferenceOr::Item(schema) = schema else { continue };
            let includes_parent = View::of(schema).all_of.iter().any(|m| match m {
                ReferenceOr::Reference { reference } => {
                    refs::component_name::<Schema>(doc, reference, "").is_ok_and(|(k, _)| k == key)
                }
                ReferenceOr::Item(_) => false,
            });
            if includes_parent && child != key {
                out.push(child);
            }
        }
        out
    }

    pub(super) fn build_union(&mut self, plan: UnionPlan<'_>, name: &str) -> Result<TypeKind, Error> {
        if let Some(plan) = string_union(&plan) {
            return Ok(plan.build());
        }
        let tags = match self.discriminator_tags(&plan)? {
            Some(tags) => Some(tags),
            None => self.distinguishing_property(&plan),
        };
        match tags {
            Some((tag, values)) if self.components_carry(&plan, &tag) => {
                Ok(self.build_tagged_refs(&plan, &tag, values))
            }
            Some((tag, values)) => self.build_tagged(&plan, &tag, values, name),
            None => self.build_untagged(&plan, name),
        }
    }

    /// Whether every member is a component that becomes a struct with the tag as a
    /// required member, so the members' own types can be the variants' payloads (no
    /// second copy of their fields in the union).
    fn components_carry(&self, plan: &UnionPlan<'_>, tag: &str) -> bool {
        let schemas = self.doc.components.as_ref().map(|c| &c.schemas);
        !plan.distributed
            && plan.members.iter().all(|member| {
                let Some(key) = member.key else { return false };
                let Some((key, ReferenceOr::Item(schema))) = schemas.and_then(|s| s.get_key_value(key)) else {
                    return false;
                };
                let at = pointer::join("/components/schemas", &[key]);
                let is_struct = matches!(self.plan(schema, &at, Some(key)), Ok(Plan::Def(Def::Struct(_))));
                let tag_required = member.merged.is_required(tag)
                    && member.merged.properties.get(tag).is_some_and(|p| match p.schema {
                        ReferenceOr::Item(s) => !s.schema_data.read_only && !s.schema_data.write_only,
                        ReferenceOr::Reference { .. } => true,
                    });
                is_struct && tag_required && !self.components[key].1
            })
    }

    /// The union as a variant per tag value holding its member's component.
    fn build_tagged_refs(&self, plan: &UnionPlan<'_>, tag: &str, values: Vec<Vec<String>>) -> TypeKind {
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (i, (member, values)) in plan.members.iter().zip(values).enumerate() {
            let key = member.key.expect("every member is a component (`components_carry`)");
            for value in values {
                variants.push(RefVariant {
                    name: scope.claim(&ident::type_name(&value, &format!("Variant{i}"))),
                    docs: docs_of(member.resolved, || format!("`{tag}: {value}`.")),
                    tag_value: value,
                    ty: self.component_type(key),
                });
            }
        }
        TypeKind::TaggedRefs { tag: tag.to_owned(), variants }
    }

    /// Tag values per member from the discriminator, or `None` when it cannot be used.
    fn discriminator_tags(&self, plan: &UnionPlan<'_>) -> Result<Option<Tags>, Error> {
        let Some(discriminator) = plan.discriminator else { return Ok(None) };
        let tag = &discriminator.property_name;
        if !plan.members.iter().all(|m| m.merged.properties.contains_key(tag)) {
            return Ok(None);
        }
        let mut used = vec![false; discriminator.mapping.len()];
        let mut taken: Vec<String> = Vec::new();
        let mut values = Vec::new();
        for member in &plan.members {
            let mut mine = Vec::new();
            for (j, (value, target)) in discriminator.mapping.iter().enumerate() {
                if member.key.is_some() && mapping_target(self.doc, target) == member.key {
                    used[j] = true;
                    mine.push(value.clone());
                }
            }
            if mine.is_empty() {
                mine = match member.key {
                    Some(key) => vec![key.to_owned()],
                    None => {
                        member.merged.properties.get(tag).map(|p| string_values(self.doc, p.schema)).unwrap_or_default()
                    }
                };
            }
            mine.retain(|v| !taken.contains(v));
            if mine.is_empty() {
                return Err(Error::unsupported(
                    &member.at,
                    format!("this `oneOf` member has no value of the discriminator `{tag}`: give its `{tag}` property an `enum`, or name it in the `mapping`"),
                ));
            }
            taken.extend(mine.iter().cloned());
            values.push(mine);
        }
        if used.contains(&false) {
            return Err(Error::new(
                ErrorKind::Reference,
                pointer::join(&plan.discriminator_at, &["mapping"]),
                "a mapping entry names a schema that is not a member of the `oneOf`",
            ));
        }
        Ok(Some((tag.clone(), values)))
    }

    /// A property every member requires, with `enum` values that differ between members.
    fn distinguishing_property(&self, plan: &UnionPlan<'_>) -> Option<Tags> {
        if plan.members.len() < 2 || !plan.members.iter().all(|m| m.merged.is_struct()) {
            return None;
        }
        'candidates: for wire in plan.members[0].merged.properties.keys() {
            let mut seen: Vec<String> = Vec::new();
            let mut values = Vec::new();
            for member in &plan.members {
                let Some(prop) = member.merged.properties.get(wire) else { continue 'candidates };
                let mine = string_values(self.doc, prop.schema);
                if !member.merged.is_required(wire) || mine.is_empty() || mine.iter().any(|v| seen.contains(v)) {
                    continue 'candidates;
                }
                seen.extend(mine.iter().cloned());
                values.push(mine);
            }
            return Some((wire.clone(), values));
        }
        None
    }

    fn build_tagged(
        &mut self,
        plan: &UnionPlan<'_>,
        tag: &str,
        values: Vec<Vec<String>>,
        name: &str,
    ) -> Result<TypeKind, Error> {
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for (i, (member, values)) in plan.members.iter().zip(values).enumerate() {
            self.refuse_copy(member)?;
            let base = ident::type_name(&values[0], &format!("Variant{i}"));
            let parent = match member.key {
                Some(key) if !plan.distributed => self.component_name(key),
                _ => format!("{name}{base}"),
            };
            let mut field_scope = Scope::default();
            let fields = self.fields(&member.merged, &parent, Some(tag), &mut field_scope)?;
            let additional =
                self.additional(&member.merged, &parent)?.map(|ty| (field_scope.claim("additional_properties"), ty));
            // The tag is written where the member declares it; `fields` leaves it out.
            let tag_position = member.merged.properties.get_index_of(tag).unwrap_or(0);
            for value in values {
                variants.push(TaggedVariant {
                    name: scope.claim(&ident::type_name(&value, &format!("Variant{i}"))),
                    docs: docs_of(member.resolved, || format!("`{tag}: {value}`.")),
                    tag_value: value,
                    fields: fields.clone(),
                    additional: additional.clone(),
                    tag_position,
                });
            }
        }
        Ok(TypeKind::Tagged { tag: tag.to_owned(), variants })
    }

    /// A member whose fields the union copies cannot be a replaced component: the
    /// replacement would not hold there.
    fn refuse_copy(&self, member: &Member<'_>) -> Result<(), Error> {
        match member.key {
            Some(key) if self.is_replaced(key) => Err(Error::unsupported(
                &member.at,
                format!(
                    "`{key}` is replaced by a Rust type, but this union copies its properties into a type of its own"
                ),
            )),
            _ => Ok(()),
        }
    }

    fn build_untagged(&mut self, plan: &UnionPlan<'_>, name: &str) -> Result<TypeKind, Error> {
        let mut built: Vec<(String, UntaggedVariant, (u8, usize, usize))> = Vec::new();
        for member in &plan.members {
            let base = match (member.key, &member.resolved.schema_data.title) {
                (Some(key), _) => self.component_name(key),
                (None, Some(title)) => ident::type_name(title, kind_name(&member.merged)),
                (None, None) => kind_name(&member.merged).to_owned(),
            };
            let docs = docs_of(member.resolved, || match member.key {
                Some(key) => format!("A `{key}`."),
                None => format!("The member at `{}`.", member.at),
            });
            let ty = if plan.distributed {
                self.refuse_copy(member)?;
                let type_name = self.claim(&format!("{name}{base}"));
                let kind = self.build_struct(&member.merged, &type_name)?;
                crate::model::TypeRef::Named(self.settle(type_name, docs.clone(), kind))
            } else {
                strip_option(self.type_of(member.schema, &member.at, &format!("{name}{base}"))?)
            };
            if built.iter().any(|(_, v, _)| v.ty == ty) {
                continue;
            }
            built.push((base, UntaggedVariant { name: String::new(), docs, ty }, rank(&member.merged)));
        }
        built.sort_by_key(|(_, _, rank)| *rank);
        if let [(_, only, _)] = built.as_slice() {
            return Ok(TypeKind::Alias(only.ty.clone()));
        }
        let mut scope = Scope::default();
        let variants = built
            .into_iter()
            .map(|(base, mut variant, _)| {
                variant.name = scope.claim(&base);
                variant
            })
            .collect();
        Ok(TypeKind::Untagged { variants })
    }
}

/// Every member a string: one string enum of all their values (`Unknown` holds the rest).
fn string_union(plan: &UnionPlan<'_>) -> Option<EnumPlan> {
    let mut entries = Vec::new();
    for member in &plan.members {
        let m = &member.merged;
        if m.is_struct() || !m.unions.is_empty() || !matches!(m.typ, Some(Prim::String) | None) {
            return None;
        }
        let values: Vec<&str> =
            m.enumeration.iter().filter(|v| !v.is_null()).map(|v| v.as_str()).collect::<Option<_>>()?;
        if values.is_empty() && m.typ.is_none() {
            return None;
        }
        let single = values.len() == 1;
        for value in values {
            let docs = single
                .then_some(member.resolved.schema_data.description.as_deref())
                .flatten()
                .map(|d| Docs::new(&[Some(d)], String::new));
            entries.push(Entry { value: value.to_owned(), name: None, docs });
        }
    }
    (!entries.is_empty()).then_some(EnumPlan::Strings(entries))
}

/// The component a discriminator mapping value names (`#/components/schemas/X` or `X`).
fn mapping_target<'d>(doc: &'d OpenAPI, target: &str) -> Option<&'d str> {
    let name = match target.strip_prefix("#/components/schemas/") {
        Some(escaped) => match pointer::tokens(&format!("/{escaped}")).as_slice() {
            [name] => name.clone(),
            _ => return None,
        },
        None if target.contains('#') || target.contains('/') => return None,
        None => target.to_owned(),
    };
    doc.components.as_ref()?.schemas.get_key_value(name.as_str()).map(|(k, _)| k.as_str())
}

/// The string `enum` values of a property schema (references followed).
fn string_values(doc: &OpenAPI, schema: &ReferenceOr<Box<Schema>>) -> Vec<String> {
    let resolved: &Schema = match schema {
        ReferenceOr::Item(s) => s,
        ReferenceOr::Reference { reference } => match refs::component_name::<Schema>(doc, reference, "") {
            Ok((_, ReferenceOr::Item(s))) => s,
            _ => return Vec::new(),
        },
    };
    let view = View::of(resolved);
    view.enumeration
        .iter()
        .filter(|v| !v.is_null())
        .map(|v| v.as_str().map(str::to_owned))
        .collect::<Option<_>>()
        .unwrap_or_default()
}

/// A member that only admits `null` (`type: null`, `enum: [null]`).
fn null_only(schema: &Schema) -> bool {
    let view = View::of(schema);
    view.typ == Some(Prim::Null) || (!view.enumeration.is_empty() && view.enumeration.iter().all(|v| v.is_null()))
}

/// Whether two members certainly give the same Rust type (same component, or the same
/// plain scalar), so the union is that type.
fn same_type(a: &Member<'_>, b: &Member<'_>) -> bool {
    fn scalar(m: &Member<'_>) -> Option<(Prim, Option<String>)> {
        let v = View::of(m.resolved);
        let plain = m.key.is_none()
            && v.enumeration.is_empty()
            && v.properties.is_none()
            && v.items.is_none()
            && v.one_of.is_empty()
            && v.any_of.is_empty()
            && v.all_of.is_empty()
            && v.additional.is_none();
        match v.typ {
            Some(t @ (Prim::String | Prim::Integer | Prim::Number | Prim::Boolean)) if plain => Some((t, v.format)),
            _ => None,
        }
    }
    match (a.key, b.key) {
        (Some(x), Some(y)) => x == y,
        (None, None) => scalar(a).is_some() && scalar(a) == scalar(b),
        _ => false,
    }
}

/// A variant's name when the member has neither a component name nor a title.
fn kind_name(merged: &Merged<'_>) -> &'static str {
    if merged.is_struct() {
        return "Object";
    }
    if !merged.unions.is_empty() {
        return "Variant";
    }
    match merged.typ {
        Some(Prim::String) => "String",
        Some(Prim::Integer) => "Integer",
        Some(Prim::Number) => "Number",
        Some(Prim::Boolean) => "Boolean",
        Some(Prim::Array) => "Array",
        Some(Prim::Object) => "Object",
        Some(Prim::Null) => "Null",
        None if merged.items.is_some() => "Array",
        None if merged.additional.is_some() => "Object",
        None => "Value",
    }
}

/// Sort key of an untagged variant: the most specific shapes first.
fn rank(merged: &Merged<'_>) -> (u8, usize, usize) {
    if merged.is_struct() {
        let required = merged.required.iter().filter(|r| merged.properties.contains_key(*r)).count();
        return (0, usize::MAX - required, usize::MAX - merged.properties.len());
    }
    let class = if !merged.unions.is_empty() {
        1
    } else {
        match merged.typ {
            Some(Prim::Object) => 2,
            None if merged.additional.is_some() => 2,
            Some(Prim::Array) => 3,
            None if merged.items.is_some() => 3,
            Some(Prim::Integer) => 4,
            Some(Prim::Number) => 5,
            Some(Prim::String) if !merged.enumeration.is_empty() => 6,
            Some(Prim::String) => 7,
            Some(Prim::Boolean) => 8,
            _ => 9,
        }
    };
    (class, 0, 0)
}
