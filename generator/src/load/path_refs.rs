//! `$ref`s of parameters, request bodies, responses and headers that point into `paths`
//! (`#/paths/~1a~1%7Bb%7D/post/responses/200`) instead of `components`: each is replaced by
//! a copy of what it points at, as a path item `$ref` is, so the lowering sees the node it
//! would have seen through a component. (Schema references into `paths` are hoisted to
//! `components/schemas` by `refs` instead, so that both places name one type.)
//!
//! Real documents write these when a tool reuses the first operation's parameter or response
//! for the next ones. The reference is a URI fragment, so it is percent-decoded first.

use serde_json::Value;

use super::moved::Moves;
use super::refs::fragment_pointer;
use crate::error::{Error, ErrorKind};
use crate::pointer;

/// The methods of a path item.
const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// How many references one chain may take before it is called circular.
const MAX_CHAIN: usize = 32;

/// Replaces every such reference by a copy of its target (see the module docs).
pub(super) fn inline_refs_into_paths(doc: &mut Value, moves: &mut Moves) -> Result<(), Error> {
    let mut copies = Vec::new();
    for at in places(doc) {
        if let Some((copy, from)) = copy_for(doc, &at)? {
            copies.push((at, copy, from));
        }
    }
    // Written after all are found, so a copy is always of the node as the document has it.
    let mut moved = Vec::new();
    for (at, copy, from) in copies {
        if let Some(node) = doc.pointer_mut(&at) {
            *node = copy;
        }
        if let Some(from) = from {
            moved.push((at, from));
        }
    }
    moves.moved_together(moved);
    Ok(())
}

/// The pointers of the nodes that may be a parameter, request body, response or header
/// reference: in every path item and operation, and in the components of those kinds.
fn places(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let members = |at: &str| -> Vec<String> {
        match doc.pointer(at) {
            Some(Value::Object(map)) => map.keys().map(|k| pointer::join(at, &[k])).collect(),
            Some(Value::Array(items)) => (0..items.len()).map(|i| pointer::join(at, &[&i.to_string()])).collect(),
            _ => Vec::new(),
        }
    };
    let mut responses = Vec::new();
    for item in members("/paths") {
        out.extend(members(&pointer::join(&item, &["parameters"])));
        for method in METHODS {
            let op = pointer::join(&item, &[method]);
            if doc.pointer(&op).is_none() {
                continue;
            }
            out.extend(members(&pointer::join(&op, &["parameters"])));
            out.push(pointer::join(&op, &["requestBody"]));
            responses.extend(members(&pointer::join(&op, &["responses"])));
        }
    }
    for section in ["parameters", "requestBodies", "headers"] {
        out.extend(members(&pointer::join("/components", &[section])));
    }
    responses.extend(members("/components/responses"));
    for response in responses {
        out.extend(members(&pointer::join(&response, &["headers"])));
        out.push(response);
    }
    out.retain(|at| !at.rsplit('/').next().is_some_and(|last| last.starts_with("x-")));
    out
}

/// What the node at `at` becomes when it is a reference into `paths`: the target's copy
/// and where that was written (`None` when the chain ends at a component reference, which
/// the node then becomes, for the lowering to follow). `None` for any other node.
fn copy_for(doc: &Value, at: &str) -> Result<Option<(Value, Option<String>)>, Error> {
    let mut here = at.to_owned();
    for step in 0..=MAX_CHAIN {
        let node = doc.pointer(&here);
        let reference = node.and_then(|n| n.get("$ref")).and_then(Value::as_str);
        let target = reference.and_then(fragment_pointer);
        match (reference, target) {
            (Some(reference), Some(target)) if target.starts_with("/paths/") => {
                if doc.pointer(&target).is_none() {
                    return Err(Error::new(
                        ErrorKind::Reference,
                        &here,
                        format!("`$ref: {reference}` points at nothing"),
                    ));
                }
                here = target;
            }
            // The end of the chain: a node of its own, or a reference the lowering follows.
            _ if step == 0 => return Ok(None),
            (Some(reference), _) => {
                return Ok(Some((serde_json::json!({ "$ref": reference }), None)));
            }
            (None, _) => return Ok(node.map(|node| (node.clone(), Some(here)))),
        }
    }
    Err(Error::new(ErrorKind::Reference, at, format!("`$ref` chain is longer than {MAX_CHAIN} references or circular")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn inlined(mut doc: Value) -> Result<(Value, Moves), Error> {
        let mut moves = Moves::default();
        inline_refs_into_paths(&mut doc, &mut moves)?;
        Ok((doc, moves))
    }

    #[test]
    fn parameters_bodies_responses_and_headers_are_copied_from_paths() {
        let first = "#/paths/~1a~1%7Bid%7D/get";
        let doc = json!({"paths": {
            "/a/{id}": {"get": {
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok", "headers": {"X-Rate": {"schema": {"type": "integer"}}}}},
            }},
            "/b/{id}": {"post": {
                "parameters": [{"$ref": format!("{first}/parameters/0")}],
                "requestBody": {"$ref": "#/paths/~1c/put/requestBody"},
                "responses": {
                    "200": {"$ref": format!("{first}/responses/200")},
                    "201": {"description": "made", "headers": {"X-Rate": {"$ref": format!("{first}/responses/200/headers/X-Rate")}}},
                },
            }},
            "/c": {"put": {"requestBody": {"content": {"text/plain": {}}}, "responses": {}}},
        }});
        let (doc, moves) = inlined(doc).expect("followed");
        let op = &doc["paths"]["/b/{id}"]["post"];
        assert_eq!(op["parameters"][0]["name"], "id");
        assert_eq!(op["requestBody"], json!({"content": {"text/plain": {}}}));
        assert_eq!(op["responses"]["200"]["description"], "ok");
        assert_eq!(op["responses"]["201"]["headers"]["X-Rate"]["schema"]["type"], "integer");
        // An error inside a copy names the node as written.
        assert_eq!(
            moves.original("/paths/~1b~1{id}/post/parameters/0/schema"),
            "/paths/~1a~1{id}/get/parameters/0/schema"
        );
    }

    #[test]
    fn a_chain_ending_at_a_component_becomes_that_reference() {
        let doc = json!({"paths": {
            "/a": {"get": {"parameters": [{"$ref": "#/components/parameters/Limit"}]}},
            "/b": {"get": {"parameters": [{"$ref": "#/paths/~1a/get/parameters/0"}]}},
        }, "components": {"parameters": {"Limit": {"name": "limit", "in": "query"}}}});
        let (doc, _) = inlined(doc).expect("followed");
        assert_eq!(doc["paths"]["/b"]["get"]["parameters"][0], json!({"$ref": "#/components/parameters/Limit"}));
        assert_eq!(doc["paths"]["/a"]["get"]["parameters"][0], json!({"$ref": "#/components/parameters/Limit"}));
    }

    #[test]
    fn references_into_nothing_and_circles_are_errors_naming_the_reference() {
        let doc = json!({"paths": {"/a": {"get": {"parameters": [{"$ref": "#/paths/~1z/get/parameters/0"}]}}}});
        let e = inlined(doc).expect_err("nothing there");
        assert_eq!((e.kind, e.pointer.as_str()), (ErrorKind::Reference, "/paths/~1a/get/parameters/0"));
        assert!(e.message.contains("points at nothing"), "{e}");
        let doc = json!({"paths": {"/a": {"get": {"parameters": [{"$ref": "#/paths/~1a/get/parameters/0"}]}}}});
        let e = inlined(doc).expect_err("circular");
        assert!(e.message.contains("circular"), "{e}");
    }
}
