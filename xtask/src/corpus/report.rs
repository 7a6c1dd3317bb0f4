//! The corpus table: one row per document, as aligned text (stdout) and as markdown
//! (`target/corpus/report.md`).

use std::fmt;
use std::time::Duration;

use std::collections::BTreeMap;

use super::examples::Judged;
use super::rejections::FILE as REJECTIONS_FILE;

/// What happened to one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Generated, and the crate compiled without warnings.
    Ok,
    /// Generated; not compiled (`--no-compile`).
    Generated,
    /// Generated, and the crate compiled with warnings.
    Warnings {
        /// How many.
        count: usize,
        /// The first one, on one line.
        first: String,
    },
    /// Generated, and the crate did not compile.
    CompileError {
        /// How many errors.
        count: usize,
        /// The first one, on one line.
        first: String,
    },
    /// Generated, and cargo failed without naming an error of the crate (cargo's own failure).
    NotBuilt {
        /// Why, as far as cargo said.
        reason: String,
    },
    /// Rejected, as the expected-rejections file says.
    RejectedAsExpected {
        /// The generator's error.
        error: String,
    },
    /// Rejected, and not listed in the expected-rejections file.
    Rejected {
        /// The generator's error.
        error: String,
    },
    /// Rejected, but not with the error the expected-rejections file lists.
    RejectedDifferently {
        /// The generator's error.
        error: String,
        /// The fragment the list expects.
        expected: String,
    },
    /// Listed as rejected, but generated.
    Fixed,
    /// Generated and compiled, but its examples test found what the gate refuses (an
    /// example that does not decode and is not listed as a document bug, ...).
    Examples {
        /// How many such problems.
        count: usize,
        /// The first one, on one line.
        first: String,
    },
    /// The generator panicked.
    Panicked {
        /// The panic message.
        message: String,
    },
    /// The file could not be read.
    Unreadable {
        /// Why.
        error: String,
    },
}

impl Status {
    /// Whether the document passes the gate.
    pub fn passed(&self) -> bool {
        matches!(self, Status::Ok | Status::Generated | Status::RejectedAsExpected { .. })
    }

    /// Whether the generator produced a crate.
    pub fn generated(&self) -> bool {
        matches!(
            self,
            Status::Ok
                | Status::Generated
                | Status::Warnings { .. }
                | Status::CompileError { .. }
                | Status::NotBuilt { .. }
                | Status::Examples { .. }
                | Status::Fixed
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Ok => f.write_str("ok"),
            Status::Generated => f.write_str("generated (not compiled)"),
            Status::Warnings { count, first } => write!(f, "warnings: {count} ({first})"),
            Status::CompileError { count, first } => write!(f, "compile error: {count} ({first})"),
            Status::NotBuilt { reason } => write!(f, "not built: {reason}"),
            Status::RejectedAsExpected { error } => write!(f, "rejected (expected): {error}"),
            Status::Rejected { error } => write!(f, "rejected: {error}"),
            Status::RejectedDifferently { error, expected } => {
                write!(f, "rejected, but {REJECTIONS_FILE} expects \"{expected}\": {error}")
            }
            Status::Fixed => write!(f, "fixed: remove from {REJECTIONS_FILE}"),
            Status::Examples { count, first } => write!(f, "examples: {count} ({first})"),
            Status::Panicked { message } => write!(f, "generator panicked: {message}"),
            Status::Unreadable { error } => write!(f, "unreadable: {error}"),
        }
    }
}

/// Counts of a generated crate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Operations: methods of `Client` that return a request builder.
    pub operations: usize,
    /// Named types: `pub struct`, `pub enum` and `pub type` items of `types.rs`.
    pub types: usize,
    /// Lines of the generated Rust modules (`src/generated/*.rs`, not the copied runtime).
    pub lines: usize,
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The document, relative to the corpus.
    pub document: String,
    /// Counts, when the generator produced a crate.
    pub counts: Option<Counts>,
    /// How long `generator::generate` took (not reading the file).
    pub time: Duration,
    /// The result.
    pub status: Status,
}

/// The whole run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// One row per document, in name order.
    pub rows: Vec<Row>,
    /// What is wrong with the expected-rejections list itself (see
    /// [`super::rejections::problems`]).
    pub problems: Vec<String>,
    /// The compile commands and how long each took (none when nothing was compiled).
    pub compile: Vec<(String, Duration)>,
    /// The response examples of each document whose crate has any, judged.
    pub examples: BTreeMap<String, Judged>,
}

impl Report {
    /// Whether the gate passes: every row passes and the list has no problem.
    pub fn passed(&self) -> bool {
        self.problems.is_empty() && self.rows.iter().all(|row| row.status.passed())
    }

    /// The rows that fail the gate.
    pub fn failures(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|row| !row.status.passed())
    }

    /// One line: how many documents, with which result.
    pub fn summary(&self) -> String {
        let count = |f: fn(&Status) -> bool| self.rows.iter().filter(|row| f(&row.status)).count();
        let generated = count(Status::generated);
        let expected = count(|s| matches!(s, Status::RejectedAsExpected { .. }));
        let failed = self.failures().count();
        let total_ms: u128 = self.rows.iter().map(|row| row.time.as_millis()).sum();
        let mut summary = format!(
            "{} documents: {generated} generated, {expected} rejected as expected, {failed} failed; generation {total_ms} ms",
            self.rows.len()
        );
        for (command, time) in &self.compile {
            summary.push_str(&format!("; `{command}` {:.1} s", time.as_secs_f64()));
        }
        if !self.examples.is_empty() {
            let sum = |f: fn(&Judged) -> usize| self.examples.values().map(f).sum::<usize>();
            summary.push_str(&format!(
                "; response examples of {} documents: {} of {} decode, {} are listed document bugs",
                self.examples.len(),
                sum(|j| j.decoded),
                sum(|j| j.total),
                sum(|j| j.document_bugs)
            ));
        }
        if !self.problems.is_empty() {
            summary.push_str(&format!("; {} problems with the lists", self.problems.len()));
        }
        summary
    }

    /// The table as markdown, with the summary and the list's problems.
    pub fn markdown(&self) -> String {
        let mut out = String::from("# Corpus gate\n\n");
        out.push_str(&self.summary());
        out.push_str("\n\n| document | operations | types | lines | generation (ms) | result |\n");
        out.push_str("|---|---:|---:|---:|---:|---|\n");
        for row in &self.rows {
            let [operations, types, lines] = counts(row);
            out.push_str(&format!(
                "| `{}` | {operations} | {types} | {lines} | {} | {} |\n",
                row.document,
                millis(row.time),
                markdown_cell(&row.status.to_string())
            ));
        }
        if !self.examples.is_empty() {
            out.push_str("\n## Response examples\n\n| document | examples | decode | document bugs (listed) |\n|---|---:|---:|---:|\n");
            for (document, judged) in &self.examples {
                out.push_str(&format!(
                    "| `{document}` | {} | {} | {} |\n",
                    judged.total, judged.decoded, judged.document_bugs
                ));
            }
        }
        if !self.problems.is_empty() {
            out.push('\n');
            for problem in &self.problems {
                out.push_str(&format!("- {}\n", markdown_cell(problem)));
            }
        }
        out
    }
}

/// The aligned text table, the list's problems and the summary line. Results are cut to keep
/// rows on one line; the markdown report has them whole.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header = ["document", "ops", "types", "lines", "gen ms", "result"];
        let cells: Vec<[String; 6]> = self
            .rows
            .iter()
            .map(|row| {
                let [operations, types, lines] = counts(row);
                [
                    row.document.clone(),
                    operations,
                    types,
                    lines,
                    millis(row.time),
                    one_line(&row.status.to_string(), 160),
                ]
            })
            .collect();
        let mut widths = header.map(|h| h.chars().count());
        for row in &cells {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, row: [&str; 6]| -> fmt::Result {
            // The document left-aligned, the numbers right-aligned, the result last and unpadded.
            write!(f, "{:<w$}", row[0], w = widths[0])?;
            for (i, cell) in row.iter().enumerate().take(5).skip(1) {
                write!(f, "  {cell:>w$}", w = widths[i])?;
            }
            writeln!(f, "  {}", row[5])
        };
        line(f, header)?;
        let mut rule = widths.map(|w| "-".repeat(w));
        rule[5] = "-".repeat(header[5].len());
        line(f, rule.each_ref().map(String::as_str))?;
        for row in &cells {
            line(f, row.each_ref().map(String::as_str))?;
        }
        for problem in &self.problems {
            writeln!(f, "problem: {problem}")?;
        }
        writeln!(f, "{}", self.summary())
    }
}

fn counts(row: &Row) -> [String; 3] {
    match row.counts {
        Some(c) => [c.operations.to_string(), c.types.to_string(), c.lines.to_string()],
        None => ["-".to_owned(), "-".to_owned(), "-".to_owned()],
    }
}

fn millis(time: Duration) -> String {
    format!("{:.0}", time.as_secs_f64() * 1000.0)
}

/// `text` on one line of at most `max` characters (an ellipsis marks a cut).
pub fn one_line(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn markdown_cell(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}
