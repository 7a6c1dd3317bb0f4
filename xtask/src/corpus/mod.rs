//! `cargo xtask corpus [--only SUBSTRING] [--no-compile] [--corpus DIR]`: the corpus gate.
//!
//! Every document under the corpus ([`DEFAULT_CORPORA`] beside the repository:
//! `../shared/corpus`, and `../shared/corpus-apis-guru` with names under `apis-guru/`; or the
//! one folder given; `.json`, `.yaml` and `.yml` files, recursively, in name order) goes through [`generator::generate`] with
//! `Config::new("corpus-<slug>")`, timed. Each crate generated is written into the scratch
//! workspace `target/corpus/` ([`compile`]), and the whole workspace is built in one cargo run,
//! then linted in one clippy run, whose errors and warnings are attributed to the documents. A
//! document passes when its crate builds without a warning or a clippy lint, or when it is
//! rejected as `xtask/corpus-rejections.toml`
//! says ([`rejections`]). The table ([`report`]) goes to stdout and to
//! `target/corpus/report.md`; the full diagnostics of each failing crate to
//! `target/corpus/diagnostics/<crate>.txt`. The GitHub description is also generated with
//! `tag-features = true` and linted with no tag and with one ([`tags`]).

pub mod compile;
pub mod documents;
pub mod examples;
pub mod rejections;
pub mod report;
pub mod tags;

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use generator::{Config, Files};

use self::compile::{Compiler, Outcome, CRATES_DIR};
use self::documents::Document;
use self::rejections::{Judgement, Rejections};
use self::report::{one_line, Counts, Report, Row, Status};
use crate::progress;
use crate::targets::Target;
use crate::Error;

/// The corpus, relative to the repository root: CI puts a read-only copy of `shared/` beside
/// the clone.
pub const DEFAULT_CORPUS: &str = "../shared/corpus";

/// The folders of the gate, each with the label its document names start with: the corpus,
/// and the 150 public API descriptions of the APIs.guru collection beside it.
pub const DEFAULT_CORPORA: &[(&str, &str)] = &[("", DEFAULT_CORPUS), ("apis-guru/", "../shared/corpus-apis-guru")];
/// The scratch workspace, relative to the repository root.
pub const WORKSPACE: &str = "target/corpus";

/// How many diagnostics of each failing crate are printed; all are in `diagnostics/<crate>.txt`.
const SHOWN_DIAGNOSTICS: usize = 3;

/// The options of `corpus`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Only the documents whose name (path relative to the corpus) contains this.
    pub only: Option<String>,
    /// Whether to compile the generated crates (`--no-compile` turns it off).
    pub compile: bool,
    /// The one corpus directory; [`DEFAULT_CORPORA`] under the root when absent.
    pub corpus: Option<PathBuf>,
    /// The target directory of the scratch workspace; `target/corpus/target` when absent.
    pub target_dir: Option<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options { only: None, compile: true, corpus: None, target_dir: None }
    }
}

/// The cargo commands run on the corpus crates, in order: a full build of every library (not
/// only a check), then clippy (generated code is clippy-clean, not only warning-free); both
/// continue past failing crates so that every crate is judged.
pub fn compilers(target_dir: Option<PathBuf>) -> Vec<Compiler> {
    ["build", "clippy"]
        .into_iter()
        .map(|command| Compiler {
            args: [command, "--workspace", "--lib", "--keep-going"].map(str::to_owned).to_vec(),
            target_dir: target_dir.clone(),
        })
        .collect()
}

/// Runs the gate with the repository at `root`, writing progress to `out`. The returned
/// report says whether the gate passed ([`Report::passed`]); errors are for what stops the run
/// (a corpus that cannot be listed, a workspace that cannot be written, cargo that cannot run).
pub fn corpus(root: &Path, options: &Options, out: &mut dyn Write) -> Result<Report, Error> {
    let corpora: Vec<(&str, PathBuf)> = match &options.corpus {
        Some(dir) => vec![("", dir.clone())],
        None => DEFAULT_CORPORA.iter().map(|(label, dir)| (*label, root.join(dir))).collect(),
    };
    let mut all = Vec::new();
    for (label, dir) in &corpora {
        if !dir.is_dir() {
            return Err(Error::Failed(format!(
                "the corpus is not at {}: `cargo xtask corpus` reads the shared/ folder beside the repository \
                 (or the folder given with --corpus)",
                dir.display()
            )));
        }
        all.extend(documents::find(dir, label, None)?);
    }
    let shown: Vec<String> = corpora.iter().map(|(_, dir)| dir.display().to_string()).collect();
    let corpus_dir = shown.join(" and ");
    let selected: Vec<&Document> =
        all.iter().filter(|d| options.only.as_deref().is_none_or(|only| d.name.contains(only))).collect();
    let rejections = rejections::read(root)?;
    let readme = fs::read_to_string(root.join("README.md")).unwrap_or_default();
    let names: Vec<String> = all.iter().map(|d| d.name.clone()).collect();
    let mut problems = rejections::problems(&rejections, &names, &readme);

    progress(out, format_args!("generating {} documents from {corpus_dir}\n", selected.len()))?;
    let workspace = root.join(WORKSPACE);
    let mut rows = Vec::new();
    let mut crates = BTreeMap::new();
    // Crate name to how many examples its `tests/examples.rs` decodes.
    let mut expected_examples: BTreeMap<String, usize> = BTreeMap::new();
    for document in selected {
        progress(out, format_args!("  {} ...", document.name))?;
        let (row, files) = generate(document, &rejections);
        progress(out, format_args!(" {} ms\n", row.time.as_millis()))?;
        if let Some(files) = files {
            if let Some(test) = files.get(examples::TEST_FILE) {
                expected_examples.insert(document.crate_name.clone(), examples::expected(test));
            }
            crates.insert(document.crate_name.clone(), crate_target(&workspace, document, &files));
        }
        rows.push(row);
    }

    compile::write_workspace(&workspace, &crates, &root.join("Cargo.lock"))?;
    let mut compiled = Vec::new();
    if options.compile && !crates.is_empty() {
        let mut outcome: Option<Outcome> = None;
        for compiler in compilers(options.target_dir.clone()) {
            progress(
                out,
                format_args!(
                    "compiling {} crates in {}: `{}`\n",
                    crates.len(),
                    workspace.display(),
                    compiler.display()
                ),
            )?;
            let step = compile::compile(&workspace, &compiler)?;
            compiled.push((compiler.display(), step.time));
            match &mut outcome {
                Some(outcome) => outcome.merge(step),
                None => outcome = Some(step),
            }
        }
        let outcome = outcome.unwrap_or_default();
        judge_compilation(&all, &mut rows, &outcome);
        for (name, diagnostics) in &outcome.diagnostics {
            for rendered in diagnostics.errors.iter().chain(&diagnostics.warnings).take(SHOWN_DIAGNOSTICS) {
                progress(out, format_args!("{name}: {rendered}\n"))?;
            }
        }
        write_diagnostics(&workspace, &outcome)?;
        // The tag features, on the corpus GitHub description when it is in the run.
        if let Some(document) = all.iter().find(|d| d.name == tags::DOCUMENT && crates.contains_key(&d.crate_name)) {
            progress(out, format_args!("checking the tag features of {}\n", document.name))?;
            let checked = tags::check(document, &workspace, options.target_dir.clone(), &root.join("Cargo.lock"))?;
            compiled.extend(checked.compile);
            let row = rows.iter_mut().find(|row| row.document == document.name);
            if let (Some(row), Some(first)) = (row, checked.problems.first()) {
                progress(out, format_args!("{first}\n"))?;
                if row.status.passed() {
                    row.status = Status::CompileError { count: checked.problems.len(), first: first.clone() };
                }
            }
        }
    }

    let mut judged_examples = BTreeMap::new();
    if options.compile && !expected_examples.is_empty() {
        progress(
            out,
            format_args!(
                "decoding the examples of {} crates: `cargo build --workspace --test examples`, then each\n",
                expected_examples.len()
            ),
        )?;
        let known = examples::read(root)?;
        let ran = examples::run(&workspace, options.target_dir.clone())?;
        compiled.push(("cargo build --workspace --test examples (and running them)".to_owned(), ran.time));
        for document in &all {
            let Some(&expected) = expected_examples.get(&document.crate_name) else { continue };
            let built = ran.built.get(&document.crate_name).map(Vec::as_slice).unwrap_or_default();
            let judged =
                examples::judge(expected, ran.printed.get(&document.crate_name), built, known.get(&document.name));
            if let (Some(row), Some(first)) =
                (rows.iter_mut().find(|row| row.document == document.name), judged.problems.first())
            {
                if row.status.passed() {
                    row.status = Status::Examples { count: judged.problems.len(), first: first.clone() };
                }
            }
            judged_examples.insert(document.name.clone(), judged);
        }
        for (document, pointers) in &known {
            if !all.iter().any(|d| &d.name == document) {
                problems.push(format!("{}: `{document}` is not a document of the corpus: remove it", examples::FILE));
            } else if options.only.is_none() && !judged_examples.contains_key(document) && !pointers.is_empty() {
                problems.push(format!("{}: `{document}` has no examples test: remove it", examples::FILE));
            }
        }
    }
    let report = Report { rows, problems, compile: compiled, examples: judged_examples };
    let path = workspace.join("report.md");
    fs::write(&path, report.markdown()).map_err(|e| Error::io("write", &path, e))?;
    Ok(report)
}

/// Generates one document: its row (status before compiling) and, when generated, its files.
fn generate(document: &Document, rejections: &Rejections) -> (Row, Option<Files>) {
    let mut row =
        Row { document: document.name.clone(), counts: None, time: Duration::ZERO, status: Status::Generated };
    let bytes = match fs::read(&document.path) {
        Ok(bytes) => bytes,
        Err(e) => {
            row.status = Status::Unreadable { error: e.to_string() };
            return (row, None);
        }
    };
    let mut config = Config::new(document.crate_name.clone());
    config.example_tests = true;
    let start = Instant::now();
    // A panic is a generator bug; it is reported in the table instead of stopping the gate.
    let result = panic::catch_unwind(AssertUnwindSafe(|| generator::generate(&bytes, &config)));
    row.time = start.elapsed();
    let expected = rejections.get(&document.name);
    match result {
        Ok(Ok(files)) => {
            row.counts = Some(counts(&files));
            if expected.is_some() {
                row.status = Status::Fixed;
            }
            (row, Some(files))
        }
        Ok(Err(error)) => {
            let error = error.to_string();
            row.status = match rejections::judge(expected, &error) {
                Judgement::Expected => Status::RejectedAsExpected { error },
                Judgement::Unexpected => Status::Rejected { error },
                Judgement::Different => Status::RejectedDifferently {
                    error,
                    expected: expected.map(|e| e.error.clone()).unwrap_or_default(),
                },
            };
            (row, None)
        }
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".to_owned());
            row.status = Status::Panicked { message };
            (row, None)
        }
    }
}

/// Operations, types and lines of a generated crate, counted in its files.
pub fn counts(files: &Files) -> Counts {
    let operations = files.surface().operations.len();
    let types = files
        .get("src/generated/types.rs")
        .unwrap_or_default()
        .lines()
        .map(str::trim_start)
        .filter(|line| ["pub struct ", "pub enum ", "pub type "].iter().any(|item| line.starts_with(item)))
        .count();
    let lines = files
        .iter()
        .filter(|(path, _)| {
            path.starts_with("src/generated/") && path.ends_with(".rs") && !path.starts_with("src/generated/runtime/")
        })
        .map(|(_, contents)| contents.lines().count())
        .sum();
    Counts { operations, types, lines }
}

fn crate_target(workspace: &Path, document: &Document, files: &Files) -> Target {
    let label = format!("{WORKSPACE}/{CRATES_DIR}/{}", document.crate_name);
    Target {
        name: label.clone(),
        dir: workspace.join(CRATES_DIR).join(&document.crate_name),
        label,
        files: files.iter().map(|(path, contents)| (path.to_owned(), contents.to_owned())).collect(),
        // The whole crate directory is the generator's: anything else there is stale.
        owned_dirs: vec![String::new()],
    }
}

/// Sets the status of every generated document from the compilation.
fn judge_compilation(documents: &[Document], rows: &mut [Row], outcome: &Outcome) {
    let crate_names: BTreeMap<&str, &str> =
        documents.iter().map(|d| (d.name.as_str(), d.crate_name.as_str())).collect();
    for row in rows.iter_mut().filter(|row| matches!(row.status, Status::Generated)) {
        let Some(&name) = crate_names.get(row.document.as_str()) else {
            continue;
        };
        let diagnostics = outcome.diagnostics.get(name).cloned().unwrap_or_default();
        let first = |list: &[String]| list.first().map(|d| one_line(first_line(d), 200)).unwrap_or_default();
        row.status = if !diagnostics.errors.is_empty() {
            Status::CompileError { count: diagnostics.errors.len(), first: first(&diagnostics.errors) }
        } else if !diagnostics.warnings.is_empty() {
            Status::Warnings { count: diagnostics.warnings.len(), first: first(&diagnostics.warnings) }
        } else if outcome.built.iter().any(|built| built == name) {
            Status::Ok
        } else {
            Status::NotBuilt { reason: one_line(&last_error(&outcome.stderr_tail), 200) }
        };
    }
}

/// The headline of a rendered diagnostic, with its place (`error[E0412]: ... --> src/x.rs:1:2`).
fn first_line(rendered: &str) -> &str {
    rendered.lines().next().unwrap_or_default()
}

fn last_error(stderr: &str) -> String {
    stderr
        .lines()
        .rev()
        .find(|line| line.starts_with("error"))
        .unwrap_or("cargo did not build the crate (see its output in the log)")
        .to_owned()
}

/// Writes `diagnostics/<crate>.txt` for every crate with errors or warnings (and clears the
/// files of an earlier run).
fn write_diagnostics(workspace: &Path, outcome: &Outcome) -> Result<(), Error> {
    let dir = workspace.join("diagnostics");
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| Error::io("delete", &dir, e))?;
    }
    if outcome.diagnostics.is_empty() {
        return Ok(());
    }
    fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
    for (name, diagnostics) in &outcome.diagnostics {
        let text: String = diagnostics.errors.iter().chain(&diagnostics.warnings).map(|d| format!("{d}\n")).collect();
        let path = dir.join(format!("{name}.txt"));
        fs::write(&path, text).map_err(|e| Error::io("write", &path, e))?;
    }
    Ok(())
}

/// The details printed under the table for the failing documents: the first diagnostics of
/// each failing crate, so a CI log shows why without the files.
pub fn failure_details(report: &Report, workspace: &Path) -> String {
    let mut out = String::new();
    if report.failures().next().is_some() {
        out.push_str("\nfailed:\n");
    }
    for row in report.failures() {
        out.push_str(&format!("  {}: {}\n", row.document, row.status));
    }
    if report.failures().any(|row| matches!(row.status, Status::CompileError { .. } | Status::Warnings { .. })) {
        out.push_str(&format!("\nfull diagnostics: {}\n", workspace.join("diagnostics").display()));
    }
    out
}
