//! JSON written in JavaScript's property order: integer-like keys first, ascending, then the
//! others in insertion order, in every object (`runtime::to_json_js_order`, and through it
//! request bodies, JSON parameters and JSON parts of forms).

use codegen_runtime::{form_body, json_ascii, json_body, to_json_js_order, FormField, IndexMap, Multipart, Style};
use serde::Serialize;
use serde_json::{json, Value};

fn js(value: &impl Serialize) -> String {
    to_json_js_order(value).expect("serializes")
}

#[test]
fn integer_like_keys_come_first_in_ascending_order() {
    // `json!` keeps insertion order (serde_json's `preserve_order`).
    let value = json!({"12": "c", "b": 1, "3": "a", "a": 2, "7": "b"});
    assert_eq!(js(&value), r#"{"3":"a","7":"b","12":"c","b":1,"a":2}"#);
    // A plain serde_json text keeps the insertion order; JavaScript would not.
    assert_eq!(value.to_string(), r#"{"12":"c","b":1,"3":"a","a":2,"7":"b"}"#);
}

#[test]
fn keys_ordered_as_numbers_not_as_text() {
    let map: IndexMap<String, u8> = IndexMap::from([("12".into(), 12), ("3".into(), 3), ("7".into(), 7)]);
    assert_eq!(js(&map), r#"{"3":3,"7":7,"12":12}"#);
    let map: IndexMap<String, u8> = IndexMap::from([("3".into(), 3), ("7".into(), 7), ("12".into(), 12)]);
    assert_eq!(js(&map), r#"{"3":3,"7":7,"12":12}"#);
}

#[test]
fn non_canonical_keys_keep_their_place_among_the_others() {
    let value = json!({
        "012": 1, "-1": 2, "1.5": 3, "4294967295": 4, "4294967294": 5, " 1": 6, "1e3": 7, "": 8, "0": 9
    });
    assert_eq!(js(&value), r#"{"0":9,"4294967294":5,"012":1,"-1":2,"1.5":3,"4294967295":4," 1":6,"1e3":7,"":8}"#);
}

#[test]
fn nested_objects_and_objects_in_arrays_are_ordered_too() {
    let value = json!({
        "b": {"z": 1, "10": {"y": [], "2": null}, "1": true, "k\\\"3": {"\"4": 4, "4": "\\"}},
        "2": [{"k": "v", "9": "w"}, {"x": {"5": 5, "x": "}{,\"5\":"}}],
        "a": "s"
    });
    assert_eq!(
        js(&value),
        concat!(
            r#"{"2":[{"9":"w","k":"v"},{"x":{"5":5,"x":"}{,\"5\":"}}],"#,
            r#""b":{"1":true,"10":{"2":null,"y":[]},"z":1,"k\\\"3":{"4":"\\","\"4":4}},"a":"s"}"#
        )
    );
}

#[test]
fn text_is_serde_json_s_without_integer_like_keys() {
    #[derive(Serialize)]
    struct Event {
        #[serde(rename = "eventKey")]
        event_key: String,
        ratio: f32,
        extra: Value,
    }
    let event = Event {
        event_key: "k\"é\u{1F600}\\".into(),
        ratio: 0.1,
        extra: json!({"b": [1, 2.5, {"c": null}], "a": "x,y:z"}),
    };
    let plain = serde_json::to_string(&event).expect("serializes");
    assert_eq!(js(&event), plain);
    // `f32` keeps serde_json's short text (a `serde_json::Value` would widen it).
    assert!(plain.contains(r#""ratio":0.1,"#), "{plain}");
    assert_eq!(js(&json!([])), "[]");
    assert_eq!(js(&json!({})), "{}");
    assert_eq!(js(&"12"), r#""12""#);
}

#[test]
fn repeated_integer_keys_keep_their_order() {
    #[derive(Serialize)]
    struct Twice {
        #[serde(rename = "5")]
        first: u8,
        b: u8,
        #[serde(flatten)]
        rest: IndexMap<String, u8>,
    }
    let value = Twice { first: 1, b: 2, rest: IndexMap::from([("5".into(), 3), ("4".into(), 4)]) };
    assert_eq!(js(&value), r#"{"4":4,"5":1,"5":3,"b":2}"#);
}

#[test]
fn bodies_parameters_and_json_parts_are_written_in_javascript_order() {
    let value = json!({"name": "n", "10": 1, "2": {"b": 1, "1": 2}});
    let expected = r#"{"2":{"1":2,"b":1},"10":1,"name":"n"}"#;
    assert_eq!(json_body("body", &value).ok(), Some(expected.as_bytes().to_vec()));
    assert_eq!(json_ascii(&json!({"é": 1, "1": 2})).ok().as_deref(), Some(r#"{"1":2,"\u00e9":1}"#));

    let meta = FormField { name: "meta", style: Style::Form, explode: true, json: true };
    let form = form_body("body", &json!({"meta": value}), &[meta]).expect("form");
    let text = String::from_utf8(form).expect("ascii");
    let decoded: Vec<(String, String)> = url_pairs(&text);
    assert_eq!(decoded, vec![("meta".to_owned(), expected.to_owned())]);

    let mut multipart = Multipart::new();
    multipart.value("meta", &value, true);
    let encoded = multipart.finish();
    let body = String::from_utf8_lossy(encoded.bytes());
    assert!(body.contains(expected), "{body}");
}

fn url_pairs(text: &str) -> Vec<(String, String)> {
    url::Url::parse(&format!("http://x/?{text}"))
        .expect("url")
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}
