//! The bench's report: the figures of both generators per document, their ratios, the medians
//! of the ratios, as markdown (printed, and written to `target/bench/report.md`).

use std::fmt;
use std::time::Duration;

use super::generate::Generator;
use super::measure::{median_of, Measured};
use crate::corpus;

/// The corpus document whose figures get a section of their own (ours only when progenitor
/// does not take it): the largest of the corpus.
pub const GITHUB: &str = "progenitor-samples/api.github.com.json";

/// What one generator gave on one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// Generating the crate: median wall time, peak memory.
    pub generation: Measured,
    /// The lines of the `.rs` files of the crate's `src/`, when it was generated.
    pub lines: Option<u64>,
    /// `cargo check` of the crate alone: median wall time, peak memory.
    pub check: Measured,
}

/// One document of the bench.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The document (`generated-client/...` or its path in the corpus).
    pub document: String,
    /// Ours.
    pub ours: Figures,
    /// `cargo progenitor`.
    pub progenitor: Figures,
}

/// Ours / progenitor's, per figure; `None` where either is missing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ratios {
    /// Generation time.
    pub generation_time: Option<f64>,
    /// Generation peak memory.
    pub generation_memory: Option<f64>,
    /// Generated lines.
    pub lines: Option<f64>,
    /// `cargo check` time.
    pub check_time: Option<f64>,
    /// `cargo check` peak memory.
    pub check_memory: Option<f64>,
}

impl Ratios {
    /// The figures' names, in the order of [`Ratios::values`].
    pub const NAMES: [&'static str; 5] =
        ["generation time", "generation memory", "lines", "check time", "check memory"];

    /// The ratios in the order of [`Ratios::NAMES`].
    pub fn values(&self) -> [Option<f64>; 5] {
        [self.generation_time, self.generation_memory, self.lines, self.check_time, self.check_memory]
    }
}

impl Row {
    /// The figures of `generator`.
    pub fn of(&self, generator: Generator) -> &Figures {
        match generator {
            Generator::Ours => &self.ours,
            Generator::Progenitor => &self.progenitor,
        }
    }

    /// The figures of `generator`, to fill in.
    pub fn of_mut(&mut self, generator: Generator) -> &mut Figures {
        match generator {
            Generator::Ours => &mut self.ours,
            Generator::Progenitor => &mut self.progenitor,
        }
    }

    /// Whether both generators generated the document.
    pub fn both_generate(&self) -> bool {
        self.ours.generation.is_ok() && self.progenitor.generation.is_ok()
    }

    /// Ours / progenitor's, per figure.
    pub fn ratios(&self) -> Ratios {
        let time = |m: &Measured| m.value().map(|(time, _)| time.as_secs_f64());
        let memory = |m: &Measured| m.value().map(|(_, kib)| kib as f64);
        let lines = |f: &Figures| f.lines.map(|lines| lines as f64);
        let (ours, theirs) = (&self.ours, &self.progenitor);
        Ratios {
            generation_time: ratio(time(&ours.generation), time(&theirs.generation)),
            generation_memory: ratio(memory(&ours.generation), memory(&theirs.generation)),
            lines: ratio(lines(ours), lines(theirs)),
            check_time: ratio(time(&ours.check), time(&theirs.check)),
            check_memory: ratio(memory(&ours.check), memory(&theirs.check)),
        }
    }

    /// Why something failed or was not run, `who: why` joined by `; `.
    fn notes(&self) -> String {
        let mut notes = Vec::new();
        for (who, figures) in [("ours", &self.ours), ("progenitor", &self.progenitor)] {
            for (what, measured) in [("generation", &figures.generation), ("check", &figures.check)] {
                match measured {
                    Measured::Failed(why) => notes.push(format!("{who} {what}: {why}")),
                    Measured::Skipped(why) => notes.push(format!("{who} {what}: {why}")),
                    Measured::Ok { .. } | Measured::NotRun => {}
                }
            }
        }
        corpus::report::one_line(&notes.join("; "), 300)
    }
}

fn ratio(ours: Option<f64>, theirs: Option<f64>) -> Option<f64> {
    match (ours, theirs) {
        (Some(ours), Some(theirs)) if theirs > 0.0 => Some(ours / theirs),
        _ => None,
    }
}

/// The whole bench.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// Generation runs per document and generator (the median time is reported).
    pub runs: usize,
    /// Timed `cargo check` runs per crate (the median time is reported); 0 with `--no-check`.
    pub check_runs: usize,
    /// Which progenitor ran.
    pub progenitor: String,
    /// One row per document: the Edge document, then the corpus documents in name order.
    pub rows: Vec<Row>,
    /// How long the whole bench took.
    pub wall: Duration,
}

impl Report {
    /// The medians over the documents both generate of each ratio, in the order of
    /// [`Ratios::NAMES`].
    pub fn median_ratios(&self) -> [Option<f64>; 5] {
        let ratios: Vec<[Option<f64>; 5]> =
            self.rows.iter().filter(|row| row.both_generate()).map(|row| row.ratios().values()).collect();
        std::array::from_fn(|i| median_of(&ratios.iter().filter_map(|values| values[i]).collect::<Vec<_>>()))
    }

    /// What the tables say in one paragraph.
    pub fn summary(&self) -> String {
        let generated = |f: fn(&Row) -> &Figures| self.rows.iter().filter(|row| f(row).generation.is_ok()).count();
        let both = self.rows.iter().filter(|row| row.both_generate()).count();
        let medians: Vec<String> = Ratios::NAMES
            .iter()
            .zip(self.median_ratios())
            .map(|(name, median)| format!("{name} {}", median.map_or("-".to_owned(), |m| format!("{m:.2}×"))))
            .collect();
        let check = match self.check_runs {
            0 => "no `cargo check` (--no-check)".to_owned(),
            1 => "`cargo check` 1 run".to_owned(),
            n => format!("`cargo check` median of {n} runs"),
        };
        format!(
            "{} documents (generation: {}; {check}; memory: peak RSS). Ours generates {}, \
             {} generates {}. Medians of ours / progenitor's on the {both} both generate: {}. \
             The bench took {:.1} min.",
            self.rows.len(),
            if self.runs == 1 { "1 run".to_owned() } else { format!("median of {} runs", self.runs) },
            generated(|row| &row.ours),
            self.progenitor,
            generated(|row| &row.progenitor),
            medians.join(", "),
            self.wall.as_secs_f64() / 60.0,
        )
    }

    /// The report as markdown.
    pub fn markdown(&self) -> String {
        let mut out = format!("# `cargo xtask bench`\n\n{}\n\n", self.summary());
        out.push_str("## Documents both generate\n\n");
        out.push_str(&table(
            &BOTH_HEADER,
            &self.rows.iter().filter(|r| r.both_generate()).map(both_cells).collect::<Vec<_>>(),
        ));
        let others: Vec<Vec<String>> = self.rows.iter().filter(|r| !r.both_generate()).map(other_cells).collect();
        if !others.is_empty() {
            out.push_str("\n## Documents one generator does not take\n\n");
            out.push_str(&table(&OTHER_HEADER, &others));
        }
        if let Some(row) = self.rows.iter().find(|row| row.document == GITHUB) {
            out.push_str(&format!("\n## The corpus GitHub description (`{GITHUB}`)\n\n"));
            out.push_str(&table(&["figure", "ours", "progenitor"], &github_cells(row)));
            let notes = row.notes();
            if !notes.is_empty() {
                out.push_str(&format!("\n{notes}\n"));
            }
        }
        out
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.markdown())
    }
}

const BOTH_HEADER: [&str; 17] = [
    "document",
    "gen ms ours",
    "gen ms prog",
    "×",
    "gen MiB ours",
    "gen MiB prog",
    "×",
    "lines ours",
    "lines prog",
    "×",
    "check s ours",
    "check s prog",
    "×",
    "check MiB ours",
    "check MiB prog",
    "×",
    "notes",
];

const OTHER_HEADER: [&str; 8] =
    ["document", "gen ms ours", "gen MiB ours", "lines ours", "gen ms prog", "gen MiB prog", "lines prog", "notes"];

fn both_cells(row: &Row) -> Vec<String> {
    let ratios = row.ratios();
    let mut cells = vec![row.document.clone()];
    let (ours, theirs) = (&row.ours, &row.progenitor);
    let columns: [(String, String, Option<f64>); 5] = [
        (millis(&ours.generation), millis(&theirs.generation), ratios.generation_time),
        (mib(&ours.generation), mib(&theirs.generation), ratios.generation_memory),
        (lines(ours.lines), lines(theirs.lines), ratios.lines),
        (seconds(&ours.check), seconds(&theirs.check), ratios.check_time),
        (mib(&ours.check), mib(&theirs.check), ratios.check_memory),
    ];
    for (ours, theirs, ratio) in columns {
        cells.extend([ours, theirs, ratio.map_or("-".to_owned(), |r| format!("{r:.2}"))]);
    }
    cells.push(row.notes());
    cells
}

fn other_cells(row: &Row) -> Vec<String> {
    let (ours, theirs) = (&row.ours, &row.progenitor);
    vec![
        row.document.clone(),
        millis(&ours.generation),
        mib(&ours.generation),
        lines(ours.lines),
        millis(&theirs.generation),
        mib(&theirs.generation),
        lines(theirs.lines),
        row.notes(),
    ]
}

fn github_cells(row: &Row) -> Vec<Vec<String>> {
    let (ours, theirs) = (&row.ours, &row.progenitor);
    vec![
        vec!["generation time (ms)".to_owned(), millis(&ours.generation), millis(&theirs.generation)],
        vec!["generation peak memory (MiB)".to_owned(), mib(&ours.generation), mib(&theirs.generation)],
        vec!["generated lines".to_owned(), lines(ours.lines), lines(theirs.lines)],
        vec!["`cargo check` time (s)".to_owned(), seconds(&ours.check), seconds(&theirs.check)],
        vec!["`cargo check` peak memory (MiB)".to_owned(), mib(&ours.check), mib(&theirs.check)],
    ]
}

/// The cell of a figure that is missing: `fails` when it failed, `-` when it was not run.
fn missing(measured: &Measured) -> String {
    match measured {
        Measured::Failed(_) => "fails".to_owned(),
        Measured::Ok { .. } | Measured::Skipped(_) | Measured::NotRun => "-".to_owned(),
    }
}

fn millis(measured: &Measured) -> String {
    measured.value().map_or_else(|| missing(measured), |(time, _)| format!("{:.1}", time.as_secs_f64() * 1000.0))
}

fn seconds(measured: &Measured) -> String {
    measured.value().map_or_else(|| missing(measured), |(time, _)| format!("{:.2}", time.as_secs_f64()))
}

fn mib(measured: &Measured) -> String {
    measured.value().map_or_else(|| missing(measured), |(_, kib)| format!("{:.1}", kib as f64 / 1024.0))
}

/// A count with `,` between thousands: `135,611`.
pub fn lines(lines: Option<u64>) -> String {
    let Some(lines) = lines else {
        return "-".to_owned();
    };
    let digits = lines.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A markdown table with its columns padded to one width: the first column (the names) and a
/// last `notes` column aligned left, the figures right; the notes are not padded.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let escape = |cell: &str| cell.replace('|', "\\|");
    let header: Vec<String> = header.iter().map(|cell| escape(cell)).collect();
    let rows: Vec<Vec<String>> = rows.iter().map(|row| row.iter().map(|cell| escape(cell)).collect()).collect();
    let mut widths: Vec<usize> = header.iter().map(|cell| cell.chars().count().max(3)).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let notes = header.len() > 1 && header.last().is_some_and(|last| last == "notes");
    let last = header.len() - 1;
    let line = |cells: &[String]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &width))| match i {
                0 => format!("{cell:<width$}"),
                i if i == last && notes => cell.clone(),
                _ => format!("{cell:>width$}"),
            })
            .collect();
        format!("| {} |\n", padded.join(" | "))
    };
    let rule: Vec<String> = widths
        .iter()
        .enumerate()
        .map(|(i, &width)| match i {
            0 => "-".repeat(width),
            i if i == last && notes => "---".to_owned(),
            _ => format!("{}:", "-".repeat(width - 1)),
        })
        .collect();
    let mut out = line(&header);
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for row in &rows {
        out.push_str(&line(row));
    }
    out
}
