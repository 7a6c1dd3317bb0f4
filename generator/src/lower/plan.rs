//! The planning vocabulary of schema lowering: what a schema becomes, decided before
//! anything is built.
//!
//! [`schema`](super::schema) plans every schema into a [`Plan`]; [`enums`](super::enums)
//! and [`unions`](super::unions) plan and build their kinds of [`Def`]. All three depend on
//! this module and on no other's types, so the imports among them point one way.

use openapiv3::{Discriminator, ReferenceOr, Schema};

use super::allof::Merged;
use crate::model::{Docs, TypeRef};

/// What a schema becomes.
pub(super) enum Plan<'s> {
    /// A type expression.
    Expr(Expr<'s>),
    /// A named type of its own.
    Def(Def<'s>),
}

/// A type expression, still to be resolved (its inner schemas to be lowered).
pub(super) enum Expr<'s> {
    Ty(TypeRef),
    /// The type of another schema (a `$ref`, or the one member of a union), without `null`.
    Same(&'s ReferenceOr<Schema>, String),
    Array(Option<(&'s ReferenceOr<Box<Schema>>, String)>),
    Map(&'s ReferenceOr<Schema>, String),
}

/// The definition of a named type.
pub(super) enum Def<'s> {
    Struct(Box<Merged<'s>>),
    Enum(EnumPlan),
    Union(UnionPlan<'s>),
}

/// One value of an enum: the value, its name from `x-enum-varnames` if any, its docs.
pub(super) struct Entry<T> {
    pub value: T,
    pub name: Option<String>,
    pub docs: Option<Docs>,
}

/// An enum with a fallback variant (see [`enums`](super::enums)).
pub(super) enum EnumPlan {
    Strings(Vec<Entry<String>>),
    Ints(Vec<Entry<i64>>),
}

/// A `oneOf`/`anyOf`, or a parent schema's `discriminator` over its children (see
/// [`unions`](super::unions)).
pub(super) struct UnionPlan<'s> {
    pub discriminator: Option<&'s Discriminator>,
    /// Pointer of the `discriminator`.
    pub discriminator_at: String,
    pub members: Vec<Member<'s>>,
    /// The properties next to the union are merged into every member, so members are new
    /// structs rather than the components they name.
    pub distributed: bool,
}

/// One member of a union.
pub(super) struct Member<'s> {
    /// Pointer of the member as written in the union.
    pub at: String,
    /// The member as written (`$ref` or inline).
    pub schema: &'s ReferenceOr<Schema>,
    /// The component, for a `$ref` member.
    pub key: Option<&'s str>,
    /// The member's schema, references followed.
    pub resolved: &'s Schema,
    /// What the member describes (with the properties beside the union, if distributed).
    pub merged: Merged<'s>,
}
