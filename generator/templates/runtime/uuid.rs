//! `uuid` strings as `uuid::Uuid` values (`[formats]` of `codegen.toml`): [`Uuid`], read
//! strictly as 8-4-4-4-12 hexadecimal digits and written hyphenated and lowercase by
//! `formats.rs` (uuid's own parsing also takes braces, URNs and no hyphens, and this needs
//! none of its features). It converts from and into `uuid::Uuid` and derefs to it.

use ::std::fmt;

use super::formats::{self, ParseError};

/// A UUID (`67e55044-10b1-426f-9247-bb680e5fe0c8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Uuid(pub ::uuid::Uuid);

impl Uuid {
    /// The uuid value.
    pub fn into_inner(self) -> ::uuid::Uuid {
        self.0
    }
}

impl From<::uuid::Uuid> for Uuid {
    fn from(value: ::uuid::Uuid) -> Self {
        Self(value)
    }
}

impl From<Uuid> for ::uuid::Uuid {
    fn from(value: Uuid) -> Self {
        value.0
    }
}

impl ::std::ops::Deref for Uuid {
    type Target = ::uuid::Uuid;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl fmt::Display for Uuid {
    /// Hyphenated and lowercase.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        formats::write_uuid(f, self.0.as_bytes())
    }
}

impl ::std::str::FromStr for Uuid {
    type Err = ParseError;
    /// Reads 8-4-4-4-12 hexadecimal digits, of either case.
    fn from_str(text: &str) -> Result<Self, ParseError> {
        formats::parse_uuid(text).map(|bytes| Self(::uuid::Uuid::from_bytes(bytes)))
    }
}

impl ::serde::Serialize for Uuid {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> ::serde::Deserialize<'de> for Uuid {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        formats::deserialize_str(deserializer)
    }
}
