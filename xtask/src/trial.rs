//! The trial build of `regenerate --url`: the client crate as it would be with the new
//! generated files, hand-written parts (`src/lib.rs`, the session layer, tests, examples)
//! included, built in a scratch copy before anything in the tree changes.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use generator::surface::{Change, Report};

use crate::targets::Target;
use crate::{sync, Error};

/// Features the trial leaves off: they need system libraries the build machine may lack
/// (`native-tls`: OpenSSL headers), and change no API.
pub const SKIPPED_FEATURES: &[&str] = &["native-tls"];

/// A place in hand-written code that does not compile against the new generated files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    /// `src/session/fetch.rs:42`, relative to the crate.
    pub location: String,
    /// The compiler's message.
    pub message: String,
    /// The reported changes the message names.
    pub causes: Vec<String>,
}

/// Builds `target` (the client crate with its new generated files) in a copy of `crate_dir`,
/// with `cargo check --all-targets` and every feature but [`SKIPPED_FEATURES`], in
/// `target_dir`. `Ok(misfits)`: empty when it builds.
pub fn build(
    crate_dir: &Path,
    target: &Target,
    report: Option<&Report>,
    target_dir: &Path,
) -> Result<Vec<Misfit>, Error> {
    // Cargo names a workspace's root package by its path relative to the workspace, the same
    // for every copy, and took a copy in another directory for the one it had built before
    // (unchanged): so every trial builds in one place, the target directory's
    // `xtask-trial/`, one at a time, where rewritten files are seen as changed.
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let scratch = target_dir.join("xtask-trial");
    let _ = fs::remove_dir_all(&scratch);
    fs::create_dir_all(&scratch).map_err(|e| Error::io("create", &scratch, e))?;
    let copy = scratch.join(crate_dir.file_name().unwrap_or_default());
    copy_crate(crate_dir, &copy)?;
    // Written as `regenerate` would write them, stale generated files removed.
    let staged = Target { dir: copy.clone(), ..target.clone() };
    let status = sync::compare(&staged)?;
    sync::apply(&staged, &status)?;
    let text = standalone(&copy, crate_dir.parent())?;
    // Hand-written docs may include the repository's README (doctests only): give it one.
    if let Some(readme) = crate_dir.parent().map(|root| root.join("README.md")).filter(|p| p.is_file()) {
        let _ = fs::copy(readme, scratch.join("README.md"));
    }
    let features = features(&text);
    let output = Command::new(crate::cargo())
        .args(["check", "--all-targets", "--message-format=json", "--quiet"])
        .args(if features.is_empty() { Vec::new() } else { vec!["--features".to_owned(), features.join(",")] })
        .arg("--manifest-path")
        .arg(copy.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir)
        .output()
        .map_err(|e| Error::Failed(format!("cannot run cargo for the trial build: {e}")))?;
    let _ = fs::remove_dir_all(&scratch);
    let misfits = misfits(&String::from_utf8_lossy(&output.stdout), report);
    if !output.status.success() && misfits.is_empty() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(20).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(Error::Failed(format!("the trial build failed outside the crate's code:\n{}", tail.join("\n"))));
    }
    Ok(misfits)
}

/// Makes the crate at `crate_dir` a workspace of its own, pinned to `root`'s lockfile when
/// it has one (the versions the repository builds with); returns its manifest's text.
pub(crate) fn standalone(crate_dir: &Path, root: Option<&Path>) -> Result<String, Error> {
    let manifest = crate_dir.join("Cargo.toml");
    let text = fs::read_to_string(&manifest).map_err(|e| Error::io("read", &manifest, e))?;
    fs::write(&manifest, format!("{text}\n[workspace]\n")).map_err(|e| Error::io("write", &manifest, e))?;
    if let Some(lock) = root.map(|root| root.join("Cargo.lock")).filter(|p| p.is_file()) {
        fs::copy(&lock, crate_dir.join("Cargo.lock")).map_err(|e| Error::io("copy", &lock, e))?;
    }
    Ok(text)
}

/// Every feature the manifest declares, but `default` and [`SKIPPED_FEATURES`].
fn features(manifest: &str) -> Vec<String> {
    let Ok(table) = manifest.parse::<toml::Table>() else { return Vec::new() };
    let Some(features) = table.get("features").and_then(toml::Value::as_table) else { return Vec::new() };
    features.keys().filter(|name| *name != "default" && !SKIPPED_FEATURES.contains(&name.as_str())).cloned().collect()
}

/// The errors of `cargo --message-format=json` output that point into hand-written files,
/// each with the changes its message names.
fn misfits(messages: &str, report: Option<&Report>) -> Vec<Misfit> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for line in messages.lines() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        let message = &value["message"];
        if value["reason"] != "compiler-message" || message["level"] != "error" {
            continue;
        }
        let Some(span) = message["spans"].as_array().and_then(|spans| spans.iter().find(|s| s["is_primary"] == true))
        else {
            continue;
        };
        let file = span["file_name"].as_str().unwrap_or_default();
        let file = file.split_once("/generated-client/").map_or(file, |(_, rest)| rest);
        if file.starts_with("src/generated/") {
            continue;
        }
        let location = format!("{file}:{}", span["line_start"]);
        let text = message["message"].as_str().unwrap_or_default().to_owned();
        if !seen.insert((location.clone(), text.clone())) {
            continue;
        }
        let rendered = message["rendered"].as_str().unwrap_or_default();
        let causes = report
            .into_iter()
            .flat_map(Report::changes)
            .filter(|c| names(&text, rendered, c))
            .map(Change::to_string)
            .collect();
        out.push(Misfit { location, message: text, causes });
    }
    out
}

/// Whether a compiler error is about the item of a change: the message quotes its name
/// (`` `get_manifest` ``), or, for messages that name no item ("mismatched types"), the
/// code it shows uses it.
fn names(message: &str, rendered: &str, change: &Change) -> bool {
    let item = change.item.split_whitespace().next().unwrap_or_default();
    let name = item.rsplit("::").next().unwrap_or(item);
    let is_word = |text: &str| {
        text.match_indices(name).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + name.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    };
    message.contains(&format!("`{name}`")) || (!message.contains('`') && is_word(rendered))
}

fn copy_crate(from: &Path, to: &Path) -> Result<(), Error> {
    fs::create_dir_all(to).map_err(|e| Error::io("create", to, e))?;
    for entry in fs::read_dir(from).map_err(|e| Error::io("list", from, e))? {
        let entry = entry.map_err(|e| Error::io("list", from, e))?;
        let name = entry.file_name();
        // Build output never belongs in the copy.
        if name == "target" {
            continue;
        }
        let (source, dest) = (entry.path(), to.join(&name));
        if source.is_dir() {
            copy_crate(&source, &dest)?;
        } else {
            fs::copy(&source, &dest).map_err(|e| Error::io("copy", &source, e))?;
        }
    }
    Ok(())
}
