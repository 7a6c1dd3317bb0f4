//! The scratch workspace of the generated crates, and compiling it in one cargo run whose
//! diagnostics are attributed to the crates (and so to the documents).
//!
//! The workspace is `target/corpus/`: a `Cargo.toml` with `[workspace]` (so cargo never takes it
//! for a part of the repository's workspace) whose members are `crates/<crate>/`, one
//! `Cargo.lock` seeded from the repository's (the same dependency versions, already downloaded)
//! and one target directory, `target/corpus/target/`, kept between runs as a build cache.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::targets::Target;
use crate::Error;
use generator::disk as sync;

/// The directory of the generated crates inside the scratch workspace.
pub const CRATES_DIR: &str = "crates";

/// What cargo is asked to do with the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiler {
    /// The cargo subcommand and its arguments, without `--manifest-path`, `--target-dir` and
    /// `--message-format` (added here).
    pub args: Vec<String>,
    /// The target directory; `<workspace>/target` when absent.
    pub target_dir: Option<PathBuf>,
}

impl Compiler {
    /// The command as shown in the report.
    pub fn display(&self) -> String {
        format!("cargo {}", self.args.join(" "))
    }
}

/// Writes the scratch workspace at `dir` with `crates` (crate name to files): the files of
/// each crate are written only when they changed (so cargo rebuilds only what changed), and
/// everything else under `crates/` (crates of an earlier run, stale files) is deleted.
/// `lock_seed` is copied to `Cargo.lock` first, when it exists.
pub fn write_workspace(dir: &Path, crates: &BTreeMap<String, Target>, lock_seed: &Path) -> Result<(), Error> {
    let crates_dir = dir.join(CRATES_DIR);
    fs::create_dir_all(&crates_dir).map_err(|e| Error::io("create", &crates_dir, e))?;
    for entry in fs::read_dir(&crates_dir).map_err(|e| Error::io("list", &crates_dir, e))? {
        let entry = entry.map_err(|e| Error::io("list", &crates_dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !crates.contains_key(&name) {
            let path = entry.path();
            let removed = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
            removed.map_err(|e| Error::io("delete", &path, e))?;
        }
    }
    for target in crates.values() {
        let status = sync::compare(target)?;
        sync::apply(target, &status)?;
    }
    let members: Vec<String> = crates.keys().map(|name| format!("    \"{CRATES_DIR}/{name}\",\n")).collect();
    let manifest = format!(
        "# Written by `cargo xtask corpus` on every run: the crates generated from the corpus.\n\
         [workspace]\n\
         resolver = \"2\"\n\
         members = [\n{}]\n\n\
         [profile.dev]\n\
         debug = false\n",
        members.concat()
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest)?;
    let lock = dir.join("Cargo.lock");
    if lock_seed.is_file() {
        fs::copy(lock_seed, &lock).map_err(|e| Error::io("copy", lock_seed, e))?;
    }
    Ok(())
}

fn write_if_changed(path: &Path, contents: &str) -> Result<(), Error> {
    if fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(());
    }
    fs::write(path, contents).map_err(|e| Error::io("write", path, e))
}

/// The diagnostics of one crate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// Errors, rendered as rustc prints them.
    pub errors: Vec<String>,
    /// Warnings, rendered as rustc prints them.
    pub warnings: Vec<String>,
}

/// The result of compiling the workspace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Diagnostics by crate name (only crates that had any).
    pub diagnostics: BTreeMap<String, Diagnostics>,
    /// The crates cargo reported as compiled (an artifact of their library).
    pub built: Vec<String>,
    /// The executables cargo built (test binaries), by crate.
    pub executables: BTreeMap<String, PathBuf>,
    /// Whether cargo reported success.
    pub success: bool,
    /// The end of cargo's standard error, for failures no crate is named in.
    pub stderr_tail: String,
    /// How long it took.
    pub time: Duration,
}

impl Outcome {
    /// Adds the outcome of a later cargo run on the same workspace: its diagnostics less those
    /// already recorded (clippy repeats rustc's warnings), its crates; it succeeds if both did.
    pub fn merge(&mut self, later: Outcome) {
        for (name, diagnostics) in later.diagnostics {
            let entry = self.diagnostics.entry(name).or_default();
            for (list, new) in [(&mut entry.errors, diagnostics.errors), (&mut entry.warnings, diagnostics.warnings)] {
                for rendered in new {
                    if !list.contains(&rendered) {
                        list.push(rendered);
                    }
                }
            }
        }
        for name in later.built {
            if !self.built.contains(&name) {
                self.built.push(name);
            }
        }
        self.executables.extend(later.executables);
        self.success = self.success && later.success;
        if !later.success {
            self.stderr_tail = later.stderr_tail;
        }
        self.time += later.time;
    }
}

/// Runs cargo on the workspace at `dir`.
pub fn compile(dir: &Path, compiler: &Compiler) -> Result<Outcome, Error> {
    let cargo = crate::cargo();
    let target_dir = compiler.target_dir.clone().unwrap_or_else(|| dir.join("target"));
    let mut command = Command::new(cargo);
    command
        .args(&compiler.args)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target_dir)
        .arg("--message-format=json")
        .current_dir(dir)
        .env("CARGO_TERM_COLOR", "never")
        // Warnings are counted, not turned into errors: a warning must not hide the next one.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = command.spawn().map_err(|e| Error::Failed(format!("cannot run cargo: {e}")))?;
    let mut stderr = child.stderr.take().ok_or_else(|| Error::Failed("cargo has no stderr".to_owned()))?;
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let stdout = child.stdout.take().ok_or_else(|| Error::Failed("cargo has no stdout".to_owned()))?;
    let mut outcome = Outcome::default();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| Error::Failed(format!("cannot read cargo's output: {e}")))?;
        record(&line, &mut outcome);
    }
    let status = child.wait().map_err(|e| Error::Failed(format!("cannot wait for cargo: {e}")))?;
    let stderr = stderr_reader.join().unwrap_or_default();
    outcome.time = start.elapsed();
    outcome.success = outcome.success && status.success();
    outcome.stderr_tail = tail(&stderr, 40);
    Ok(outcome)
}

/// Takes one line of cargo's `--message-format=json` output into `outcome`.
pub fn record(line: &str, outcome: &mut Outcome) {
    let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
        return;
    };
    let text = |value: &serde_json::Value| value.as_str().unwrap_or_default().to_owned();
    match message["reason"].as_str() {
        Some("compiler-message") => {
            let Some(name) = crate_of(&message) else {
                return;
            };
            let diagnostic = &message["message"];
            if is_summary(diagnostic) {
                return;
            }
            let rendered = match diagnostic["rendered"].as_str() {
                Some(rendered) => rendered.to_owned(),
                None => text(&diagnostic["message"]),
            };
            let entry = outcome.diagnostics.entry(name).or_default();
            match diagnostic["level"].as_str() {
                Some("error" | "error: internal compiler error") => entry.errors.push(rendered),
                Some("warning") => entry.warnings.push(rendered),
                _ => {}
            }
        }
        Some("compiler-artifact") => {
            if let Some(name) = crate_of(&message) {
                if let Some(executable) = message["executable"].as_str() {
                    outcome.executables.insert(name.clone(), PathBuf::from(executable));
                }
                if !outcome.built.contains(&name) {
                    outcome.built.push(name);
                }
            }
        }
        Some("build-finished") => outcome.success = message["success"].as_bool().unwrap_or(false),
        _ => {}
    }
}

/// The crate a message is about, when it is one of ours: the name of the directory of its
/// manifest, if that directory is inside `crates/`.
fn crate_of(message: &serde_json::Value) -> Option<String> {
    let manifest = Path::new(message["manifest_path"].as_str()?);
    let dir = manifest.parent()?;
    if dir.parent()?.file_name()? != CRATES_DIR {
        return None;
    }
    Some(dir.file_name()?.to_string_lossy().into_owned())
}

/// rustc's closing lines ("2 warnings emitted", "aborting due to 3 previous errors", ...)
/// come as diagnostics without a place; they are not diagnostics of their own.
fn is_summary(diagnostic: &serde_json::Value) -> bool {
    let spans_empty = diagnostic["spans"].as_array().is_none_or(Vec::is_empty);
    let message = diagnostic["message"].as_str().unwrap_or_default();
    spans_empty
        && (message.starts_with("aborting due to")
            || message.ends_with("warning emitted")
            || message.ends_with("warnings emitted")
            || message.starts_with("Some errors have detailed explanations")
            || message.starts_with("For more information about"))
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
