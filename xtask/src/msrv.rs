//! `cargo xtask msrv`: every dependency a user of a package builds (normal and build
//! dependencies, through the whole tree, at the versions the lockfile holds) declares a
//! `rust-version` no newer than the package's own.
//!
//! The machines that build this repository have one toolchain and cannot fetch another, so
//! the declared MSRV cannot be built with for real; clippy's `incompatible_msrv` lint (on in
//! `cargo clippy -D warnings`) covers the standard library APIs our code calls, and this
//! covers the dependencies, which are where an MSRV usually breaks first.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::Error;

/// Options of the `msrv` command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `--manifest-path`: another package or workspace than the repository's.
    pub manifest_path: Option<PathBuf>,
}

/// A dependency newer than a package's declared `rust-version` allows.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// The package that declares the MSRV, with it.
    pub package: String,
    pub msrv: String,
    /// The dependency that needs a newer Rust, with its version and the Rust it needs.
    pub dependency: String,
    pub version: String,
    pub needs: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} declares rust-version {}, but its dependency {} {} needs Rust {}",
            self.package, self.msrv, self.dependency, self.version, self.needs
        )
    }
}

/// A workspace member that declares a `rust-version`, and how many dependencies it builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub package: String,
    pub msrv: String,
    pub dependencies: usize,
}

/// Runs `cargo metadata` and checks every workspace member that declares a `rust-version`.
///
/// With every feature on, so what an optional feature pulls in (native-tls, the Edge crate's
/// tower layer and axum extractor) is checked too: a user may turn any of them on.
pub fn msrv(root: &Path, options: &Options, out: &mut dyn std::io::Write) -> Result<(), Error> {
    let mut command = Command::new(crate::cargo());
    command.args(["metadata", "--format-version", "1", "--locked", "--all-features"]).current_dir(root);
    if let Some(path) = &options.manifest_path {
        command.arg("--manifest-path").arg(path);
    }
    let output = command.output().map_err(|e| Error::Failed(format!("cannot run cargo metadata: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Error::Failed(format!("cargo metadata failed: {}", stderr.trim())));
    }
    let metadata: Value = serde_json::from_slice(&output.stdout)
        .map_err(|e| Error::Failed(format!("cargo metadata printed no JSON: {e}")))?;
    let (checked, violations) = check(&metadata)?;
    for Checked { package, msrv, dependencies } in &checked {
        crate::progress(out, format_args!("{package}: rust-version {msrv}, {dependencies} dependencies checked\n"))?;
    }
    if violations.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = violations.iter().map(ToString::to_string).collect();
    Err(Error::Failed(format!("{} dependencies need a newer Rust than declared:\n{}", lines.len(), lines.join("\n"))))
}

/// The members checked (name, MSRV, how many dependencies) and the violations found, from
/// `cargo metadata` output.
pub fn check(metadata: &Value) -> Result<(Vec<Checked>, Vec<Violation>), Error> {
    let malformed = |what: &str| Error::Failed(format!("cargo metadata: {what}"));
    let packages = metadata["packages"].as_array().ok_or_else(|| malformed("no `packages`"))?;
    let by_id: BTreeMap<&str, &Value> = packages.iter().filter_map(|p| Some((p["id"].as_str()?, p))).collect();
    let nodes = metadata["resolve"]["nodes"].as_array().ok_or_else(|| malformed("no `resolve.nodes`"))?;
    // A package's normal and build dependencies; dev-dependencies are not built by its users.
    let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for node in nodes {
        let Some(id) = node["id"].as_str() else { continue };
        let used = node["deps"].as_array().into_iter().flatten().filter(|dep| {
            dep["dep_kinds"].as_array().into_iter().flatten().any(|kind| kind["kind"].as_str() != Some("dev"))
        });
        edges.entry(id).or_default().extend(used.filter_map(|dep| dep["pkg"].as_str()));
    }
    let members = metadata["workspace_members"].as_array().ok_or_else(|| malformed("no `workspace_members`"))?;
    let mut checked = Vec::new();
    let mut violations = BTreeSet::new();
    for member in members.iter().filter_map(Value::as_str) {
        let Some(package) = by_id.get(member) else { continue };
        let Some(msrv) = package["rust_version"].as_str() else { continue };
        let name = package["name"].as_str().unwrap_or(member);
        let mut seen = BTreeSet::new();
        let mut stack = edges.get(member).cloned().unwrap_or_default();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            stack.extend(edges.get(id).into_iter().flatten());
            let Some(dependency) = by_id.get(id) else { continue };
            let Some(needs) = dependency["rust_version"].as_str() else { continue };
            if version(needs) > version(msrv) {
                violations.insert(Violation {
                    package: name.to_owned(),
                    msrv: msrv.to_owned(),
                    dependency: dependency["name"].as_str().unwrap_or(id).to_owned(),
                    version: dependency["version"].as_str().unwrap_or_default().to_owned(),
                    needs: needs.to_owned(),
                });
            }
        }
        checked.push(Checked { package: name.to_owned(), msrv: msrv.to_owned(), dependencies: seen.len() });
    }
    Ok((checked, violations.into_iter().collect()))
}

/// `1.85` and `1.85.0` alike, as (major, minor, patch); parts that are not numbers count 0.
fn version(text: &str) -> (u64, u64, u64) {
    let mut parts = text.split('.').map(|part| part.parse().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata() -> Value {
        serde_json::json!({
            "packages": [
                {"id": "app", "name": "app", "version": "0.1.0", "rust_version": "1.85"},
                {"id": "old", "name": "old", "version": "1.0.0", "rust_version": "1.70"},
                {"id": "deep", "name": "deep", "version": "2.0.0", "rust_version": "1.88.0"},
                {"id": "tool", "name": "tool", "version": "3.0.0", "rust_version": "1.90"},
                {"id": "none", "name": "none", "version": "1.0.0", "rust_version": null}
            ],
            "workspace_members": ["app"],
            "resolve": {"nodes": [
                {"id": "app", "deps": [
                    {"pkg": "old", "dep_kinds": [{"kind": null}]},
                    {"pkg": "tool", "dep_kinds": [{"kind": "dev"}]},
                    {"pkg": "none", "dep_kinds": [{"kind": "build"}]}
                ]},
                {"id": "old", "deps": [{"pkg": "deep", "dep_kinds": [{"kind": null}]}]},
                {"id": "deep", "deps": []},
                {"id": "tool", "deps": []},
                {"id": "none", "deps": []}
            ]}
        })
    }

    #[test]
    fn a_transitive_dependency_newer_than_the_msrv_is_found_and_dev_dependencies_are_not() {
        let (checked, violations) = check(&metadata()).expect("well-formed");
        assert_eq!(checked, [Checked { package: "app".to_owned(), msrv: "1.85".to_owned(), dependencies: 3 }]);
        assert_eq!(violations.len(), 1, "{violations:?}");
        assert_eq!(
            violations[0].to_string(),
            "app declares rust-version 1.85, but its dependency deep 2.0.0 needs Rust 1.88.0"
        );
    }

    #[test]
    fn versions_compare_by_number() {
        assert!(version("1.9") < version("1.10"));
        assert_eq!(version("1.85"), version("1.85.0"));
    }

    #[test]
    fn malformed_metadata_is_an_error() {
        assert!(check(&serde_json::json!({})).is_err());
    }
}
