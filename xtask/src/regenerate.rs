//! `cargo xtask regenerate [--check] [--url [URL]] [--report FILE]`.
//!
//! Every target is generated in memory first; the tree is written (or compared) only when
//! all of them succeeded, so a document the generator rejects leaves every file untouched.
//! What changes for users of the client crate is reported from the public API committed
//! beside it (`public-api.toml`) and the new one ([`generator::surface`]); with `--url`, the
//! crate with its hand-written parts must also build against the new files
//! ([`crate::trial`]) before anything is written.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use generator::surface::SURFACE_FILE;
use generator::RuntimePlan;

use crate::targets::{self, Target};
use crate::{diff, download, trial, Error};
use generator::disk::{self as sync, Status};

/// The options of `regenerate`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Compare with the tree instead of writing.
    pub check: bool,
    /// Download the document from this URL first, and write it to the spec path.
    pub url: Option<String>,
    /// Also write the change report (Markdown) to this file.
    pub report: Option<std::path::PathBuf>,
    /// Where the trial build of `--url` builds (default: `$CARGO_TARGET_DIR`, else
    /// `<root>/target`, so it reuses the dependencies already built there).
    pub target_dir: Option<std::path::PathBuf>,
}

/// What `regenerate` did (or, with `--check`, found to be up to date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Whether this was a `--check`.
    pub check: bool,
    /// The URL the document was downloaded from, and its size in bytes.
    pub downloaded: Option<(String, usize)>,
    /// Each target with its status before writing.
    pub targets: Vec<(String, Status)>,
    /// What changes for users of the client crate, as Markdown; `None` when no public API
    /// was committed to compare with.
    pub changes: Option<String>,
    /// Wall time of the whole command.
    pub elapsed: Duration,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.elapsed.as_millis();
        if self.check {
            let files: usize = self.targets.iter().map(|(_, s)| s.files).sum();
            let targets = self.targets.len();
            let plural = if targets == 1 { "" } else { "s" };
            writeln!(f, "up to date: {targets} target{plural}, {files} files checked in {ms} ms")?;
        } else {
            for (name, status) in &self.targets {
                write!(f, "{name}: {} files, {} changed", status.files, status.written())?;
                if status.removed() > 0 {
                    write!(f, ", {} stale removed", status.removed())?;
                }
                writeln!(f)?;
            }
            writeln!(f, "regenerated in {ms} ms")?;
        }
        match &self.changes {
            Some(changes) => write!(f, "\n{changes}"),
            None => writeln!(f, "\n(no {SURFACE_FILE} committed in {}: no change report)", targets::CLIENT_DIR),
        }
    }
}

/// Regenerates (or checks) every committed generated target under `root`.
///
/// Progress lines (the download) go to `progress`; the summary is the returned [`Report`].
/// With `check`, differences are an [`Error::OutOfDate`] carrying the diff.
pub fn regenerate(root: &Path, options: &Options, progress: &mut dyn Write) -> Result<Report, Error> {
    let start = Instant::now();
    let source = targets::client_source(root)?;

    let mut generated = Vec::new();
    let mut downloaded = None;
    let committed = generator::cli::committed_surface(&root.join(targets::CLIENT_DIR))?;
    let (client, surface) = match &options.url {
        Some(url) => {
            let _ = writeln!(progress, "downloading {url}");
            let bytes = download::fetch(url)?;
            let _ = writeln!(progress, "downloaded {} bytes", bytes.len());
            downloaded = Some((url.clone(), bytes.len()));
            let text = String::from_utf8(bytes).map_err(|e| {
                Error::Failed(format!(
                    "the answer from {url} is not a document: not UTF-8 text ({e}); \
                     no file was written"
                ))
            })?;
            let client = targets::client_target(root, &source, text.as_bytes(), url).map_err(|e| {
                Error::Failed(format!("{e}\nthe downloaded document was not used; no file was written"))
            })?;
            generated.push(targets::spec_target(&source, text, url)?);
            client
        }
        None => {
            let document = fs::read(&source.spec_path).map_err(|e| Error::io("read", &source.spec_path, e))?;
            targets::client_target(root, &source, &document, &source.spec_label)?
        }
    };
    let changes = committed.map(|committed| committed.changes(&surface));
    let markdown =
        changes.as_ref().map(|changes| changes.to_markdown(&source.config.crate_name, &source.config.version));
    // Written whatever follows: a refused document's report says what it would have changed.
    if let (Some(path), Some(text)) = (&options.report, &markdown) {
        fs::write(path, text).map_err(|e| Error::io("write", path, e))?;
    }
    if options.url.is_some() {
        // The document is new: the crate's own code must still build on what it generates.
        let target_dir = options.target_dir.clone().unwrap_or_else(|| default_target_dir(root));
        let _ = writeln!(progress, "building {} against the new document", targets::CLIENT_DIR);
        let misfits = trial::build(&root.join(targets::CLIENT_DIR), &client, changes.as_ref(), &target_dir)?;
        if !misfits.is_empty() {
            return Err(Error::Failed(misfit_message(&misfits, markdown.as_deref())));
        }
    }
    generated.push(client);

    let mut failures = Vec::new();
    // The fixtures share one runtime, with every part any of them uses.
    let mut runtime = RuntimePlan::default();
    let fixtures = targets::fixtures(root)?;
    for fixture in &fixtures {
        match targets::fixture_target(root, fixture) {
            Ok((target, plan)) => {
                generated.push(target);
                runtime.extend(&plan);
            }
            Err(e) => failures.push(e.to_string()),
        }
    }
    if !failures.is_empty() {
        return Err(Error::Failed(format!("{}\nno file was written", failures.join("\n"))));
    }
    if !fixtures.is_empty() {
        generated.push(targets::fixture_runtime_target(root, &runtime));
    }

    let statuses = generated.iter().map(sync::compare).collect::<Result<Vec<_>, _>>()?;
    if options.check {
        check(&generated, &statuses, markdown.as_deref())?;
    } else {
        for (target, status) in generated.iter().zip(&statuses) {
            sync::apply(target, status)?;
        }
    }
    Ok(Report {
        check: options.check,
        downloaded,
        targets: generated.iter().zip(statuses).map(|(target, status)| (target.name.clone(), status)).collect(),
        changes: markdown,
        elapsed: start.elapsed(),
    })
}

fn check(generated: &[Target], statuses: &[Status], changes: Option<&str>) -> Result<(), Error> {
    let compared: Vec<(&Target, &Status)> =
        generated.iter().zip(statuses).filter(|(_, status)| !status.is_clean()).collect();
    if compared.is_empty() {
        return Ok(());
    }
    let count = |pick: fn(&sync::FileState) -> bool| -> usize {
        compared.iter().flat_map(|(_, s)| &s.changes).filter(|c| pick(&c.state)).count()
    };
    let modified = count(|s| matches!(s, sync::FileState::Modified { .. }));
    let missing = count(|s| matches!(s, sync::FileState::Missing));
    let stale = count(|s| matches!(s, sync::FileState::Stale));
    let names: Vec<&str> = compared.iter().map(|(t, _)| t.name.as_str()).collect();
    Err(Error::OutOfDate {
        summary: format!(
            "generated files are out of date in {} ({modified} modified, {missing} missing, \
             {stale} stale)",
            names.join(", ")
        ),
        details: match changes {
            Some(changes) => format!("{changes}\n{}", diff::report(&compared)),
            None => diff::report(&compared),
        },
    })
}

fn default_target_dir(root: &Path) -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), std::path::PathBuf::from)
}

/// Why a downloaded document was not used: the hand-written code it breaks, and the report.
fn misfit_message(misfits: &[trial::Misfit], report: Option<&str>) -> String {
    let mut message = format!(
        "the downloaded document was not used; no file was written: hand-written code of {} no longer builds against it:\n",
        targets::CLIENT_DIR
    );
    for misfit in misfits {
        message.push_str(&format!("- {}: {}\n", misfit.location, misfit.message));
        for cause in &misfit.causes {
            message.push_str(&format!("  after {cause}\n"));
        }
    }
    if let Some(report) = report {
        message.push('\n');
        message.push_str(report);
    }
    message
}
