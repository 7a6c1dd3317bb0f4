//! Running a child process and measuring it: wall time, and peak memory through `wait4`.
//!
//! `wait4` gives the resource use of the child *and of the descendants it waited for*
//! (Linux fills it as `getrusage(RUSAGE_BOTH)` of the reaped child): its `ru_maxrss` is the
//! largest peak resident set among them. Progenitor's `rustfmt` and cargo's `rustc` processes
//! are waited for by their parents, so their peaks are counted; cargo's own (tens of MiB) is
//! the floor of a `cargo check` figure.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::Error;

/// The measurement of one generator (or one `cargo check`) on one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Measured {
    /// Every run succeeded.
    Ok {
        /// The median wall time.
        time: Duration,
        /// The highest peak resident set of the runs, in KiB.
        peak_kib: u64,
    },
    /// It failed (the generator refused the document, the crate does not compile): why.
    Failed(String),
    /// It was not run, on purpose: why (the memory guard).
    Skipped(String),
    /// It was not run, as the bench is meant (a check of a crate only one generator wrote,
    /// `--no-check`).
    NotRun,
}

impl Measured {
    /// The time and peak memory (KiB), when it succeeded.
    pub fn value(&self) -> Option<(Duration, u64)> {
        match self {
            Measured::Ok { time, peak_kib } => Some((*time, *peak_kib)),
            Measured::Failed(_) | Measured::Skipped(_) | Measured::NotRun => None,
        }
    }

    /// Whether it succeeded.
    pub fn is_ok(&self) -> bool {
        self.value().is_some()
    }

    /// The median time and highest peak of successful runs; [`Measured::Failed`] without runs.
    pub fn from_runs(runs: &[Run]) -> Measured {
        if runs.is_empty() {
            return Measured::Failed("no run".to_owned());
        }
        let mut times: Vec<Duration> = runs.iter().map(|run| run.time).collect();
        times.sort();
        Measured::Ok { time: median(&times), peak_kib: runs.iter().map(|run| run.peak_kib).max().unwrap_or(0) }
    }
}

/// One run of a child process.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Run {
    /// Whether it exited with 0.
    pub success: bool,
    /// Its wall time, from spawning to reaping.
    pub time: Duration,
    /// The peak resident set of it and the descendants it waited for, in KiB (0 where `wait4`
    /// is missing).
    pub peak_kib: u64,
}

/// Spawns `command` and waits for it; when its stdout is piped, every line is given to
/// `on_stdout` as it comes (stderr must not be piped: nothing reads it while stdout is read).
pub fn run(command: &mut Command, mut on_stdout: impl FnMut(&str)) -> Result<Run, Error> {
    let start = Instant::now();
    let mut child = command.spawn().map_err(|e| Error::Failed(format!("cannot run {command:?}: {e}")))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            match line {
                Ok(line) => on_stdout(&line),
                Err(_) => break,
            }
        }
    }
    let (success, peak_kib) =
        wait_with_peak_memory(child).map_err(|e| Error::Failed(format!("cannot wait for {command:?}: {e}")))?;
    Ok(Run { success, time: start.elapsed(), peak_kib })
}

/// The median of sorted durations (the mean of the middle two for an even count).
pub fn median(sorted: &[Duration]) -> Duration {
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

/// The median of `values` in any order (the mean of the middle two for an even count); `None`
/// for none.
pub fn median_of(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[n / 2]),
        n => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// The memory the system can give without swapping (`MemAvailable` of `/proc/meminfo`), in
/// KiB; `None` where there is no such file.
pub fn available_kib() -> Option<u64> {
    parse_mem_available(&std::fs::read_to_string("/proc/meminfo").ok()?)
}

/// `MemAvailable:   23011220 kB` of a `/proc/meminfo` text, in KiB.
pub fn parse_mem_available(meminfo: &str) -> Option<u64> {
    meminfo.lines().find_map(|line| line.strip_prefix("MemAvailable:")?.split_whitespace().next()?.parse().ok())
}

/// Waits for `child` and returns whether it exited with 0, and the peak resident set (KiB) of it
/// and of the children it waited for.
#[cfg(unix)]
fn wait_with_peak_memory(child: Child) -> std::io::Result<(bool, u64)> {
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
fn wait_with_peak_memory(mut child: Child) -> std::io::Result<(bool, u64)> {
    Ok((child.wait()?.success(), 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(millis: u64) -> Duration {
        Duration::from_millis(millis)
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&[]), Duration::ZERO);
        assert_eq!(median(&[ms(3)]), ms(3));
        assert_eq!(median(&[ms(1), ms(2), ms(40)]), ms(2));
        assert_eq!(median(&[ms(1), ms(3), ms(5), ms(40)]), ms(4));
        assert_eq!(median_of(&[]), None);
        assert_eq!(median_of(&[4.0, 0.5, 1.0]), Some(1.0));
        assert_eq!(median_of(&[4.0, 0.5, 1.0, 2.0]), Some(1.5));
    }

    #[test]
    fn runs_give_the_median_time_and_the_highest_peak() {
        let run = |millis, peak_kib| Run { success: true, time: ms(millis), peak_kib };
        assert_eq!(
            Measured::from_runs(&[run(30, 5), run(10, 9), run(20, 7)]),
            Measured::Ok { time: ms(20), peak_kib: 9 }
        );
        assert!(!Measured::from_runs(&[]).is_ok());
    }

    #[test]
    fn mem_available_is_read_in_kib() {
        let meminfo = "MemTotal:       24000000 kB\nMemFree:          123456 kB\nMemAvailable:   23011220 kB\n";
        assert_eq!(parse_mem_available(meminfo), Some(23_011_220));
        assert_eq!(parse_mem_available("MemTotal: 1 kB\n"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_child_is_waited_for_with_its_status_and_its_output() {
        let mut lines = Vec::new();
        let mut command = Command::new("sh");
        command.args(["-c", "echo one; echo two; exit 3"]).stdout(std::process::Stdio::piped());
        let run = run(&mut command, |line| lines.push(line.to_owned())).expect("sh runs");
        assert!(!run.success);
        assert!(run.peak_kib > 0);
        assert_eq!(lines, ["one", "two"]);
    }
}
