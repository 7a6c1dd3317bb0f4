//! Changes to the Edge document, each with the reading the change report must give it and,
//! where cargo-semver-checks cannot see what makes a change breaking, why.

use generator::surface::Impact;
use serde_json::{json, Value};

/// One kind of document change.
pub struct Case {
    /// A short name (`--only` matches it).
    pub name: &'static str,
    /// The change, applied to the Edge document (as JSON).
    pub change: fn(&mut Value),
    /// An item the report must name (`Manifest::expires_at`).
    pub item: &'static str,
    /// The strongest impact the report must give; `None`: no change at all.
    pub impact: Option<Impact>,
    /// Why cargo-semver-checks reads the change as compatible although it is breaking:
    /// what it cannot see. `None`: both must agree.
    pub unseen: Option<&'static str>,
}

fn schema<'a>(doc: &'a mut Value, name: &str) -> &'a mut Value {
    &mut doc["components"]["schemas"][name]
}

fn get_manifest(doc: &mut Value) -> &mut Value {
    &mut doc["paths"]["/manifest"]["get"]
}

/// Pushes `item` onto the array at `array` (which the Edge document has).
fn push(array: &mut Value, item: Value) {
    if let Some(items) = array.as_array_mut() {
        items.push(item);
    }
}

/// Removes `key` from the object at `object`.
fn remove(object: &mut Value, key: &str) -> Option<Value> {
    object.as_object_mut().and_then(|members| members.remove(key))
}

fn require(schema: &mut Value, member: &str) {
    if let Some(required) = schema["required"].as_array_mut() {
        required.push(json!(member));
    } else {
        schema["required"] = json!([member]);
    }
}

const RUN_TIME: &str = "`send` checks required values at run time: the code compiles, the call fails";
const TYPES: &str =
    "a field or a parameter takes another type (no lint of it compares the types of fields or parameters)";
const UNEXPECTED: &str = "answers that decoded now end in an unexpected-status error";

/// The suite, in the order the table shows it.
pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "description reworded",
            change: |doc| schema(doc, "Manifest")["description"] = json!("Reworded."),
            item: "",
            impact: None,
            unseen: None,
        },
        Case {
            name: "optional field added to a response",
            change: |doc| schema(doc, "ErrorBody")["properties"]["requestId"] = json!({"type": "string"}),
            item: "ErrorBody::request_id",
            impact: Some(Impact::Compatible),
            unseen: None,
        },
        Case {
            name: "optional field added to a request body",
            change: |doc| {
                schema(doc, "MergeUserAttributesRequest")["properties"]["reason"] = json!({"type": "string"});
            },
            item: "MergeUserAttributesRequest::reason",
            impact: Some(Impact::Compatible),
            unseen: None,
        },
        Case {
            name: "required field added to a request body",
            change: |doc| {
                let body = schema(doc, "MergeUserAttributesRequest");
                body["properties"]["reason"] = json!({"type": "string"});
                require(body, "reason");
            },
            item: "MergeUserAttributesRequest::reason",
            impact: Some(Impact::Breaking),
            unseen: None,
        },
        Case {
            name: "field removed",
            change: |doc| {
                let experience = schema(doc, "Experience");
                remove(&mut experience["properties"], "activeVariantShortUid");
                if let Some(required) = experience["required"].as_array_mut() {
                    required.retain(|name| name != "activeVariantShortUid");
                }
            },
            item: "Experience::active_variant_short_uid",
            impact: Some(Impact::Breaking),
            unseen: None,
        },
        Case {
            // `Manifest` only comes in answers and is made with `Default`: no `new` gains a
            // parameter that cargo-semver-checks could count.
            name: "field of an answer made required",
            change: |doc| require(schema(doc, "Manifest"), "activeVariants"),
            item: "Manifest::active_variants",
            impact: Some(Impact::Breaking),
            unseen: Some(TYPES),
        },
        Case {
            name: "required field added to an answer",
            change: |doc| {
                let experience = schema(doc, "Experience");
                experience["properties"]["weight"] = json!({"type": "integer"});
                require(experience, "weight");
            },
            item: "Experience::weight",
            impact: Some(Impact::Compatible),
            unseen: None,
        },
        Case {
            name: "field type changed",
            change: |doc| {
                schema(doc, "ErrorBody")["properties"]["error"] = json!({"type": "integer", "format": "int64"});
            },
            item: "ErrorBody::error",
            impact: Some(Impact::Breaking),
            unseen: Some(TYPES),
        },
        Case {
            name: "enum value added",
            change: |doc| {
                let values = &mut schema(doc, "CustomEvent")["properties"]["type"]["enum"];
                push(values, json!("GOAL"));
            },
            item: "CustomEventType::Goal",
            impact: Some(Impact::Compatible),
            unseen: None,
        },
        Case {
            name: "enum value removed",
            change: |doc| {
                let values = &mut schema(doc, "CustomEvent")["properties"]["type"]["enum"];
                *values = json!(["CONVERSION"]);
            },
            item: "CustomEventType::Event",
            impact: Some(Impact::Breaking),
            unseen: None,
        },
        Case {
            name: "operation added",
            change: |doc| {
                doc["paths"]["/experiences"] = json!({"get": {
                    "operationId": "listExperiences",
                    "responses": {"200": {"description": "The experiences.", "content": {"application/json": {
                        "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Experience"}}
                    }}}}
                }});
            },
            item: "Client::list_experiences",
            impact: Some(Impact::Compatible),
            unseen: None,
        },
        Case {
            name: "operation removed",
            change: |doc| {
                remove(&mut doc["paths"], "/events");
            },
            item: "Client::track_events",
            impact: Some(Impact::Breaking),
            unseen: None,
        },
        Case {
            name: "operation id renamed",
            change: |doc| get_manifest(doc)["operationId"] = json!("fetchManifest"),
            item: "Client::get_manifest",
            impact: Some(Impact::Breaking),
            unseen: None,
        },
        Case {
            name: "optional parameter added",
            change: |doc| {
                let parameter = json!({"name": "locale", "in": "query", "schema": {"type": "string"}});
                push(&mut get_manifest(doc)["parameters"], parameter);
            },
            item: "GetManifest::locale",
            impact: Some(Impact::Compatible),
            unseen: None,
        },
        Case {
            name: "required parameter added",
            change: |doc| {
                let parameter =
                    json!({"name": "locale", "in": "query", "required": true, "schema": {"type": "string"}});
                push(&mut get_manifest(doc)["parameters"], parameter);
            },
            item: "GetManifest::locale",
            impact: Some(Impact::Breaking),
            unseen: Some(RUN_TIME),
        },
        Case {
            // Path parameters are arguments of the client method: its signature changes.
            name: "path parameter added",
            change: |doc| {
                if let Some(paths) = doc["paths"].as_object_mut() {
                    if let Some(mut item) = paths.remove("/manifest") {
                        let parameter = json!({"name": "locale", "in": "path", "required": true,
                                               "schema": {"type": "string"}});
                        push(&mut item["get"]["parameters"], parameter);
                        paths.insert("/manifest/{locale}".to_owned(), item);
                    }
                }
            },
            item: "Client::get_manifest",
            impact: Some(Impact::Breaking),
            unseen: None,
        },
        Case {
            name: "parameter made optional",
            change: |doc| doc["components"]["parameters"]["EventsUserUid"]["required"] = json!(false),
            item: "TrackEvents::user_uid",
            impact: Some(Impact::Compatible),
            unseen: None,
        },
        Case {
            name: "response header added",
            change: |doc| {
                get_manifest(doc)["responses"]["200"]["headers"]["x-request-id"] =
                    json!({"description": "The request's id.", "schema": {"type": "string"}});
            },
            item: "ResponseValue::x_request_id (Client::get_manifest)",
            impact: Some(Impact::Compatible),
            unseen: None,
        },
        Case {
            name: "response status added, its range there before",
            change: |doc| {
                get_manifest(doc)["responses"]["429"] = json!({"$ref": "#/components/responses/ClientError"});
            },
            item: "Client::get_manifest 429",
            impact: Some(Impact::WireOnly),
            unseen: None,
        },
        Case {
            name: "response status added where none was",
            change: |doc| {
                get_manifest(doc)["responses"]["3XX"] = json!({"$ref": "#/components/responses/ClientError"});
            },
            item: "Client::get_manifest 3XX",
            impact: Some(Impact::Compatible),
            unseen: None,
        },
        Case {
            name: "response status removed, its range left",
            change: |doc| {
                remove(&mut get_manifest(doc)["responses"], "404");
            },
            item: "Client::get_manifest 404",
            impact: Some(Impact::WireOnly),
            unseen: None,
        },
        Case {
            name: "response status removed, nothing left for it",
            change: |doc| {
                remove(&mut get_manifest(doc)["responses"], "5XX");
            },
            item: "Client::get_manifest 5XX",
            impact: Some(Impact::Breaking),
            unseen: Some(UNEXPECTED),
        },
        Case {
            name: "path moved",
            change: |doc| {
                if let Some(paths) = doc["paths"].as_object_mut() {
                    if let Some(item) = paths.remove("/events") {
                        paths.insert("/v2/events".to_owned(), item);
                    }
                }
            },
            item: "Client::track_events",
            impact: Some(Impact::WireOnly),
            unseen: None,
        },
        Case {
            name: "server added",
            change: |doc| {
                let server = json!({"url": "https://ap-personalize-edge.contentstack.com", "description": "AWS Asia"});
                push(&mut doc["servers"], server);
            },
            item: "Region::AwsAsia",
            impact: Some(Impact::Compatible),
            unseen: None,
        },
        Case {
            name: "request body type changed",
            change: |doc| {
                doc["components"]["requestBodies"]["UserAttributes"]["content"]["application/json"]["schema"] =
                    json!({"type": "array", "items": {"type": "string"}});
            },
            item: "SetUserAttributes::body",
            impact: Some(Impact::Breaking),
            unseen: Some(TYPES),
        },
    ]
}
