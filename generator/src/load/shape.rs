//! JSON tree -> `openapiv3::OpenAPI`, with shape errors pinned to the deepest node.
//!
//! `openapiv3` flattens extension maps into most structs, and serde loses track of the
//! path inside a flattened struct, so an error deep in an operation is first reported at
//! `/paths`. This module then deserializes the children of the reported node one by one, each
//! as the type that lives there, and descends into the one that fails, until the failing node
//! has no typed child left: that node's pointer is the one reported.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, ErrorKind};
use crate::pointer;

/// The OpenAPI object types a node can be, as far as narrowing needs to know them.
#[derive(Clone, Copy)]
enum Kind {
    Document,
    Paths,
    PathItem,
    Operation,
    Parameters,
    Parameter,
    RequestBody,
    Responses,
    Response,
    Content,
    MediaType,
    Headers,
    Header,
    Components,
    /// A map of reusable components of one kind (`components/parameters`, ...).
    Section(Section),
    Schema,
    SchemaList,
    SchemaMap,
    Servers,
    Server,
}

#[derive(Clone, Copy)]
enum Section {
    Parameters,
    Responses,
    RequestBodies,
    Headers,
}

pub(super) fn deserialize(value: &Value) -> Result<openapiv3::OpenAPI, Error> {
    match typed_value::<openapiv3::OpenAPI>(value) {
        Ok(document) => Ok(document),
        Err((path, message)) => {
            let (pointer, message) = narrow(value, Kind::Document, String::new(), &path, message);
            Err(Error::new(ErrorKind::Invalid, pointer, message))
        }
    }
}

/// Deserializes `value` as `T`; on failure, the path serde reached and the message.
fn typed<T: DeserializeOwned>(value: &Value) -> Result<(), (String, String)> {
    typed_value::<T>(value).map(|_| ())
}

fn typed_value<T: DeserializeOwned>(value: &Value) -> Result<T, (String, String)> {
    let mut track = serde_path_to_error::Track::new();
    let deserializer = serde_path_to_error::Deserializer::new(value, &mut track);
    T::deserialize(deserializer).map_err(|e: serde_json::Error| (path_to_pointer(&track.path()), e.to_string()))
}

fn check(kind: Kind, value: &Value) -> Result<(), (String, String)> {
    use indexmap::IndexMap;
    use openapiv3::*;
    match kind {
        Kind::Document => typed::<OpenAPI>(value),
        Kind::Paths => typed::<Paths>(value),
        Kind::PathItem => typed::<ReferenceOr<PathItem>>(value),
        Kind::Operation => typed::<Operation>(value),
        Kind::Parameters => typed::<Vec<ReferenceOr<Parameter>>>(value),
        Kind::Parameter => typed::<ReferenceOr<Parameter>>(value),
        Kind::RequestBody => typed::<ReferenceOr<RequestBody>>(value),
        Kind::Responses => typed::<Responses>(value),
        Kind::Response => typed::<ReferenceOr<Response>>(value),
        Kind::Content => typed::<IndexMap<String, MediaType>>(value),
        Kind::MediaType => typed::<MediaType>(value),
        Kind::Headers | Kind::Section(Section::Headers) => typed::<IndexMap<String, ReferenceOr<Header>>>(value),
        Kind::Header => typed::<ReferenceOr<Header>>(value),
        Kind::Components => typed::<Components>(value),
        Kind::Schema => typed::<ReferenceOr<Schema>>(value),
        Kind::Section(Section::Parameters) => typed::<IndexMap<String, ReferenceOr<Parameter>>>(value),
        Kind::Section(Section::Responses) => typed::<IndexMap<String, ReferenceOr<Response>>>(value),
        Kind::Section(Section::RequestBodies) => typed::<IndexMap<String, ReferenceOr<RequestBody>>>(value),
        Kind::SchemaList => typed::<Vec<ReferenceOr<Schema>>>(value),
        Kind::SchemaMap => typed::<IndexMap<String, ReferenceOr<Schema>>>(value),
        Kind::Servers => typed::<Vec<Server>>(value),
        Kind::Server => typed::<Server>(value),
    }
}

/// The kind of the child `key` of a node of kind `parent`, where narrowing can go on.
fn child(parent: Kind, key: &str) -> Option<Kind> {
    const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    Some(match (parent, key) {
        (Kind::Document, "paths") => Kind::Paths,
        (Kind::Document, "components") => Kind::Components,
        (Kind::Document, "servers") | (Kind::PathItem | Kind::Operation, "servers") => Kind::Servers,
        (Kind::Servers, _) => Kind::Server,
        (Kind::Paths, k) if k.starts_with('/') => Kind::PathItem,
        (Kind::PathItem, k) if METHODS.contains(&k) => Kind::Operation,
        (Kind::PathItem | Kind::Operation, "parameters") => Kind::Parameters,
        (Kind::Parameters, _) => Kind::Parameter,
        (Kind::Operation, "requestBody") => Kind::RequestBody,
        (Kind::Operation, "responses") => Kind::Responses,
        (Kind::Responses, k) if !k.starts_with("x-") => Kind::Response,
        (Kind::RequestBody | Kind::Response | Kind::Parameter | Kind::Header, "content") => Kind::Content,
        (Kind::Content, _) => Kind::MediaType,
        (Kind::MediaType | Kind::Parameter | Kind::Header, "schema") => Kind::Schema,
        (Kind::Response, "headers") => Kind::Headers,
        (Kind::Headers, _) => Kind::Header,
        (Kind::Components, "schemas") => Kind::SchemaMap,
        (Kind::Components, "parameters") => Kind::Section(Section::Parameters),
        (Kind::Components, "responses") => Kind::Section(Section::Responses),
        (Kind::Components, "requestBodies") => Kind::Section(Section::RequestBodies),
        (Kind::Components, "headers") => Kind::Section(Section::Headers),
        (Kind::Section(Section::Parameters), _) => Kind::Parameter,
        (Kind::Section(Section::Responses), _) => Kind::Response,
        (Kind::Section(Section::RequestBodies), _) => Kind::RequestBody,
        (Kind::Section(Section::Headers), _) => Kind::Header,
        (Kind::SchemaMap, _) => Kind::Schema,
        (Kind::Schema, "properties") => Kind::SchemaMap,
        (Kind::Schema, "items" | "additionalProperties" | "not") => Kind::Schema,
        (Kind::Schema, "allOf" | "oneOf" | "anyOf") => Kind::SchemaList,
        (Kind::SchemaList, _) => Kind::Schema,
        _ => return None,
    })
}

/// Descends from the node at `at` (of kind `kind`) to the deepest child that fails alone.
fn narrow(root: &Value, kind: Kind, at: String, serde_path: &str, message: String) -> (String, String) {
    let node = match root.pointer(&at) {
        Some(node) => node,
        None => return (at, message),
    };
    let children: Vec<(String, &Value)> = match node {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect(),
        _ => Vec::new(),
    };
    for (key, value) in children {
        let Some(child_kind) = child(kind, &key) else { continue };
        if let Err((path, child_message)) = check(child_kind, value) {
            let child_at = pointer::join(&at, &[&key]);
            let reached = format!("{child_at}{path}");
            return narrow(root, child_kind, child_at, &reached, child_message);
        }
    }
    // No typed child fails on its own: serde's own path (relative to the document) is the
    // best we know, when it is deeper than this node.
    if serde_path.len() > at.len() && serde_path.starts_with(&at) {
        (serde_path.to_owned(), message)
    } else {
        (at, message)
    }
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out.push_str(&format!("/{}", pointer::escape(key))),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}
