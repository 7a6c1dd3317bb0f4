//! The types of the model: type expressions and the named types' definitions.

use super::{Checks, Docs};

/// A type expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    U32,
    U64,
    F32,
    F64,
    /// Any JSON value.
    Json,
    /// A JSON object with any members.
    JsonObject,
    Named(String),
    Vec(Box<TypeRef>),
    /// String keys to values.
    Map(Box<TypeRef>),
    /// `null` allowed.
    Option(Box<TypeRef>),
    /// Indirection that breaks a recursive type.
    Box(Box<TypeRef>),
    /// A string `format` read into a typed value (`Config::formats`).
    Typed(Typed),
    /// A Rust type put in place of a schema (`Config::replace`, `x-rust-type`): its path as
    /// generated code writes it (`::rust_decimal::Decimal`).
    External(String),
}

/// The typed string formats: each a type of the runtime over a crate's type, with the
/// format's text on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Typed {
    /// `date-time` over `chrono`.
    ChronoDateTime,
    /// `date` over `chrono`.
    ChronoDate,
    /// `date-time` over `time`.
    TimeDateTime,
    /// `date` over `time`.
    TimeDate,
    /// `uuid` over `uuid`.
    Uuid,
}

impl TypeRef {
    /// A string, boolean or number: a value with one text form.
    pub(crate) fn is_scalar(&self) -> bool {
        matches!(
            self,
            TypeRef::String
                | TypeRef::Bool
                | TypeRef::I32
                | TypeRef::I64
                | TypeRef::U32
                | TypeRef::U64
                | TypeRef::F32
                | TypeRef::F64
                | TypeRef::Typed(_)
        )
    }

    /// Whether the value is a typed format or a replaced schema (or an option or a box of
    /// one): the string and number limits of its schema do not apply to it.
    pub(crate) fn is_opaque(&self) -> bool {
        match self {
            TypeRef::Typed(_) | TypeRef::External(_) => true,
            TypeRef::Option(inner) | TypeRef::Box(inner) => inner.is_opaque(),
            _ => false,
        }
    }

    /// The value type of an `Option`, else the type itself. Nullable parameters are set or
    /// not: `null` is never sent, so they are handled as their value type.
    pub(crate) fn without_option(&self) -> &TypeRef {
        match self {
            TypeRef::Option(inner) => inner,
            other => other,
        }
    }

    pub(crate) fn option(self) -> TypeRef {
        match self {
            TypeRef::Option(_) => self,
            other => TypeRef::Option(Box::new(other)),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct TypeDef {
    pub name: String,
    pub docs: Docs,
    pub kind: TypeKind,
}

#[derive(Debug, Clone)]
pub(crate) enum TypeKind {
    Struct(Struct),
    /// String enum with an `Unknown(String)` fallback.
    StringEnum {
        variants: Vec<EnumValue>,
        unknown: String,
    },
    /// Integer enum with an `Unknown(i64)` fallback.
    IntEnum {
        variants: Vec<IntValue>,
        unknown: String,
    },
    /// `oneOf`/`anyOf` whose members are told apart by one property (a discriminator or a
    /// property with one value per member): an internally tagged enum.
    Tagged {
        tag: String,
        variants: Vec<TaggedVariant>,
    },
    /// A tagged union whose members are all components that declare the tag (a required
    /// property): one newtype variant per tag value holding the component's type. Decoding
    /// dispatches on the tag and decodes the whole object, tag included, into the
    /// component; encoding writes the component.
    TaggedRefs {
        tag: String,
        variants: Vec<RefVariant>,
    },
    /// `oneOf`/`anyOf` without a tag: one tuple variant per member, decoded by shape.
    Untagged {
        variants: Vec<UntaggedVariant>,
    },
    /// `pub type Name = ...;`
    Alias(TypeRef),
    /// `pub struct Name(pub T);` (transparent): an alias that refers to itself, which a
    /// Rust type alias cannot.
    Newtype(TypeRef),
}

#[derive(Debug, Clone)]
pub(crate) struct Struct {
    pub fields: Vec<Field>,
    /// Members beyond the declared properties, flattened into a map field: (field name,
    /// the map's type: `JsonObject`, or `Map` of `additionalProperties`' schema). `None`
    /// only under `additionalProperties: false`.
    pub additional: Option<(String, TypeRef)>,
    /// `additionalProperties: false`: unknown members are a decoding error.
    pub deny_unknown: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub name: String,
    pub wire: String,
    pub docs: Docs,
    /// The value's type; `Option` when the document allows `null`.
    pub ty: TypeRef,
    pub required: bool,
    /// The document's `default`, used when a required member is absent on the wire.
    pub default: Option<serde_json::Value>,
    /// Limits of the value (length, items, bounds), checked before a request is sent.
    pub checks: Checks,
    /// Limits of each item, when the value is an array.
    pub item_checks: Checks,
}

#[derive(Debug, Clone)]
pub(crate) struct EnumValue {
    pub name: String,
    pub value: String,
    pub docs: Docs,
}

#[derive(Debug, Clone)]
pub(crate) struct IntValue {
    pub name: String,
    pub value: i64,
    pub docs: Docs,
}

#[derive(Debug, Clone)]
pub(crate) struct TaggedVariant {
    pub name: String,
    pub tag_value: String,
    pub docs: Docs,
    pub fields: Vec<Field>,
    /// The member's members beyond its declared properties, as [`Struct::additional`].
    pub additional: Option<(String, TypeRef)>,
    /// Where the tag goes among `fields` when the variant is written: the number of
    /// fields the member declares before its tag property (0 when it declares none).
    pub tag_position: usize,
}

/// A variant of [`TypeKind::TaggedRefs`].
#[derive(Debug, Clone)]
pub(crate) struct RefVariant {
    pub name: String,
    pub tag_value: String,
    pub docs: Docs,
    /// The component (a struct), or its box where it contains the union.
    pub ty: TypeRef,
}

#[derive(Debug, Clone)]
pub(crate) struct UntaggedVariant {
    pub name: String,
    pub docs: Docs,
    pub ty: TypeRef,
}
