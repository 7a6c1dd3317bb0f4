//! Schemas replaced by Rust types: the `replace` table of the configuration and the
//! `x-rust-type` extension of a schema.
//!
//! `x-rust-type` takes the shape typify reads, less its generic `parameters`:
//!
//! ```yaml
//! Money:
//!   type: string
//!   x-rust-type: {crate: rust_decimal, version: "1.36", path: rust_decimal::Decimal}
//! ```
//!
//! `path` is required; `crate` and `version` go together, name the crate the path starts
//! with and add it to the generated crate's `[dependencies]`. Without them the path must
//! already resolve (`std::net::Ipv4Addr`, or a crate the configuration adds).

use std::collections::BTreeMap;

use openapiv3::{ReferenceOr, Schema};
use serde_json::Value;

use super::schema::TypeSpace;
use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::model::TypeRef;
use crate::pointer;

/// A Rust type in place of a schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RustType {
    /// The path as generated code writes it (`::rust_decimal::Decimal`).
    pub path: String,
    /// The crate to depend on and its version requirement, from `x-rust-type`.
    pub dependency: Option<(String, String)>,
}

/// The extension's key.
const EXTENSION: &str = "x-rust-type";

/// The `x-rust-type` of `schema` (met at `at`), checked; `None` when it has none.
pub(super) fn extension(schema: &Schema, at: &str) -> Result<Option<RustType>, Error> {
    let Some(value) = schema.schema_data.extensions.get(EXTENSION) else { return Ok(None) };
    let at = pointer::join(at, &[EXTENSION]);
    let invalid = |at: &str, message: String| Error::new(ErrorKind::Invalid, at, message);
    let Value::Object(members) = value else {
        return Err(invalid(&at, format!("`{EXTENSION}` must be an object with `path` (and `crate` with `version`)")));
    };
    let text = |key: &str| -> Result<Option<&str>, Error> {
        match members.get(key) {
            None => Ok(None),
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s.trim())),
            Some(_) => Err(invalid(&pointer::join(&at, &[key]), format!("`{key}` must be a non-empty string"))),
        }
    };
    let (path, krate, version) = (text("path")?, text("crate")?, text("version")?);
    if let Some(other) = members.keys().find(|k| !matches!(k.as_str(), "path" | "crate" | "version")) {
        return Err(Error::unsupported(
            pointer::join(&at, &[other]),
            format!("`{EXTENSION}` is read with `path`, `crate` and `version` only, not `{other}`"),
        ));
    }
    let Some(path) = path else { return Err(invalid(&at, format!("`{EXTENSION}` needs a `path`"))) };
    let path_at = pointer::join(&at, &["path"]);
    let written = rust_path(path).map_err(|reason| invalid(&path_at, reason))?;
    let dependency = match (krate, version) {
        (None, None) => None,
        (Some(_), None) => return Err(invalid(&at, "`crate` needs a `version` to depend on".to_owned())),
        (None, Some(_)) => return Err(invalid(&at, "`version` needs the `crate` it is of".to_owned())),
        (Some(krate), Some(version)) => {
            let crate_at = pointer::join(&at, &["crate"]);
            let name_ok = krate.starts_with(|c: char| c.is_ascii_alphabetic())
                && krate.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !name_ok {
                return Err(invalid(&crate_at, format!("`{krate}` is not a crate name")));
            }
            let first = path.trim_start_matches("::").split("::").next().unwrap_or_default().trim();
            if first != krate.replace('-', "_") {
                return Err(invalid(&path_at, format!("`{path}` does not start with the crate `{krate}`")));
            }
            let version_ok = version.chars().all(|c| c.is_ascii_alphanumeric() || " .*^~=<>,-+".contains(c));
            if !version_ok {
                return Err(invalid(
                    &pointer::join(&at, &["version"]),
                    format!("`{version}` is not a version requirement"),
                ));
            }
            Some((krate.to_owned(), version.to_owned()))
        }
    };
    Ok(Some(RustType { path: written, dependency }))
}

/// A type path of the configuration or of `x-rust-type` as generated code writes it: from
/// the root of a crate (`::rust_decimal::Decimal`), of this crate (`crate::money::Money`) or
/// a primitive (`u64`); or why it cannot be one.
pub(super) fn rust_path(text: &str) -> Result<String, String> {
    let text = text.trim();
    let path: syn::Path = syn::parse_str(text).map_err(|e| format!("`{text}` is not a Rust type path: {e}"))?;
    let first = path.segments.first().map(|s| s.ident.to_string()).unwrap_or_default();
    if path.leading_colon.is_some() || first == "crate" {
        return Ok(text.to_owned());
    }
    if matches!(first.as_str(), "self" | "super" | "Self") {
        return Err(format!(
            "`{text}` is relative to a module of the generated code; start it with `crate::` or a crate's name"
        ));
    }
    if path.segments.len() == 1 {
        const PRIMITIVES: &[&str] = &[
            "bool", "char", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64",
            "u128", "usize",
        ];
        if PRIMITIVES.contains(&first.as_str()) {
            return Ok(text.to_owned());
        }
        return Err(format!(
            "`{text}` names no crate: write the whole path (`rust_decimal::Decimal`, `std::string::String`, `crate::{text}`)"
        ));
    }
    Ok(format!("::{text}"))
}

impl TypeSpace<'_> {
    /// Reads which components are replaced: those the configuration's `replace` names
    /// (each checked to be a component, with a valid path), and those with an
    /// `x-rust-type`. Their names stay claimed, so the other types' names do not move.
    pub(super) fn replace_components(&mut self, config: &Config) -> Result<(), Error> {
        for (key, path) in &config.replace {
            let at = pointer::join("/components/schemas", &[key]);
            if !self.components.contains_key(key) {
                return Err(Error::new(
                    ErrorKind::Config,
                    "",
                    format!("replace: `{key}` is not a schema of `components/schemas`"),
                ));
            }
            let path = rust_path(path)
                .map_err(|reason| Error::new(ErrorKind::Config, &at, format!("replace `{key}`: {reason}")))?;
            self.replaced.insert(key.clone(), TypeRef::External(path));
        }
        // The configuration wins over the document's `x-rust-type` (and its crate).
        let doc = self.doc;
        let schemas = doc.components.iter().flat_map(|c| c.schemas.iter());
        for (key, schema) in schemas.filter(|(key, _)| !config.replace.contains_key(*key)) {
            let ReferenceOr::Item(item) = schema else { continue };
            let at = pointer::join("/components/schemas", &[key]);
            if let Some(rust) = extension(item, &at)? {
                self.depend(rust.dependency, &at)?;
                self.replaced.insert(key.clone(), TypeRef::External(rust.path));
            }
        }
        Ok(())
    }

    /// Records the crate an `x-rust-type` at `at` needs; two versions of one crate are an
    /// error naming the second.
    pub(super) fn depend(&mut self, dependency: Option<(String, String)>, at: &str) -> Result<(), Error> {
        let Some((krate, version)) = dependency else { return Ok(()) };
        if let Some((first, first_at)) = self.dependencies.get(&krate) {
            if *first != version {
                return Err(Error::new(
                    ErrorKind::Invalid,
                    pointer::join(at, &["x-rust-type", "version"]),
                    format!("`{krate}` is asked for as `{version}` here and as `{first}` at {first_at}"),
                ));
            }
            return Ok(());
        }
        self.dependencies.insert(krate, (version, at.to_owned()));
        Ok(())
    }

    /// The crates `x-rust-type`s need: name to version requirement.
    pub(crate) fn dependencies(&self) -> BTreeMap<String, String> {
        self.dependencies.iter().map(|(krate, (version, _))| (krate.clone(), version.clone())).collect()
    }

    /// The type of the component `key` where it is used: its Rust type, or what replaces it.
    pub(super) fn component_type(&self, key: &str) -> TypeRef {
        let (name, nullable) = &self.components[key];
        let ty = self.replaced.get(key).cloned().unwrap_or_else(|| TypeRef::Named(name.clone()));
        if *nullable {
            ty.option()
        } else {
            ty
        }
    }

    /// Whether the component `key` is replaced by a Rust type (and has no type of its own).
    pub(super) fn is_replaced(&self, key: &str) -> bool {
        self.replaced.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::rust_path;

    #[test]
    fn paths_are_written_from_a_crate_root() {
        assert_eq!(rust_path("rust_decimal::Decimal").as_deref(), Ok("::rust_decimal::Decimal"));
        assert_eq!(rust_path(" ::std::net::Ipv4Addr ").as_deref(), Ok("::std::net::Ipv4Addr"));
        assert_eq!(rust_path("crate::money::Money").as_deref(), Ok("crate::money::Money"));
        assert_eq!(rust_path("u64").as_deref(), Ok("u64"));
        assert_eq!(rust_path("std::vec::Vec<u8>").as_deref(), Ok("::std::vec::Vec<u8>"));
        for wrong in ["Decimal", "super::Money", "self::Money", "rust decimal", "a::", "", "[u8; 4]"] {
            assert!(rust_path(wrong).is_err(), "{wrong}");
        }
    }
}
