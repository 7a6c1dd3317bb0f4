//! `cargo check` of each generated crate alone, its dependencies prebuilt.
//!
//! Each generator has a check workspace of its own, `target/bench/<generator>/`: a
//! `Cargo.toml` with `[workspace]` (so cargo never takes it for a part of the repository's
//! workspace) whose members are the crates it generated, `crates/<crate>/`, one `Cargo.lock`
//! and one target directory kept between runs, so the dependencies (reqwest, serde, ...) are
//! built once for all documents and all bench runs. `cargo fetch` runs first, offline when
//! everything is already downloaded; every `cargo check` runs `--offline`.
//!
//! Per crate: a first `cargo check -p <crate>` builds what the crate needs (it counts as the
//! first timed run when that was the crate alone); then, until there are N runs, its
//! `src/lib.rs` is touched and `cargo check -p <crate>` timed: the median wall time and the
//! highest peak resident set (`wait4` of cargo, whose largest waited-for child is the
//! crate's rustc). Incremental compilation is off: a generated crate is built as a dependency,
//! without it, and a touched crate would otherwise reuse its previous run. A timed run that
//! compiled anything but the crate is an error: the dependencies were not prebuilt.

use std::fs::{self, File};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::SystemTime;

use super::measure::{self, Measured};
use crate::{cargo, corpus, Error};

/// The directory of the generated crates inside a check workspace.
pub const CRATES_DIR: &str = "crates";

/// What checking a crate takes, in KiB per generated line: GitHub's current description,
/// 531,288 lines, needed 11.8 GB. The memory guard's estimate.
pub const KIB_PER_LINE: u64 = 24;
/// What the memory guard leaves to the rest of the machine, in KiB.
pub const RESERVE_KIB: u64 = 2 * 1024 * 1024;

/// The `Cargo.toml` of a check workspace whose members are `crates/<member>/`.
pub fn manifest(members: &[String]) -> String {
    let members: String = members.iter().map(|name| format!("    \"{CRATES_DIR}/{name}\",\n")).collect();
    format!(
        "# Written by `cargo xtask bench` on every run: the crates one generator wrote.\n\
         [workspace]\n\
         resolver = \"2\"\n\
         members = [\n{members}]\n\n\
         [profile.dev]\n\
         debug = false\n\
         incremental = false\n"
    )
}

/// Writes the manifest of the check workspace at `dir`; `lock_seed` becomes its `Cargo.lock`
/// when it has none yet (the versions already downloaded).
pub fn write_workspace(dir: &Path, members: &[String], lock_seed: Option<&Path>) -> Result<(), Error> {
    let path = dir.join("Cargo.toml");
    fs::write(&path, manifest(members)).map_err(|e| Error::io("write", &path, e))?;
    let lock = dir.join("Cargo.lock");
    if let Some(seed) = lock_seed.filter(|seed| seed.is_file() && !lock.exists()) {
        fs::copy(seed, &lock).map_err(|e| Error::io("copy", seed, e))?;
    }
    Ok(())
}

/// Downloads what the workspace at `dir` needs: offline first (nothing to download after the
/// first run), from the registry when that fails.
pub fn fetch(dir: &Path) -> Result<(), Error> {
    let fetch = |offline: bool| -> Result<bool, Error> {
        let mut command = cargo_in(dir, "fetch");
        if offline {
            command.arg("--offline").stderr(Stdio::null());
        }
        command.stdout(Stdio::null());
        Ok(measure::run(&mut command, |_| {})?.success)
    };
    if fetch(true)? || fetch(false)? {
        Ok(())
    } else {
        Err(Error::Failed(format!("`cargo fetch` failed in {} (see cargo's output above)", dir.display())))
    }
}

/// Whether a crate of `lines` lines may be checked with `available_kib` free: `None` when it
/// may, else why not.
pub fn memory_guard(lines: u64, available_kib: Option<u64>) -> Option<String> {
    let available = available_kib?;
    let estimate = lines.saturating_mul(KIB_PER_LINE);
    (estimate.saturating_add(RESERVE_KIB) > available).then(|| {
        format!(
            "not checked: about {:.1} GiB estimated ({lines} lines), {:.1} GiB available",
            gib(estimate),
            gib(available)
        )
    })
}

fn gib(kib: u64) -> f64 {
    kib as f64 / (1024.0 * 1024.0)
}

/// Checks crate `name` of the workspace at `dir` `runs` times (and once more first when the
/// first check built dependencies too); `lines` feeds the memory guard. Logs go to `dir/check-stderr.txt`.
pub fn check(dir: &Path, name: &str, runs: usize, lines: u64) -> Result<Measured, Error> {
    if let Some(reason) = memory_guard(lines, measure::available_kib()) {
        return Ok(Measured::Skipped(reason));
    }
    let first = check_once(dir, name)?;
    if !first.run.success {
        return Ok(Measured::Failed(first.failure(&dir.join(STDERR_LOG))));
    }
    let lib = dir.join(CRATES_DIR).join(name).join("src/lib.rs");
    let mut done = Vec::with_capacity(runs);
    // A first check that compiled the crate alone is a timed run like the others: a crate of
    // GitHub's size takes minutes a check.
    if first.compiled_self && first.others.is_empty() {
        done.push(first.run);
    }
    while done.len() < runs {
        touch(&lib)?;
        let timed = check_once(dir, name)?;
        if !timed.run.success {
            return Ok(Measured::Failed(timed.failure(&dir.join(STDERR_LOG))));
        }
        if !timed.others.is_empty() {
            return Ok(Measured::Failed(format!(
                "a timed check also compiled {} (dependencies not prebuilt)",
                timed.others.join(", ")
            )));
        }
        if !timed.compiled_self {
            return Ok(Measured::Failed("a timed check did not compile the crate".to_owned()));
        }
        done.push(timed.run);
    }
    Ok(Measured::from_runs(&done))
}

const STDERR_LOG: &str = "check-stderr.txt";

/// One `cargo check -p <crate>`, and what its messages said.
#[derive(Debug, Default)]
struct Checked {
    run: measure::Run,
    /// Whether the crate itself was compiled (not fresh).
    compiled_self: bool,
    /// The other targets compiled (not fresh).
    others: Vec<String>,
    /// The crate's errors, as rustc words them.
    errors: Vec<String>,
}

impl Checked {
    fn failure(&self, stderr_log: &Path) -> String {
        let reason = match self.errors.first() {
            Some(first) => format!("does not compile: {} errors, the first: {first}", self.errors.len()),
            None => {
                let stderr = fs::read_to_string(stderr_log).unwrap_or_default();
                let last = stderr.lines().rev().find(|line| line.starts_with("error")).unwrap_or("cargo failed");
                last.to_owned()
            }
        };
        corpus::report::one_line(&reason, 300)
    }

    /// Takes one line of cargo's `--message-format=json` output about crate `lib` (its
    /// library target's name).
    fn record(&mut self, line: &str, lib: &str) {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            return;
        };
        let target = message["target"]["name"].as_str().unwrap_or_default();
        match message["reason"].as_str() {
            Some("compiler-artifact") if message["fresh"] == false => {
                if target == lib {
                    self.compiled_self = true;
                } else {
                    self.others.push(target.to_owned());
                }
            }
            Some("compiler-message") if target == lib && message["message"]["level"] == "error" => {
                if let Some(text) = message["message"]["message"].as_str() {
                    self.errors.push(text.to_owned());
                }
            }
            _ => {}
        }
    }
}

fn check_once(dir: &Path, name: &str) -> Result<Checked, Error> {
    let log = dir.join(STDERR_LOG);
    let stderr = File::create(&log).map_err(|e| Error::io("create", &log, e))?;
    let mut command = cargo_in(dir, "check");
    command.args(["--offline", "--message-format=json", "--package", name]);
    command.stdout(Stdio::piped()).stderr(stderr);
    let lib = name.replace('-', "_");
    let mut checked = Checked::default();
    let mut messages = Vec::new();
    checked.run = measure::run(&mut command, |line| messages.push(line.to_owned()))?;
    for line in &messages {
        checked.record(line, &lib);
    }
    Ok(checked)
}

/// `cargo <subcommand>` on the workspace at `dir`, with nothing of the caller's build settings.
fn cargo_in(dir: &Path, subcommand: &str) -> Command {
    let mut command = Command::new(cargo());
    command
        .arg(subcommand)
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("CARGO_TERM_COLOR", "never")
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("RUSTC_WRAPPER")
        .env_remove("RUSTC_WORKSPACE_WRAPPER")
        .stdin(Stdio::null());
    command
}

/// Sets the modification time of `path` to now, so cargo compiles its crate again.
fn touch(path: &Path) -> Result<(), Error> {
    File::options()
        .append(true)
        .open(path)
        .and_then(|file| file.set_modified(SystemTime::now()))
        .map_err(|e| Error::io("touch", path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_lists_its_crates_and_turns_incremental_off() {
        let manifest = manifest(&["bench-a".to_owned(), "bench-b".to_owned()]);
        assert!(manifest.contains("[workspace]\n"), "{manifest}");
        assert!(manifest.contains("members = [\n    \"crates/bench-a\",\n    \"crates/bench-b\",\n]\n"), "{manifest}");
        assert!(manifest.contains("incremental = false\n"), "{manifest}");
        let parsed: toml::Table = manifest.parse().expect("the manifest is TOML");
        assert_eq!(parsed["workspace"]["members"].as_array().map(Vec::len), Some(2));
    }

    #[test]
    fn the_guard_keeps_a_reserve_and_says_why() {
        let gib = 1024 * 1024;
        assert_eq!(memory_guard(10_000, Some(4 * gib)), None);
        assert_eq!(memory_guard(10_000_000, None), None);
        let reason = memory_guard(531_288, Some(8 * gib)).expect("11.8 GB do not fit in 8");
        assert_eq!(reason, "not checked: about 12.2 GiB estimated (531288 lines), 8.0 GiB available");
        // 100,000 lines are about 2.3 GiB: with the reserve, 4 GiB are not enough.
        assert!(memory_guard(100_000, Some(4 * gib)).is_some());
    }

    #[test]
    fn messages_tell_what_was_compiled_and_the_crates_errors() {
        let mut checked = Checked::default();
        let lines = [
            r#"{"reason":"compiler-artifact","target":{"name":"serde"},"fresh":true}"#,
            r#"{"reason":"compiler-artifact","target":{"name":"reqwest"},"fresh":false}"#,
            r#"{"reason":"compiler-message","target":{"name":"bench_a"},"message":{"level":"warning","message":"unused"}}"#,
            r#"{"reason":"compiler-message","target":{"name":"bench_a"},"message":{"level":"error","message":"mismatched types"}}"#,
            r#"{"reason":"compiler-artifact","target":{"name":"bench_a"},"fresh":false}"#,
            "not json",
        ];
        for line in lines {
            checked.record(line, "bench_a");
        }
        assert!(checked.compiled_self);
        assert_eq!(checked.others, ["reqwest"]);
        assert_eq!(checked.errors, ["mismatched types"]);
        assert_eq!(
            checked.failure(Path::new("/nonexistent")),
            "does not compile: 1 errors, the first: mismatched types"
        );
    }
}
