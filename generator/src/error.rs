use std::fmt;

/// Why a document could not be turned into a crate.
///
/// Every error names the place in the document it is about as a JSON pointer
/// (RFC 6901, `""` for the whole document), so a maintainer can find it at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// JSON pointer of the offending node, for example `/paths/~1manifest/get/responses/200`.
    pub pointer: String,
    /// What kind of problem it is.
    pub kind: ErrorKind,
    /// What is wrong, in words.
    pub message: String,
}

/// The kinds of [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The bytes are not JSON or YAML.
    Syntax,
    /// The document is JSON/YAML but not a valid OpenAPI document of a supported version.
    Invalid,
    /// A `$ref` points at nothing, or at something of the wrong kind.
    Reference,
    /// A valid construct the generator does not map (yet).
    Unsupported,
    /// The generator configuration is unusable.
    Config,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Error { pointer: pointer.into(), kind, message: message.into() }
    }
    pub(crate) fn unsupported(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Unsupported, pointer, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            ErrorKind::Syntax => "syntax error",
            ErrorKind::Invalid => "invalid document",
            ErrorKind::Reference => "bad reference",
            ErrorKind::Unsupported => "unsupported construct",
            ErrorKind::Config => "bad configuration",
        };
        let pointer = if self.pointer.is_empty() { "(document root)" } else { &self.pointer };
        write!(f, "{kind} at {pointer}: {}", self.message)
    }
}

impl std::error::Error for Error {}
