//! The two generators: finding them, running them on a document, counting what they wrote.
//!
//! Ours is a release build of the generator's binary (`openapi-rust-generator`, what `cargo
//! install` gives users), progenitor the `cargo-progenitor`
//! binary from crates.io (installed into `target/tools/` when it is not found), run with
//! `--interface builder`, the style ours generates. Both run end to end (read the document,
//! generate, format, write the crate into an emptied directory).

use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::measure::{self, Measured};
use crate::Error;
use crate::{cargo, corpus, progress};

/// Where `cargo-progenitor` is installed when it is not on `PATH`, relative to the root.
pub const TOOLS_DIR: &str = "target/tools";

/// One of the two generators compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    /// This repository's.
    Ours,
    /// `cargo progenitor`.
    Progenitor,
}

impl Generator {
    /// Both, ours first.
    pub const BOTH: [Generator; 2] = [Generator::Ours, Generator::Progenitor];

    /// Its name in directories and messages.
    pub fn name(self) -> &'static str {
        match self {
            Generator::Ours => "ours",
            Generator::Progenitor => "progenitor",
        }
    }
}

/// The binaries of both generators.
#[derive(Debug, Clone)]
pub struct Binaries {
    /// The release build of the generator's binary.
    pub ours: PathBuf,
    /// `cargo-progenitor`.
    pub progenitor: PathBuf,
    /// Which progenitor: `cargo-progenitor 0.15.1`.
    pub progenitor_version: String,
}

impl Binaries {
    /// Builds ours and finds (or installs) progenitor.
    pub fn find(root: &Path, out: &mut dyn std::io::Write) -> Result<Binaries, Error> {
        progress(out, format_args!("building the generator (release) ...\n"))?;
        let ours = build_release(root)?;
        let (progenitor, progenitor_version) = find_progenitor(root, out)?;
        progress(out, format_args!("progenitor: {progenitor_version} ({})\n", progenitor.display()))?;
        Ok(Binaries { ours, progenitor, progenitor_version })
    }

    /// The command that makes `generator` write crate `name` from `document` into `dir`.
    pub fn command(&self, generator: Generator, document: &Path, dir: &Path, name: &str) -> Command {
        match generator {
            Generator::Ours => {
                let mut command = Command::new(&self.ours);
                command.arg("--spec").arg(document).arg("--out").arg(dir).args(["--name", name]);
                command
            }
            Generator::Progenitor => {
                let mut command = Command::new(&self.progenitor);
                command.arg("progenitor").arg("-i").arg(document).arg("-o").arg(dir);
                command.args(["-n", name, "-v", "0.1.0", "--interface", "builder"]);
                command
            }
        }
    }
}

/// Runs `command(dir)` `runs` times, each time into an emptied `dir`, with its output in
/// `logs/last-{stdout,stderr}.txt`. The first failing run ends the measurement with the reason
/// found in its output; the crate of the last run stays in `dir`.
pub fn measure(
    runs: usize,
    logs: &Path,
    dir: &Path,
    document: &Path,
    command: impl Fn(&Path) -> Command,
) -> Result<Measured, Error> {
    let stdout_log = logs.join("last-stdout.txt");
    let stderr_log = logs.join("last-stderr.txt");
    let mut done = Vec::with_capacity(runs);
    for _ in 0..runs {
        if dir.exists() {
            fs::remove_dir_all(dir).map_err(|e| Error::io("delete", dir, e))?;
        }
        let mut command = command(dir);
        let stdout = File::create(&stdout_log).map_err(|e| Error::io("create", &stdout_log, e))?;
        let stderr = File::create(&stderr_log).map_err(|e| Error::io("create", &stderr_log, e))?;
        command.stdin(Stdio::null()).stdout(stdout).stderr(stderr);
        let run = measure::run(&mut command, |_| {})?;
        if !run.success {
            return Ok(Measured::Failed(failure_reason(&stdout_log, &stderr_log, document)));
        }
        done.push(run);
    }
    Ok(Measured::from_runs(&done))
}

/// The lines of every `.rs` file under `dir` (recursively), as `wc -l` counts them.
pub fn count_lines(dir: &Path) -> Result<u64, Error> {
    let mut total = 0;
    let entries = fs::read_dir(dir).map_err(|e| Error::io("list", dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| Error::io("list", dir, e))?.path();
        if path.is_dir() {
            total += count_lines(&path)?;
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            let bytes = fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
            total += bytes.iter().filter(|&&byte| byte == b'\n').count() as u64;
        }
    }
    Ok(total)
}

/// The generator's binary, `openapi-rust-generator`, built in release mode: its path.
fn build_release(root: &Path) -> Result<PathBuf, Error> {
    const BINARY: &str = "openapi-rust-generator";
    let output = Command::new(cargo())
        .args(["build", "--release", "--package", "openapi-rust-generator", "--bin", BINARY, "--message-format=json"])
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| Error::Failed(format!("cannot run cargo: {e}")))?;
    if !output.status.success() {
        return Err(Error::Failed(format!("cannot build {BINARY} in release mode (see cargo's output above)")));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact" && message["target"]["name"] == BINARY)
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| Error::Failed(format!("cargo built no {BINARY} binary")))
}

/// `cargo-progenitor` from `target/tools/bin`, else from `PATH`, else installed into
/// `target/tools` (once: it takes a few minutes). Returns the binary and its name and version.
fn find_progenitor(root: &Path, out: &mut dyn std::io::Write) -> Result<(PathBuf, String), Error> {
    let tools = root.join(TOOLS_DIR);
    let installed = tools.join("bin").join(format!("cargo-progenitor{}", std::env::consts::EXE_SUFFIX));
    if !installed.is_file() {
        if let Some(on_path) = on_path("cargo-progenitor") {
            return Ok((on_path, "cargo-progenitor from PATH".to_owned()));
        }
        progress(
            out,
            format_args!("installing cargo-progenitor into {} (once; it takes a few minutes) ...\n", tools.display()),
        )?;
        let status = Command::new(cargo())
            .args(["install", "cargo-progenitor", "--locked", "--root"])
            .arg(&tools)
            .status()
            .map_err(|e| Error::Failed(format!("cannot run cargo install: {e}")))?;
        if !status.success() || !installed.is_file() {
            return Err(Error::Failed("`cargo install cargo-progenitor --locked` failed".to_owned()));
        }
    }
    let version = fs::read_to_string(tools.join(".crates.toml"))
        .ok()
        .and_then(|text| installed_version(&text))
        .unwrap_or_else(|| "cargo-progenitor".to_owned());
    Ok((installed, version))
}

/// The version of `cargo-progenitor` that the `.crates.toml` of an install root records:
/// `"cargo-progenitor 0.15.1 (registry+...)" = [...]` gives `cargo-progenitor 0.15.1`.
pub fn installed_version(crates_toml: &str) -> Option<String> {
    crates_toml.lines().find_map(|line| {
        let rest = line.trim_start().trim_start_matches('"').strip_prefix("cargo-progenitor ")?;
        rest.split_whitespace().next().map(|version| format!("cargo-progenitor {version}"))
    })
}

fn on_path(binary: &str) -> Option<PathBuf> {
    let name = format!("{binary}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(&name)).find(|path| path.is_file())
}

/// Why a run failed, in one line: progenitor's `gen fail:` line, a panic message, else the
/// last error line of stderr (without the path of the document, which ours names).
fn failure_reason(stdout: &Path, stderr: &Path, document: &Path) -> String {
    let lines = |path: &Path| -> Vec<String> {
        File::open(path).map(|f| BufReader::new(f).lines().map_while(Result::ok).collect()).unwrap_or_default()
    };
    reason_of(&lines(stdout), &lines(stderr), document)
}

fn reason_of(stdout: &[String], stderr: &[String], document: &Path) -> String {
    let reason = if let Some(line) = stdout.iter().find(|line| line.starts_with("gen fail:")) {
        line.clone()
    } else if let Some(i) = stderr.iter().position(|line| line.contains("panicked at")) {
        format!("panicked: {}", stderr.get(i + 1).map_or("", String::as_str))
    } else {
        stderr
            .iter()
            .rev()
            .find(|line| line.to_ascii_lowercase().starts_with("error"))
            .or_else(|| stderr.iter().rev().find(|line| !line.trim().is_empty()))
            .cloned()
            .unwrap_or_else(|| "failed without a message".to_owned())
    };
    let reason = match reason.split_once(&format!("{}: ", document.display())) {
        Some((_, rest)) => rest.to_owned(),
        None => reason,
    };
    corpus::report::one_line(&reason, 400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_comes_from_the_install_roots_record() {
        let record = "[v1]\n\"cargo-progenitor 0.15.1 (registry+https://github.com/rust-lang/crates.io-index)\" = [\"cargo-progenitor\"]\n";
        assert_eq!(installed_version(record).as_deref(), Some("cargo-progenitor 0.15.1"));
        assert_eq!(installed_version("[v1]\n\"ripgrep 14.1.0 (registry+...)\" = [\"rg\"]\n"), None);
    }

    #[test]
    fn lines_of_every_rust_file_below_the_directory() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        fs::create_dir_all(dir.path().join("generated/types")).expect("dirs");
        fs::write(dir.path().join("lib.rs"), "mod generated;\n").expect("write");
        fs::write(dir.path().join("generated/mod.rs"), "a\nb\n\nc\n").expect("write");
        fs::write(dir.path().join("generated/types/x.rs"), "x\ny").expect("write");
        fs::write(dir.path().join("generated/README.md"), "not\ncounted\n").expect("write");
        assert_eq!(count_lines(dir.path()).expect("counted"), 6);
    }

    #[test]
    fn failure_reasons_are_one_line_without_the_documents_path() {
        let document = Path::new("/corpus/a.json");
        let owned = |lines: &[&str]| lines.iter().map(|line| (*line).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            reason_of(&owned(&["gen fail: unexpected version 3.1.0"]), &[], document),
            "gen fail: unexpected version 3.1.0"
        );
        assert_eq!(
            reason_of(&[], &owned(&["thread 'main' panicked at src/x.rs:1:2:", "not yet implemented"]), document),
            "panicked: not yet implemented"
        );
        assert_eq!(
            reason_of(&[], &owned(&["error: /corpus/a.json: /paths/~1a: no such schema", ""]), document),
            "/paths/~1a: no such schema"
        );
    }
}
