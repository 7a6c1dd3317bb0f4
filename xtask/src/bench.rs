//! `cargo xtask bench [--runs N]`: generation time and peak memory, ours against
//! `cargo progenitor`, in one run.
//!
//! Both generators run as child processes on the same documents, end to end (read the document,
//! generate, format, write the crate into an emptied directory): ours as a release build of this
//! xtask (`xtask generate`), progenitor as the `cargo-progenitor` binary from crates.io
//! (installed into `target/tools/` when it is not found), with `--interface builder`, the style
//! ours generates. Time is the median wall time of N runs; memory the peak resident set of the
//! process and the processes it waited for (progenitor runs `rustfmt`; ours formats in process),
//! read with `wait4`. The documents: the Edge document and the corpus documents progenitor
//! might take (`progenitor-samples/`, `readme-oas-examples/3.0/`; it does not read 3.1).
//! The table goes to stdout and `target/bench/report.md`. Not part of `.ci/run`.

use std::fmt;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::corpus::{self, documents};
use crate::Error;
use crate::{cargo, progress, targets};

/// Where the bench writes its report, logs and outputs, relative to the repository root.
pub const BENCH_DIR: &str = "target/bench";
/// Where `cargo-progenitor` is installed when it is not on `PATH`, relative to the root.
pub const TOOLS_DIR: &str = "target/tools";
/// The corpus folders whose documents progenitor is given.
const CORPUS_FOLDERS: &[&str] = &["progenitor-samples/", "readme-oas-examples/3.0/"];

/// The options of `bench`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Runs per document and generator; the median time is reported.
    pub runs: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { runs: 5 }
    }
}

/// The measurement of one generator on one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measured {
    /// Every run succeeded.
    Ok {
        /// The median wall time.
        time: Duration,
        /// The highest peak resident set of the runs, in KiB.
        peak_kib: u64,
    },
    /// The generator refused the document (or failed on it): why, in one line.
    Failed(String),
}

impl Measured {
    fn value(&self) -> Option<(Duration, u64)> {
        match self {
            Measured::Ok { time, peak_kib } => Some((*time, *peak_kib)),
            Measured::Failed(_) => None,
        }
    }
}

/// One document of the bench.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The document (`spec/...` or its path in the corpus).
    pub document: String,
    /// Ours.
    pub ours: Measured,
    /// `cargo progenitor`.
    pub progenitor: Measured,
}

/// The whole bench.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Runs per document and generator.
    pub runs: usize,
    /// Which progenitor ran.
    pub progenitor: String,
    /// One row per document: the Edge document, then the corpus documents in name order.
    pub rows: Vec<Row>,
}

/// Runs the bench with the repository at `root`, writing progress to `out`.
pub fn bench(root: &Path, options: &Options, out: &mut dyn Write) -> Result<Report, Error> {
    let bench_dir = root.join(BENCH_DIR);
    fs::create_dir_all(&bench_dir).map_err(|e| Error::io("create", &bench_dir, e))?;
    progress(out, format_args!("building the generator (release) ...\n"))?;
    let ours = build_release(root)?;
    let (progenitor, version) = find_progenitor(root, out)?;
    progress(out, format_args!("progenitor: {version} ({})\n", progenitor.display()))?;

    let edge = targets::client_source(root)?;
    let mut documents = vec![(edge.spec_label, edge.spec_path)];
    let corpus_dir = root.join(corpus::DEFAULT_CORPUS);
    if corpus_dir.is_dir() {
        for document in documents::find(&corpus_dir, None)? {
            if CORPUS_FOLDERS.iter().any(|folder| document.name.starts_with(folder)) {
                documents.push((document.name, document.path));
            }
        }
    } else {
        progress(out, format_args!("no corpus at {}: the Edge document only\n", corpus_dir.display()))?;
    }

    let work = bench_dir.join("out");
    let mut rows = Vec::new();
    for (name, path) in documents {
        progress(out, format_args!("  {name} ..."))?;
        let ours = measure(options.runs, &bench_dir, &work, &path, |dir| {
            let mut command = Command::new(&ours);
            command.arg("generate").arg("--spec").arg(&path).arg("--out").arg(dir).args(["--name", "bench-client"]);
            command
        })?;
        let theirs = measure(options.runs, &bench_dir, &work, &path, |dir| {
            let mut command = Command::new(&progenitor);
            command.arg("progenitor").arg("-i").arg(&path).arg("-o").arg(dir);
            command.args(["-n", "bench-client", "-v", "0.1.0", "--interface", "builder"]);
            command
        })?;
        let row = Row { document: name, ours, progenitor: theirs };
        progress(out, format_args!(" ours {}, progenitor {}\n", short(&row.ours), short(&row.progenitor)))?;
        rows.push(row);
    }
    let _ = fs::remove_dir_all(&work);

    let report = Report { runs: options.runs, progenitor: version, rows };
    let path = bench_dir.join("report.md");
    fs::write(&path, report.markdown()).map_err(|e| Error::io("write", &path, e))?;
    Ok(report)
}

fn short(measured: &Measured) -> String {
    match measured {
        Measured::Ok { time, peak_kib } => format!("{} ms {} MiB", millis(*time), mib(*peak_kib)),
        Measured::Failed(_) => "failed".to_owned(),
    }
}

/// Builds this xtask in release mode and returns the path of its binary.
fn build_release(root: &Path) -> Result<PathBuf, Error> {
    let cargo = cargo();
    let output = Command::new(cargo)
        .args(["build", "--release", "--package", "xtask", "--bin", "xtask", "--message-format=json"])
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| Error::Failed(format!("cannot run cargo: {e}")))?;
    if !output.status.success() {
        return Err(Error::Failed("cannot build the xtask in release mode (see cargo's output above)".to_owned()));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact" && message["target"]["name"] == "xtask")
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| Error::Failed("cargo built no xtask binary".to_owned()))
}

/// `cargo-progenitor` from `target/tools/bin`, else from `PATH`, else installed into
/// `target/tools` (once: it takes a few minutes). Returns the binary and its name and version.
fn find_progenitor(root: &Path, out: &mut dyn Write) -> Result<(PathBuf, String), Error> {
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
        let cargo = cargo();
        let status = Command::new(&cargo)
            .args(["install", "cargo-progenitor", "--locked", "--root"])
            .arg(&tools)
            .status()
            .map_err(|e| Error::Failed(format!("cannot run cargo install: {e}")))?;
        if !status.success() || !installed.is_file() {
            return Err(Error::Failed("`cargo install cargo-progenitor --locked` failed".to_owned()));
        }
    }
    // `.crates.toml` of the install root: `"cargo-progenitor 0.15.1 (registry+...)" = [...]`.
    let version = fs::read_to_string(tools.join(".crates.toml"))
        .ok()
        .and_then(|text| {
            text.lines().find_map(|line| {
                let rest = line.trim_start_matches('"').strip_prefix("cargo-progenitor ")?;
                rest.split_whitespace().next().map(|v| format!("cargo-progenitor {v}"))
            })
        })
        .unwrap_or_else(|| "cargo-progenitor".to_owned());
    Ok((installed, version))
}

fn on_path(binary: &str) -> Option<PathBuf> {
    let name = format!("{binary}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(&std::env::var_os("PATH")?).map(|dir| dir.join(&name)).find(|path| path.is_file())
}

/// Runs `command(dir)` `runs` times, each time into an emptied `dir`. The first failing run
/// ends the measurement with the reason found in its output.
fn measure(
    runs: usize,
    logs: &Path,
    dir: &Path,
    document: &Path,
    command: impl Fn(&Path) -> Command,
) -> Result<Measured, Error> {
    let stdout_log = logs.join("last-stdout.txt");
    let stderr_log = logs.join("last-stderr.txt");
    let mut times = Vec::with_capacity(runs);
    let mut peak_kib = 0;
    for _ in 0..runs {
        if dir.exists() {
            fs::remove_dir_all(dir).map_err(|e| Error::io("delete", dir, e))?;
        }
        let mut command = command(dir);
        let stdout = File::create(&stdout_log).map_err(|e| Error::io("create", &stdout_log, e))?;
        let stderr = File::create(&stderr_log).map_err(|e| Error::io("create", &stderr_log, e))?;
        command.stdin(Stdio::null()).stdout(stdout).stderr(stderr);
        let start = Instant::now();
        let child = command.spawn().map_err(|e| Error::Failed(format!("cannot run {command:?}: {e}")))?;
        let (success, peak) = wait_with_peak_memory(child).map_err(|e| Error::Failed(format!("cannot wait: {e}")))?;
        let time = start.elapsed();
        if !success {
            return Ok(Measured::Failed(failure_reason(&stdout_log, &stderr_log, document)));
        }
        times.push(time);
        peak_kib = peak_kib.max(peak);
    }
    times.sort();
    Ok(Measured::Ok { time: median(&times), peak_kib })
}

/// The median of sorted durations (the mean of the middle two for an even count).
pub fn median(sorted: &[Duration]) -> Duration {
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

/// Waits for `child` and returns whether it exited with 0, and the peak resident set (KiB) of it
/// and of the children it waited for.
#[cfg(unix)]
fn wait_with_peak_memory(child: std::process::Child) -> std::io::Result<(bool, u64)> {
    let pid = libc::pid_t::try_from(child.id()).map_err(std::io::Error::other)?;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain old data, for which all zeroes is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is a child of this process that nothing else waits for (`Child::wait`
        // is never called on it), and both pointers are to live locals of the right types.
        let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if waited == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    drop(child);
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0);
    // Linux reports kibibytes, macOS bytes.
    let peak_kib = if cfg!(target_os = "macos") { peak / 1024 } else { peak };
    Ok((success, peak_kib))
}

/// Without `wait4`, memory is not measured (reported as 0).
#[cfg(not(unix))]
fn wait_with_peak_memory(mut child: std::process::Child) -> std::io::Result<(bool, u64)> {
    Ok((child.wait()?.success(), 0))
}

/// Why a run failed, in one line: progenitor's `gen fail:` line, a panic message, else the
/// last error line of stderr (without the path of the document, which ours names).
fn failure_reason(stdout: &Path, stderr: &Path, document: &Path) -> String {
    let lines = |path: &Path| -> Vec<String> {
        File::open(path).map(|f| BufReader::new(f).lines().map_while(Result::ok).collect()).unwrap_or_default()
    };
    let stdout = lines(stdout);
    let stderr = lines(stderr);
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

fn millis(time: Duration) -> String {
    format!("{:.1}", time.as_secs_f64() * 1000.0)
}

fn mib(kib: u64) -> String {
    format!("{:.1}", kib as f64 / 1024.0)
}

fn ratio(ours: f64, theirs: f64) -> String {
    if theirs > 0.0 {
        format!("{:.2}", ours / theirs)
    } else {
        "-".to_owned()
    }
}

impl Report {
    /// The rows both generators accept, as (time ratio, memory ratio), ours / progenitor's.
    pub fn ratios(&self) -> Vec<(f64, f64)> {
        self.rows
            .iter()
            .filter_map(|row| {
                let (our_time, our_kib) = row.ours.value()?;
                let (their_time, their_kib) = row.progenitor.value()?;
                Some((
                    our_time.as_secs_f64() / their_time.as_secs_f64().max(f64::MIN_POSITIVE),
                    our_kib as f64 / (their_kib as f64).max(1.0),
                ))
            })
            .collect()
    }

    /// What the table says in a few lines: how many documents each accepts, the geometric
    /// means of the ratios.
    pub fn summary(&self) -> String {
        let accepted = |f: fn(&Row) -> &Measured| self.rows.iter().filter(|row| f(row).value().is_some()).count();
        let ratios = self.ratios();
        let geometric_mean = |values: Vec<f64>| -> f64 {
            if values.is_empty() {
                return f64::NAN;
            }
            (values.iter().map(|v| v.ln()).sum::<f64>() / values.len() as f64).exp()
        };
        format!(
            "{} documents, {} runs each (median wall time, peak RSS); ours accepts {}, {} accepts {}; \
             on the {} both accept, ours / progenitor: time {:.2}x, memory {:.2}x (geometric means)",
            self.rows.len(),
            self.runs,
            accepted(|row| &row.ours),
            self.progenitor,
            accepted(|row| &row.progenitor),
            ratios.len(),
            geometric_mean(ratios.iter().map(|r| r.0).collect()),
            geometric_mean(ratios.iter().map(|r| r.1).collect()),
        )
    }

    /// The cells of each row; the last one, the notes, says why a generator failed, cut to
    /// `note_width` characters.
    fn cells(&self, note_width: usize) -> Vec<[String; 8]> {
        self.rows
            .iter()
            .map(|row| {
                let value = |m: &Measured| match m {
                    Measured::Ok { time, peak_kib } => [millis(*time), mib(*peak_kib)],
                    Measured::Failed(_) => ["rejected".to_owned(), "-".to_owned()],
                };
                let [our_time, our_memory] = value(&row.ours);
                let [their_time, their_memory] = value(&row.progenitor);
                let (time_ratio, memory_ratio) = match (row.ours.value(), row.progenitor.value()) {
                    (Some((ot, ok)), Some((tt, tk))) => {
                        (ratio(ot.as_secs_f64(), tt.as_secs_f64()), ratio(ok as f64, tk as f64))
                    }
                    _ => ("-".to_owned(), "-".to_owned()),
                };
                let notes: Vec<String> = [("ours", &row.ours), ("progenitor", &row.progenitor)]
                    .into_iter()
                    .filter_map(|(who, m)| match m {
                        Measured::Failed(reason) => Some(format!("{who}: {reason}")),
                        Measured::Ok { .. } => None,
                    })
                    .collect();
                let notes = corpus::report::one_line(&notes.join("; "), note_width);
                [row.document.clone(), our_time, our_memory, their_time, their_memory, time_ratio, memory_ratio, notes]
            })
            .collect()
    }

    const HEADER: [&'static str; 8] =
        ["document", "ours ms", "ours MiB", "progenitor ms", "progenitor MiB", "time ratio", "memory ratio", "notes"];

    /// The table as markdown.
    pub fn markdown(&self) -> String {
        let mut out = format!("# Generation benchmark\n\n{}\n\n", self.summary());
        out.push_str(&format!("| {} |\n|---|---:|---:|---:|---:|---:|---:|---|\n", Self::HEADER.join(" | ")));
        for cells in self.cells(400) {
            out.push_str(&format!("| {} |\n", cells.map(|c| c.replace('|', "\\|")).join(" | ")));
        }
        out
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cells = self.cells(100);
        let mut widths = Self::HEADER.map(str::len);
        for row in &cells {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let header = Self::HEADER.map(str::to_owned);
        for row in std::iter::once(&header).chain(&cells) {
            write!(f, "{:<w$}", row[0], w = widths[0])?;
            for (cell, width) in row.iter().zip(widths).take(7).skip(1) {
                write!(f, "  {cell:>width$}")?;
            }
            if row[7].is_empty() {
                writeln!(f)?;
            } else {
                writeln!(f, "  {}", row[7])?;
            }
        }
        writeln!(f, "{}", self.summary())
    }
}
