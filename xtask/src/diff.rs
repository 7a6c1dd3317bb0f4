//! Short unified diffs of what `--check` found, for a maintainer to read in a CI log.

use std::fmt::Write as _;
use std::time::Duration;

use similar::TextDiff;

use crate::sync::{FileState, Status};
use crate::targets::Target;

/// Lines of context around each change.
pub const CONTEXT_LINES: usize = 3;
/// Lines of diff shown per file; the rest is counted in a `... (N more lines)` note.
pub const MAX_LINES_PER_FILE: usize = 80;
/// Files shown with a diff; further modified files are only named.
pub const MAX_DIFFED_FILES: usize = 10;
/// How long one file's diff may take before `similar` settles for a coarser one.
const DIFF_TIMEOUT: Duration = Duration::from_secs(2);

/// A unified diff of one file (`a/` = the tree, `b/` = regenerated), capped at
/// [`MAX_LINES_PER_FILE`] lines.
pub fn unified(path: &str, committed: &str, regenerated: &str) -> String {
    let diff = TextDiff::configure().timeout(DIFF_TIMEOUT).diff_lines(committed, regenerated);
    let text = diff
        .unified_diff()
        .context_radius(CONTEXT_LINES)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string();
    cap(&text, MAX_LINES_PER_FILE)
}

/// The first `max` lines of `text`, and a note of how many were left out.
pub fn cap(text: &str, max: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for line in lines.iter().take(max) {
        out.push_str(line);
        out.push('\n');
    }
    if lines.len() > max {
        let _ = writeln!(out, "... ({} more lines)", lines.len() - max);
    }
    out
}

/// The report of every difference: diffs of modified files, then the missing and stale ones.
pub fn report(compared: &[(&Target, &Status)]) -> String {
    let mut diffs = String::new();
    let mut undiffed = Vec::new();
    let mut missing = Vec::new();
    let mut stale = Vec::new();
    let mut diffed = 0;
    for (target, status) in compared {
        for change in &status.changes {
            let path = target.display_path(&change.path);
            match &change.state {
                FileState::Modified { committed } => {
                    if diffed == MAX_DIFFED_FILES {
                        undiffed.push(path);
                        continue;
                    }
                    diffed += 1;
                    let committed = String::from_utf8_lossy(committed);
                    let regenerated = target.files.get(&change.path).map_or("", String::as_str);
                    diffs.push_str(&unified(&path, &committed, regenerated));
                }
                FileState::Missing => {
                    let lines = target.files.get(&change.path).map_or(0, |c| c.lines().count());
                    let plural = if lines == 1 { "" } else { "s" };
                    missing.push(format!("{path} ({lines} line{plural})"));
                }
                FileState::Stale => stale.push(path),
            }
        }
    }
    let mut out = diffs;
    list(&mut out, "modified (diff not shown)", &undiffed);
    list(&mut out, "missing (would be written)", &missing);
    list(&mut out, "stale (would be deleted)", &stale);
    out
}

fn list(out: &mut String, title: &str, paths: &[String]) {
    if paths.is_empty() {
        return;
    }
    let _ = writeln!(out, "{title}:");
    for path in paths {
        let _ = writeln!(out, "  {path}");
    }
}
