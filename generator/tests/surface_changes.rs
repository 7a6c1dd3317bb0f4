//! Changes to the Edge document, each compared through the surfaces of the crates generated
//! before and after, and the report's reading of it checked: what changed, whether it breaks
//! users, which release it calls for.

use generator::surface::{Bump, ChangeKind, Impact, Report, Surface};
use generator::Config;
use serde_json::{json, Value};

const SPEC: &str = include_str!("../../spec/personalize-edge.openapi.yaml");
const CODEGEN: &str = include_str!("../../generated-client/codegen.toml");

fn document() -> Value {
    serde_saphyr::from_str(SPEC).expect("the Edge document is YAML")
}

fn surface_of(document: &Value) -> Surface {
    let config = Config::from_toml(CODEGEN).expect("the Edge codegen.toml");
    let bytes = serde_json::to_vec(document).expect("a JSON value serializes");
    generator::generate(&bytes, &config).expect("the changed document generates").surface().clone()
}

/// The report for the Edge document changed by `change`.
fn report(change: impl FnOnce(&mut Value)) -> Report {
    let before = document();
    let mut after = before.clone();
    change(&mut after);
    surface_of(&before).changes(&surface_of(&after))
}

/// The one change of `report` on `item`, which must have `impact`.
fn assert_change(report: &Report, item: &str, impact: Impact) {
    let found: Vec<_> = report.changes().filter(|c| c.item == item).collect();
    assert!(!found.is_empty(), "no change on {item} in:\n{}", listing(report));
    assert!(found.iter().all(|c| c.impact == impact), "{item} should be {impact}:\n{}", listing(report));
}

fn listing(report: &Report) -> String {
    report.changes().map(|c| format!("  {} [{}]\n", c, c.impact)).collect()
}

fn schema<'a>(doc: &'a mut Value, name: &str) -> &'a mut Value {
    &mut doc["components"]["schemas"][name]
}

fn get_manifest(doc: &mut Value) -> &mut Value {
    &mut doc["paths"]["/manifest"]["get"]
}

#[test]
fn the_same_document_changes_nothing() {
    let report = report(|_| {});
    assert!(report.is_empty(), "{}", listing(&report));
    assert_eq!(report.bump("0.1.0"), Bump::None);
    assert_eq!(report.next_version("0.1.0"), None);
}

#[test]
fn a_new_description_changes_nothing() {
    let report = report(|doc| schema(doc, "Manifest")["description"] = json!("Reworded."));
    assert!(report.is_empty(), "{}", listing(&report));
}

#[test]
fn an_added_optional_field_is_compatible() {
    let report = report(|doc| {
        schema(doc, "Manifest")["properties"]["expiresAt"] = json!({"type": "string", "description": "When."})
    });
    assert_change(&report, "Manifest::expires_at", Impact::Compatible);
    assert_eq!(report.bump("0.1.0"), Bump::Patch);
    assert_eq!(report.bump("1.4.2"), Bump::Minor);
    assert_eq!(report.next_version("1.4.2").as_deref(), Some("1.5.0"));
}

#[test]
fn an_added_required_field_breaks() {
    let report = report(|doc| {
        let manifest = schema(doc, "MergeUserAttributesRequest");
        manifest["properties"]["reason"] = json!({"type": "string"});
        manifest["required"].as_array_mut().unwrap().push(json!("reason"));
    });
    assert_change(&report, "MergeUserAttributesRequest::reason", Impact::Breaking);
    assert_eq!(report.next_version("0.1.0").as_deref(), Some("0.2.0"));
    assert_eq!(report.next_version("2.3.4").as_deref(), Some("3.0.0"));
}

#[test]
fn a_removed_field_breaks() {
    let report = report(|doc| {
        let experience = schema(doc, "Experience");
        experience["properties"].as_object_mut().unwrap().remove("activeVariantShortUid");
        let required = experience["required"].as_array_mut().unwrap();
        required.retain(|name| name != "activeVariantShortUid");
    });
    let change = report.changes().find(|c| c.item == "Experience::active_variant_short_uid").expect("reported");
    assert_eq!((change.kind.clone(), change.impact), (ChangeKind::Removed, Impact::Breaking));
}

#[test]
fn a_field_made_required_breaks() {
    let report = report(|doc| {
        schema(doc, "Manifest")["required"].as_array_mut().unwrap().push(json!("activeVariants"));
    });
    assert_change(&report, "Manifest::active_variants", Impact::Breaking);
}

#[test]
fn a_field_of_another_type_breaks() {
    let report = report(|doc| {
        schema(doc, "ErrorBody")["properties"]["error"] = json!({"type": "integer", "format": "int64"});
    });
    let change = report.changes().find(|c| c.item == "ErrorBody::error").expect("reported");
    assert_eq!(change.kind, ChangeKind::Changed { from: "String".into(), to: "i64".into() });
    assert_eq!(change.impact, Impact::Breaking);
}

#[test]
fn an_added_enum_value_is_compatible_and_a_removed_one_breaks() {
    let added = report(|doc| {
        schema(doc, "CustomEvent")["properties"]["type"]["enum"].as_array_mut().unwrap().push(json!("GOAL"));
    });
    assert_change(&added, "CustomEventType::Goal", Impact::Compatible);
    let removed = report(|doc| {
        let values = &mut schema(doc, "CustomEvent")["properties"]["type"]["enum"];
        *values = json!(["CONVERSION"]);
    });
    assert_change(&removed, "CustomEventType::Event", Impact::Breaking);
    assert_change(&removed, "CustomEventType::Conversion", Impact::Compatible);
}

#[test]
fn an_added_operation_is_compatible_and_a_removed_one_breaks() {
    let added = report(|doc| {
        doc["paths"]["/experiences"] = json!({"get": {
            "operationId": "listExperiences",
            "responses": {"200": {"description": "The experiences.", "content": {"application/json": {
                "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Experience"}}
            }}}}
        }});
    });
    assert_change(&added, "Client::list_experiences", Impact::Compatible);
    let removed = report(|doc| {
        doc["paths"].as_object_mut().unwrap().remove("/user-attributes/actions/merge");
    });
    assert_change(&removed, "Client::merge_user_attributes", Impact::Breaking);
}

#[test]
fn a_renamed_operation_id_breaks() {
    let report = report(|doc| get_manifest(doc)["operationId"] = json!("fetchManifest"));
    assert_change(&report, "Client::get_manifest", Impact::Breaking);
    assert_change(&report, "Client::fetch_manifest", Impact::Compatible);
    assert_eq!(report.impact(), Some(Impact::Breaking));
}

#[test]
fn an_added_required_parameter_breaks_and_an_optional_one_does_not() {
    let parameter =
        |required: bool| json!({"name": "locale", "in": "query", "required": required, "schema": {"type": "string"}});
    let required = report(|doc| get_manifest(doc)["parameters"].as_array_mut().unwrap().push(parameter(true)));
    assert_change(&required, "GetManifest::locale", Impact::Breaking);
    let optional = report(|doc| get_manifest(doc)["parameters"].as_array_mut().unwrap().push(parameter(false)));
    assert_change(&optional, "GetManifest::locale", Impact::Compatible);
}

#[test]
fn a_parameter_made_optional_is_compatible() {
    let report = report(|doc| doc["components"]["parameters"]["EventsUserUid"]["required"] = json!(false));
    assert_change(&report, "TrackEvents::user_uid", Impact::Compatible);
}

#[test]
fn an_added_response_header_is_compatible() {
    let report = report(|doc| {
        get_manifest(doc)["responses"]["200"]["headers"]["x-request-id"] =
            json!({"description": "The request's id.", "schema": {"type": "string"}});
    });
    assert_change(&report, "Client::get_manifest header x_request_id", Impact::Compatible);
}

#[test]
fn an_added_status_is_compatible_and_a_removed_one_breaks() {
    let added = report(|doc| {
        get_manifest(doc)["responses"]["429"] = json!({"$ref": "#/components/responses/ClientError"});
    });
    assert_change(&added, "Client::get_manifest 429", Impact::Compatible);
    let removed = report(|doc| {
        get_manifest(doc)["responses"].as_object_mut().unwrap().remove("404");
    });
    assert_change(&removed, "Client::get_manifest 404", Impact::Breaking);
}

#[test]
fn a_moved_path_changes_only_the_wire() {
    let report = report(|doc| {
        let paths = doc["paths"].as_object_mut().unwrap();
        let item = paths.remove("/events").unwrap();
        paths.insert("/v2/events".to_owned(), item);
    });
    assert_change(&report, "Client::track_events", Impact::WireOnly);
    assert_eq!(report.bump("1.0.0"), Bump::Patch);
}

#[test]
fn an_added_server_is_compatible_and_a_moved_one_changes_the_wire() {
    let added = report(|doc| {
        doc["servers"]
            .as_array_mut()
            .unwrap()
            .push(json!({"url": "https://ap-personalize-edge.contentstack.com", "description": "AWS Asia (aws-ap)"}));
    });
    assert!(
        added.changes().any(|c| c.what == "server" && c.kind == ChangeKind::Added && c.impact == Impact::Compatible),
        "{}",
        listing(&added)
    );
    let moved = report(|doc| doc["servers"][1]["url"] = json!("https://eu2-personalize-edge.contentstack.com"));
    // The region's name comes from the URL in codegen.toml: a moved URL loses it.
    assert!(moved.changes().any(|c| c.what == "server"), "{}", listing(&moved));
}

#[test]
fn a_changed_request_body_breaks() {
    let report = report(|doc| {
        doc["components"]["requestBodies"]["UserAttributes"]["content"]["application/json"]["schema"] =
            json!({"type": "array", "items": {"type": "string"}});
    });
    assert_change(&report, "SetUserAttributes::body", Impact::Breaking);
}

#[test]
fn the_surface_survives_its_file() {
    let surface = surface_of(&document());
    let text = surface.to_toml("@generated by a test");
    assert!(text.starts_with("# @generated by a test\n"));
    assert_eq!(Surface::from_toml(&text), Ok(surface));
    let broken = Surface::from_toml("title = 1").unwrap_err();
    assert!(broken.contains("invalid type"), "{broken}");
}

#[test]
fn the_report_reads_as_markdown() {
    let report = report(|doc| {
        schema(doc, "Manifest")["properties"]["expiresAt"] = json!({"type": "string"});
        get_manifest(doc)["operationId"] = json!("fetchManifest");
    });
    let text = report.to_markdown("contentstack-personalize-edge", "0.1.0", ("1.0.0", "1.1.0"));
    assert!(text.starts_with("## Changes to `contentstack-personalize-edge`: document 1.0.0 -> 1.1.0\n"), "{text}");
    assert!(text.contains("**breaking**: release 0.2.0 (from 0.1.0)."), "{text}");
    let breaking = text.find("### Breaking").expect("a breaking section");
    let compatible = text.find("### Compatible").expect("a compatible section");
    assert!(breaking < compatible, "{text}");
    assert!(
        text.contains("- operation `Client::get_manifest` removed: code that uses it no longer compiles"),
        "{text}"
    );
}
