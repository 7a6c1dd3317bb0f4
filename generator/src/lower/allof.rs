//! `allOf`: a schema and all its `allOf` members (nested, `$ref` or inline) merged into one
//! description of a value, before any Rust type is made.
//!
//! Properties, `required`, `additionalProperties`, `items`, limits and the `type` are
//! merged; a property declared twice keeps its place and takes the later, more specific
//! schema (a child narrowing its parent). Two members that cannot both hold (`type: string`
//! and `type: integer`, or one property with two such types) are an error naming the
//! second. `oneOf`/`anyOf` met on the way are kept as [`Union`]s for the caller.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, Discriminator, OpenAPI, ReferenceOr, Schema};
use serde_json::Value;

use super::refs;
use super::view::{Bounds, Prim, View};
use crate::error::{Error, ErrorKind};
use crate::pointer;

/// A property and where it was declared.
#[derive(Debug, Clone)]
pub(crate) struct Prop<'s> {
    pub schema: &'s ReferenceOr<Box<Schema>>,
    pub at: String,
    /// The component whose schema declares the property (names its inline types).
    pub owner: Option<&'s str>,
}

/// A `oneOf` or `anyOf` met while merging.
#[derive(Debug, Clone)]
pub(crate) struct Union<'s> {
    pub members: &'s [ReferenceOr<Schema>],
    /// Pointer of the `oneOf`/`anyOf` keyword.
    pub at: String,
    pub discriminator: Option<&'s Discriminator>,
}

/// An `allOf` member that is a `$ref` to a component.
#[derive(Debug, Clone)]
pub(crate) struct RefMember<'s> {
    pub key: &'s str,
    pub member: &'s ReferenceOr<Schema>,
    pub at: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Merged<'s> {
    /// The schema the merge started from (docs, discriminator, extensions).
    pub top: &'s Schema,
    pub at: String,
    pub typ: Option<Prim>,
    pub unknown_type: Option<(&'s str, String)>,
    pub format: Option<String>,
    pub enumeration: Vec<Value>,
    pub properties: IndexMap<String, Prop<'s>>,
    pub required: Vec<String>,
    pub additional: Option<(&'s AdditionalProperties, String)>,
    /// `additionalProperties: false` on the schema itself, not inherited through `allOf`
    /// (where it would forbid the other members' properties).
    pub deny_unknown: bool,
    pub items: Option<(&'s ReferenceOr<Box<Schema>>, String)>,
    pub unions: Vec<Union<'s>>,
    pub bounds: Bounds,
    /// Components merged in through `$ref` members of the schema itself or of its inline
    /// members (not of the components they include).
    pub refs: Vec<RefMember<'s>>,
    /// Whether the schema or an inline member says something of its own about the shape
    /// (as opposed to only referring to components).
    pub own_shape: bool,
}

impl<'s> Merged<'s> {
    fn empty(top: &'s Schema, at: &str) -> Self {
        Merged {
            top,
            at: at.to_owned(),
            typ: None,
            unknown_type: None,
            format: None,
            enumeration: Vec::new(),
            properties: IndexMap::new(),
            required: Vec::new(),
            additional: None,
            deny_unknown: false,
            items: None,
            unions: Vec::new(),
            bounds: Bounds::default(),
            refs: Vec::new(),
            own_shape: false,
        }
    }

    /// Whether values are objects with declared members.
    pub(crate) fn is_struct(&self) -> bool {
        !self.properties.is_empty() && matches!(self.typ, None | Some(Prim::Object))
    }

    /// `allOf: [$ref X]` and nothing else that shapes the value: the referenced component.
    pub(crate) fn single_ref(&self) -> Option<&RefMember<'s>> {
        match self.refs.as_slice() {
            [only] if !self.own_shape && self.unions.is_empty() => Some(only),
            _ => None,
        }
    }

    pub(crate) fn is_required(&self, wire: &str) -> bool {
        self.required.iter().any(|r| r == wire)
    }
}

/// How many components deep an `allOf` may include others (`A: allOf [B]`, `B: allOf [C]`,
/// ...). Real documents stay within a handful; without a bound, a chain of thousands would
/// overflow the stack (an abort, not an error) and cost time quadratic in its length, as each
/// component of the chain merges the whole rest of it.
const MAX_ALLOF_DEPTH: usize = 64;

/// Merges `schema` (met at `at`; `key` when it is the component of that name) with its
/// `allOf` members.
pub(crate) fn merge<'s>(
    doc: &'s OpenAPI,
    schema: &'s Schema,
    at: &str,
    key: Option<&'s str>,
) -> Result<Merged<'s>, Error> {
    let mut merged = Merged::empty(schema, at);
    let mut stack: Vec<&str> = key.into_iter().collect();
    absorb(&mut merged, doc, schema, at, Ctx { owner: key, via_ref: false, top: true }, &mut stack)?;
    Ok(merged)
}

/// `base` (a merge without its unions) extended by one more schema: a `oneOf` member
/// distributed over the properties next to the `oneOf`.
pub(crate) fn extend<'s>(
    doc: &'s OpenAPI,
    base: &Merged<'s>,
    member: &'s Schema,
    at: &str,
    key: Option<&'s str>,
) -> Result<Merged<'s>, Error> {
    let mut merged = base.clone();
    merged.unions.clear();
    merged.deny_unknown = false;
    let mut stack: Vec<&str> = key.into_iter().collect();
    absorb(&mut merged, doc, member, at, Ctx { owner: key, via_ref: key.is_some(), top: false }, &mut stack)?;
    Ok(merged)
}

/// Where in the merge a schema is met.
#[derive(Clone, Copy)]
struct Ctx<'s> {
    /// The component declaring what is met (names inline property types).
    owner: Option<&'s str>,
    /// Reached through a `$ref` member.
    via_ref: bool,
    /// The schema the merge started from.
    top: bool,
}

fn absorb<'s>(
    merged: &mut Merged<'s>,
    doc: &'s OpenAPI,
    schema: &'s Schema,
    at: &str,
    ctx: Ctx<'s>,
    stack: &mut Vec<&'s str>,
) -> Result<(), Error> {
    let Ctx { owner, via_ref, top } = ctx;
    let view = View::of(schema);
    if !via_ref && view_has_own(&view) {
        merged.own_shape = true;
    }
    if let Some(t) = view.typ {
        match merged.typ {
            Some(existing) if !existing.compatible(t) => {
                return Err(Error::new(
                    ErrorKind::Invalid,
                    at,
                    format!(
                        "`allOf` members of `{}` cannot both hold: `type: {}` and `type: {}`",
                        merged.at,
                        existing.name(),
                        t.name()
                    ),
                ));
            }
            // `integer` is the narrower of `integer` and `number`.
            Some(Prim::Integer) => {}
            _ => merged.typ = Some(t),
        }
    }
    if let Some(t) = view.unknown_type {
        merged.unknown_type = Some((t, at.to_owned()));
    }
    if view.format.is_some() {
        merged.format = view.format.clone();
    }
    if !view.enumeration.is_empty() {
        merged.enumeration = view.enumeration.clone();
    }
    merged.bounds.absorb(&view.bounds);
    for (wire, prop) in view.properties() {
        add_property(merged, doc, wire, prop, pointer::join(at, &["properties", wire]), owner)?;
    }
    for r in view.required {
        if !merged.is_required(r) {
            merged.required.push(r.clone());
        }
    }
    match view.additional {
        Some(AdditionalProperties::Any(false)) if top => merged.deny_unknown = true,
        Some(AdditionalProperties::Any(false)) => {}
        Some(other) => merged.additional = Some((other, pointer::join(at, &["additionalProperties"]))),
        None => {}
    }
    if let Some(items) = view.items {
        merged.items = Some((items, pointer::join(at, &["items"])));
    }
    for (keyword, members) in [("oneOf", view.one_of), ("anyOf", view.any_of)] {
        if members.is_empty() {
            continue;
        }
        // A parent listing its own children (`Pet: oneOf [Cat]`, `Cat: allOf [Pet, ...]`):
        // inside a child, the parent's union is the child itself.
        let lists_a_child = members.iter().any(|m| match m {
            ReferenceOr::Reference { reference } => {
                stack.iter().any(|k| reference.strip_prefix("#/components/schemas/") == Some(&pointer::escape(k)))
            }
            ReferenceOr::Item(_) => false,
        });
        if !top && lists_a_child {
            continue;
        }
        merged.unions.push(Union {
            members,
            at: pointer::join(at, &[keyword]),
            discriminator: schema.schema_data.discriminator.as_ref(),
        });
    }
    for (i, member) in view.all_of.iter().enumerate() {
        let member_at = pointer::join(at, &["allOf", &i.to_string()]);
        match member {
            ReferenceOr::Reference { reference } => {
                let (key, _) = refs::component_name::<Schema>(doc, reference, &member_at)?;
                if stack.contains(&key) {
                    return Err(Error::new(
                        ErrorKind::Reference,
                        member_at,
                        format!("`allOf` includes `{key}` within itself"),
                    ));
                }
                if stack.len() >= MAX_ALLOF_DEPTH {
                    return Err(Error::new(
                        ErrorKind::Unsupported,
                        member_at,
                        format!(
                            "`allOf` of `{}` includes components more than {MAX_ALLOF_DEPTH} deep; the generator stops at {MAX_ALLOF_DEPTH}",
                            stack.first().copied().unwrap_or(key)
                        ),
                    ));
                }
                let resolved = refs::resolve::<Schema>(doc, member, &member_at)?;
                stack.push(key);
                let ctx = Ctx { owner: Some(key), via_ref: true, top: false };
                absorb(merged, doc, resolved.item, &resolved.pointer, ctx, stack)?;
                stack.pop();
                // Only the schema's own members count (not those of the components it includes).
                if !via_ref {
                    merged.refs.push(RefMember { key, member, at: member_at });
                }
            }
            ReferenceOr::Item(inline) => {
                absorb(merged, doc, inline, &member_at, Ctx { top: false, ..ctx }, stack)?;
            }
        }
    }
    Ok(())
}

/// Whether a schema shapes values by keywords of its own (its `allOf` members aside).
fn view_has_own(view: &View<'_>) -> bool {
    !matches!(view.typ, None | Some(Prim::Object))
        || view.unknown_type.is_some()
        || view.properties.is_some_and(|p| !p.is_empty())
        || !view.enumeration.is_empty()
        || view.items.is_some()
        || matches!(view.additional, Some(AdditionalProperties::Schema(_)))
        || !view.one_of.is_empty()
        || !view.any_of.is_empty()
}

fn add_property<'s>(
    merged: &mut Merged<'s>,
    doc: &'s OpenAPI,
    wire: &str,
    schema: &'s ReferenceOr<Box<Schema>>,
    at: String,
    owner: Option<&'s str>,
) -> Result<(), Error> {
    let Some(existing) = merged.properties.get(wire) else {
        merged.properties.insert(wire.to_owned(), Prop { schema, at, owner });
        return Ok(());
    };
    if existing.schema == schema {
        return Ok(());
    }
    let before = type_of_property(doc, existing.schema, 0);
    let after = type_of_property(doc, schema, 0);
    if let (Some(a), Some(b)) = (before, after) {
        if !a.compatible(b) {
            return Err(Error::new(
                ErrorKind::Invalid,
                at,
                format!(
                    "`allOf` members give property `{wire}` two types: `{}` (at {}) and `{}`",
                    a.name(),
                    existing.at,
                    b.name()
                ),
            ));
        }
    }
    // The later declaration narrows the earlier one (a child refining its parent), unless
    // it only adds words (`{description: ...}`).
    if after.is_some() || says_more(schema) {
        let slot = merged.properties.get_mut(wire).expect("checked above");
        *slot = Prop { schema, at, owner };
    }
    Ok(())
}

fn says_more(schema: &ReferenceOr<Box<Schema>>) -> bool {
    match schema {
        ReferenceOr::Reference { .. } => true,
        ReferenceOr::Item(s) => View::of(s).has_shape(),
    }
}

/// The JSON type of a property schema, following `$ref`s and `allOf`, when it says one.
fn type_of_property(doc: &OpenAPI, schema: &ReferenceOr<Box<Schema>>, depth: usize) -> Option<Prim> {
    match schema {
        ReferenceOr::Item(s) => type_of_schema(doc, s, depth),
        ReferenceOr::Reference { reference } => type_of_ref(doc, reference, depth),
    }
}

pub(crate) fn type_of_schema(doc: &OpenAPI, schema: &Schema, depth: usize) -> Option<Prim> {
    if depth > 16 {
        return None;
    }
    let view = View::of(schema);
    if let Some(t) = view.typ {
        return Some(t);
    }
    if view.properties.is_some_and(|p| !p.is_empty()) {
        return Some(Prim::Object);
    }
    view.all_of.iter().find_map(|m| match m {
        ReferenceOr::Item(s) => type_of_schema(doc, s, depth + 1),
        ReferenceOr::Reference { reference } => type_of_ref(doc, reference, depth + 1),
    })
}

fn type_of_ref(doc: &OpenAPI, reference: &str, depth: usize) -> Option<Prim> {
    let (_, target) = refs::component_name::<Schema>(doc, reference, "").ok()?;
    match target {
        ReferenceOr::Item(s) => type_of_schema(doc, s, depth + 1),
        ReferenceOr::Reference { reference } if depth < 16 => type_of_ref(doc, reference, depth + 1),
        ReferenceOr::Reference { .. } => None,
    }
}
