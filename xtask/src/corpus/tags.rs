//! The tag-features check of the corpus gate: the corpus GitHub description generated with
//! `tag-features = true` into a workspace of its own (`target/corpus/tags/`, sharing the
//! gate's target directory, so the dependencies are built once), linted with no tag and with
//! one tag, so the `#[cfg]`s over operations and the type graph are checked on a big real
//! document. With every tag on, the crate is the one the gate already builds.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use generator::Config;

use super::compile::{self, Compiler, CRATES_DIR};
use super::documents::Document;
use crate::targets::Target;
use crate::Error;

/// The corpus document checked, by name.
pub const DOCUMENT: &str = "progenitor-samples/api.github.com.json";
/// The scratch workspace, relative to the gate's.
const WORKSPACE: &str = "tags";
/// The crate's name.
const CRATE: &str = "corpus-tags-github";
/// The feature sets linted: none, and one mid-sized tag (39 operations).
const FEATURE_SETS: &[&[&str]] = &[&[], &["issues"]];

/// What the check did: the commands with their times, and the failures.
#[derive(Debug, Default)]
pub struct Checked {
    /// Each command and how long it took.
    pub compile: Vec<(String, std::time::Duration)>,
    /// One line per failing feature set (empty when all passed).
    pub problems: Vec<String>,
}

/// Runs the check when `document` is the one checked; `workspace` is the gate's.
pub fn check(
    document: &Document,
    workspace: &Path,
    target_dir: Option<PathBuf>,
    lock_seed: &Path,
) -> Result<Checked, Error> {
    let mut checked = Checked::default();
    let bytes = fs::read(&document.path).map_err(|e| Error::io("read", &document.path, e))?;
    let mut config = Config::new(CRATE);
    config.tag_features = true;
    let files = match generator::generate(&bytes, &config) {
        Ok(files) => files,
        Err(e) => {
            checked.problems.push(format!("{DOCUMENT} with tag-features: not generated: {e}"));
            return Ok(checked);
        }
    };
    let dir = workspace.join(WORKSPACE);
    let label = format!("{}/{WORKSPACE}/{CRATES_DIR}/{CRATE}", super::WORKSPACE);
    let target = Target {
        name: label.clone(),
        dir: dir.join(CRATES_DIR).join(CRATE),
        label,
        files: files.iter().map(|(path, contents)| (path.to_owned(), contents.to_owned())).collect(),
        owned_dirs: vec![String::new()],
    };
    compile::write_workspace(&dir, &BTreeMap::from([(CRATE.to_owned(), target)]), lock_seed)?;
    // The gate's target directory, so the dependencies it built are reused.
    let target_dir = target_dir.unwrap_or_else(|| workspace.join("target"));
    for features in FEATURE_SETS {
        let mut args: Vec<String> =
            ["clippy", "--workspace", "--lib", "--no-default-features"].map(str::to_owned).into();
        if !features.is_empty() {
            args.extend(["--features".to_owned(), features.join(",")]);
        }
        let compiler = Compiler { args, target_dir: Some(target_dir.clone()) };
        let outcome = compile::compile(&dir, &compiler)?;
        checked.compile.push((compiler.display(), outcome.time));
        let diagnostics = outcome.diagnostics.get(CRATE).cloned().unwrap_or_default();
        let first = diagnostics.errors.iter().chain(&diagnostics.warnings).next();
        let shown = if features.is_empty() { "no tag".to_owned() } else { features.join(", ") };
        if let Some(first) = first {
            let line = first.lines().next().unwrap_or_default();
            checked.problems.push(format!(
                "{DOCUMENT} with tag-features ({shown}): {} errors, {} warnings; first: {line}",
                diagnostics.errors.len(),
                diagnostics.warnings.len()
            ));
        } else if !outcome.success {
            checked.problems.push(format!("{DOCUMENT} with tag-features ({shown}): cargo failed"));
        }
    }
    Ok(checked)
}
