//! The file system, for the binaries (this crate's command line and the repository's
//! xtask): comparing a [`Target`] (the files one directory should hold) with the tree, and
//! making the tree match it. [`generate`](crate::generate) never comes here: it stays a pure
//! function of the document and the configuration.
//!
//! Only files whose contents differ are written, so the modification times of unchanged
//! files stay as they are (and cargo does not rebuild what did not change).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// The files one directory should hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// What the target is called in messages (`generated-client`, `fixtures/src/petstore`).
    pub name: String,
    /// The directory the files are relative to.
    pub dir: PathBuf,
    /// `dir` as it is shown in messages and diffs (relative to the repository root).
    pub label: String,
    /// Relative path (`/`-separated) to contents.
    pub files: BTreeMap<String, String>,
    /// Directories (relative to `dir`, `""` for `dir` itself) owned by the generator: any
    /// file there that is not in `files` is stale.
    pub owned_dirs: Vec<String>,
}

impl Target {
    /// The generated `files` as the target of `dir`, shown as `label`; what the generator
    /// owns there is what [`Files::owned_dirs`](crate::Files::owned_dirs) says.
    pub fn of_files(files: &crate::Files, dir: PathBuf, label: String) -> Self {
        Target {
            name: label.clone(),
            dir,
            label,
            owned_dirs: files.owned_dirs().iter().map(|d| (*d).to_owned()).collect(),
            files: files.iter().map(|(path, contents)| (path.to_owned(), contents.to_owned())).collect(),
        }
    }

    /// The path of `file` as shown in messages: `label/file`.
    pub fn display_path(&self, file: &str) -> String {
        if self.label.is_empty() || self.label == "." {
            file.to_owned()
        } else {
            format!("{}/{file}", self.label)
        }
    }
}

/// Why the tree could not be read or written: what, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl Error {
    pub(crate) fn io(action: &str, path: &Path, error: std::io::Error) -> Self {
        Error(format!("cannot {action} {}: {error}", path.display()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// How one file of the tree differs from its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    /// The file exists with other contents (kept here for the diff).
    Modified {
        /// What the tree holds now.
        committed: Vec<u8>,
    },
    /// The target has the file, the tree does not.
    Missing,
    /// The tree has the file inside an owned directory, the target does not.
    Stale,
}

/// One differing file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Path relative to the target's directory, `/`-separated.
    pub path: String,
    /// How it differs.
    pub state: FileState,
}

/// A target compared with the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// How many files the target has.
    pub files: usize,
    /// The differing files, sorted by path.
    pub changes: Vec<FileChange>,
}

impl Status {
    /// Whether the tree already matches the target.
    pub fn is_clean(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many files would be (or were) written: modified and missing ones.
    pub fn written(&self) -> usize {
        self.changes.iter().filter(|c| c.state != FileState::Stale).count()
    }

    /// How many stale files would be (or were) deleted.
    pub fn removed(&self) -> usize {
        self.changes.len() - self.written()
    }
}

/// Compares `target` with the tree, reading only.
pub fn compare(target: &Target) -> Result<Status, Error> {
    let mut changes = Vec::new();
    for (path, contents) in &target.files {
        check_relative(target, path)?;
        let full = target.dir.join(path);
        match fs::read(&full) {
            Ok(committed) if committed == contents.as_bytes() => {}
            Ok(committed) => changes.push(FileChange { path: path.clone(), state: FileState::Modified { committed } }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                changes.push(FileChange { path: path.clone(), state: FileState::Missing })
            }
            Err(e) => return Err(Error::io("read", &full, e)),
        }
    }
    for owned in &target.owned_dirs {
        for path in files_under(&target.dir, owned)? {
            if !target.files.contains_key(&path) {
                changes.push(FileChange { path, state: FileState::Stale });
            }
        }
    }
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    changes.dedup_by(|a, b| a.path == b.path);
    Ok(Status { files: target.files.len(), changes })
}

/// Makes the tree match `target`, given its [`Status`] from [`compare`]: writes modified and
/// missing files (creating directories), deletes stale ones and then the directories inside
/// owned directories that this left empty.
pub fn apply(target: &Target, status: &Status) -> Result<(), Error> {
    for change in &status.changes {
        check_relative(target, &change.path)?;
        let full = target.dir.join(&change.path);
        match change.state {
            FileState::Modified { .. } | FileState::Missing => {
                let contents = target
                    .files
                    .get(&change.path)
                    .ok_or_else(|| Error(format!("{}: not a file of the target", target.display_path(&change.path))))?;
                if let Some(parent) = full.parent() {
                    fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
                }
                fs::write(&full, contents).map_err(|e| Error::io("write", &full, e))?;
            }
            FileState::Stale => {
                fs::remove_file(&full).map_err(|e| Error::io("delete", &full, e))?;
            }
        }
    }
    if status.removed() > 0 {
        for owned in &target.owned_dirs {
            remove_empty_dirs(&target.dir.join(owned))?;
        }
    }
    Ok(())
}

/// Refuses paths that could leave the target's directory.
fn check_relative(target: &Target, path: &str) -> Result<(), Error> {
    let unsafe_path = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.split('/').any(|part| matches!(part, "" | "." | ".."));
    if unsafe_path {
        return Err(Error(format!("{}: refusing to write `{path}`, which is not a plain relative path", target.name)));
    }
    Ok(())
}

/// The files under `dir/owned`, as `/`-separated paths relative to `dir`, sorted.
/// A missing directory holds no files.
fn files_under(dir: &Path, owned: &str) -> Result<BTreeSet<String>, Error> {
    let mut files = BTreeSet::new();
    let mut pending: Vec<(PathBuf, String)> = vec![(dir.join(owned), owned.to_owned())];
    while let Some((current, prefix)) = pending.pop() {
        let entries = match fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io("list", &current, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| Error::io("list", &current, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
            let kind = entry.file_type().map_err(|e| Error::io("inspect", &entry.path(), e))?;
            if kind.is_dir() {
                pending.push((entry.path(), relative));
            } else {
                files.insert(relative);
            }
        }
    }
    Ok(files)
}

/// Deletes the empty directories below `dir` (not `dir` itself), deepest first.
fn remove_empty_dirs(dir: &Path) -> Result<(), Error> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io("list", dir, e)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("list", dir, e))?;
        let kind = entry.file_type().map_err(|e| Error::io("inspect", &entry.path(), e))?;
        if kind.is_dir() {
            let path = entry.path();
            remove_empty_dirs(&path)?;
            let is_empty = fs::read_dir(&path).map_err(|e| Error::io("list", &path, e))?.next().is_none();
            if is_empty {
                fs::remove_dir(&path).map_err(|e| Error::io("delete", &path, e))?;
            }
        }
    }
    Ok(())
}
