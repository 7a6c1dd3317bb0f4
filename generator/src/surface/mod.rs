//! The public API of a generated crate, as its users see it: the client's operations with
//! their parameters, bodies, responses and response headers, the named types with their
//! fields and values, the client-level settings. It is taken from the generator's model of a
//! document, never from generated text, so two of them can be compared
//! ([`Surface::changes`]) to say what a new version of the document changes for users.
//!
//! Everything is keyed by its Rust name: that is what users write, so a renamed wire name
//! behind an unchanged Rust name is a change of wire behaviour, not of the API.
//!
//! [`Surface::to_toml`] and [`Surface::from_toml`] keep one beside the crate
//! (`public-api.toml`), so the API of the crate as committed is known without the document
//! it was generated from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod changes;
mod from_model;
mod report;

pub use changes::{Change, ChangeKind, Impact};
pub use report::{Bump, Report};

/// Where a generated crate keeps its [`Surface`], relative to the crate root.
pub const SURFACE_FILE: &str = "public-api.toml";

/// The public API of a generated crate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(deny_unknown_fields)]
pub struct Surface {
    /// The document's `info.title`.
    pub title: String,
    /// The document's `info.version`.
    pub version: String,
    /// The name of the servers enum.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub servers_enum: String,
    /// Base URLs of the servers enum, by variant.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub servers: BTreeMap<String, String>,
    /// Values settable once on the client builder (header parameters every operation
    /// takes, credentials), by setter.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub client: BTreeMap<String, Setting>,
    /// Operations, by their method on `Client`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub operations: BTreeMap<String, OperationSurface>,
    /// Named types, by Rust name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub types: BTreeMap<String, TypeSurface>,
}

/// A value set once on the client builder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(deny_unknown_fields)]
pub struct Setting {
    /// What it is on the wire (`header x-project-uid`, `credential api_key in header X-Key`).
    pub wire: String,
    /// The Rust type the setter takes.
    pub ty: String,
}

/// One operation: a method on `Client` and its request builder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(deny_unknown_fields)]
pub struct OperationSurface {
    /// The document's `operationId` (or the name made from method and path).
    pub id: String,
    /// HTTP method and path template: `GET /manifest`.
    pub request: String,
    /// The builder struct's name.
    pub builder: String,
    /// The arguments of the client method, in order: the path parameters (`owner: String`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arguments: Vec<String>,
    /// The other parameters, by setter.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, ValueSurface>,
    /// The request body, when the operation takes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<BodySurface>,
    /// Response cases by status (`200`, `4XX`, `default`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub responses: BTreeMap<String, ResponseSurface>,
    /// What a successful `send` returns.
    pub success: String,
    /// What an error answer decodes to.
    pub error: String,
    /// Headers of the success responses with typed accessors, by accessor.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub response_headers: BTreeMap<String, ValueSurface>,
    /// The struct of those headers (`ResponseValue<_, H>`'s `H`), which operations with alike
    /// headers share; empty without declared headers (and in files written before it was).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub headers: String,
    /// The credentials the operation sends (setters on the client builder); alternatives are
    /// written `a + b | c`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub credentials: String,
}

/// The request body of an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(deny_unknown_fields)]
pub struct BodySurface {
    /// The media type the `body` setter sends.
    pub media_type: String,
    /// What the `body` setter takes.
    pub ty: String,
    /// Whether `send` fails without it.
    pub required: bool,
    /// The setters of the other media types, each with what it takes
    /// (`body_form` -> `application/x-www-form-urlencoded Order`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub alternatives: BTreeMap<String, String>,
}

/// One response case of an operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(deny_unknown_fields)]
pub struct ResponseSurface {
    /// Whether it is a successful answer (`Ok` of `send`) or an error.
    pub success: bool,
    /// What its body decodes to.
    pub payload: String,
    /// Its variant in the operation's response enum, when the operation has one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub variant: String,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// A named type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum TypeSurface {
    /// A struct with named fields.
    Struct {
        /// Fields by Rust name.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        fields: BTreeMap<String, ValueSurface>,
        /// The map field that keeps undeclared members, and its type; absent under
        /// `additionalProperties: false`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        additional: Option<String>,
        /// Made with `Default` rather than `new` with the required fields (a file written
        /// before this was recorded says so only of structs without required fields).
        #[serde(default, skip_serializing_if = "is_false")]
        default: bool,
    },
    /// An enum of string or integer values with an `Unknown` fallback.
    Enum {
        /// Wire values by variant.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        values: BTreeMap<String, String>,
    },
    /// A `oneOf`/`anyOf`: variants told apart by a tag property or by shape.
    Union {
        /// The tag property's wire name; empty when decoded by shape.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        tag: String,
        /// Variants by name.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        variants: BTreeMap<String, VariantSurface>,
    },
    /// `pub type Name = ...;`
    Alias {
        /// The aliased type.
        ty: String,
    },
    /// `pub struct Name(pub T);`
    Newtype {
        /// The wrapped type.
        ty: String,
    },
}

/// A value with a name on the wire: a parameter (a setter of its builder), a field of a
/// struct or of a union's variant, a response header (an accessor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(deny_unknown_fields)]
pub struct ValueSurface {
    /// Its name on the wire; for a parameter with its place: `query tags[]`, `header x-page-url`.
    pub wire: String,
    /// The Rust type of the value.
    pub ty: String,
    /// Whether it must be there: `send` fails without the parameter, the member must be
    /// present, every success answer carries the header.
    pub required: bool,
}

/// A variant of a union.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(deny_unknown_fields)]
pub struct VariantSurface {
    /// The tag's value for this variant; empty when decoded by shape.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tag_value: String,
    /// What the variant holds: a type (`Dog`, `Vec<String>`), or nothing when it has fields.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ty: String,
    /// Its named fields, for a variant written inline.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, ValueSurface>,
}

impl Surface {
    /// The surface as the text of `public-api.toml`, `header` (the `@generated` line, without
    /// its comment marker) first.
    pub fn to_toml(&self, header: &str) -> String {
        // Every value is a string, a bool or a table of them: nothing toml cannot write.
        let body = toml::to_string(self).unwrap_or_default();
        format!("# {header}\n# The public API of this crate: what a new version of the document is compared with.\n\n{body}")
    }

    /// Reads the text [`Surface::to_toml`] wrote.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        toml::from_str(text).map_err(|e| e.message().to_owned())
    }

    /// What changes for users of the crate going from `self` (the crate as released) to
    /// `new`, each change classified by its impact on their code.
    pub fn changes(&self, new: &Surface) -> Report {
        Report::new(changes::compare(self, new), (self.version.clone(), new.version.clone()))
    }
}

pub(crate) use from_model::surface;
