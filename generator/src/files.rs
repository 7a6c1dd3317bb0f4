use std::collections::BTreeMap;

/// The files of a generated crate: relative path (with `/` separators) to contents.
///
/// Ordered by path so iteration, and therefore everything written from it, is deterministic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Files {
    files: BTreeMap<String, String>,
}

impl Files {
    pub(crate) fn insert(&mut self, path: impl Into<String>, contents: String) {
        self.files.insert(path.into(), contents);
    }

    /// The contents of the file at `path`, if the generator produced it.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// All files, ordered by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(p, c)| (p.as_str(), c.as_str()))
    }

    /// Directories (relative, `/`-separated) whose whole contents belong to the generator:
    /// a file found there that is not in this set is stale and may be deleted.
    pub fn owned_dirs(&self) -> &'static [&'static str] {
        &["src/generated"]
    }
}
