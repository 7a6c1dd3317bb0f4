//! One view of a schema, whether `openapiv3` parsed it as a typed schema (`Type(..)`) or as
//! the catch-all `Any(..)` (a schema mixing keywords), so the rest of lowering asks one
//! question one way.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// The JSON types a schema's `type` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prim {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    Null,
}

impl Prim {
    pub(crate) fn parse(name: &str) -> Option<Prim> {
        Some(match name {
            "string" => Prim::String,
            "integer" => Prim::Integer,
            "number" => Prim::Number,
            "boolean" => Prim::Boolean,
            "object" => Prim::Object,
            "array" => Prim::Array,
            "null" => Prim::Null,
            _ => return None,
        })
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Prim::String => "string",
            Prim::Integer => "integer",
            Prim::Number => "number",
            Prim::Boolean => "boolean",
            Prim::Object => "object",
            Prim::Array => "array",
            Prim::Null => "null",
        }
    }

    /// Whether one value can be of both types (`integer` is a `number`).
    pub(crate) fn compatible(self, other: Prim) -> bool {
        self == other || matches!((self, other), (Prim::Integer, Prim::Number) | (Prim::Number, Prim::Integer))
    }
}

/// Length, item and numeric limits of a schema.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Bounds {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<String>,
    pub minimum: Option<(f64, bool)>,
    pub maximum: Option<(f64, bool)>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
}

impl Bounds {
    /// Every limit of `other` that is set replaces this one's.
    pub(crate) fn absorb(&mut self, other: &Bounds) {
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f.clone(); } )* };
        }
        take!(min_length, max_length, pattern, minimum, maximum, min_items, max_items);
    }
}

pub(crate) struct View<'s> {
    /// `type`, when it names a JSON type.
    pub typ: Option<Prim>,
    /// `type` as written, when it names none (`"file"`, ...).
    pub unknown_type: Option<&'s str>,
    pub format: Option<String>,
    /// `enum`, `null` included.
    pub enumeration: Vec<Value>,
    pub properties: Option<&'s IndexMap<String, ReferenceOr<Box<Schema>>>>,
    pub required: &'s [String],
    pub additional: Option<&'s AdditionalProperties>,
    pub items: Option<&'s ReferenceOr<Box<Schema>>>,
    pub one_of: &'s [ReferenceOr<Schema>],
    pub any_of: &'s [ReferenceOr<Schema>],
    pub all_of: &'s [ReferenceOr<Schema>],
    pub bounds: Bounds,
}

impl<'s> View<'s> {
    pub(crate) fn of(schema: &'s Schema) -> View<'s> {
        let mut view = View {
            typ: None,
            unknown_type: None,
            format: None,
            enumeration: Vec::new(),
            properties: None,
            required: &[],
            additional: None,
            items: None,
            one_of: &[],
            any_of: &[],
            all_of: &[],
            bounds: Bounds::default(),
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                view.typ = Some(Prim::String);
                view.format = format_name(&s.format, |f| match f {
                    StringFormat::Date => "date",
                    StringFormat::DateTime => "date-time",
                    StringFormat::Password => "password",
                    StringFormat::Byte => "byte",
                    StringFormat::Binary => "binary",
                });
                view.enumeration = s.enumeration.iter().map(|v| v.clone().map_or(Value::Null, Value::String)).collect();
                view.bounds.min_length = s.min_length;
                view.bounds.max_length = s.max_length;
                view.bounds.pattern = s.pattern.clone();
            }
            SchemaKind::Type(Type::Integer(i)) => {
                view.typ = Some(Prim::Integer);
                view.format = format_name(&i.format, |f| match f {
                    IntegerFormat::Int32 => "int32",
                    IntegerFormat::Int64 => "int64",
                });
                view.enumeration = i.enumeration.iter().map(|v| v.map_or(Value::Null, Value::from)).collect();
                view.bounds.minimum = i.minimum.map(|m| (m as f64, i.exclusive_minimum));
                view.bounds.maximum = i.maximum.map(|m| (m as f64, i.exclusive_maximum));
            }
            SchemaKind::Type(Type::Number(n)) => {
                view.typ = Some(Prim::Number);
                view.format = format_name(&n.format, |f| match f {
                    NumberFormat::Float => "float",
                    NumberFormat::Double => "double",
                });
                view.enumeration = n.enumeration.iter().map(|v| v.map_or(Value::Null, Value::from)).collect();
                view.bounds.minimum = n.minimum.map(|m| (m, n.exclusive_minimum));
                view.bounds.maximum = n.maximum.map(|m| (m, n.exclusive_maximum));
            }
            SchemaKind::Type(Type::Boolean(b)) => {
                view.typ = Some(Prim::Boolean);
                view.enumeration = b.enumeration.iter().map(|v| v.map_or(Value::Null, Value::Bool)).collect();
            }
            SchemaKind::Type(Type::Object(o)) => {
                view.typ = Some(Prim::Object);
                view.properties = Some(&o.properties);
                view.required = &o.required;
                view.additional = o.additional_properties.as_ref();
            }
            SchemaKind::Type(Type::Array(a)) => {
                view.typ = Some(Prim::Array);
                view.items = a.items.as_ref();
                view.bounds.min_items = a.min_items;
                view.bounds.max_items = a.max_items;
            }
            SchemaKind::OneOf { one_of } => view.one_of = one_of,
            SchemaKind::AllOf { all_of } => view.all_of = all_of,
            SchemaKind::AnyOf { any_of } => view.any_of = any_of,
            // `not` only narrows what a value may be; it adds nothing to its shape.
            SchemaKind::Not { .. } => {}
            SchemaKind::Any(a) => {
                if let Some(t) = a.typ.as_deref() {
                    match Prim::parse(t) {
                        Some(p) => view.typ = Some(p),
                        None => view.unknown_type = Some(t),
                    }
                }
                view.format = a.format.clone();
                view.enumeration = a.enumeration.clone();
                if !a.properties.is_empty() {
                    view.properties = Some(&a.properties);
                }
                view.required = &a.required;
                view.additional = a.additional_properties.as_ref();
                view.items = a.items.as_ref();
                view.one_of = &a.one_of;
                view.any_of = &a.any_of;
                view.all_of = &a.all_of;
                view.bounds = Bounds {
                    min_length: a.min_length,
                    max_length: a.max_length,
                    pattern: a.pattern.clone(),
                    minimum: a.minimum.map(|m| (m, a.exclusive_minimum.unwrap_or(false))),
                    maximum: a.maximum.map(|m| (m, a.exclusive_maximum.unwrap_or(false))),
                    min_items: a.min_items,
                    max_items: a.max_items,
                };
            }
        }
        view
    }

    /// Declared properties in document order.
    pub(crate) fn properties(&self) -> impl Iterator<Item = (&'s String, &'s ReferenceOr<Box<Schema>>)> {
        self.properties.into_iter().flatten()
    }

    /// Whether the schema says anything about the shape of a value (a `type` other than
    /// `object`, properties, items, an enum, a composition, ...). Schemas that say nothing
    /// (`{}`, `{description: ...}`, `{type: object}`) accept any value of their type.
    pub(crate) fn has_shape(&self) -> bool {
        !matches!(self.typ, None | Some(Prim::Object))
            || self.unknown_type.is_some()
            || self.properties.is_some_and(|p| !p.is_empty())
            || !self.enumeration.is_empty()
            || self.items.is_some()
            || matches!(self.additional, Some(AdditionalProperties::Schema(_)))
            || !self.one_of.is_empty()
            || !self.any_of.is_empty()
            || !self.all_of.is_empty()
    }
}

fn format_name<T>(format: &VariantOrUnknownOrEmpty<T>, known: impl Fn(&T) -> &'static str) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(f) => Some(known(f).to_owned()),
        VariantOrUnknownOrEmpty::Unknown(f) => Some(f.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}
