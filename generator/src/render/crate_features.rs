//! The `[features]` and `[[example]]` tables a configuration adds to the generated
//! `Cargo.toml` (`[features]` and `[example-features]` of `codegen.toml`), checked against
//! what the manifest declares: a mistake is an error naming the key, not a manifest cargo
//! refuses later with a message about a file the user did not write.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::error::{Error, ErrorKind};

/// The lines the configuration adds: `[features]` entries (after the generated ones) and
/// `[[example]]` tables (after `[dev-dependencies]`); both empty when it adds none, so the
/// manifest of a crate without them is unchanged.
#[derive(Debug, Default)]
pub(crate) struct CrateFeatures {
    pub(crate) features: String,
    pub(crate) examples: String,
}

/// Checks and renders the configured features and example requirements.
///
/// `generated`: the features the manifest has without the configuration (the template's,
/// the tag features, the runtime crate's typed formats), which configured ones may name but
/// not take; `dependencies`: the crate's `[dependencies]`, which entries may name.
pub(crate) fn crate_features(
    config: &Config,
    generated: &BTreeSet<&str>,
    dependencies: &BTreeMap<String, toml::Value>,
) -> Result<CrateFeatures, Error> {
    let mut out = CrateFeatures::default();
    for (name, entries) in &config.features {
        let at = format!("features.{}", key(name));
        check_name(&at, name, Named::Feature)?;
        if generated.contains(name.as_str()) {
            return Err(error(&at, "the generated Cargo.toml has a feature of that name already: choose another"));
        }
        if dependencies.contains_key(name) {
            return Err(error(
                &at,
                format!(
                    "`{name}` is a dependency of the crate: a feature of that name would shadow it \
                     (turn it on with `dep:{name}` from a feature of another name)"
                ),
            ));
        }
        for entry in entries {
            check_entry(
                &at,
                entry,
                |feature| generated.contains(feature) || config.features.contains_key(feature),
                dependencies,
            )?;
        }
        out.features.push_str(&format!("{} = {}\n", key(name), strings(entries)));
    }
    if !out.features.is_empty() {
        out.features.insert_str(0, "# From codegen.toml's [features].\n");
    }
    for (example, features) in &config.example_features {
        let at = format!("example-features.{}", key(example));
        check_name(&at, example, Named::Example)?;
        if features.is_empty() {
            return Err(error(&at, "names no feature: leave the example out of [example-features]"));
        }
        for feature in features {
            if !generated.contains(feature.as_str()) && !config.features.contains_key(feature) {
                return Err(error(&at, format!("`{feature}` is no feature of the crate")));
            }
        }
        out.examples.push_str(&format!(
            "\n[[example]]\nname = {}\nrequired-features = {}\n",
            toml::Value::String(example.clone()),
            strings(features)
        ));
    }
    Ok(out)
}

/// One entry of a feature, as cargo reads it: `dep:<optional dependency>`,
/// `<dependency>/<feature>`, `<optional dependency>?/<feature>`, or another feature.
fn check_entry(
    key: &str,
    entry: &str,
    is_feature: impl Fn(&str) -> bool,
    dependencies: &BTreeMap<String, toml::Value>,
) -> Result<(), Error> {
    let declared = |name: &str, why: &str| match dependencies.get(name) {
        None => Err(error(key, format!("`{entry}` names `{name}`, which is not in the crate's [dependencies]{why}"))),
        Some(spec) => Ok(optional(spec)),
    };
    if let Some(dependency) = entry.strip_prefix("dep:") {
        if !declared(dependency, " (add it with `optional = true`)")? {
            return Err(error(
                key,
                format!(
                    "`{entry}`: `{dependency}` is not optional, so `dep:` cannot turn it on \
                     (declare it with `optional = true`)"
                ),
            ));
        }
        return Ok(());
    }
    if let Some((dependency, feature)) = entry.split_once('/') {
        let (dependency, weak) = match dependency.strip_suffix('?') {
            Some(dependency) => (dependency, true),
            None => (dependency, false),
        };
        if feature.is_empty() || dependency.is_empty() {
            return Err(error(key, format!("`{entry}` is not `<dependency>/<feature>`")));
        }
        if !declared(dependency, "")? && weak {
            return Err(error(
                key,
                format!("`{entry}`: `?` is for optional dependencies, and `{dependency}` is not one"),
            ));
        }
        return Ok(());
    }
    if is_feature(entry) {
        return Ok(());
    }
    if dependencies.contains_key(entry) {
        return Err(error(key, format!("`{entry}` is a dependency, not a feature: write `dep:{entry}`")));
    }
    Err(error(
        key,
        format!("`{entry}` is no feature of the crate, nor a `dep:<dependency>` or `<dependency>/<feature>` entry"),
    ))
}

/// What a name in the configuration names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Named {
    Feature,
    Example,
}

/// Cargo's names of features and targets, in ASCII: a letter, digit or `_` first, then
/// those, `-`, `+` or `.` (an example's, a file stem, takes no `+` or `.`).
fn check_name(key: &str, name: &str, named: Named) -> Result<(), Error> {
    let feature = named == Named::Feature;
    let first_ok = name.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
    let rest_ok = name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || (feature && (b == b'+' || b == b'.')));
    if first_ok && rest_ok {
        return Ok(());
    }
    let (what, allowed) = match named {
        Named::Feature => ("a feature", "letters, digits, `_`, `-`, `+` and `.`"),
        Named::Example => ("an example", "letters, digits, `_` and `-`"),
    };
    Err(error(key, format!("{name:?} is not the name of {what}: {allowed} only, starting with a letter, digit or `_`")))
}

/// Whether a dependency spec says `optional = true`.
fn optional(spec: &toml::Value) -> bool {
    spec.get("optional").and_then(toml::Value::as_bool).unwrap_or(false)
}

/// A TOML key for `name`: bare when it can be (`tower`), quoted otherwise (`"a.b"` would be a
/// dotted key bare).
fn key(name: &str) -> String {
    if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        name.to_owned()
    } else {
        toml::Value::String(name.to_owned()).to_string()
    }
}

/// A TOML array of strings, escaped so no entry can break the manifest.
fn strings(items: &[String]) -> toml::Value {
    toml::Value::Array(items.iter().cloned().map(toml::Value::String).collect())
}

fn error(key: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Config, "", format!("codegen.toml: `{key}`: {}", message.into()))
}
