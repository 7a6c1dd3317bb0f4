//! The changes between two surfaces as a report for maintainers: grouped by impact, with the
//! release they call for, as Markdown (a pull request description, a CHANGELOG entry).

use std::fmt::{self, Write as _};

use super::changes::{Change, Impact};

/// The changes from one surface to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    changes: Vec<Change>,
    /// The `info.version`s of the two documents, old and new.
    documents: (String, String),
}

/// The release a set of changes calls for, under Cargo's reading of semver (before 1.0 the
/// minor number is the major one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Bump {
    /// No change to the public API or the wire.
    None,
    Patch,
    Minor,
    Major,
}

impl Report {
    pub(super) fn new(changes: Vec<Change>, documents: (String, String)) -> Self {
        Self { changes, documents }
    }

    /// Every change, breaking ones first, each group in the order of the surface.
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        [Impact::Breaking, Impact::Compatible, Impact::WireOnly]
            .into_iter()
            .flat_map(move |impact| self.changes.iter().filter(move |c| c.impact == impact))
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The strongest impact among the changes, if any.
    pub fn impact(&self) -> Option<Impact> {
        self.changes.iter().map(|c| c.impact).max()
    }

    /// The release the changes call for, from a crate at `version` (`major.minor.patch`).
    pub fn bump(&self, version: &str) -> Bump {
        let pre_1 = version.split('.').next().is_some_and(|major| major.trim() == "0");
        match (self.impact(), pre_1) {
            (None, _) => Bump::None,
            (Some(Impact::Breaking), false) => Bump::Major,
            (Some(Impact::Breaking), true) | (Some(Impact::Compatible), false) => Bump::Minor,
            (Some(Impact::Compatible | Impact::WireOnly), true) | (Some(Impact::WireOnly), false) => Bump::Patch,
        }
    }

    /// The version to release after `version` (`0.1.0` with a breaking change: `0.2.0`), or
    /// `None` when `version` is not `major.minor.patch` or nothing changed.
    pub fn next_version(&self, version: &str) -> Option<String> {
        let core = version.split(['-', '+']).next()?;
        let parts: Vec<u64> = core.split('.').map(str::parse).collect::<Result<_, _>>().ok()?;
        let [major, minor, patch] = parts[..] else { return None };
        Some(match self.bump(version) {
            Bump::None => return None,
            Bump::Major => format!("{}.0.0", major + 1),
            Bump::Minor if major == 0 => format!("0.{}.0", minor + 1),
            Bump::Minor => format!("{major}.{}.0", minor + 1),
            Bump::Patch => format!("{major}.{minor}.{}", patch + 1),
        })
    }

    /// The report as Markdown for the crate `name` at `version`, titled with the documents'
    /// versions (`old` -> `new`).
    pub fn to_markdown(&self, name: &str, version: &str) -> String {
        let mut out = String::new();
        let (old, new) = &self.documents;
        let _ = writeln!(out, "## Changes to `{name}`: document {old} -> {new}\n");
        if self.is_empty() {
            out.push_str("No change to the public API or to what goes on the wire.\n");
            return out;
        }
        let verdict = match self.impact() {
            Some(Impact::Breaking) => "**breaking**",
            Some(Impact::Compatible) => "compatible",
            _ => "wire only",
        };
        let release = match self.next_version(version) {
            Some(next) => format!("release {next} (from {version})"),
            None => format!("a {} release", self.bump(version)),
        };
        let _ = writeln!(out, "{verdict}: {release}.");
        for (impact, title) in [
            (Impact::Breaking, "Breaking"),
            (Impact::Compatible, "Compatible"),
            (Impact::WireOnly, "Wire only (the Rust API is the same)"),
        ] {
            let group: Vec<&Change> = self.changes.iter().filter(|c| c.impact == impact).collect();
            if group.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n### {title} ({})\n", group.len());
            for change in group {
                let _ = writeln!(out, "- {change}");
            }
        }
        out
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}
