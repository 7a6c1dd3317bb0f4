//! Bytes -> `openapiv3::OpenAPI`: syntax (JSON or YAML), version, normalization, shape.
//!
//! OpenAPI 3.0.x and 3.1.x are read. The JSON tree is normalized before it is deserialized
//! (`openapiv3` reads the 3.0 shape): references the lowering cannot follow are made into
//! ones it can (`refs`; `path_refs` for references into `paths`), and a 3.1 document is
//! brought to the 3.0 shape (`v31`). Nodes that move are recorded (`moved`), so every error
//! still names the pointer of the document as written. The tree itself is read by `tree`.

use openapiv3::OpenAPI;
use serde_json::Value;

use crate::error::{Error, ErrorKind};

mod moved;
mod path_refs;
mod refs;
mod shape;
mod tree;
mod v31;
mod walk;

pub(crate) use moved::Moves;
use tree::Format;

/// A document ready to lower.
pub(crate) struct Loaded {
    pub document: OpenAPI,
    /// What the document has that the generated crate does not cover (for example 3.1
    /// `webhooks`); said in the crate's docs.
    pub notes: Vec<String>,
    /// Where normalization moved nodes: translates error pointers back to the document.
    pub moves: Moves,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V30,
    V31,
}

/// Parses a document, checks that it is OpenAPI 3.0.x or 3.1.x, and normalizes it.
pub(crate) fn load(bytes: &[u8]) -> Result<Loaded, Error> {
    let mut value = parse_tree(bytes)?;
    let version = check_version(&value)?;
    let mut moves = Moves::default();
    let mut notes = Vec::new();
    refs::hoist_deep_schema_refs(&mut value, &mut moves)?;
    refs::inline_path_item_refs(&mut value, &mut moves).map_err(|e| moves.restore(e))?;
    path_refs::inline_refs_into_paths(&mut value, &mut moves).map_err(|e| moves.restore(e))?;
    if version == Version::V31 {
        v31::normalize(&mut value, &mut moves, &mut notes);
    }
    let document = shape::deserialize(&value).map_err(|e| moves.restore(e))?;
    Ok(Loaded { document, notes, moves })
}

/// JSON when the first meaningful byte says so, YAML otherwise (YAML is a superset,
/// but serde_json gives better messages for JSON).
fn parse_tree(bytes: &[u8]) -> Result<Value, Error> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::new(ErrorKind::Syntax, "", format!("the document is not UTF-8: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = if text.trim_start().starts_with('{') { Format::Json } else { Format::Yaml };
    let value = tree::parse(text, format)?;
    if !value.is_object() {
        return Err(Error::new(ErrorKind::Invalid, "", "the document is not a JSON/YAML object"));
    }
    Ok(value)
}

fn check_version(value: &Value) -> Result<Version, Error> {
    if let Some(swagger) = value.get("swagger") {
        return Err(Error::new(
            ErrorKind::Unsupported,
            "/swagger",
            format!("Swagger {} documents are not supported; convert to OpenAPI 3.0 first", show(swagger)),
        ));
    }
    match value.get("openapi") {
        None => Err(Error::new(ErrorKind::Invalid, "/openapi", "missing `openapi` version field")),
        Some(Value::String(v)) if v.starts_with("3.0.") || v == "3.0" => Ok(Version::V30),
        Some(Value::String(v)) if v.starts_with("3.1.") || v == "3.1" => Ok(Version::V31),
        Some(v) => Err(Error::new(
            ErrorKind::Unsupported,
            "/openapi",
            format!("OpenAPI version {} is not supported (supported: 3.0.x and 3.1.x)", show(v)),
        )),
    }
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_swagger_and_unknown_versions_with_pointer() {
        let e = load(br#"{"swagger":"2.0","info":{}}"#).err().expect("Swagger 2.0 is rejected");
        assert_eq!(e.pointer, "/swagger");
        assert!(e.message.contains("Swagger 2.0"), "{e}");
        for version in ["4.0.0", "3.2.0", "2.0"] {
            let doc = format!("openapi: {version}\ninfo: {{title: t, version: v}}\npaths: {{}}\n");
            let e = load(doc.as_bytes()).err().expect("unknown version is rejected");
            assert_eq!((e.kind, e.pointer.as_str()), (ErrorKind::Unsupported, "/openapi"));
            assert!(e.message.contains(version), "{e}");
        }
        let e = load(b"openapi: 3\ninfo: {title: t, version: v}\n").err().expect("a number is rejected");
        assert!(e.message.contains("version 3 "), "{e}");
    }

    #[test]
    fn accepts_3_0_and_3_1_in_json_and_yaml() {
        for doc in [
            &b"openapi: 3.0.3\ninfo: {title: t, version: v}\npaths: {}\n"[..],
            b"openapi: 3.1.0\ninfo: {title: t, version: v, summary: s}\n",
            br#"{"openapi": "3.1.1", "info": {"title": "t", "version": "v", "license": {"name": "MIT", "identifier": "MIT"}}, "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base"}"#,
        ] {
            let loaded = load(doc).unwrap_or_else(|e| panic!("{e}"));
            assert!(loaded.document.paths.paths.is_empty());
            assert!(loaded.notes.is_empty());
        }
    }

    #[test]
    fn errors_after_normalization_name_the_node_as_written() {
        // The bad `minLength` of the hoisted `$defs` entry is reported where it is written.
        let doc = br##"{"openapi": "3.1.0", "info": {"title": "t", "version": "v"}, "components": {"schemas": {
            "A": {"properties": {"b": {"$ref": "#/components/schemas/A/$defs/B"}}, "$defs": {"B": {"type": "string", "minLength": "x"}}}
        }}}"##;
        let e = load(doc).err().expect("shape error");
        assert_eq!(e.pointer, "/components/schemas/A/$defs/B", "{e}");
    }

    #[test]
    fn webhooks_are_noted() {
        let doc = b"openapi: 3.1.0\ninfo: {title: t, version: v}\nwebhooks:\n  newPet:\n    post:\n      responses: {'200': {description: ok}}\n";
        let loaded = load(doc).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(loaded.notes.len(), 1);
        assert!(loaded.notes[0].starts_with("webhooks (`/webhooks`): `newPet`"), "{:?}", loaded.notes);
    }

    #[test]
    fn shape_errors_name_the_pointer() {
        let doc = b"openapi: 3.0.3\ninfo: {title: t, version: v}\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let e = load(doc).err().expect("rejected");
        assert_eq!(e.kind, ErrorKind::Invalid);
        assert_eq!(e.pointer, "/paths/~1a/get/responses", "{e}");
    }

    #[test]
    fn shape_errors_are_pinned_to_the_deepest_failing_node() {
        let doc = br#"{"openapi":"3.0.3","info":{"title":"t","version":"v"},"paths":{"/a":{"get":{
            "parameters":[{"name":"q","in":"query","schema":{"type":"string"}},{"name":"b","in":"body"}],
            "responses":{"200":{"description":"ok"}}}}},
            "components":{"schemas":{"A":{"type":"object","properties":{"b":{"type":"string","minLength":"x"}}}}}}"#;
        let e = load(doc).err().expect("rejected");
        assert_eq!(e.pointer, "/paths/~1a/get/parameters/1", "{e}");
        let doc = br#"{"openapi":"3.0.3","info":{"title":"t","version":"v"},"paths":{},
            "components":{"schemas":{"A":{"type":"object","properties":{"b":{"type":"string","minLength":"x"}}}}}}"#;
        let e = load(doc).err().expect("rejected");
        assert_eq!(e.pointer, "/components/schemas/A/properties/b", "{e}");
    }

    #[test]
    fn broken_yaml_is_a_syntax_error() {
        let e = load(b"openapi: 3.0.3\ninfo: [unclosed\n").err().expect("rejected");
        assert_eq!(e.kind, ErrorKind::Syntax);
        assert!(e.message.contains("YAML"), "{e}");
    }
}
