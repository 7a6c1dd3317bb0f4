//! `cargo xtask generate --spec FILE --out DIR --name CRATE [--config CODEGEN_TOML]`:
//! a client crate for any document, written to any directory.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use generator::Config;

use crate::sync::{self, FileState, Status};
use crate::targets::Target;
use crate::Error;

/// The options of `generate`. Relative paths are relative to the current directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The document; when absent, the `spec` of the `config` file (relative to that file).
    pub spec: Option<PathBuf>,
    /// The directory to write the crate to (created when missing).
    pub out: PathBuf,
    /// The crate name; overrides the `crate` of the `config` file.
    pub name: Option<String>,
    /// A `codegen.toml` to read the configuration from.
    pub config: Option<PathBuf>,
}

/// What `generate` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The output directory, as given.
    pub out: PathBuf,
    /// The files generated, with what was done to the tree.
    pub status: Status,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.status.changes {
            let path = self.out.join(&change.path);
            match change.state {
                FileState::Modified { .. } | FileState::Missing => {
                    writeln!(f, "wrote {}", path.display())?;
                }
                FileState::Stale => writeln!(f, "removed stale {}", path.display())?,
            }
        }
        writeln!(
            f,
            "{}: {} files, {} written, {} unchanged",
            self.out.display(),
            self.status.files,
            self.status.written(),
            self.status.files - self.status.written()
        )
    }
}

/// Generates a crate from `options.spec` into `options.out`.
///
/// Like `regenerate`, only changed files are written, and stale files inside the
/// generator's own directories (`src/generated/`) are deleted.
pub fn generate(options: &Options) -> Result<Report, Error> {
    let (config, spec) = config_and_spec(options)?;
    let document = fs::read(&spec).map_err(|e| Error::io("read", &spec, e))?;
    let files = generator::generate(&document, &config)
        .map_err(|e| Error::Failed(format!("cannot generate from {}: {e}", spec.display())))?;
    let target = Target {
        name: options.out.display().to_string(),
        dir: options.out.clone(),
        label: options.out.to_string_lossy().replace('\\', "/"),
        owned_dirs: files.owned_dirs().iter().map(|d| (*d).to_owned()).collect(),
        files: files.iter().map(|(path, contents)| (path.to_owned(), contents.to_owned())).collect(),
    };
    fs::create_dir_all(&options.out).map_err(|e| Error::io("create", &options.out, e))?;
    let status = sync::compare(&target)?;
    sync::apply(&target, &status)?;
    Ok(Report { out: options.out.clone(), status })
}

fn config_and_spec(options: &Options) -> Result<(Config, PathBuf), Error> {
    let Some(config_path) = &options.config else {
        let (Some(name), Some(spec)) = (&options.name, &options.spec) else {
            return Err(Error::Usage(
                "`generate` needs `--spec FILE` and `--name CRATE` when no `--config` is given".to_owned(),
            ));
        };
        return Ok((Config::new(name.clone()), spec.clone()));
    };
    let text = fs::read_to_string(config_path).map_err(|e| Error::io("read", config_path, e))?;
    let mut config = Config::from_toml(&text).map_err(|e| Error::Failed(format!("{}: {e}", config_path.display())))?;
    if let Some(name) = &options.name {
        config.crate_name = name.clone();
    }
    let spec = match (&options.spec, &config.spec) {
        (Some(spec), _) => spec.clone(),
        (None, Some(spec)) => config_path.parent().unwrap_or(Path::new("")).join(spec),
        (None, None) => {
            return Err(Error::Usage(format!(
                "`generate` needs `--spec FILE`: {} names no `spec`",
                config_path.display()
            )))
        }
    };
    Ok((config, spec))
}
