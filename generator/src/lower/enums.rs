//! `enum` -> Rust enums with a fallback variant, or the plain type where an enum type would
//! not help.
//!
//! - strings: an enum with `Unknown(String)`;
//! - integers (and numbers whose values are all integers): an enum with `Unknown(i64)`;
//!   variants are `V1`, `V2`, `Minus1`, ... unless `x-enum-varnames` / `x-enumNames` name them;
//! - other numbers: `f64`; booleans: `bool`; values of mixed types: `serde_json::Value`;
//! - `null` among the values makes the type nullable (see `schema::nullable`).

use serde_json::Value;

use super::allof::Merged;
use super::plan::{Def, Entry, EnumPlan, Expr, Plan};
use super::view::Prim;
use crate::ident::{self, Scope};
use crate::model::{Docs, EnumValue, IntValue, TypeKind, TypeRef};

pub(super) fn plan<'s>(merged: &Merged<'s>) -> Plan<'s> {
    let names = var_names(merged);
    let values: Vec<(usize, &Value)> = merged.enumeration.iter().enumerate().filter(|(_, v)| !v.is_null()).collect();
    let name_of = |i: usize| names.as_ref().and_then(|n| n.get(i).cloned());
    if values.is_empty() {
        return Plan::Expr(Expr::Ty(TypeRef::Json));
    }
    let typ = merged.typ.or_else(|| {
        let first = values[0].1;
        if first.is_string() {
            Some(Prim::String)
        } else if first.is_boolean() {
            Some(Prim::Boolean)
        } else if first.is_number() {
            Some(Prim::Number)
        } else {
            None
        }
    });
    match typ {
        Some(Prim::String) if values.iter().all(|(_, v)| v.is_string()) => {
            let entries = values
                .iter()
                .map(|(i, v)| Entry { value: v.as_str().unwrap_or_default().to_owned(), name: name_of(*i), docs: None })
                .collect();
            Plan::Def(Def::Enum(EnumPlan::Strings(entries)))
        }
        Some(Prim::Integer | Prim::Number) if values.iter().all(|(_, v)| integral(v).is_some()) => {
            let entries = values
                .iter()
                .map(|(i, v)| Entry { value: integral(v).unwrap_or_default(), name: name_of(*i), docs: None })
                .collect();
            Plan::Def(Def::Enum(EnumPlan::Ints(entries)))
        }
        Some(Prim::Number) if values.iter().all(|(_, v)| v.is_number()) => Plan::Expr(Expr::Ty(TypeRef::F64)),
        Some(Prim::Boolean) if values.iter().all(|(_, v)| v.is_boolean()) => Plan::Expr(Expr::Ty(TypeRef::Bool)),
        _ => Plan::Expr(Expr::Ty(TypeRef::Json)),
    }
}

/// The value as an integer, when it is one (`3`, `3.0`).
fn integral(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| value.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64))
}

/// Variant names given by the document (`x-enum-varnames`, `x-enumNames`), one per value.
fn var_names(merged: &Merged<'_>) -> Option<Vec<String>> {
    let extensions = &merged.top.schema_data.extensions;
    let names = ["x-enum-varnames", "x-enumNames"].iter().find_map(|k| extensions.get(*k))?.as_array()?;
    let names: Vec<String> = names.iter().map(|n| n.as_str().map(str::to_owned)).collect::<Option<_>>()?;
    (names.len() == merged.enumeration.len()).then_some(names)
}

impl EnumPlan {
    pub(super) fn build(self) -> TypeKind {
        let mut scope = Scope::default();
        match self {
            EnumPlan::Strings(entries) => {
                let mut variants: Vec<EnumValue> = Vec::new();
                for (i, entry) in entries.into_iter().enumerate() {
                    if variants.iter().any(|v| v.value == entry.value) {
                        continue;
                    }
                    let base = entry.name.as_deref().unwrap_or(&entry.value);
                    let value = entry.value.clone();
                    variants.push(EnumValue {
                        name: scope.claim(&ident::type_name(base, &format!("Value{i}"))),
                        docs: entry.docs.unwrap_or_else(|| Docs::new(&[], || format!("`{value}`"))),
                        value: entry.value,
                    });
                }
                TypeKind::StringEnum { variants, unknown: scope.claim("Unknown") }
            }
            EnumPlan::Ints(entries) => {
                let mut variants: Vec<IntValue> = Vec::new();
                for entry in entries {
                    if variants.iter().any(|v| v.value == entry.value) {
                        continue;
                    }
                    let n = entry.value;
                    let base = match &entry.name {
                        Some(name) => ident::type_name(name, &format!("V{n}")),
                        None if n < 0 => format!("Minus{}", n.unsigned_abs()),
                        None => format!("V{n}"),
                    };
                    variants.push(IntValue {
                        name: scope.claim(&base),
                        value: n,
                        docs: entry.docs.unwrap_or_else(|| Docs::new(&[], || format!("`{n}`"))),
                    });
                }
                TypeKind::IntEnum { variants, unknown: scope.claim("Unknown") }
            }
        }
    }
}
