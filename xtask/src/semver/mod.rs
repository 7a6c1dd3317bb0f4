//! `cargo xtask semver`: the change report's classifications checked against
//! cargo-semver-checks. Each case of [`cases`] is applied to the Edge document; the crates
//! generated from the document before and after are compared by our report (from the
//! generator's model) and by cargo-semver-checks (from their rustdoc JSON), and the two must
//! agree on whether the change breaks users, except where the case says what
//! cargo-semver-checks cannot see.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use generator::surface::{Impact, Report};
use generator::Config;
use serde_json::Value;

use crate::targets::{self, Target};
use crate::{sync, Error};

pub mod cases;

use cases::Case;

/// The name and version the compared crates are generated with: a major version, so
/// cargo-semver-checks reads a breaking change as one (before 1.0 it is a minor bump).
const CRATE: &str = "edge-semver-check";
const VERSION: &str = "1.0.0";

/// Options of the `semver` command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The cargo-semver-checks binary (default: `cargo-semver-checks` on `PATH`).
    pub semver_checks: Option<PathBuf>,
    /// Only the cases whose name contains this.
    pub only: Option<String>,
}

/// What both sides said of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub case: &'static str,
    /// Our report's strongest impact (`None`: no change).
    pub ours: Option<Impact>,
    /// Whether cargo-semver-checks requires a major release, with the lints that failed.
    pub theirs_breaking: bool,
    pub lints: Vec<String>,
    /// What cargo-semver-checks cannot see, when the case says so.
    pub unseen: Option<&'static str>,
}

impl Row {
    /// Whether the row is as it must be: both agree, or they differ exactly where the case
    /// says cargo-semver-checks cannot see.
    pub fn holds(&self) -> bool {
        let ours_breaking = self.ours == Some(Impact::Breaking);
        match self.unseen {
            None => ours_breaking == self.theirs_breaking,
            Some(_) => ours_breaking && !self.theirs_breaking,
        }
    }
}

/// The agreement table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Row>,
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| change | our report | cargo-semver-checks | agree |")?;
        writeln!(f, "|---|---|---|---|")?;
        for row in &self.rows {
            let ours = row.ours.map_or("no change".to_owned(), |impact| impact.to_string());
            let theirs =
                if row.theirs_breaking { format!("major ({})", row.lints.join(", ")) } else { "no major".to_owned() };
            let agree = match (row.holds(), row.unseen) {
                (true, None) => "yes".to_owned(),
                (true, Some(why)) => format!("no: it cannot see that {why}"),
                (false, _) => "**NO**".to_owned(),
            };
            writeln!(f, "| {} | {ours} | {theirs} | {agree} |", row.case)?;
        }
        Ok(())
    }
}

/// The Edge document as JSON, and the configuration the compared crates are generated with:
/// the Edge crate's own (its names), as a crate of generated code alone.
pub fn edge_input(root: &Path) -> Result<(Value, Config), Error> {
    let source = targets::client_source(root)?;
    let text = fs::read_to_string(&source.spec_path).map_err(|e| Error::io("read", &source.spec_path, e))?;
    let document =
        serde_saphyr::from_str(&text).map_err(|e| Error::Failed(format!("{}: not YAML: {e}", source.spec_label)))?;
    let mut config = source.config;
    config.crate_name = CRATE.to_owned();
    config.version = VERSION.to_owned();
    config.hand_written_lib = false;
    config.hand_written_readme = false;
    config.example_features.clear();
    config.example_tests = false;
    Ok((document, config))
}

/// Our report for `case`.
pub fn classify(document: &Value, config: &Config, case: &Case) -> Result<Report, Error> {
    let before = generate(document, config)?;
    Ok(before.surface().changes(changed(document, config, case)?.surface()))
}

/// The crate generated from `document` with `case` applied.
fn changed(document: &Value, config: &Config, case: &Case) -> Result<generator::Files, Error> {
    let mut changed = document.clone();
    (case.change)(&mut changed);
    generate(&changed, config)
}

fn generate(document: &Value, config: &Config) -> Result<generator::Files, Error> {
    let bytes = serde_json::to_vec(document).map_err(|e| Error::Failed(e.to_string()))?;
    generator::generate(&bytes, config).map_err(|e| Error::Failed(format!("cannot generate: {e}")))
}

/// Runs every case (or those `--only` picks) through both sides.
pub fn semver(root: &Path, options: &Options, out: &mut dyn std::io::Write) -> Result<Table, Error> {
    let (document, config) = edge_input(root)?;
    let work = root.join("target/semver");
    let target_dir = work.join("target");
    let base = generate(&document, &config)?;
    let baseline = rustdoc(&work, &target_dir, "baseline", &base, root)?;
    let mut rows = Vec::new();
    for case in cases::cases() {
        if options.only.as_deref().is_some_and(|only| !case.name.contains(only)) {
            continue;
        }
        crate::progress(out, format_args!("{} ...\n", case.name))?;
        let after = changed(&document, &config, &case)?;
        let report = base.surface().changes(after.surface());
        let current = rustdoc(&work, &target_dir, "current", &after, root)?;
        let (theirs_breaking, lints) = semver_checks(options, &baseline, &current)?;
        rows.push(Row { case: case.name, ours: report.impact(), theirs_breaking, lints, unseen: case.unseen });
    }
    Ok(Table { rows })
}

/// Writes `files` as the crate `name` under `work` and builds its rustdoc JSON, returning
/// where it was copied to.
fn rustdoc(
    work: &Path,
    target_dir: &Path,
    name: &str,
    files: &generator::Files,
    root: &Path,
) -> Result<PathBuf, Error> {
    let dir = work.join(name);
    let _ = fs::remove_dir_all(&dir);
    let target = Target::of_files(files, dir.clone(), name.to_owned());
    let status = sync::compare(&target)?;
    sync::apply(&target, &status)?;
    crate::trial::standalone(&dir, Some(root))?;
    // rustdoc's JSON output is unstable: cargo-semver-checks itself builds it this way.
    let output = Command::new(crate::cargo())
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["rustdoc", "--lib", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(target_dir)
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        .output()
        .map_err(|e| Error::Failed(format!("cannot run cargo rustdoc: {e}")))?;
    if !output.status.success() {
        return Err(Error::Failed(format!(
            "rustdoc JSON of the {name} crate failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    let built = target_dir.join("doc").join(format!("{}.json", CRATE.replace('-', "_")));
    let kept = work.join(format!("{name}.json"));
    fs::copy(&built, &kept).map_err(|e| Error::io("copy", &built, e))?;
    Ok(kept)
}

/// Whether cargo-semver-checks finds that going from `baseline` to `current` needs a major
/// release, and the lints it reports.
fn semver_checks(options: &Options, baseline: &Path, current: &Path) -> Result<(bool, Vec<String>), Error> {
    let program = options.semver_checks.clone().unwrap_or_else(|| PathBuf::from("cargo-semver-checks"));
    let output = Command::new(&program)
        .args(["semver-checks", "check-release", "--release-type", "minor", "--color", "never", "--baseline-rustdoc"])
        .arg(baseline)
        .arg("--current-rustdoc")
        .arg(current)
        .output()
        .map_err(|e| {
            Error::Failed(format!(
                "cannot run {}: {e} (install it: cargo install cargo-semver-checks --locked)",
                program.display()
            ))
        })?;
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    let lints: Vec<String> = text
        .lines()
        .filter_map(|line| line.trim().strip_prefix("--- failure "))
        .map(|rest| rest.split(':').next().unwrap_or(rest).trim().to_owned())
        .collect();
    // It fails (exit code 1 or 2, by version) when a lint of the level asked about fails.
    if output.status.success() {
        Ok((false, lints))
    } else if !lints.is_empty() && text.contains("semver requires new major version") {
        Ok((true, lints))
    } else {
        Err(Error::Failed(format!("{} failed:\n{text}", program.display())))
    }
}
