//! The expected-rejections file, `xtask/corpus-rejections.toml`: the corpus documents the
//! generator rejects on purpose, each with the error it must give and the construct of the
//! README's list of rejected constructs that the error is about.
//!
//! ```toml
//! ["progenitor-samples/example.json"]
//! error = "/paths/~1things/get/callbacks"   # a fragment of the error: its pointer or message
//! construct = "references to other documents"  # as the README's list of rejections says it
//! ```
//!
//! The list must stay true: a listed document that now generates, or that is rejected with
//! another error, fails the gate as surely as an unlisted rejection.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::Error;

/// Where the list lives, relative to the repository root.
pub const FILE: &str = "xtask/corpus-rejections.toml";

/// How many corpus documents may be rejected at most: 12 of the 222 (issue 10: only invalid
/// documents and real contradictions).
pub const MAX_REJECTIONS: usize = 12;

/// One listed document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// A fragment of the generator's error message (`unsupported construct at <pointer>: ...`),
    /// for example the JSON pointer of the node, that the error must contain.
    pub error: String,
    /// The construct, in the words of the README's list of what the generator rejects.
    pub construct: String,
}

/// The parsed file: document name (relative to the corpus, `/`-separated) to expectation.
pub type Rejections = BTreeMap<String, Expected>;

/// Reads the list under `root`; a missing file is an empty list.
pub fn read(root: &Path) -> Result<Rejections, Error> {
    let path = root.join(FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Rejections::new()),
        Err(e) => return Err(Error::io("read", &path, e)),
    };
    parse(&text).map_err(|e| Error::Failed(format!("{FILE}: {e}")))
}

/// Parses the text of the list.
pub fn parse(text: &str) -> Result<Rejections, String> {
    let rejections: Rejections = toml::from_str(text).map_err(|e| e.to_string())?;
    for (document, expected) in &rejections {
        if expected.error.trim().is_empty() {
            return Err(format!("`{document}` needs a non-empty `error`"));
        }
        if expected.construct.trim().is_empty() {
            return Err(format!("`{document}` needs a non-empty `construct`"));
        }
    }
    Ok(rejections)
}

/// What is wrong with the list itself, whatever the generator does: more entries than allowed,
/// entries naming documents that are not in the corpus (`documents`: the names of all corpus
/// documents, before any `--only` filter), constructs the README does not name.
pub fn problems(rejections: &Rejections, documents: &[String], readme: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if rejections.len() > MAX_REJECTIONS {
        problems.push(format!(
            "{FILE} lists {} documents; at most {MAX_REJECTIONS} corpus documents may be rejected",
            rejections.len()
        ));
    }
    let readme = normalize(readme);
    for (document, expected) in rejections {
        if !documents.iter().any(|d| d == document) {
            problems.push(format!("{FILE}: `{document}` is not a document of the corpus: remove it from the list"));
        }
        if !readme.contains(&normalize(&expected.construct)) {
            problems.push(format!(
                "{FILE}: the construct of `{document}`, \"{}\", is not named in README.md (its list of \
                 what the generator rejects)",
                expected.construct
            ));
        }
    }
    problems
}

/// Lower case, backticks dropped, every run of whitespace one space: README text wraps and
/// quotes construct names as code.
fn normalize(text: &str) -> String {
    text.replace('`', "").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// What a rejection means given the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// The document is listed and the error contains the listed fragment.
    Expected,
    /// The document is not listed.
    Unexpected,
    /// The document is listed, but the error does not contain the listed fragment.
    Different,
}

/// Judges the rejection of a document with `error` (the generator's error, as displayed).
pub fn judge(expected: Option<&Expected>, error: &str) -> Judgement {
    match expected {
        None => Judgement::Unexpected,
        Some(expected) if error.contains(expected.error.as_str()) => Judgement::Expected,
        Some(_) => Judgement::Different,
    }
}
