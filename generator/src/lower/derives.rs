//! The configuration's `derives`: which extra derives each named type gets.
//!
//! Every type already has `Debug`, `Clone` and `PartialEq`, and `Serialize` and
//! `Deserialize` (listing them changes nothing). Of the other standard derives, `Eq`,
//! `Hash`, `PartialOrd`, `Ord`, `Copy` and `Default` are worked out per type: one that
//! cannot hold (an `f64` has no `Eq`, a `String` no `Copy`, an enum no `Default`), directly
//! or through a field of another type, is left off that type, and the type's docs and the
//! crate docs say which field prevents it, so the crate always compiles and a user sees
//! where a derive is missing and why. A demanding user of a thousand-schema API wants
//! `Hash` where it can be, not an error for the first `f64`. Other derives
//! (`schemars::JsonSchema`) go on every type; the types of the fields must have them.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, ErrorKind};
use crate::model::{Api, TypeDef, TypeKind, TypeRef, Typed};

/// A standard derive that is worked out per type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Std {
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Copy,
    Default,
}

impl Std {
    const ALL: [Std; 6] = [Std::Eq, Std::Hash, Std::PartialOrd, Std::Ord, Std::Copy, Std::Default];

    fn name(self) -> &'static str {
        match self {
            Std::Eq => "Eq",
            Std::Hash => "Hash",
            Std::PartialOrd => "PartialOrd",
            Std::Ord => "Ord",
            Std::Copy => "Copy",
            Std::Default => "Default",
        }
    }

    fn path(self) -> &'static str {
        match self {
            Std::Eq => "::std::cmp::Eq",
            Std::Hash => "::std::hash::Hash",
            Std::PartialOrd => "::std::cmp::PartialOrd",
            Std::Ord => "::std::cmp::Ord",
            Std::Copy => "::std::marker::Copy",
            Std::Default => "::std::default::Default",
        }
    }

    /// The derives this one needs on the same type (besides `PartialEq` and `Clone`, which
    /// every type has).
    fn needs(self) -> &'static [Std] {
        match self {
            Std::Ord => &[Std::Eq, Std::PartialOrd],
            _ => &[],
        }
    }
}

/// What the configuration asks for, read.
struct Asked {
    standard: BTreeSet<Std>,
    /// Other derives, as generated code writes their paths.
    other: Vec<String>,
}

fn read(derives: &[String]) -> Result<Asked, Error> {
    let config = |message: String| Error::new(ErrorKind::Config, "", format!("derives: {message}"));
    let mut asked = Asked { standard: BTreeSet::new(), other: Vec::new() };
    for text in derives {
        let path: syn::Path =
            syn::parse_str(text.trim()).map_err(|e| config(format!("`{text}` is not a path: {e}")))?;
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let last = segments.last().map(String::as_str).unwrap_or_default();
        let standard_path = segments.len() == 1 || matches!(segments[0].as_str(), "std" | "core" | "serde");
        if standard_path && matches!(last, "Debug" | "Clone" | "PartialEq" | "Serialize" | "Deserialize") {
            continue;
        }
        if let Some(std) = Std::ALL.into_iter().find(|s| standard_path && s.name() == last) {
            asked.standard.insert(std);
            continue;
        }
        let written = super::replace::rust_path(text).map_err(config)?;
        if !asked.other.contains(&written) {
            asked.other.push(written);
        }
    }
    for std in &asked.standard {
        if let Some(missing) = std.needs().iter().find(|n| !asked.standard.contains(n)) {
            return Err(config(format!("`{}` needs `{}` too", std.name(), missing.name())));
        }
    }
    Ok(asked)
}

/// Decides the extra derives of every named type (`Api::derives`) and says where a standard
/// one is left off, in the type's docs and in `Api::derive_notes`.
pub(crate) fn apply(api: &mut Api, derives: &[String]) -> Result<(), Error> {
    let asked = read(derives)?;
    if asked.standard.is_empty() && asked.other.is_empty() {
        return Ok(());
    }
    // Per derive, the types that cannot have it and why (the greatest set that can: a type
    // is given up only for a field that cannot, so recursive types keep theirs).
    let mut lacking: BTreeMap<Std, BTreeMap<String, String>> = BTreeMap::new();
    for std in asked.standard.iter().copied() {
        let mut without: BTreeMap<String, String> = BTreeMap::new();
        loop {
            let found: Vec<(String, String)> = api
                .types
                .values()
                .filter(|def| !without.contains_key(&def.name))
                .filter_map(|def| blocker(def, std, &api.types, &without).map(|why| (def.name.clone(), why)))
                .collect();
            if found.is_empty() {
                break;
            }
            without.extend(found);
        }
        lacking.insert(std, without);
    }
    // A derive that needs another goes where that one goes.
    for std in asked.standard.iter().copied() {
        for need in std.needs() {
            let theirs = lacking[need].clone();
            let mine = lacking.entry(std).or_default();
            for (name, why) in theirs {
                mine.entry(name).or_insert(why);
            }
        }
    }
    for def in api.types.values_mut() {
        if matches!(def.kind, TypeKind::Alias(_)) {
            continue;
        }
        let own = builtin(&def.kind);
        let mut paths: Vec<String> = Vec::new();
        let mut left_off: Vec<(Std, &String)> = Vec::new();
        for std in asked.standard.iter().copied() {
            match lacking[&std].get(&def.name) {
                Some(why) => left_off.push((std, why)),
                None if !own.contains(&std) => paths.push(std.path().to_owned()),
                None => {}
            }
        }
        paths.extend(asked.other.iter().cloned());
        // One line per reason: `Not `Eq`, `Hash`: the field `value` holds an `f64`.`
        let mut reasons: Vec<(&String, Vec<String>)> = Vec::new();
        for (std, why) in left_off {
            match reasons.iter_mut().find(|(reason, _)| *reason == why) {
                Some((_, names)) => names.push(format!("`{}`", std.name())),
                None => reasons.push((why, vec![format!("`{}`", std.name())])),
            }
        }
        for (why, names) in reasons {
            def.docs.text.push_str(&format!("\n\nNot {}: {why}.", names.join(", ")));
        }
        api.derives.insert(def.name.clone(), paths);
    }
    for std in asked.standard.iter().copied() {
        let names: Vec<String> = lacking[&std].keys().map(|name| format!("`{name}`")).collect();
        if !names.is_empty() {
            api.derive_notes.push(format!(
                "`{}` is left off {} (each type's docs say why).",
                std.name(),
                names.join(", ")
            ));
        }
    }
    Ok(())
}

/// The derives a kind of type has without the configuration.
fn builtin(kind: &TypeKind) -> &'static [Std] {
    match kind {
        TypeKind::StringEnum { .. } => &[Std::Eq, Std::Hash, Std::PartialOrd, Std::Ord],
        TypeKind::IntEnum { .. } => &[Std::Eq, Std::Hash, Std::PartialOrd, Std::Ord, Std::Copy],
        _ => &[],
    }
}

/// Why `def` cannot derive `std`, given the types known not to (`without`); `None` when it
/// can as far as they go.
fn blocker(
    def: &TypeDef,
    std: Std,
    types: &BTreeMap<String, TypeDef>,
    without: &BTreeMap<String, String>,
) -> Option<String> {
    if builtin(&def.kind).contains(&std) {
        return None;
    }
    let field = |what: String, ty: &TypeRef| lacks(ty, std, types, without).map(|why| format!("{what} holds {why}"));
    let enum_default = || (std == Std::Default).then(|| "an enum has no default variant".to_owned());
    match &def.kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .map(|f| (f, if f.required { f.ty.clone() } else { f.ty.clone().option() }))
            .find_map(|(f, ty)| field(format!("the field `{}`", f.name), &ty))
            .or_else(|| {
                s.additional
                    .as_ref()
                    .and_then(|(name, ty)| field(format!("the map of undeclared members `{name}`"), ty))
            }),
        TypeKind::StringEnum { unknown, .. } | TypeKind::IntEnum { unknown, .. } => {
            enum_default().or_else(|| (std == Std::Copy).then(|| format!("the variant `{unknown}` holds a `String`")))
        }
        TypeKind::Tagged { variants, .. } => enum_default().or_else(|| {
            variants.iter().find_map(|v| {
                v.fields.iter().find_map(|f| field(format!("the field `{}` of `{}`", f.name, v.name), &f.ty)).or_else(
                    || {
                        v.additional
                            .as_ref()
                            .and_then(|(_, ty)| field(format!("the map of undeclared members of `{}`", v.name), ty))
                    },
                )
            })
        }),
        TypeKind::TaggedRefs { variants, .. } => {
            enum_default().or_else(|| variants.iter().find_map(|v| field(format!("the variant `{}`", v.name), &v.ty)))
        }
        TypeKind::Untagged { variants } => {
            enum_default().or_else(|| variants.iter().find_map(|v| field(format!("the variant `{}`", v.name), &v.ty)))
        }
        TypeKind::Newtype(ty) => field("its value".to_owned(), ty),
        // An alias derives nothing: where it is used, its target is looked at.
        TypeKind::Alias(_) => None,
    }
}

/// What in `ty` has no `std` (`an `f64``), or `None`.
fn lacks(
    ty: &TypeRef,
    std: Std,
    types: &BTreeMap<String, TypeDef>,
    without: &BTreeMap<String, String>,
) -> Option<String> {
    let no = |what: &str| Some(what.to_owned());
    match (ty, std) {
        (TypeRef::Option(_) | TypeRef::Vec(_), Std::Default) => None,
        (TypeRef::Option(inner), _) => lacks(inner, std, types, without),
        (TypeRef::Vec(_), Std::Copy) => no("a `Vec`"),
        (TypeRef::Box(_), Std::Copy) => no("a `Box`"),
        (TypeRef::Vec(inner) | TypeRef::Box(inner), _) => lacks(inner, std, types, without),
        (TypeRef::Map(_), Std::Default) => None,
        (TypeRef::Map(inner), Std::Eq) => lacks(inner, std, types, without),
        (TypeRef::Map(_), _) => no("an `IndexMap`"),
        (TypeRef::String, Std::Copy) => no("a `String`"),
        (TypeRef::F32 | TypeRef::F64, Std::Eq | Std::Hash | Std::Ord) => {
            no(if *ty == TypeRef::F32 { "an `f32`" } else { "an `f64`" })
        }
        (TypeRef::Json, Std::PartialOrd | Std::Ord | Std::Copy) => no("a `serde_json::Value`"),
        (TypeRef::JsonObject, Std::PartialOrd | Std::Ord | Std::Copy) => no("a JSON object (`serde_json::Map`)"),
        (TypeRef::Typed(Typed::TimeDateTime | Typed::TimeDate), Std::Default) => no("a `time` value"),
        (TypeRef::Named(name), _) => match without.get(name) {
            Some(_) => Some(format!("`{name}`, which has no `{}`", std.name())),
            None => match types.get(name).map(|d| &d.kind) {
                // An alias is its target (it has no derives of its own).
                Some(TypeKind::Alias(target)) => lacks(target, std, types, without),
                _ => None,
            },
        },
        // A replaced schema's type is the user's: it must have what the types holding it derive.
        _ => None,
    }
}
