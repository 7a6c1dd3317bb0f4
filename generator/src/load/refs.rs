//! References the lowering cannot follow as written, made into ones it can.
//!
//! - A schema `$ref` into the middle of the document (`#/components/schemas/A/$defs/B`,
//!   `#/components/schemas/A/properties/b`, `#/paths/.../schema/properties/c`): the schema it
//!   points at is hoisted to `components/schemas` under a new, unique name, its old place
//!   becomes a `$ref` to it, and every reference to it is rewritten. Both places then name
//!   one type. A `#/$defs/...` reference that the document root cannot resolve is looked up
//!   in the `$defs` of the schemas around it (what authors of embedded JSON Schemas mean).
//! - A path item `$ref` (`#/components/pathItems/P` in 3.1, `#/paths/~1other` in either
//!   version) is replaced by a copy of the path item, its own keys winning.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde_json::{Map, Value};

use super::moved::Moves;
use super::walk;
use crate::error::{Error, ErrorKind};
use crate::ident;
use crate::pointer;

/// Hoists the schemas that `$ref`s point at inside other nodes (see the module docs). A
/// reference into a node that does not exist is an error; references to whole components
/// and to other documents are left to the lowering.
pub(super) fn hoist_deep_schema_refs(doc: &mut Value, moves: &mut Moves) -> Result<(), Error> {
    // (referring node, target pointer), for every schema `$ref` that needs a new target.
    let mut referrers: Vec<(String, String)> = Vec::new();
    let schemas = walk::all_schemas(doc);
    let is_schema: HashSet<&str> = schemas.iter().map(String::as_str).collect();
    for at in schemas.iter().cloned() {
        let Some(reference) = doc.pointer(&at).and_then(|n| n.get("$ref")).and_then(Value::as_str) else {
            continue;
        };
        let Some(target) = fragment_pointer(reference) else { continue };
        // A whole component (of the right kind or not) is the lowering's business.
        if matches!(pointer::tokens(&target).as_slice(), [components, _, _] if components == "components") {
            continue;
        }
        let target = if doc.pointer(&target).is_some() {
            target
        } else if target.starts_with("/$defs/") || target.starts_with("/definitions/") {
            match enclosing_defs(doc, &at, &target) {
                Some(found) => found,
                None => {
                    return Err(Error::new(ErrorKind::Reference, at, format!("`$ref: {reference}` points at nothing")))
                }
            }
        } else {
            return Err(Error::new(ErrorKind::Reference, at, format!("`$ref: {reference}` points at nothing")));
        };
        if !is_schema.contains(target.as_str()) {
            return Err(Error::new(
                ErrorKind::Reference,
                at,
                format!("`$ref: {reference}` does not point at a schema"),
            ));
        }
        referrers.push((at, target));
    }
    if referrers.is_empty() {
        return Ok(());
    }

    // Names, given in sorted order of the targets so they do not depend on where the
    // references are written.
    let targets: BTreeSet<String> = referrers.iter().map(|(_, t)| t.clone()).collect();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    if let Some(Value::Object(schemas)) = doc.pointer("/components/schemas") {
        taken.extend(schemas.keys().map(|k| ident::type_name(k, "Schema")));
    }
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for target in &targets {
        let name = unique_name(target, &mut taken);
        names.insert(target.clone(), name);
    }

    // References first (their nodes may be inside a target that moves).
    for (at, target) in &referrers {
        let reference = format!("#/components/schemas/{}", pointer::escape(&names[target]));
        if let Some(Value::Object(node)) = doc.pointer_mut(at) {
            node.insert("$ref".to_owned(), Value::String(reference));
        }
    }

    // Deepest first, so a target inside another target moves before its parent does.
    let mut order: Vec<&String> = targets.iter().collect();
    order.sort_by(|a, b| pointer::tokens(b).len().cmp(&pointer::tokens(a).len()).then_with(|| a.cmp(b)));
    for target in order {
        let name = &names[target];
        let reference = format!("#/components/schemas/{}", pointer::escape(name));
        let Some(node) = doc.pointer_mut(target) else { continue };
        let schema = std::mem::replace(node, Value::Object(Map::from_iter([("$ref".to_owned(), reference.into())])));
        schemas_section(doc).insert(name.clone(), schema);
        moves.moved(pointer::join("/components/schemas", &[name]), target.clone());
    }
    Ok(())
}

/// Replaces path items that are `$ref`s with a copy of what they point at.
pub(super) fn inline_path_item_refs(doc: &mut Value, moves: &mut Moves) -> Result<(), Error> {
    // Only `paths`: webhooks and callbacks are not lowered.
    let keys: Vec<String> = match doc.get("paths") {
        Some(Value::Object(items)) => items.keys().filter(|k| !k.starts_with("x-")).cloned().collect(),
        _ => return Ok(()),
    };
    for key in keys {
        let at = pointer::join("/paths", &[&key]);
        let Some(Value::Object(item)) = doc.pointer(&at) else { continue };
        if !item.contains_key("$ref") {
            continue;
        }
        let (target_at, target) = follow_path_item(doc, &at)?;
        let mut merged = target.clone();
        let mut copied = Vec::new();
        for key in target.keys() {
            if !item.contains_key(key) {
                copied.push((pointer::join(&at, &[key]), pointer::join(&target_at, &[key])));
            }
        }
        for (key, value) in item.iter().filter(|(k, _)| *k != "$ref") {
            merged.insert(key.clone(), value.clone());
        }
        if let Some(node) = doc.pointer_mut(&at) {
            *node = Value::Object(merged);
        }
        moves.moved_together(copied);
    }
    Ok(())
}

/// The path item a `$ref` path item resolves to (following chains), and where it is.
fn follow_path_item(doc: &Value, at: &str) -> Result<(String, Map<String, Value>), Error> {
    let mut here = at.to_owned();
    for _ in 0..32 {
        let node = doc.pointer(&here);
        let Some(Value::Object(item)) = node else {
            return Err(Error::new(
                ErrorKind::Reference,
                at,
                format!("the path item `$ref` chain reaches `{here}`, which is not a path item"),
            ));
        };
        let Some(reference) = item.get("$ref") else { return Ok((here, item.clone())) };
        let Some(reference) = reference.as_str() else {
            return Err(Error::new(ErrorKind::Invalid, pointer::join(&here, &["$ref"]), "`$ref` must be a string"));
        };
        let Some(target) = fragment_pointer(reference) else {
            return Err(Error::new(
                ErrorKind::Reference,
                &here,
                format!("`$ref: {reference}`: references to other documents are not supported"),
            ));
        };
        if doc.pointer(&target).is_none() {
            return Err(Error::new(ErrorKind::Reference, &here, format!("`$ref: {reference}` points at nothing")));
        }
        here = target;
    }
    Err(Error::new(ErrorKind::Reference, at, "path item `$ref` chain is too long or circular"))
}

/// The JSON pointer of a local reference (`#/a/b`), with `%XX` escapes of the URI fragment
/// decoded; `None` for a reference to another document.
pub(super) fn fragment_pointer(reference: &str) -> Option<String> {
    let fragment = pointer::of_ref(reference)?;
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return None;
    }
    Some(percent_decode(fragment))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// The name of the component a pointer names exactly (`/components/schemas/A` -> `A`).
fn component_schema(target: &str) -> Option<String> {
    match pointer::tokens(target).as_slice() {
        [components, schemas, name] if components == "components" && schemas == "schemas" => Some(name.clone()),
        _ => None,
    }
}

/// `#/$defs/X` written inside a schema that has `$defs/X` itself (or one of the schemas
/// around it): the pointer of that definition.
fn enclosing_defs(doc: &Value, at: &str, target: &str) -> Option<String> {
    let tokens = pointer::tokens(at);
    (0..=tokens.len()).rev().find_map(|n| {
        let base = walk::join("", &tokens[..n]);
        let candidate = format!("{base}{target}");
        doc.pointer(&candidate).map(|_| candidate)
    })
}

/// The `components/schemas` map, created when missing.
fn schemas_section(doc: &mut Value) -> &mut Map<String, Value> {
    let root = doc.as_object_mut().expect("the document is an object");
    let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
    if !components.is_object() {
        *components = Value::Object(Map::new());
    }
    let schemas = components
        .as_object_mut()
        .expect("made an object above")
        .entry("schemas")
        .or_insert_with(|| Value::Object(Map::new()));
    if !schemas.is_object() {
        *schemas = Value::Object(Map::new());
    }
    schemas.as_object_mut().expect("made an object above")
}

/// Keywords that hold subschemas: not names.
const STRUCTURAL: &[&str] = &[
    "properties",
    "patternProperties",
    "items",
    "prefixItems",
    "additionalProperties",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "schema",
    "content",
    "$defs",
    "definitions",
    "paths",
    "components",
    "schemas",
    "parameters",
    "responses",
    "requestBody",
    "requestBodies",
    "headers",
];

/// A component name for the schema at `target`, unique among `taken` (Rust type names).
fn unique_name(target: &str, taken: &mut BTreeSet<String>) -> String {
    let tokens = pointer::tokens(target);
    let meaningful: Vec<&String> = tokens
        .iter()
        .filter(|t| !STRUCTURAL.contains(&t.as_str()) && t.parse::<usize>().is_err() && !t.contains('/'))
        .collect();
    let last = meaningful.last().map(|s| s.as_str()).unwrap_or("Schema");
    let mut candidates: Vec<String> = Vec::new();
    let is_def = tokens.len() >= 2 && matches!(tokens[tokens.len() - 2].as_str(), "$defs" | "definitions");
    let owner = component_schema(&walk::join("", &tokens[..tokens.len().min(3)]));
    if is_def || owner.is_none() {
        candidates.push(last.to_owned());
    }
    if let Some(owner) = owner {
        candidates.push(format!("{owner}_{last}"));
    }
    let candidates: Vec<String> = candidates.iter().map(|c| sanitize(c)).collect();
    for candidate in &candidates {
        if taken.insert(ident::type_name(candidate, "Schema")) {
            return candidate.clone();
        }
    }
    let base = candidates.last().cloned().unwrap_or_else(|| "Schema".to_owned());
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|c| taken.insert(ident::type_name(c, "Schema")))
        .expect("some number is free")
}

/// Characters a component name may have (`^[a-zA-Z0-9._-]+$`); others become `_`.
fn sanitize(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '_' }).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn hoisted(mut doc: Value) -> (Value, Moves) {
        let mut moves = Moves::default();
        hoist_deep_schema_refs(&mut doc, &mut moves).unwrap_or_else(|e| panic!("{e}"));
        (doc, moves)
    }

    #[test]
    fn defs_are_hoisted_and_references_rewritten() {
        let (doc, moves) = hoisted(json!({
            "paths": {},
            "components": {"schemas": {
                "Order": {"type": "object", "properties": {
                    "line": {"$ref": "#/components/schemas/Order/$defs/Line"},
                    "other": {"$ref": "#/$defs/Line"}
                }, "$defs": {"Line": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Order/$defs/Line"}}}}}
            }}
        }));
        assert_eq!(
            doc,
            json!({
                "paths": {},
                "components": {"schemas": {
                    "Order": {"type": "object", "properties": {
                        "line": {"$ref": "#/components/schemas/Line"},
                        "other": {"$ref": "#/components/schemas/Line"}
                    }, "$defs": {"Line": {"$ref": "#/components/schemas/Line"}}},
                    "Line": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Line"}}}
                }}
            })
        );
        assert_eq!(
            moves.original("/components/schemas/Line/properties/next"),
            "/components/schemas/Order/$defs/Line/properties/next"
        );
    }

    #[test]
    fn a_taken_name_gets_the_owner_then_a_number() {
        let (doc, _) = hoisted(json!({
            "components": {"schemas": {
                "Line": {"type": "string"},
                "Order_Line": {"type": "string"},
                "Order": {"properties": {"a": {"$ref": "#/components/schemas/Order/$defs/Line"}}, "$defs": {"Line": {}}},
                "B": {"properties": {"c": {"type": "integer"}, "d": {"$ref": "#/components/schemas/B/properties/c"}}}
            }}
        }));
        assert_eq!(
            doc.pointer("/components/schemas/Order/properties/a/$ref"),
            Some(&json!("#/components/schemas/Order_Line2"))
        );
        assert_eq!(doc.pointer("/components/schemas/Order_Line2"), Some(&json!({})));
        assert_eq!(doc.pointer("/components/schemas/B_c"), Some(&json!({"type": "integer"})));
        assert_eq!(
            doc.pointer("/components/schemas/B/properties/c"),
            Some(&json!({"$ref": "#/components/schemas/B_c"}))
        );
    }

    #[test]
    fn references_into_paths_are_hoisted() {
        let (doc, moves) = hoisted(json!({
            "paths": {"/a": {"post": {"requestBody": {"content": {"application/json": {"schema": {
                "properties": {"circular": {"type": "object", "properties": {"self": {"$ref": "#/paths/~1a/post/requestBody/content/application~1json/schema/properties/circular"}}}}
            }}}}}}}
        }));
        let at = "/paths/~1a/post/requestBody/content/application~1json/schema/properties/circular";
        assert_eq!(doc.pointer(at), Some(&json!({"$ref": "#/components/schemas/circular"})));
        assert_eq!(
            doc.pointer("/components/schemas/circular"),
            Some(&json!({"type": "object", "properties": {"self": {"$ref": "#/components/schemas/circular"}}}))
        );
        assert_eq!(moves.original("/components/schemas/circular/properties/self"), format!("{at}/properties/self"));
    }

    #[test]
    fn component_and_external_references_are_left_alone() {
        let doc = json!({"components": {"schemas": {
            "A": {"properties": {"x": {"$ref": "#/components/schemas/Nope"}, "y": {"$ref": "#/components/parameters/P"}, "z": {"$ref": "other.yaml#/B"}}}
        }, "parameters": {"P": {"name": "p", "in": "query"}}}});
        assert_eq!(hoisted(doc.clone()).0, doc);
    }

    #[test]
    fn references_into_nothing_are_errors() {
        for (reference, message) in [
            ("#/components/schemas/Nope/properties/y", "points at nothing"),
            ("#/$defs/Y", "points at nothing"),
            ("#/components/schemas/A/required", "does not point at a schema"),
            ("#", "does not point at a schema"),
            ("#/components/schemas", "does not point at a schema"),
            ("#/components/schemas/A/x-extra", "does not point at a schema"),
        ] {
            let mut doc = json!({"components": {"schemas": {"A": {"required": ["x"], "x-extra": {}, "properties": {"x": {"$ref": reference}}}}}});
            let e = hoist_deep_schema_refs(&mut doc, &mut Moves::default()).expect_err("an error");
            assert_eq!((e.kind, e.pointer.as_str()), (ErrorKind::Reference, "/components/schemas/A/properties/x"));
            assert!(e.message.contains(message), "{e}");
        }
    }

    #[test]
    fn percent_escapes_in_references_are_decoded() {
        assert_eq!(fragment_pointer("#/paths/~1a~1%7Bid%7D/get").as_deref(), Some("/paths/~1a~1{id}/get"));
        assert_eq!(fragment_pointer("#/a%2"), Some("/a%2".to_owned()));
        assert_eq!(fragment_pointer("x.yaml#/a"), None);
    }

    #[test]
    fn path_item_references_are_copied() {
        let mut doc = json!({"paths": {
            "/a": {"$ref": "#/components/pathItems/P", "summary": "mine"},
            "/b": {"$ref": "#/paths/~1a"}
        }, "components": {"pathItems": {"P": {"summary": "theirs", "get": {"responses": {}}}}}});
        let mut moves = Moves::default();
        inline_path_item_refs(&mut doc, &mut moves).unwrap();
        assert_eq!(doc.pointer("/paths/~1a"), Some(&json!({"summary": "mine", "get": {"responses": {}}})));
        assert_eq!(doc.pointer("/paths/~1b"), Some(&json!({"summary": "mine", "get": {"responses": {}}})));
        assert_eq!(moves.original("/paths/~1a/get/responses"), "/components/pathItems/P/get/responses");
        assert_eq!(moves.original("/paths/~1a/summary"), "/paths/~1a/summary");

        let mut doc = json!({"paths": {"/a": {"$ref": "other.yaml#/P"}}});
        let e = inline_path_item_refs(&mut doc, &mut moves).unwrap_err();
        assert_eq!((e.kind, e.pointer.as_str()), (ErrorKind::Reference, "/paths/~1a"));
        let mut doc = json!({"paths": {"/a": {"$ref": "#/components/pathItems/Nope"}}});
        let e = inline_path_item_refs(&mut doc, &mut moves).unwrap_err();
        assert!(e.message.contains("points at nothing"), "{e}");
    }
}
