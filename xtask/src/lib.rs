//! `cargo xtask`: the repository's maintenance commands, as a library so that tests can run
//! them against a temporary root directory.
//!
//! - [`regenerate`](regenerate::regenerate) writes (or, with `--check`, compares) every
//!   committed generated target: `generated-client/` and `fixtures/src/<name>/`.
//! - [`generate`](generate::generate) writes a client crate for any document.
//! - [`corpus`](corpus::corpus) is the corpus gate: every document of `../shared/corpus`
//!   generates a crate that compiles without warnings, or is rejected as listed.
//! - [`bench`](bench::bench) measures generation, generated lines and `cargo check` of the
//!   generated crates against `cargo progenitor`.
//!
//! The generator itself ([`generator::generate`]) is pure; everything that reads, writes,
//! downloads or compares lives here. Module map:
//!
//! | module | job |
//! | --- | --- |
//! | [`args`] | parse the command line |
//! | [`targets`] | find the generated targets and generate them in memory |
//! | [`sync`] | compare a target with the tree, or write it |
//! | [`regenerate`] | the `regenerate` command (and `--check`, `--url`) |
//! | [`download`] | fetch the newest document |
//! | [`trial`] | build the client crate against a new document before `--url` writes it |
//! | [`diff`] | the short unified diffs `--check` prints |
//! | [`generate`] | the `generate` command |
//! | [`corpus`] | the `corpus` command: documents, rejections list, scratch workspace, table |
//! | [`bench`](mod@bench) | the `bench` command |
//! | [`msrv`](mod@msrv) | the `msrv` command: dependencies against the declared `rust-version` |
//! | [`semver`](mod@semver) | the `semver` command: the change report's readings against cargo-semver-checks |

use std::io::Write;
use std::path::Path;

pub mod args;
pub mod bench;
pub mod corpus;
pub mod diff;
pub mod download;
mod error;
pub mod generate;
pub mod msrv;
pub mod regenerate;
pub mod semver;
/// The tree comparisons and writes, which live with the generator's command line.
pub use generator::disk as sync;
pub mod targets;
pub mod trial;

pub use args::{parse, Command, USAGE};
pub use error::Error;

/// Runs a parsed command with the repository at `root`, writing what it has to say to `out`.
///
/// Errors are returned, not printed: the caller prints `error: <message>` (and, for
/// [`Error::OutOfDate`], the diff) and exits with [`Error::exit_code`].
pub fn run(root: &Path, command: &Command, out: &mut dyn Write) -> Result<(), Error> {
    let written = match command {
        Command::Help => write!(out, "{USAGE}"),
        Command::Regenerate(options) => {
            let report = regenerate::regenerate(root, options, out)?;
            write!(out, "{report}")
        }
        Command::Generate(options) => {
            let report = generate::generate(options)?;
            write!(out, "{report}")
        }
        Command::Corpus(options) => {
            let report = corpus::corpus(root, options, out)?;
            let written = write!(out, "\n{report}{}", corpus::failure_details(&report, &root.join(corpus::WORKSPACE)));
            if !report.passed() {
                return Err(Error::Failed(format!(
                    "corpus gate failed: {} of {} documents{}; table in {}/report.md",
                    report.failures().count(),
                    report.rows.len(),
                    if report.problems.is_empty() { String::new() } else { " and the rejections list".to_owned() },
                    corpus::WORKSPACE
                )));
            }
            written
        }
        Command::Bench(options) => {
            let report = bench::bench(root, options, out)?;
            write!(out, "\n{report}")
        }
        Command::Msrv(options) => {
            msrv::msrv(root, options, out)?;
            Ok(())
        }
        Command::Semver(options) => {
            let table = semver::semver(root, options, out)?;
            let written = write!(out, "\n{table}");
            let wrong: Vec<&str> = table.rows.iter().filter(|row| !row.holds()).map(|row| row.case).collect();
            if !wrong.is_empty() {
                return Err(Error::Failed(format!(
                    "the change report and cargo-semver-checks disagree on: {}",
                    wrong.join(", ")
                )));
            }
            written
        }
    };
    written.map_err(|e| Error::Failed(format!("cannot write the output: {e}")))
}

/// Writes progress to `out` at once (flushed), for long runs watched live.
pub(crate) fn progress(out: &mut dyn Write, text: std::fmt::Arguments<'_>) -> Result<(), Error> {
    out.write_fmt(text).and_then(|()| out.flush()).map_err(|e| Error::Failed(format!("cannot write the output: {e}")))
}

/// The cargo that runs this xtask (`$CARGO`), else `cargo` on `PATH`.
pub(crate) fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}
