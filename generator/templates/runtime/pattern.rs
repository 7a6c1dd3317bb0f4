//! The `pattern` of a string, checked before the value is sent.
//!
//! Only crates whose document has patterns carry this file (and the `regex-lite` dependency).
//! The generator admits a pattern only when `regex-lite` reads it, so the syntax both agree
//! on is what gets checked; like ECMA-262 (and JSON Schema), a pattern matches anywhere in
//! the value unless it is anchored with `^` and `$`.

use ::std::fmt;
use ::std::sync::OnceLock;

use super::error::InvalidRequest;

/// A pattern of the document, compiled the first time a value is checked against it.
#[doc(hidden)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<::std::result::Result<::regex_lite::Regex, ::std::string::String>>,
}

impl Pattern {
    /// The pattern written `source` in the document.
    pub const fn new(source: &'static str) -> Self {
        Self { source, compiled: OnceLock::new() }
    }

    /// The pattern as the document writes it.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Checks that `value`, the value of `name`, matches.
    ///
    /// # Errors
    ///
    /// When it does not, or when the pattern cannot be compiled (which the generator rules
    /// out, but a value is never let through unchecked).
    pub fn check(&self, name: &dyn fmt::Display, value: &str) -> ::std::result::Result<(), InvalidRequest> {
        let compiled = self.compiled.get_or_init(|| ::regex_lite::Regex::new(self.source).map_err(|e| e.to_string()));
        match compiled {
            ::std::result::Result::Ok(regex) if regex.is_match(value) => ::std::result::Result::Ok(()),
            ::std::result::Result::Ok(_) => ::std::result::Result::Err(InvalidRequest::new(
                name.to_string(),
                format!("{value:?} does not match the pattern `{}`", self.source),
            )),
            ::std::result::Result::Err(error) => ::std::result::Result::Err(InvalidRequest::new(
                name.to_string(),
                format!("the pattern `{}` cannot be checked: {error}", self.source),
            )),
        }
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}
