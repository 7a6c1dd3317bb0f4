//! OpenAPI 3.1 -> the 3.0 shape `openapiv3` reads, done on the JSON tree before it is
//! deserialized. Keys stay where they are wherever the 3.0 shape allows it, so JSON pointers
//! of the document stay valid; where a node has to move, the move is recorded in [`Moves`].
//!
//! Schemas (JSON Schema 2020-12 -> the 3.0 dialect):
//! - `type: [T, "null"]` -> `type: T` + `nullable: true`; `type: "null"` alone -> no type,
//!   `nullable: true` (any JSON value, in practice always `null`); several non-null types ->
//!   `anyOf` with one schema per type, each keyword going to the schema of the type it
//!   constrains (`minLength` to the string, `properties` to the object, `enum` values by
//!   their JSON type); `integer` beside `number` is just `number`. A schema that has an
//!   `anyOf` already is left untyped instead.
//! - `oneOf`/`anyOf` members that only allow `null` are removed and make the schema
//!   `nullable`; one member left is merged into the schema (a `$ref` goes into `allOf`).
//! - `const: v` -> `enum: [v]`; an `enum` of only `null` -> `nullable: true`.
//! - `examples: [a, ...]` -> `example: a`.
//! - `$ref` with sibling keywords (3.1 applies them; 3.0 ignored them) -> `allOf: [{$ref}]`
//!   beside the siblings, so a `description` or `nullable` next to a `$ref` is kept.
//! - numeric `exclusiveMinimum: n` -> `minimum: n` + `exclusiveMinimum: true` (the stricter
//!   of it and a `minimum` beside it), the same for the maximum.
//! - `prefixItems` (a tuple) -> `items: {}`: an array of any JSON values (unless every tuple
//!   member is the `items` schema); an `items` array (the old tuple form) or boolean `items`
//!   likewise.
//! - `contentEncoding: base64` -> `format: byte`; `contentMediaType` of a string that is not
//!   JSON -> `format: binary`.
//! - `patternProperties` -> `additionalProperties` (the one pattern's schema, any JSON when
//!   there are several different ones), unless `additionalProperties` allows values already.
//! - boolean schemas: `true` -> `{}`, `false` -> `{not: {}}`.
//!
//! The document: a missing `paths` is an empty one, and so is an operation's missing
//! `responses` (optional in 3.1); `webhooks` are skipped with a note;
//! `mutualTLS` security schemes (which `openapiv3` cannot read) are removed with a note, and
//! so are the requirements naming them (the certificate is the HTTP client's business).
//! `info.summary` is put before `info.description`. `jsonSchemaDialect`, `$schema` and
//! `license.identifier` are read and ignored;
//! `components/pathItems` are followed by [`super::refs`].

use std::cmp::Ordering;

use serde_json::{json, Map, Value};

use super::moved::Moves;
use super::walk;
use crate::pointer;

pub(super) fn normalize(doc: &mut Value, moves: &mut Moves, notes: &mut Vec<String>) {
    let Some(root) = doc.as_object_mut() else { return };
    if !root.contains_key("paths") {
        root.insert("paths".to_owned(), json!({}));
    }
    if let Some(Value::Object(webhooks)) = root.get("webhooks") {
        let names: Vec<String> = webhooks.keys().filter(|k| !k.starts_with("x-")).map(|k| format!("`{k}`")).collect();
        if !names.is_empty() {
            notes.push(format!(
                "webhooks (`/webhooks`): {}; requests the API sends to its subscribers, not operations a client calls",
                names.join(", ")
            ));
        }
    }
    summary_into_description(doc);
    optional_responses(doc);
    mutual_tls(doc, notes);
    for at in walk::schema_roots(doc) {
        if let Some(node) = doc.pointer_mut(&at) {
            schema(node, &at, moves);
        }
    }
}

/// `info.summary` (new in 3.1) goes first into `info.description`, so the crate docs say it.
fn summary_into_description(doc: &mut Value) {
    let Some(Value::Object(info)) = doc.get_mut("info") else { return };
    let Some(summary) = info.get("summary").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()) else {
        return;
    };
    let text = match info.get("description").and_then(Value::as_str) {
        Some(description) if !description.trim().is_empty() => format!("{summary}\n\n{description}"),
        _ => summary.to_owned(),
    };
    info.insert("description".to_owned(), Value::String(text));
}

/// 3.1 operations may leave out `responses`: an empty map then.
fn optional_responses(doc: &mut Value) {
    let Some(Value::Object(paths)) = doc.get_mut("paths") else { return };
    for item in paths.values_mut() {
        let Value::Object(item) = item else { continue };
        for method in walk::METHODS {
            if let Some(Value::Object(op)) = item.get_mut(method) {
                op.entry("responses").or_insert_with(|| json!({}));
            }
        }
    }
}

/// Removes `mutualTLS` security schemes and the requirements that name them.
fn mutual_tls(doc: &mut Value, notes: &mut Vec<String>) {
    let Some(Value::Object(schemes)) = doc.pointer_mut("/components/securitySchemes") else { return };
    let names: Vec<String> = schemes
        .iter()
        .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(k, _)| k.clone())
        .collect();
    for name in &names {
        schemes.shift_remove(name);
        notes.push(format!(
            "mutual TLS security scheme `{name}` (`/components/securitySchemes/{}`): give the client a `reqwest::Client` built with the client certificate (`reqwest::Identity`)",
            pointer::escape(name)
        ));
    }
    if names.is_empty() {
        return;
    }
    let mut lists = vec!["/security".to_owned()];
    if let Some(Value::Object(paths)) = doc.get("paths") {
        for (path, item) in paths {
            let Value::Object(item) = item else { continue };
            for (method, op) in item {
                if op.get("security").is_some() {
                    lists.push(pointer::join("/paths", &[path, method, "security"]));
                }
            }
        }
    }
    for at in lists {
        if let Some(Value::Array(requirements)) = doc.pointer_mut(&at) {
            for requirement in requirements.iter_mut().filter_map(Value::as_object_mut) {
                for name in &names {
                    requirement.shift_remove(name);
                }
            }
        }
    }
}

/// Normalizes the schema at `at` and, then, the schemas inside it.
fn schema(value: &mut Value, at: &str, moves: &mut Moves) {
    match value {
        Value::Bool(true) => *value = json!({}),
        Value::Bool(false) => *value = json!({"not": {}}),
        _ => {}
    }
    let Value::Object(node) = value else { return };
    wrap_ref(node, at, moves);
    null_alternatives(node, at, moves);
    let types = types(node);
    const_and_null_enum(node);
    examples(node);
    exclusive_bounds(node);
    tuples(node);
    content(node, &types);
    pattern_properties(node, at, moves);
    if types.len() > 1 {
        split_types(node, &types, at, moves);
    }
    for tokens in walk::subschemas(value) {
        let child_at = walk::join(at, &tokens);
        if let Some(child) = value.pointer_mut(&walk::join("", &tokens)) {
            schema(child, &child_at, moves);
        }
    }
}

/// Keys beside a `$ref` that change nothing about the value.
const INERT_BESIDE_REF: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "$anchor",
    "$dynamicAnchor",
    "$defs",
    "definitions",
    "examples",
    "example",
    "summary",
];

fn wrap_ref(node: &mut Map<String, Value>, at: &str, moves: &mut Moves) {
    if !node.get("$ref").is_some_and(Value::is_string)
        || !node.keys().any(|k| k != "$ref" && !INERT_BESIDE_REF.contains(&k.as_str()) && !k.starts_with("x-"))
    {
        return;
    }
    let reference = node.shift_remove("$ref").expect("checked above");
    let member = json!({ "$ref": reference });
    match node.get_mut("allOf") {
        Some(Value::Array(list)) => {
            list.push(member);
            moves.moved(pointer::join(at, &["allOf", &(list.len() - 1).to_string()]), at);
        }
        _ => {
            node.insert("allOf".to_owned(), Value::Array(vec![member]));
            moves.moved(pointer::join(at, &["allOf", "0"]), at);
        }
    }
}

/// Keys that only describe.
const ANNOTATIONS: &[&str] = &["title", "description", "$comment", "example", "examples", "deprecated"];

/// A schema that only allows `null`.
fn is_null_schema(value: &Value) -> bool {
    let Value::Object(map) = value else { return false };
    let mut null = false;
    for (key, value) in map {
        match key.as_str() {
            "type" if value == "null" || *value == json!(["null"]) => null = true,
            "const" if value.is_null() => null = true,
            "enum" if *value == json!([null]) => null = true,
            "nullable" => {}
            k if ANNOTATIONS.contains(&k) || k.starts_with("x-") => {}
            _ => return false,
        }
    }
    null
}

fn null_alternatives(node: &mut Map<String, Value>, at: &str, moves: &mut Moves) {
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(members)) = node.get_mut(key) else { continue };
        if !members.iter().any(is_null_schema) {
            continue;
        }
        let mut kept: Vec<(usize, Value)> = Vec::new();
        let mut shifts = Vec::new();
        for (i, member) in std::mem::take(members).into_iter().enumerate() {
            if is_null_schema(&member) {
                continue;
            }
            if i != kept.len() {
                shifts.push((
                    pointer::join(at, &[key, &kept.len().to_string()]),
                    pointer::join(at, &[key, &i.to_string()]),
                ));
            }
            kept.push((i, member));
        }
        node.insert("nullable".to_owned(), Value::Bool(true));
        if kept.len() > 1 {
            node.insert(key.to_owned(), Value::Array(kept.into_iter().map(|(_, m)| m).collect()));
            moves.moved_together(shifts);
            continue;
        }
        node.shift_remove(key);
        let Some((i, member)) = kept.pop() else { continue };
        let was = pointer::join(at, &[key, &i.to_string()]);
        match member {
            Value::Object(member) if mergeable(node, &member) => {
                let mut moved = Vec::new();
                for (k, v) in member {
                    if !node.contains_key(&k) {
                        moved.push((pointer::join(at, &[&k]), pointer::join(&was, &[&k])));
                        node.insert(k, v);
                    }
                }
                moves.moved_together(moved);
            }
            member => {
                let list = node.entry("allOf").or_insert_with(|| Value::Array(Vec::new()));
                if !list.is_array() {
                    *list = Value::Array(Vec::new());
                }
                let list = list.as_array_mut().expect("made an array above");
                list.push(member);
                moves.moved(pointer::join(at, &["allOf", &(list.len() - 1).to_string()]), was);
            }
        }
    }
}

/// Whether an inline member can be merged into the schema around it: it is not a `$ref` and
/// shares no keyword other than annotations with it.
fn mergeable(node: &Map<String, Value>, member: &Map<String, Value>) -> bool {
    !member.contains_key("$ref")
        && member.keys().all(|k| !node.contains_key(k) || ANNOTATIONS.contains(&k.as_str()) || k.starts_with("x-"))
}

/// Brings `type` to one type name (or none) and `nullable`; returns the non-null types
/// when there are several (the schema is split by [`split_types`]).
fn types(node: &mut Map<String, Value>) -> Vec<String> {
    let list: Vec<String> = match node.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        _ => return Vec::new(),
    };
    let mut rest: Vec<String> = Vec::new();
    for t in &list {
        if t != "null" && !rest.contains(t) {
            rest.push(t.clone());
        }
    }
    if rest.iter().any(|t| t == "number") {
        rest.retain(|t| t != "integer");
    }
    if list.iter().any(|t| t == "null") {
        node.insert("nullable".to_owned(), Value::Bool(true));
    }
    match rest.as_slice() {
        [] => {
            node.shift_remove("type");
            Vec::new()
        }
        [one] => {
            node.insert("type".to_owned(), Value::String(one.clone()));
            Vec::new()
        }
        _ => {
            node.shift_remove("type");
            rest
        }
    }
}

fn const_and_null_enum(node: &mut Map<String, Value>) {
    if let Some(value) = node.shift_remove("const") {
        node.insert("enum".to_owned(), Value::Array(vec![value]));
    }
    if let Some(Value::Array(values)) = node.get("enum") {
        if !values.is_empty() && values.iter().all(Value::is_null) {
            node.shift_remove("enum");
            node.insert("nullable".to_owned(), Value::Bool(true));
        }
    }
}

fn examples(node: &mut Map<String, Value>) {
    if !matches!(node.get("examples"), Some(Value::Array(_))) {
        return;
    }
    let Some(Value::Array(examples)) = node.shift_remove("examples") else { return };
    if !node.contains_key("example") {
        if let Some(first) = examples.into_iter().next() {
            node.insert("example".to_owned(), first);
        }
    }
}

fn exclusive_bounds(node: &mut Map<String, Value>) {
    for (exclusive, bound, stricter) in
        [("exclusiveMinimum", "minimum", Ordering::Greater), ("exclusiveMaximum", "maximum", Ordering::Less)]
    {
        let Some(Value::Number(limit)) = node.get(exclusive).cloned() else { continue };
        let inclusive_wins = match (node.get(bound).and_then(Value::as_f64), limit.as_f64()) {
            (Some(inclusive), Some(limit)) => inclusive.partial_cmp(&limit) == Some(stricter),
            _ => false,
        };
        if inclusive_wins {
            node.shift_remove(exclusive);
        } else {
            node.insert(bound.to_owned(), Value::Number(limit));
            node.insert(exclusive.to_owned(), Value::Bool(true));
        }
    }
}

fn tuples(node: &mut Map<String, Value>) {
    if let Some(prefix) = node.shift_remove("prefixItems") {
        let same = match (&prefix, node.get("items")) {
            (Value::Array(prefix), Some(items @ Value::Object(_))) => prefix.iter().all(|p| p == items),
            _ => false,
        };
        if !same {
            node.insert("items".to_owned(), json!({}));
        }
    } else if matches!(node.get("items"), Some(Value::Array(_) | Value::Bool(_))) {
        node.insert("items".to_owned(), json!({}));
    }
}

fn content(node: &mut Map<String, Value>, types: &[String]) {
    let encoding = node.get("contentEncoding").and_then(Value::as_str).map(str::to_owned);
    let media = node.get("contentMediaType").and_then(Value::as_str).map(str::to_owned);
    if (encoding.is_none() && media.is_none()) || node.contains_key("format") {
        return;
    }
    let typ = node.get("type").and_then(Value::as_str);
    let untyped = typ.is_none() && types.is_empty();
    if !(typ == Some("string") || types.iter().any(|t| t == "string") || untyped) {
        return;
    }
    let format = match encoding.as_deref() {
        Some("base64" | "base64url") => "byte",
        Some("binary") => "binary",
        Some(_) => return,
        None if media.as_deref().is_some_and(|m| m.contains("json")) => return,
        None => "binary",
    };
    node.insert("format".to_owned(), Value::String(format.to_owned()));
    if untyped {
        node.insert("type".to_owned(), Value::String("string".to_owned()));
    }
}

fn pattern_properties(node: &mut Map<String, Value>, at: &str, moves: &mut Moves) {
    let Some(Value::Object(patterns)) = node.shift_remove("patternProperties") else { return };
    if matches!(node.get("additionalProperties"), Some(Value::Object(_) | Value::Bool(true))) || patterns.is_empty() {
        return;
    }
    let first = patterns.values().next().expect("not empty").clone();
    let value = if patterns.values().all(|v| *v == first) { first } else { Value::Bool(true) };
    if patterns.len() == 1 {
        let pattern = patterns.keys().next().expect("not empty");
        moves.moved(pointer::join(at, &["additionalProperties"]), pointer::join(at, &["patternProperties", pattern]));
    }
    node.insert("additionalProperties".to_owned(), value);
}

/// The type a keyword constrains (`None`: it applies to every type, or to none).
fn keyword_types(key: &str, value: &Value) -> Option<&'static [&'static str]> {
    Some(match key {
        "minLength" | "maxLength" | "pattern" => &["string"],
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => &["number", "integer"],
        "items" | "minItems" | "maxItems" | "uniqueItems" | "contains" | "minContains" | "maxContains"
        | "unevaluatedItems" => &["array"],
        "properties"
        | "required"
        | "additionalProperties"
        | "minProperties"
        | "maxProperties"
        | "propertyNames"
        | "unevaluatedProperties"
        | "dependentRequired"
        | "dependentSchemas" => &["object"],
        "format" => match value.as_str().unwrap_or("") {
            "int8" | "int16" | "int32" | "int64" | "uint8" | "uint16" | "uint32" | "uint64" => &["integer", "number"],
            "float" | "double" | "decimal" => &["number", "integer"],
            _ => &["string"],
        },
        _ => return None,
    })
}

fn enum_value_has_type(value: &Value, typ: &str) -> bool {
    match typ {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    }
}

/// A schema of several types -> `anyOf` of one schema per type.
fn split_types(node: &mut Map<String, Value>, types: &[String], at: &str, moves: &mut Moves) {
    if node.contains_key("anyOf") {
        return;
    }
    // Each member says what it is (its pointer is not one of the document as written).
    let mut members: Vec<Map<String, Value>> = types
        .iter()
        .map(|t| {
            let article = if t.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
            Map::from_iter([
                ("type".to_owned(), Value::String(t.clone())),
                ("description".to_owned(), Value::String(format!("The value as {article} {t}."))),
            ])
        })
        .collect();
    let mut taken: Vec<String> = Vec::new();
    for (key, value) in node.iter() {
        let Some(wanted) = keyword_types(key, value) else { continue };
        let target = wanted.iter().find_map(|w| members.iter().position(|m| m["type"] == *w));
        if let Some(i) = target {
            members[i].insert(key.clone(), value.clone());
            taken.push(key.clone());
        }
    }
    if let Some(Value::Array(values)) = node.get("enum") {
        for member in &mut members {
            let typ = member["type"].as_str().unwrap_or("").to_owned();
            let mine: Vec<Value> = values.iter().filter(|v| enum_value_has_type(v, &typ)).cloned().collect();
            member.insert("enum".to_owned(), Value::Array(mine));
        }
        members.retain(|m| m.get("enum").and_then(Value::as_array).is_some_and(|v| !v.is_empty()));
        taken.push("enum".to_owned());
    }
    match members.len() {
        0 => {}
        1 => {
            // The enum leaves one type: the schema is of that type.
            for key in &taken {
                node.shift_remove(key);
            }
            let member = members.pop().expect("one member");
            for (key, value) in member.into_iter().filter(|(k, _)| k != "description") {
                node.insert(key, value);
            }
        }
        _ => {
            for key in &taken {
                node.shift_remove(key);
            }
            let now: Vec<(String, String)> =
                (0..members.len()).map(|i| (pointer::join(at, &["anyOf", &i.to_string()]), at.to_owned())).collect();
            node.insert("anyOf".to_owned(), Value::Array(members.into_iter().map(Value::Object).collect()));
            moves.moved_together(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema normalized as a component schema, and the moves made.
    fn normalized(schema: Value) -> (Value, Moves) {
        let mut doc = json!({"openapi": "3.1.0", "components": {"schemas": {"S": schema}}});
        let mut moves = Moves::default();
        let mut notes = Vec::new();
        normalize(&mut doc, &mut moves, &mut notes);
        assert!(notes.is_empty());
        (doc["components"]["schemas"]["S"].clone(), moves)
    }

    #[track_caller]
    fn check(schema: Value, expected: Value) {
        assert_eq!(normalized(schema).0, expected);
    }

    #[test]
    fn type_arrays_with_null_become_nullable() {
        check(
            json!({"type": ["string", "null"], "maxLength": 3}),
            json!({"type": "string", "maxLength": 3, "nullable": true}),
        );
        check(json!({"type": ["null", "boolean"]}), json!({"type": "boolean", "nullable": true}));
        check(json!({"type": ["integer"]}), json!({"type": "integer"}));
        check(json!({"type": "null"}), json!({"nullable": true}));
        check(json!({"type": ["null"], "description": "x"}), json!({"description": "x", "nullable": true}));
        check(json!({"type": ["integer", "number", "null"]}), json!({"type": "number", "nullable": true}));
    }

    #[test]
    fn several_types_become_any_of_with_their_keywords() {
        let (schema, moves) = normalized(json!({
            "description": "id or name",
            "type": ["string", "integer", "null"],
            "minLength": 1, "minimum": 0, "format": "int64",
            "enum": ["a", 1, null, true]
        }));
        assert_eq!(
            schema,
            json!({
                "description": "id or name",
                "nullable": true,
                "anyOf": [
                    {"type": "string", "description": "The value as a string.", "minLength": 1, "enum": ["a"]},
                    {"type": "integer", "description": "The value as an integer.", "minimum": 0, "format": "int64", "enum": [1]}
                ]
            })
        );
        assert_eq!(moves.original("/components/schemas/S/anyOf/1/minimum"), "/components/schemas/S/minimum");
        // Object and array members take their own subschemas, which are normalized too.
        check(
            json!({"type": ["object", "array"], "properties": {"a": {"const": 1}}, "items": {"type": ["string", "null"]}}),
            json!({"anyOf": [
                {"type": "object", "description": "The value as an object.", "properties": {"a": {"enum": [1]}}},
                {"type": "array", "description": "The value as an array.", "items": {"type": "string", "nullable": true}}
            ]}),
        );
        // An enum that leaves one type makes the schema that type.
        check(
            json!({"type": ["string", "integer"], "enum": ["a", "b"]}),
            json!({"type": "string", "enum": ["a", "b"]}),
        );
        // Beside an anyOf of its own, the schema is left untyped.
        check(
            json!({"type": ["string", "integer"], "anyOf": [{"minLength": 1}, {"minimum": 1}]}),
            json!({"anyOf": [{"minLength": 1}, {"minimum": 1}]}),
        );
    }

    #[test]
    fn null_members_of_one_of_and_any_of_make_the_schema_nullable() {
        let (schema, moves) =
            normalized(json!({"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}], "description": "d"}));
        assert_eq!(
            schema,
            json!({"description": "d", "nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
        assert_eq!(moves.original("/components/schemas/S/allOf/0"), "/components/schemas/S/oneOf/0");
        check(
            json!({"anyOf": [{"type": "null"}, {"type": "string", "format": "date"}]}),
            json!({"nullable": true, "type": "string", "format": "date"}),
        );
        let (schema, moves) = normalized(json!({"anyOf": [{"type": "string"}, {"const": null}, {"type": "integer"}]}));
        assert_eq!(schema, json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "nullable": true}));
        assert_eq!(moves.original("/components/schemas/S/anyOf/1"), "/components/schemas/S/anyOf/2");
        // A member that shares keywords with the schema goes into allOf instead.
        check(
            json!({"type": "object", "oneOf": [{"type": "object", "properties": {}}, {"type": "null"}]}),
            json!({"type": "object", "nullable": true, "allOf": [{"type": "object", "properties": {}}]}),
        );
    }

    #[test]
    fn const_examples_and_null_enums() {
        check(json!({"type": "string", "const": "fixed"}), json!({"type": "string", "enum": ["fixed"]}));
        check(json!({"const": null}), json!({"nullable": true}));
        check(json!({"type": "integer", "examples": [3, 4]}), json!({"type": "integer", "example": 3}));
        check(json!({"example": 1, "examples": [3]}), json!({"example": 1}));
    }

    #[test]
    fn ref_with_siblings_is_wrapped_in_all_of() {
        let (schema, moves) =
            normalized(json!({"$ref": "#/components/schemas/A", "description": "The a.", "type": ["object", "null"]}));
        assert_eq!(
            schema,
            json!({"description": "The a.", "type": "object", "allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true})
        );
        assert_eq!(moves.original("/components/schemas/S/allOf/0"), "/components/schemas/S");
        check(
            json!({"$ref": "#/components/schemas/A", "$comment": "c", "x-y": 1}),
            json!({"$ref": "#/components/schemas/A", "$comment": "c", "x-y": 1}),
        );
        check(
            json!({"$ref": "#/components/schemas/A", "allOf": [{"required": ["a"]}]}),
            json!({"allOf": [{"required": ["a"]}, {"$ref": "#/components/schemas/A"}]}),
        );
    }

    #[test]
    fn numeric_exclusive_bounds_become_flags() {
        check(
            json!({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10.5}),
            json!({"type": "number", "exclusiveMinimum": true, "exclusiveMaximum": true, "minimum": 0, "maximum": 10.5}),
        );
        // The stricter bound wins.
        check(
            json!({"type": "integer", "minimum": 5, "exclusiveMinimum": 1, "maximum": 9, "exclusiveMaximum": 9}),
            json!({"type": "integer", "minimum": 5, "maximum": 9, "exclusiveMaximum": true}),
        );
        check(
            json!({"type": "integer", "exclusiveMinimum": true, "minimum": 1}),
            json!({"type": "integer", "exclusiveMinimum": true, "minimum": 1}),
        );
    }

    #[test]
    fn tuples_become_arrays_of_any_json() {
        check(
            json!({"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]}),
            json!({"type": "array", "items": {}}),
        );
        check(
            json!({"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}}),
            json!({"type": "array", "items": {"type": "string"}}),
        );
        check(json!({"type": "array", "items": [{"type": "string"}]}), json!({"type": "array", "items": {}}));
    }

    #[test]
    fn content_encoding_and_media_type_become_formats() {
        check(
            json!({"type": "string", "contentEncoding": "base64"}),
            json!({"type": "string", "contentEncoding": "base64", "format": "byte"}),
        );
        check(
            json!({"type": "string", "contentMediaType": "image/png"}),
            json!({"type": "string", "contentMediaType": "image/png", "format": "binary"}),
        );
        check(
            json!({"contentMediaType": "image/png"}),
            json!({"contentMediaType": "image/png", "format": "binary", "type": "string"}),
        );
        check(
            json!({"type": "string", "contentMediaType": "application/json"}),
            json!({"type": "string", "contentMediaType": "application/json"}),
        );
        check(
            json!({"type": "string", "format": "uuid", "contentEncoding": "base64"}),
            json!({"type": "string", "format": "uuid", "contentEncoding": "base64"}),
        );
    }

    #[test]
    fn pattern_properties_become_additional_properties() {
        let (schema, moves) =
            normalized(json!({"type": "object", "patternProperties": {"^x-": {"type": ["integer", "null"]}}}));
        assert_eq!(schema, json!({"type": "object", "additionalProperties": {"type": "integer", "nullable": true}}));
        assert_eq!(
            moves.original("/components/schemas/S/additionalProperties"),
            "/components/schemas/S/patternProperties/^x-"
        );
        check(
            json!({"type": "object", "patternProperties": {"a": {"type": "integer"}, "b": {"type": "string"}}}),
            json!({"type": "object", "additionalProperties": true}),
        );
        check(
            json!({"type": "object", "additionalProperties": {"type": "string"}, "patternProperties": {"a": {"type": "integer"}}}),
            json!({"type": "object", "additionalProperties": {"type": "string"}}),
        );
    }

    #[test]
    fn boolean_schemas_become_objects() {
        check(
            json!({"type": "object", "properties": {"any": true, "none": false}, "additionalProperties": false}),
            json!({"type": "object", "properties": {"any": {}, "none": {"not": {}}}, "additionalProperties": false}),
        );
    }

    #[test]
    fn only_schema_positions_are_rewritten() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1", "summary": "s", "license": {"name": "MIT", "identifier": "MIT"}},
            "components": {"parameters": {"P": {"name": "p", "in": "query", "schema": {"type": ["string", "null"]},
                "examples": {"one": {"value": {"type": ["a", "b"], "const": 1}}}}}}
        });
        let mut moves = Moves::default();
        let mut notes = Vec::new();
        normalize(&mut doc, &mut moves, &mut notes);
        assert_eq!(doc["paths"], json!({}), "a missing `paths` is inserted");
        assert_eq!(doc["info"]["description"], json!("s"), "the summary is part of the description");
        assert_eq!(doc["components"]["parameters"]["P"]["schema"], json!({"type": "string", "nullable": true}));
        assert_eq!(
            doc["components"]["parameters"]["P"]["examples"]["one"]["value"],
            json!({"type": ["a", "b"], "const": 1})
        );
    }

    #[test]
    fn webhooks_and_mutual_tls_are_noted() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "paths": {"/a": {"get": {"security": [{"mtls": [], "key": []}, {"mtls": []}]}, "summary": "s"}},
            "webhooks": {"newPet": {"post": {}}, "x-internal": {}},
            "security": [{"mtls": []}],
            "components": {"securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "k"}, "mtls": {"type": "mutualTLS"}}}
        });
        let mut notes = Vec::new();
        normalize(&mut doc, &mut Moves::default(), &mut notes);
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].contains("`newPet`") && !notes[0].contains("x-internal"), "{notes:?}");
        assert!(notes[1].contains("mutual TLS security scheme `mtls`"), "{notes:?}");
        assert_eq!(
            doc["components"]["securitySchemes"],
            json!({"key": {"type": "apiKey", "in": "header", "name": "k"}})
        );
        assert_eq!(doc["security"], json!([{}]));
        assert_eq!(doc["paths"]["/a"]["get"]["security"], json!([{"key": []}, {}]));
        assert_eq!(doc["paths"]["/a"]["get"]["responses"], json!({}), "missing responses are inserted");
    }
}
