//! What to generate, and nothing of how: the result of lowering a document.
//!
//! Names here are final Rust names (unique in their scope); wire names are kept beside them.

use std::collections::BTreeMap;

mod constructors;
mod types;
mod walk;

pub(crate) use types::*;

/// The whole API.
#[derive(Debug, Clone)]
pub(crate) struct Api {
    pub title: String,
    pub version: String,
    pub docs: Docs,
    pub servers: Vec<Server>,
    /// Name of the enum of `servers`.
    pub servers_enum: String,
    /// Path of the document's relative server (`/api/v3`) when it names no absolute one: a
    /// base URL given without a path gets it appended.
    pub relative_server: Option<String>,
    /// Named types by Rust name (sorted, so output order is stable).
    pub types: BTreeMap<String, TypeDef>,
    /// Operations in document order (paths, then methods in `get put post delete options
    /// head patch trace` order).
    pub operations: Vec<Operation>,
    /// Header parameters every operation takes: settable once on the client.
    pub client_headers: Vec<ClientHeader>,
    /// What the generated crate does not cover, said in its docs (for example `callbacks`).
    pub skipped: Vec<String>,
    /// The document's security schemes, as credentials the client builder takes.
    pub security_schemes: Vec<SecurityScheme>,
    /// The examples of JSON response bodies, each with the type its body decodes to.
    pub response_examples: Vec<ResponseExample>,
    /// The named types that have limits to check, themselves or inside them, and that a
    /// request can send: only they implement `runtime::Validate`. Worked out once, on first use, by
    /// `emit::types::validate::needs_check`.
    pub checked: std::sync::OnceLock<std::collections::BTreeSet<String>>,
    /// The structs made with `Default` rather than `new`: worked out once, on first use, by
    /// [`Api::default_structs`].
    pub default_structs: std::sync::OnceLock<std::collections::BTreeSet<String>>,
    /// Crates the types of `x-rust-type` come from: name to version requirement, added to
    /// the crate's `[dependencies]`.
    pub dependencies: BTreeMap<String, String>,
    /// The configuration's derives each named type gets, beyond the ones of its kind
    /// (paths as generated code writes them), by type name.
    pub derives: BTreeMap<String, Vec<String>>,
    /// Which of the configuration's derives are left off which types, for the crate docs.
    pub derive_notes: Vec<String>,
}

impl Api {
    /// The structs of typed response headers, each once, in the order the operations first
    /// name them, with the operations whose successes they are: operations whose headers
    /// are alike share one (see `lower/shared_headers.rs`).
    pub(crate) fn response_header_structs(&self) -> Vec<(&str, &[ResponseHeader], Vec<&Operation>)> {
        let mut structs: Vec<(&str, &[ResponseHeader], Vec<&Operation>)> = Vec::new();
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for op in &self.operations {
            let Some((name, headers)) = &op.response_headers else { continue };
            match index.get(name.as_str()) {
                Some(&at) => structs[at].2.push(op),
                None => {
                    index.insert(name, structs.len());
                    structs.push((name, headers, vec![op]));
                }
            }
        }
        structs
    }

    /// Whether a value anywhere is checked against a `pattern`, so the crate needs the
    /// runtime's `pattern.rs` and its regex engine.
    pub fn checks_patterns(&self) -> bool {
        let field = |f: &Field| f.checks.pattern.is_some() || f.item_checks.pattern.is_some();
        let in_types = self.types.values().any(|def| match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().any(field),
            TypeKind::Tagged { variants, .. } => variants.iter().any(|v| v.fields.iter().any(field)),
            _ => false,
        });
        let in_operation = |op: &Operation| {
            op.params.iter().any(|p| p.checks.pattern.is_some())
                || op
                    .body
                    .iter()
                    .flat_map(RequestBody::multipart_structs)
                    .any(|s| s.fields.iter().any(|f| f.checks.pattern.is_some() || f.item_checks.pattern.is_some()))
        };
        in_types || self.operations.iter().any(in_operation)
    }
}

/// A security scheme: a credential set once on the client, sent by the operations that
/// require it.
#[derive(Debug, Clone)]
pub(crate) struct SecurityScheme {
    /// The scheme's name in the document (`components/securitySchemes`).
    pub key: String,
    /// Setter on `ClientBuilder` and field of `Client` (snake case).
    pub name: String,
    pub docs: Docs,
    pub kind: SchemeKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SchemeKind {
    /// `type: apiKey`: a header (`location` Header), query parameter or cookie named `wire`.
    ApiKey { location: Location, wire: String },
    /// `type: http, scheme: basic`.
    Basic,
    /// `type: http, scheme: bearer`, `oauth2` and `openIdConnect`: `Authorization: Bearer`.
    Bearer,
    /// Any other `type: http` scheme: the caller gives the whole `Authorization` value.
    Authorization,
}

/// Documentation text taken from the document (summary, description, title).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
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
    /// Indices into `params` of the path template's parameters, in its order (one may
    /// appear twice).
    pub path_params: Vec<usize>,
    /// The path template as written, for docs.
    pub path_template: String,
    /// The operation's first tag: its cargo feature under `tag-features`.
    pub tag: Option<String>,
    pub docs: Docs,
    /// Parameters: path (in template order), query, header.
    pub params: Vec<Param>,
    pub body: Option<RequestBody>,
    pub responses: Vec<ResponseCase>,
    pub success: Payload,
    pub error: Payload,
    /// Headers of the success responses with typed accessors: (struct name, headers).
    pub response_headers: Option<(String, Vec<ResponseHeader>)>,
    /// Alternatives of security requirements (any one will do), each the indices of the
    /// `Api::security_schemes` it needs together; an empty alternative makes credentials
    /// optional. Empty: the operation needs no credentials.
    pub security: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    Path,
    Query,
    Header,
    Cookie,
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

impl Param {
    /// Whether the parameter is an argument of the client method rather than a setter of
    /// the request builder: path parameters, which name the resource and are always
    /// required, so a request without them cannot be written.
    pub fn positional(&self) -> bool {
        self.location == Location::Path
    }

    /// Whether the document describes the parameter (its docs are more than the
    /// placeholder lowering writes, "The `name` parameter.").
    pub fn described(&self) -> bool {
        !self.docs.text.is_empty() && self.docs.text != format!("The `{}` parameter.", self.wire)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParamEncoding {
    /// Scalars as text; arrays repeated (`explode`) or comma-joined.
    Plain { explode: bool },
    /// The value as JSON text (`content: application/json`).
    Json,
    /// Any value, as JSON data laid out by the runtime in an OpenAPI `style`: objects,
    /// arrays of non-scalars, and the styles other than `form` (query, cookie) and
    /// `simple` (path, header).
    Styled { style: ParamStyle, explode: bool },
}

/// The OpenAPI `style` of a parameter or of a form field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParamStyle {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
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
    /// A `pattern` the client checks: one `regex-lite` reads (see `lower::pattern`).
    pub pattern: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct ClientHeader {
    pub wire: String,
    pub name: String,
    pub docs: Docs,
    pub ty: TypeRef,
    /// The parameter's limits (the same in every operation), checked by `build`.
    pub checks: Checks,
}

#[derive(Debug, Clone)]
pub(crate) struct RequestBody {
    /// The preferred media type, sent by the `body` setter.
    pub media_type: String,
    pub kind: BodyKind,
    pub required: bool,
    pub docs: Docs,
    /// The other media types the operation accepts, each with a setter of its own.
    pub alternatives: Vec<BodyAlternative>,
}

impl RequestBody {
    /// The structs of its `multipart/form-data` media types with files.
    pub(crate) fn multipart_structs(&self) -> impl Iterator<Item = &MultipartStruct> {
        std::iter::once(&self.kind).chain(self.alternatives.iter().map(|a| &a.kind)).filter_map(|kind| match kind {
            BodyKind::Multipart(MultipartBody::Files(s)) => Some(s),
            _ => None,
        })
    }
}

/// A media type of a request body other than the preferred one.
#[derive(Debug, Clone)]
pub(crate) struct BodyAlternative {
    /// The builder's setter (`body_form`, `body_xml`, ...).
    pub setter: String,
    pub media_type: String,
    pub kind: BodyKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum BodyKind {
    Json(TypeRef),
    Text,
    Bytes,
    /// `application/x-www-form-urlencoded`: the members of the value as fields; `fields`
    /// holds the document's `encoding` of the fields that differ from the default.
    Form {
        ty: TypeRef,
        fields: Vec<FieldEncoding>,
    },
    /// `multipart/form-data`.
    Multipart(MultipartBody),
}

/// The `encoding` of one field of a form body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldEncoding {
    pub wire: String,
    pub style: ParamStyle,
    pub explode: bool,
    /// Sent as JSON text (`contentType: application/json`).
    pub json: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum MultipartBody {
    /// A value whose members become parts; the members named in `json` are JSON parts.
    Value { ty: TypeRef, json: Vec<String> },
    /// An object with file (`format: binary`) properties: a struct of its own, emitted in
    /// the builder module, with `FilePart` fields for the files.
    Files(MultipartStruct),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MultipartStruct {
    pub name: String,
    pub docs: Docs,
    pub fields: Vec<MultipartField>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MultipartField {
    pub name: String,
    pub wire: String,
    pub docs: Docs,
    pub required: bool,
    pub kind: PartKind,
    /// Limits of a value part (as [`Field::checks`]); none for files.
    pub checks: Checks,
    /// Limits of each item of a value part that is an array.
    pub item_checks: Checks,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PartKind {
    /// A value sent as text parts (JSON for objects, or when `json`).
    Value { ty: TypeRef, json: bool },
    /// One file; `content_type` is the document's media type for it.
    File { content_type: String },
    /// An array of files.
    Files { content_type: String },
}

/// What a response body decodes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Payload {
    Json(TypeRef),
    Text,
    Bytes,
    Empty,
    /// The operation's own enum (in the builder module), a variant per response case.
    Enum(String),
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
    /// The body of the preferred media type.
    pub payload: Payload,
    /// Its variant in the operation's enum, when the operation has one.
    pub variant: String,
    pub docs: Docs,
    /// When the response declares media types with different bodies: all of them, each
    /// with its variant, chosen by the answer's `Content-Type`. Empty otherwise.
    pub media: Vec<MediaCase>,
}

#[derive(Debug, Clone)]
pub(crate) struct MediaCase {
    pub media_type: String,
    pub payload: Payload,
    pub variant: String,
}

/// An example a document gives of a JSON response body (`example`, or the `value` of one
/// of its `examples`).
#[derive(Debug, Clone)]
pub(crate) struct ResponseExample {
    /// Where the example is written.
    pub pointer: String,
    /// The type the body decodes to.
    pub ty: TypeRef,
    pub value: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ResponseHeader {
    pub wire: String,
    pub name: String,
    pub docs: Docs,
    pub ty: TypeRef,
    pub required: bool,
}
