//! What to generate, and nothing of how: the result of lowering a document.
//!
//! Names here are final Rust names (unique in their scope); wire names are kept beside them.

use std::collections::BTreeMap;

/// The whole API.
#[derive(Debug, Clone)]
pub(crate) struct Api {
    pub title: String,
    pub version: String,
    pub docs: Docs,
    pub servers: Vec<Server>,
    /// Name of the enum of `servers`.
    pub servers_enum: String,
    /// Named types by Rust name (sorted, so output order is stable).
    pub types: BTreeMap<String, TypeDef>,
    /// Operations in document order (paths, then methods in `get put post delete options
    /// head patch trace` order).
    pub operations: Vec<Operation>,
    /// Header parameters every operation takes: settable once on the client.
    pub client_headers: Vec<ClientHeader>,
    /// What the generated crate does not cover, said in its docs (for example `callbacks`).
    pub skipped: Vec<String>,
}

/// Documentation text taken from the document (summary, description, title).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Docs {
    pub text: String,
    pub deprecated: bool,
}

impl Docs {
    pub(crate) fn new(parts: &[Option<&str>], fallback: impl FnOnce() -> String) -> Self {
        let text: Vec<&str> = parts.iter().flatten().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
        let mut unique: Vec<&str> = Vec::new();
        for t in text {
            if !unique.contains(&t) {
                unique.push(t);
            }
        }
        let text = if unique.is_empty() { fallback() } else { unique.join("\n\n") };
        Docs { text, deprecated: false }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Server {
    pub variant: String,
    pub url: String,
    pub docs: Docs,
}

/// A type expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum TypeRef {
    String,
    Bool,
    I32,
    I64,
    U32,
    U64,
    F32,
    F64,
    /// Any JSON value.
    Json,
    /// A JSON object with any members.
    JsonObject,
    Named(String),
    Vec(Box<TypeRef>),
    /// String keys to values.
    Map(Box<TypeRef>),
    /// `null` allowed.
    Option(Box<TypeRef>),
    /// Indirection that breaks a recursive type.
    Box(Box<TypeRef>),
}

impl TypeRef {
    pub(crate) fn option(self) -> TypeRef {
        match self {
            TypeRef::Option(_) => self,
            other => TypeRef::Option(Box::new(other)),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct TypeDef {
    pub name: String,
    pub docs: Docs,
    pub kind: TypeKind,
}

#[derive(Debug, Clone)]
pub(crate) enum TypeKind {
    Struct(Struct),
    /// String enum with an `Unknown(String)` fallback.
    StringEnum {
        variants: Vec<EnumValue>,
        unknown: String,
    },
    /// `oneOf` with a discriminator: an internally tagged enum.
    Tagged {
        tag: String,
        variants: Vec<TaggedVariant>,
    },
    /// `pub type Name = ...;`
    Alias(TypeRef),
}

#[derive(Debug, Clone)]
pub(crate) struct Struct {
    pub fields: Vec<Field>,
    /// `additionalProperties` next to declared properties, flattened into a map field.
    pub additional: Option<(String, TypeRef)>,
}

#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub name: String,
    pub wire: String,
    pub docs: Docs,
    /// The value's type; `Option` when the document allows `null`.
    pub ty: TypeRef,
    pub required: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct EnumValue {
    pub name: String,
    pub value: String,
    pub docs: Docs,
}

#[derive(Debug, Clone)]
pub(crate) struct TaggedVariant {
    pub name: String,
    pub tag_value: String,
    pub docs: Docs,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub(crate) const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
            Method::Trace => "trace",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Operation {
    /// The wire `operationId` (or the name made from method and path).
    pub id: String,
    /// Method on `Client` (snake case).
    pub method_name: String,
    /// Builder struct (upper camel case).
    pub builder_name: String,
    pub method: Method,
    pub path: Vec<PathPart>,
    /// The path template as written, for docs.
    pub path_template: String,
    pub docs: Docs,
    /// Parameters: path (in template order), query, header.
    pub params: Vec<Param>,
    pub body: Option<RequestBody>,
    pub responses: Vec<ResponseCase>,
    pub success: Payload,
    pub error: Payload,
    /// Headers of the success responses with typed accessors: (struct name, headers).
    pub response_headers: Option<(String, Vec<ResponseHeader>)>,
}

#[derive(Debug, Clone)]
pub(crate) enum PathPart {
    Literal(String),
    /// Index into `Operation::params`.
    Param(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone)]
pub(crate) struct Param {
    pub wire: String,
    pub name: String,
    pub location: Location,
    pub docs: Docs,
    pub ty: TypeRef,
    pub required: bool,
    pub encoding: ParamEncoding,
    pub checks: Checks,
    /// Also settable once on the client (see `Api::client_headers`).
    pub client_level: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParamEncoding {
    /// Scalars as text; arrays repeated (`explode`) or comma-joined.
    Plain { explode: bool },
    /// The value as JSON text (`content: application/json`).
    Json,
}

/// Constraints checked before a request is sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Checks {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub min_items: Option<usize>,
    pub max_items: Option<usize>,
    pub minimum: Option<(f64, bool)>,
    pub maximum: Option<(f64, bool)>,
}

#[derive(Debug, Clone)]
pub(crate) struct ClientHeader {
    pub wire: String,
    pub name: String,
    pub docs: Docs,
    pub ty: TypeRef,
}

#[derive(Debug, Clone)]
pub(crate) struct RequestBody {
    pub media_type: String,
    pub kind: BodyKind,
    pub required: bool,
    pub docs: Docs,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum BodyKind {
    Json(TypeRef),
    Text,
    Bytes,
}

/// What a response body decodes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Payload {
    Json(TypeRef),
    Text,
    Bytes,
    Empty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum StatusMatch {
    Exact(u16),
    /// `2XX` -> 2.
    Range(u16),
    Default,
}

#[derive(Debug, Clone)]
pub(crate) struct ResponseCase {
    pub status: StatusMatch,
    pub success: bool,
    pub payload: Payload,
}

#[derive(Debug, Clone)]
pub(crate) struct ResponseHeader {
    pub wire: String,
    pub name: String,
    pub docs: Docs,
    pub ty: TypeRef,
    pub required: bool,
}
