//! Where the schemas of an OpenAPI 3.x document are, found in its JSON tree.
//!
//! Only the places the specification gives a schema are visited, so a property called
//! `const`, an `examples` map of a parameter or an example value that happens to hold a
//! `$ref` key are never taken for schema keywords.

use serde_json::Value;

use crate::pointer;

pub(super) const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Pointers of the schemas held by objects that are not schemas (component schemas,
/// parameter and header schemas, media type schemas), in document order. Schemas inside
/// schemas are not listed: see [`subschemas`].
pub(super) fn schema_roots(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for (section, kind) in [("paths", Kind::PathItem), ("webhooks", Kind::PathItem)] {
        each_entry(doc, &format!("/{section}"), kind, &mut out);
    }
    for (section, kind) in [
        ("schemas", Kind::Schema),
        ("parameters", Kind::Parameter),
        ("headers", Kind::Parameter),
        ("responses", Kind::Response),
        ("requestBodies", Kind::RequestBody),
        ("callbacks", Kind::Callback),
        ("pathItems", Kind::PathItem),
    ] {
        each_entry(doc, &format!("/components/{section}"), kind, &mut out);
    }
    out
}

/// Every schema node of the document (roots and the schemas inside them), parents first.
pub(super) fn all_schemas(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for root in schema_roots(doc) {
        descend(doc, root, &mut out);
    }
    out
}

fn descend(doc: &Value, at: String, out: &mut Vec<String>) {
    let Some(node) = doc.pointer(&at) else { return };
    let children: Vec<String> = subschemas(node).iter().map(|tokens| join(&at, tokens)).collect();
    out.push(at);
    for child in children {
        descend(doc, child, out);
    }
}

/// The places of the direct subschemas of a schema node, as tokens relative to it (for
/// example `["properties", "id"]`, `["items"]`, `["allOf", "0"]`). Boolean schemas are
/// listed too, except `additionalProperties`/`unevaluatedProperties` booleans, which OpenAPI
/// 3.0 has as well.
pub(super) fn subschemas(schema: &Value) -> Vec<Vec<String>> {
    let Value::Object(map) = schema else { return Vec::new() };
    let mut out = Vec::new();
    for (key, value) in map {
        match key.as_str() {
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                if let Value::Object(members) = value {
                    out.extend(members.keys().map(|name| vec![key.clone(), name.clone()]));
                }
            }
            "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                if let Value::Array(items) = value {
                    out.extend((0..items.len()).map(|i| vec![key.clone(), i.to_string()]));
                }
            }
            "items" => match value {
                Value::Array(items) => out.extend((0..items.len()).map(|i| vec![key.clone(), i.to_string()])),
                _ => out.push(vec![key.clone()]),
            },
            "additionalProperties" | "unevaluatedProperties" if value.is_object() => out.push(vec![key.clone()]),
            "not" | "if" | "then" | "else" | "contains" | "propertyNames" | "unevaluatedItems" | "contentSchema"
            | "additionalItems" => out.push(vec![key.clone()]),
            _ => {}
        }
    }
    out
}

/// `at` extended by raw tokens.
pub(super) fn join(at: &str, tokens: &[String]) -> String {
    let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
    pointer::join(at, &tokens)
}

#[derive(Clone, Copy)]
enum Kind {
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    Callback,
    MediaType,
    Schema,
}

/// Visits every entry of the map at `at` (skipping `x-` extensions) as `kind`.
fn each_entry(doc: &Value, at: &str, kind: Kind, out: &mut Vec<String>) {
    let Some(Value::Object(map)) = doc.pointer(at) else { return };
    for key in map.keys().filter(|k| !k.starts_with("x-")) {
        visit(doc, pointer::join(at, &[key]), kind, out);
    }
}

/// Visits every item of the array at `at` as `kind`.
fn each_item(doc: &Value, at: &str, kind: Kind, out: &mut Vec<String>) {
    let Some(Value::Array(items)) = doc.pointer(at) else { return };
    for i in 0..items.len() {
        visit(doc, pointer::join(at, &[&i.to_string()]), kind, out);
    }
}

fn visit(doc: &Value, at: String, kind: Kind, out: &mut Vec<String>) {
    let Some(Value::Object(node)) = doc.pointer(&at) else { return };
    if let Kind::Schema = kind {
        out.push(at);
        return;
    }
    // A Reference Object: what it points at is visited where it is written.
    if node.contains_key("$ref") && !matches!(kind, Kind::PathItem) {
        return;
    }
    let sub = |key: &str| pointer::join(&at, &[key]);
    match kind {
        Kind::PathItem => {
            each_item(doc, &sub("parameters"), Kind::Parameter, out);
            for method in METHODS {
                if node.contains_key(method) {
                    visit(doc, sub(method), Kind::Operation, out);
                }
            }
        }
        Kind::Operation => {
            each_item(doc, &sub("parameters"), Kind::Parameter, out);
            visit(doc, sub("requestBody"), Kind::RequestBody, out);
            each_entry(doc, &sub("responses"), Kind::Response, out);
            each_entry(doc, &sub("callbacks"), Kind::Callback, out);
        }
        Kind::Parameter => {
            visit(doc, sub("schema"), Kind::Schema, out);
            each_entry(doc, &sub("content"), Kind::MediaType, out);
        }
        Kind::RequestBody => each_entry(doc, &sub("content"), Kind::MediaType, out),
        Kind::Response => {
            each_entry(doc, &sub("headers"), Kind::Parameter, out);
            each_entry(doc, &sub("content"), Kind::MediaType, out);
        }
        Kind::Callback => each_entry(doc, &at, Kind::PathItem, out),
        Kind::MediaType => {
            visit(doc, sub("schema"), Kind::Schema, out);
            if let Some(Value::Object(encodings)) = node.get("encoding") {
                for name in encodings.keys() {
                    each_entry(doc, &pointer::join(&at, &["encoding", name, "headers"]), Kind::Parameter, out);
                }
            }
        }
        Kind::Schema => unreachable!("schemas are listed above"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn finds_schemas_where_the_specification_puts_them() {
        let doc = json!({
            "paths": {"/a": {
                "parameters": [{"name": "p", "in": "query", "schema": {"type": "string"}}],
                "get": {
                    "parameters": [{"$ref": "#/components/parameters/P"},
                                   {"name": "c", "in": "query", "content": {"application/json": {"schema": {}}}}],
                    "requestBody": {"content": {"application/json": {"schema": {"properties": {"const": {"type": "string"}}}}}},
                    "responses": {"200": {"description": "ok", "headers": {"h": {"schema": {"type": "integer"}}}},
                                  "x-ext": {"schema": {}}},
                    "callbacks": {"cb": {"{$url}": {"post": {"responses": {"200": {"description": "ok",
                        "content": {"text/plain": {"schema": {"type": "string"}}}}}}}}}
                }
            }},
            "webhooks": {"w": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}}}},
            "components": {
                "schemas": {"A": {"type": "object", "properties": {"b": {"items": {"$ref": "#/x"}}}, "$defs": {"D": {}}}},
                "parameters": {"P": {"name": "q", "in": "query", "schema": {"type": "string"}, "examples": {"e": {"value": {"$ref": "no"}}}}},
                "pathItems": {"I": {"get": {"responses": {"200": {"description": "ok", "content": {"a/b": {"schema": {}}}}}}}}
            }
        });
        let roots = schema_roots(&doc);
        assert_eq!(
            roots,
            [
                "/paths/~1a/parameters/0/schema",
                "/paths/~1a/get/parameters/1/content/application~1json/schema",
                "/paths/~1a/get/requestBody/content/application~1json/schema",
                "/paths/~1a/get/responses/200/headers/h/schema",
                "/paths/~1a/get/callbacks/cb/{$url}/post/responses/200/content/text~1plain/schema",
                "/webhooks/w/post/requestBody/content/application~1json/schema",
                "/components/schemas/A",
                "/components/parameters/P/schema",
                "/components/pathItems/I/get/responses/200/content/a~1b/schema",
            ]
        );
        let all = all_schemas(&doc);
        assert!(
            all.contains(&"/paths/~1a/get/requestBody/content/application~1json/schema/properties/const".to_owned())
        );
        assert!(all.contains(&"/components/schemas/A/properties/b/items".to_owned()));
        assert!(all.contains(&"/components/schemas/A/$defs/D".to_owned()));
        assert!(!all.iter().any(|p| p.contains("examples")));
    }
}
