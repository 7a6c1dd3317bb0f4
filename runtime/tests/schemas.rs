//! The runtime helpers the generated types use: `double_option`, `nullable`,
//! `untagged_order`, and `Validate` with its paths.

use codegen_runtime::{double_option, nullable, untagged_order, Path, Validate};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Fields {
    #[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]
    optional: Option<Option<u8>>,
    #[serde(deserialize_with = "nullable")]
    required: Option<u8>,
}

#[test]
fn double_option_keeps_absent_null_and_value_apart() {
    for (wire, optional) in [(json!({"required": 1}), None), (json!({"optional": null, "required": 1}), Some(None))] {
        let decoded: Fields = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(decoded, Fields { optional, required: Some(1) });
        assert_eq!(serde_json::to_value(&decoded).unwrap(), wire);
    }
    let decoded: Fields = serde_json::from_value(json!({"optional": 2, "required": null})).unwrap();
    assert_eq!(decoded, Fields { optional: Some(Some(2)), required: None });
}

#[test]
fn nullable_requires_the_member() {
    let error = serde_json::from_value::<Fields>(json!({"optional": 1})).unwrap_err();
    assert!(error.to_string().contains("missing field `required`"), "{error}");
}

#[test]
fn untagged_order_prefers_the_variant_that_knows_the_keys() {
    let shapes: &[codegen_runtime::Shape] = &[
        Some(&[("a", false), ("b", false)]),
        None,
        Some(&[("c", false), ("d", false)]),
        Some(&[("c", false), ("e", true)]),
    ];
    // `c` is known to variants 2 and 3; 3 requires `e`, which is missing.
    assert_eq!(untagged_order(&json!({"c": 1}), shapes), [2, 0, 1, 3]);
    // Both know one key; variant 3 knows both.
    assert_eq!(untagged_order(&json!({"c": 1, "e": 2}), shapes), [3, 2, 0, 1]);
    // Not an object: declaration order.
    assert_eq!(untagged_order(&json!("x"), shapes), [0, 1, 2, 3]);
}

struct Limited(String);

impl Validate for Limited {
    fn validate(&self, path: &Path<'_>) -> Result<(), codegen_runtime::InvalidRequest> {
        codegen_runtime::check_length(path, &self.0, Some(2), Some(4))
    }
}

#[test]
fn validate_walks_containers_and_names_the_path() {
    let ok = vec![Some(Limited("abc".into()))];
    assert!(ok.validate(&Path::Root("body")).is_ok());
    let bad = vec![None, Some(Limited("a".into()))];
    let error = bad.validate(&Path::Root("body")).unwrap_err();
    assert_eq!(error.parameter(), "body[1]");
    let map = codegen_runtime::IndexMap::from([("k".to_owned(), Box::new(Limited("abcde".into())))]);
    let field = Path::Field(&Path::Root("body"), "items");
    assert_eq!(map.validate(&field).unwrap_err().parameter(), "body.items[\"k\"]");
}

#[test]
fn ranges_include_or_exclude_their_bounds() {
    let at = Path::Root("n");
    assert!(codegen_runtime::check_range_i64(&at, 1, Some((1, false)), Some((3, true))).is_ok());
    assert!(codegen_runtime::check_range_i64(&at, 1, Some((1, true)), None).is_err());
    assert!(codegen_runtime::check_range_i64(&at, 3, None, Some((3, true))).is_err());
    assert!(codegen_runtime::check_range_f64(&at, 0.5, Some((0.0, true)), Some((1.0, false))).is_ok());
    assert!(codegen_runtime::check_range_f64(&at, f64::NAN, Some((0.0, false)), None).is_err());
    assert!(codegen_runtime::check_items(&at, 0, Some(1), None).is_err());
}
