//! `Object`, through which every generated struct decodes: a struct written here as the
//! generator writes one (required, optional, optional nullable, defaulted, extra members).

use codegen_runtime::{IndexMap, Object};
use serde::de::{Deserialize, Deserializer};
use serde_json::json;

#[derive(Debug, PartialEq)]
struct Record {
    id: u32,
    owner: Option<String>,
    label: Option<String>,
    parent: Option<Option<u32>>,
    retries: u8,
    additional_properties: IndexMap<String, bool>,
}

fn three() -> u8 {
    3
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut object: Object = Deserialize::deserialize(deserializer)?;
        let id = object.required("id")?;
        let owner = object.required("owner")?;
        let value = Self {
            id,
            owner,
            label: object.optional("label"),
            parent: object.optional_nullable("parent"),
            retries: object.or_default("retries", three),
            additional_properties: object.rest(),
        };
        object.finish()?;
        Ok(value)
    }
}

#[derive(Debug, PartialEq)]
struct Closed {
    name: String,
}

impl<'de> Deserialize<'de> for Closed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut object: Object = Deserialize::deserialize(deserializer)?;
        let value = Self { name: object.required("name")? };
        object.deny()?;
        Ok(value)
    }
}

fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|error| error.to_string())
}

#[test]
fn fields_are_taken_by_name_and_the_rest_kept_in_order() {
    let record: Record =
        decode(r#"{"z":true,"owner":null,"id":7,"a":false,"label":"l","parent":null,"retries":1}"#).unwrap();
    let mut extra = IndexMap::new();
    extra.insert("z".to_owned(), true);
    extra.insert("a".to_owned(), false);
    let expected = Record {
        id: 7,
        owner: None,
        label: Some("l".into()),
        parent: Some(None),
        retries: 1,
        additional_properties: extra,
    };
    assert_eq!(record, expected);
}

#[test]
fn absent_optional_members_are_none_and_defaults_fill_in() {
    let record: Record = decode(r#"{"id":1,"owner":"o","label":null}"#).unwrap();
    assert_eq!(record.owner.as_deref(), Some("o"));
    assert_eq!(record.label, None, "null is None for an optional member");
    assert_eq!(record.parent, None, "absent is None, apart from null");
    assert_eq!(record.retries, 3);
    assert!(record.additional_properties.is_empty());
    let record: Record = decode(r#"{"id":1,"owner":"o","parent":4}"#).unwrap();
    assert_eq!(record.parent, Some(Some(4)));
}

#[test]
fn a_required_member_must_be_present_even_when_nullable() {
    let error = decode::<Record>(r#"{"id":1}"#).unwrap_err();
    assert!(error.starts_with("missing field `owner`"), "{error}");
    let error = decode::<Record>(r#"{"owner":null}"#).unwrap_err();
    assert!(error.starts_with("missing field `id`"), "{error}");
}

#[test]
fn errors_name_the_member_and_the_outer_position() {
    let error = decode::<Record>(r#"{"id":"seven","owner":null}"#).unwrap_err();
    assert!(error.starts_with("id: invalid type: string \"seven\", expected u32"), "{error}");
    let error = decode::<Record>(r#"{"id":1,"owner":null,"extra":"yes"}"#).unwrap_err();
    assert!(error.contains("invalid type: string \"yes\", expected a boolean"), "{error}");
    let nested = decode::<Vec<Record>>(r#"[{"id":1,"owner":null,"retries":300}]"#).unwrap_err();
    assert!(nested.starts_with("retries: invalid value: integer `300`"), "{nested}");
    assert!(nested.contains("line 1 column"), "serde_json adds where the object ended: {nested}");
}

#[test]
fn the_first_failure_of_the_members_taken_without_returning_early_is_the_error() {
    // `label`, `parent` and `retries` are taken after the required fields, each failure kept
    // rather than returned; the first in the struct's order is the one given.
    let error = decode::<Record>(r#"{"id":1,"owner":null,"label":5,"parent":"p","retries":300}"#).unwrap_err();
    assert!(error.starts_with("label: invalid type: integer `5`, expected a string"), "{error}");
    let error = decode::<Record>(r#"{"id":1,"owner":null,"parent":"p","extra":"yes"}"#).unwrap_err();
    assert!(error.starts_with("parent: invalid type: string \"p\", expected u32"), "{error}");
    // A required member is taken first, so its failure is the one given.
    let error = decode::<Record>(r#"{"label":5,"owner":7,"id":1}"#).unwrap_err();
    assert!(error.starts_with("owner: invalid type: integer `7`"), "{error}");
}

#[test]
fn duplicate_members_and_non_objects_are_refused() {
    let error = decode::<Record>(r#"{"id":1,"owner":null,"id":2}"#).unwrap_err();
    assert!(error.starts_with("duplicate member `id`"), "{error}");
    let error = decode::<Record>(r#"[1, null]"#).unwrap_err();
    assert!(error.starts_with("invalid type: sequence, expected a JSON object"), "{error}");
    let long = "k".repeat(10_000);
    let error = decode::<Record>(&format!(r#"{{"{long}":true,"{long}":true}}"#)).unwrap_err();
    assert!(error.len() < 200, "a hostile name is cut short: {} bytes", error.len());
}

#[test]
fn a_closed_schema_refuses_other_members() {
    assert_eq!(decode::<Closed>(r#"{"name":"n"}"#).unwrap(), Closed { name: "n".into() });
    let error = decode::<Closed>(r#"{"name":"n","extra":1}"#).unwrap_err();
    assert!(error.starts_with("unknown member `extra`: the schema allows no other"), "{error}");
}

#[test]
fn decodes_from_a_json_value_as_well_as_from_text() {
    let record: Record = serde_json::from_value(json!({"id": 2, "owner": "o", "flag": true})).unwrap();
    assert_eq!(record.additional_properties.get("flag"), Some(&true));
}
