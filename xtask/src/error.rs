//! The one error type of the xtask, with the exit code each kind maps to.

use std::fmt;
use std::path::Path;

/// Why a command did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The command line is wrong: the usage text is shown and the exit code is 2.
    Usage(String),
    /// `--check` found committed files that differ from the regenerated ones.
    OutOfDate {
        /// One line: how many files differ, and how.
        summary: String,
        /// The unified diffs and the lists of missing and stale files, for the maintainer.
        details: String,
    },
    /// Anything else: a file that cannot be read or written, a failed download, a document
    /// the generator rejects. The message says what and where.
    Failed(String),
}

impl Error {
    /// The process exit code for this error: 2 for usage errors, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            Error::OutOfDate { .. } | Error::Failed(_) => 1,
        }
    }

    pub(crate) fn io(action: &str, path: &Path, error: std::io::Error) -> Self {
        Error::Failed(format!("cannot {action} {}: {error}", path.display()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) | Error::Failed(message) => f.write_str(message),
            Error::OutOfDate { summary, .. } => {
                write!(f, "{summary}; run `cargo xtask regenerate` and commit the result")
            }
        }
    }
}

impl std::error::Error for Error {}

impl From<generator::cli::Error> for Error {
    fn from(error: generator::cli::Error) -> Self {
        match error {
            generator::cli::Error::Usage(message) => Error::Usage(message),
            generator::cli::Error::OutOfDate(message) | generator::cli::Error::Failed(message) => {
                Error::Failed(message)
            }
        }
    }
}

impl From<generator::disk::Error> for Error {
    fn from(error: generator::disk::Error) -> Self {
        Error::Failed(error.to_string())
    }
}
