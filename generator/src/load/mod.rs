//! Bytes -> `openapiv3::OpenAPI`: syntax (JSON or YAML), version, shape.

use openapiv3::OpenAPI;
use serde_json::Value;

use crate::error::{Error, ErrorKind};

mod shape;

/// Parses a document and checks that it is OpenAPI 3.0.x.
pub(crate) fn load(bytes: &[u8]) -> Result<OpenAPI, Error> {
    let value = parse_tree(bytes)?;
    check_version(&value)?;
    shape::deserialize(&value)
}

/// JSON when the first meaningful byte says so, YAML otherwise (YAML is a superset,
/// but serde_json gives better messages for JSON).
fn parse_tree(bytes: &[u8]) -> Result<Value, Error> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::new(ErrorKind::Syntax, "", format!("the document is not UTF-8: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| Error::new(ErrorKind::Syntax, "", format!("invalid JSON: {e}")))?
    } else {
        serde_saphyr::from_str(text).map_err(|e| Error::new(ErrorKind::Syntax, "", format!("invalid YAML: {e}")))?
    };
    if !value.is_object() {
        return Err(Error::new(ErrorKind::Invalid, "", "the document is not a JSON/YAML object"));
    }
    Ok(value)
}

fn check_version(value: &Value) -> Result<(), Error> {
    if let Some(swagger) = value.get("swagger") {
        return Err(Error::new(
            ErrorKind::Unsupported,
            "/swagger",
            format!("Swagger {} documents are not supported; convert to OpenAPI 3.0 first", show(swagger)),
        ));
    }
    match value.get("openapi") {
        None => Err(Error::new(ErrorKind::Invalid, "/openapi", "missing `openapi` version field")),
        Some(Value::String(v)) if v.starts_with("3.0.") || v == "3.0" => Ok(()),
        Some(v) => Err(Error::new(
            ErrorKind::Unsupported,
            "/openapi",
            format!("OpenAPI version {} is not supported (supported: 3.0.x)", show(v)),
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
    fn rejects_swagger_and_31_with_pointer() {
        let e = load(br#"{"swagger":"2.0","info":{}}"#).unwrap_err();
        assert_eq!(e.pointer, "/swagger");
        assert!(e.message.contains("Swagger 2.0"), "{e}");
        let e = load(b"openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}\n").unwrap_err();
        assert_eq!(e.pointer, "/openapi");
        assert!(e.message.contains("3.1.0"), "{e}");
    }

    #[test]
    fn shape_errors_name_the_pointer() {
        let doc = b"openapi: 3.0.3\ninfo: {title: t, version: v}\npaths:\n  /a:\n    get:\n      responses: 7\n";
        let e = load(doc).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Invalid);
        assert_eq!(e.pointer, "/paths/~1a/get/responses", "{e}");
    }

    #[test]
    fn shape_errors_are_pinned_to_the_deepest_failing_node() {
        let doc = br#"{"openapi":"3.0.3","info":{"title":"t","version":"v"},"paths":{"/a":{"get":{
            "parameters":[{"name":"q","in":"query","schema":{"type":"string"}},{"name":"b","in":"body"}],
            "responses":{"200":{"description":"ok"}}}}},
            "components":{"schemas":{"A":{"type":"object","properties":{"b":{"type":"string","minLength":"x"}}}}}}"#;
        let e = load(doc).unwrap_err();
        assert_eq!(e.pointer, "/paths/~1a/get/parameters/1", "{e}");
        let doc = br#"{"openapi":"3.0.3","info":{"title":"t","version":"v"},"paths":{},
            "components":{"schemas":{"A":{"type":"object","properties":{"b":{"type":"string","minLength":"x"}}}}}}"#;
        let e = load(doc).unwrap_err();
        assert_eq!(e.pointer, "/components/schemas/A/properties/b", "{e}");
    }

    #[test]
    fn broken_yaml_is_a_syntax_error() {
        let e = load(b"openapi: 3.0.3\ninfo: [unclosed\n").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Syntax);
        assert!(e.message.contains("YAML"), "{e}");
    }
}
