//! Finding the corpus documents and naming their crates.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;

/// The extensions of the files that are documents; everything else (README, licences) is not.
pub const EXTENSIONS: &[&str] = &["json", "yaml", "yml"];

/// One document of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Path relative to the corpus directory, `/`-separated: how the document is named in the
    /// table and in the expected-rejections file.
    pub name: String,
    /// The file.
    pub path: PathBuf,
    /// The name of the generated crate and of its directory: `corpus-<slug>`.
    pub crate_name: String,
}

/// The documents under `corpus` (recursively), sorted by name, keeping those whose name contains
/// `only` when it is given. Their names start with `label` (`apis-guru/` for the second
/// folder of documents, nothing for the first). The crate names are unique: documents that
/// differ only in their extension (`a.json`, `a.yaml`) keep it in their crate name.
pub fn find(corpus: &Path, label: &str, only: Option<&str>) -> Result<Vec<Document>, Error> {
    let mut names = Vec::new();
    collect(corpus, "", &mut names)?;
    names.sort();
    let mut by_slug: BTreeMap<String, usize> = BTreeMap::new();
    for name in &names {
        *by_slug.entry(slug(strip_extension(name))).or_default() += 1;
    }
    let documents = names
        .into_iter()
        .filter(|name| only.is_none_or(|only| format!("{label}{name}").contains(only)))
        .map(|name| {
            let base = slug(strip_extension(&name));
            let slug = if by_slug[&base] > 1 { slug(&name) } else { base };
            let slug = if label.is_empty() { slug } else { format!("{}-{slug}", self::slug(label)) };
            Document { path: corpus.join(&name), crate_name: format!("corpus-{slug}"), name: format!("{label}{name}") }
        })
        .collect();
    Ok(documents)
}

fn collect(dir: &Path, prefix: &str, names: &mut Vec<String>) -> Result<(), Error> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io("list", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("list", dir, e))?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let name = if prefix.is_empty() { file_name.clone() } else { format!("{prefix}/{file_name}") };
        // `metadata` follows symbolic links, so a linked document or folder counts.
        let metadata = fs::metadata(entry.path()).map_err(|e| Error::io("inspect", &entry.path(), e))?;
        if metadata.is_dir() {
            collect(&entry.path(), &name, names)?;
        } else if is_document(&file_name) {
            names.push(name);
        }
    }
    Ok(())
}

fn is_document(file_name: &str) -> bool {
    file_name.rsplit_once('.').is_some_and(|(stem, extension)| {
        !stem.is_empty() && EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str())
    })
}

fn strip_extension(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Lower-case ASCII letters and digits, every other run of characters one `-`.
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("document");
    }
    slug
}
