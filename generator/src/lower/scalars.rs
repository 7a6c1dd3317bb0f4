//! The Rust type of a string, integer or number schema, by its `format`.

use crate::config::{Formats, TimeFormat, UuidFormat};
use crate::model::{TypeRef, Typed};

/// A string of `format`: `String`, unless the configuration reads the format into a type.
pub(super) fn string_type(formats: &Formats, format: Option<&str>) -> TypeRef {
    let typed = match (format, formats.date_time, formats.date, formats.uuid) {
        (Some("date-time"), TimeFormat::Chrono, _, _) => Typed::ChronoDateTime,
        (Some("date-time"), TimeFormat::Time, _, _) => Typed::TimeDateTime,
        (Some("date"), _, TimeFormat::Chrono, _) => Typed::ChronoDate,
        (Some("date"), _, TimeFormat::Time, _) => Typed::TimeDate,
        (Some("uuid"), _, _, UuidFormat::Uuid) => Typed::Uuid,
        _ => return TypeRef::String,
    };
    TypeRef::Typed(typed)
}

pub(super) fn integer_type(format: Option<&str>) -> TypeRef {
    match format {
        Some("int32" | "int16" | "int8") => TypeRef::I32,
        Some("uint32" | "uint16" | "uint8") => TypeRef::U32,
        Some("uint64" | "uint") => TypeRef::U64,
        _ => TypeRef::I64,
    }
}

pub(super) fn number_type(format: Option<&str>) -> TypeRef {
    match format {
        Some("float") => TypeRef::F32,
        _ => TypeRef::F64,
    }
}
