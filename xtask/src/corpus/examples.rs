//! The documents' own response examples, decoded into the generated types: every corpus crate
//! is generated with `example-tests`, whose `tests/examples.rs` decodes each example of a JSON
//! response body into the type its response decodes to and prints one line per example
//! (`<crate>: <pointer> decodes`, or `... does not decode: <why>`). One `cargo build` builds
//! them all (past those that do not build; [`compile::compile`] attributes its messages to the
//! crates), then each test binary runs.
//!
//! An example that does not decode is a bug of the document or of the generator. The
//! document bugs are listed in `xtask/corpus-examples.toml`, each with its pointer and why:
//!
//! ```toml
//! ["apis-guru/example.com.json"]
//! "/components/schemas/Pet/example" = "`id` is required, and the example has none"
//! ```
//!
//! The gate fails for an example that does not decode and is not listed, and for a listed one
//! that now decodes (the list must stay true).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::compile::{self, Compiler};
use crate::Error;

/// Where the list of document bugs lives, relative to the repository root.
pub const FILE: &str = "xtask/corpus-examples.toml";

/// The generated test's file in a crate.
pub const TEST_FILE: &str = "tests/examples.rs";

/// Document name to the pointers of its examples that are wrong, each with why.
pub type Known = BTreeMap<String, BTreeMap<String, String>>;

/// Reads the list under `root`; a missing file is an empty list.
pub fn read(root: &Path) -> Result<Known, Error> {
    let path = root.join(FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Known::new()),
        Err(e) => return Err(Error::io("read", &path, e)),
    };
    let known: Known = toml::from_str(&text).map_err(|e| Error::Failed(format!("{FILE}: {e}")))?;
    for (document, pointers) in &known {
        if let Some((pointer, _)) = pointers.iter().find(|(_, why)| why.trim().is_empty()) {
            return Err(Error::Failed(format!("{FILE}: `{document}` `{pointer}` needs a reason")));
        }
    }
    Ok(known)
}

/// How many examples a generated test file decodes (one `decode::<...>(` each).
pub fn expected(test_file: &str) -> usize {
    test_file.matches("decode::<").count()
}

/// What one crate's test printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printed {
    /// The pointers of the examples that decode.
    pub decoded: Vec<String>,
    /// The pointers of those that do not, each with the decoder's error.
    pub failed: Vec<(String, String)>,
}

/// One line of the test's output: crate, pointer, and the error when it does not decode.
pub fn parse_line(line: &str) -> Option<(&str, &str, Option<&str>)> {
    let (package, rest) = line.split_once(": ")?;
    if !package.starts_with("corpus-") || !rest.starts_with('/') {
        return None;
    }
    if let Some(pointer) = rest.strip_suffix(" decodes") {
        return Some((package, pointer, None));
    }
    let (pointer, why) = rest.split_once(" does not decode: ")?;
    Some((package, pointer, Some(why)))
}

/// Builds every crate's examples test in the workspace at `dir` (past crates whose test does
/// not build), then runs each; what each printed, what its build said (errors and warnings),
/// and how long it all took.
pub fn run(dir: &Path, target_dir: Option<PathBuf>) -> Result<Ran, Error> {
    let start = Instant::now();
    let build = Compiler {
        args: ["build", "--workspace", "--test", "examples", "--keep-going"].map(str::to_owned).to_vec(),
        target_dir,
    };
    // A crate whose test did not build has no executable: `judge` says so.
    let built = compile::compile(dir, &build)?;
    let mut ran = Ran::default();
    for (package, diagnostics) in built.diagnostics {
        let headlines = diagnostics.errors.iter().chain(&diagnostics.warnings);
        ran.built.insert(package, headlines.map(|d| d.lines().next().unwrap_or_default().to_owned()).collect());
    }
    for (package, executable) in built.executables {
        let output = Command::new(&executable)
            .arg("--nocapture")
            .current_dir(dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| Error::Failed(format!("cannot run {}: {e}", executable.display())))?;
        let entry = ran.printed.entry(package).or_default();
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            match parse_line(line) {
                Some((_, pointer, None)) => entry.decoded.push(pointer.to_owned()),
                Some((_, pointer, Some(why))) => entry.failed.push((pointer.to_owned(), why.to_owned())),
                None => {}
            }
        }
    }
    ran.time = start.elapsed();
    Ok(ran)
}

/// What [`run`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ran {
    /// By crate: what its test printed.
    pub printed: BTreeMap<String, Printed>,
    /// By crate: the headlines of the errors and warnings of building its test.
    pub built: BTreeMap<String, Vec<String>>,
    /// How long building and running took.
    pub time: Duration,
}

/// One document's examples, judged against the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Judged {
    /// Examples in its crate's test.
    pub total: usize,
    /// Examples that decode.
    pub decoded: usize,
    /// Examples that do not decode, listed as document bugs.
    pub document_bugs: usize,
    /// What fails the gate: unlisted failures, listed examples that decode now, a test that
    /// did not print every example; one line each.
    pub problems: Vec<String>,
}

/// Judges what a crate's test printed (`None`: nothing) and what building it said (`built`)
/// against the document's list.
pub fn judge(
    expected: usize,
    printed: Option<&Printed>,
    built: &[String],
    known: Option<&BTreeMap<String, String>>,
) -> Judged {
    let empty = Printed::default();
    let printed = printed.unwrap_or(&empty);
    let listed = |pointer: &str| known.is_some_and(|k| k.contains_key(pointer));
    let mut judged = Judged { total: expected, decoded: printed.decoded.len(), ..Judged::default() };
    for (pointer, why) in &printed.failed {
        if listed(pointer) {
            judged.document_bugs += 1;
        } else {
            judged.problems.push(format!("example {pointer} does not decode: {why}"));
        }
    }
    for pointer in printed.decoded.iter().filter(|p| listed(p)) {
        judged.problems.push(format!("example {pointer} decodes now: remove it from {FILE}"));
    }
    judged.problems.extend(built.iter().map(|headline| format!("its examples test: {headline}")));
    let seen = printed.decoded.len() + printed.failed.len();
    if seen < expected {
        judged.problems.push(format!(
            "its examples test printed {seen} of {expected} examples (it did not build, or did not run to its end)"
        ));
    }
    judged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_read_with_their_crate_and_pointer() {
        assert_eq!(
            parse_line("corpus-a: /components/schemas/A/example decodes"),
            Some(("corpus-a", "/components/schemas/A/example", None))
        );
        assert_eq!(
            parse_line("corpus-a: /paths/~1x/get/responses/200/content/application~1json/example does not decode: missing field `id`"),
            Some(("corpus-a", "/paths/~1x/get/responses/200/content/application~1json/example", Some("missing field `id`")))
        );
        assert_eq!(parse_line("running 1 test"), None);
        assert_eq!(parse_line("test response_examples_decode ... ok"), None);
    }

    #[test]
    fn failures_are_problems_unless_listed_and_listed_ones_must_still_fail() {
        let printed = Printed {
            decoded: vec!["/a".to_owned(), "/b".to_owned()],
            failed: vec![("/c".to_owned(), "why".to_owned()), ("/d".to_owned(), "why".to_owned())],
        };
        let known =
            BTreeMap::from([("/b".to_owned(), "was wrong".to_owned()), ("/c".to_owned(), "is wrong".to_owned())]);
        let built = ["warning: unused variable: `x`".to_owned()];
        let judged = judge(5, Some(&printed), &built, Some(&known));
        assert_eq!((judged.total, judged.decoded, judged.document_bugs), (5, 2, 1));
        assert_eq!(judged.problems.len(), 4, "{:?}", judged.problems);
        assert!(judged.problems[0].contains("/d does not decode"));
        assert!(judged.problems[1].contains("/b decodes now"));
        assert!(judged.problems[2].contains("its examples test: warning: unused variable"));
        assert!(judged.problems[3].contains("printed 4 of 5"));
    }
}
