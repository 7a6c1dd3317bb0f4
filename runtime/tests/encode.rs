//! Encoding helpers and pre-send checks.

use codegen_runtime::{
    check_max_items, check_max_length, check_maximum_f64, check_maximum_i64, check_min_items, check_min_length,
    check_minimum_f64, check_minimum_i64, encode_path_segment, header_value, json_ascii, required, InvalidRequest,
    QueryWriter,
};

fn query(pairs: &[(&str, &str)]) -> String {
    let mut writer = QueryWriter::new();
    for (name, value) in pairs {
        writer.push(name, value);
    }
    let mut url = String::from("https://h/p");
    writer.finish(&mut url);
    url
}

#[test]
fn query_values_are_encoded_like_encode_uri_component() {
    let table = [
        ("section:home", "section%3Ahome"),
        ("a b", "a%20b"),
        ("é", "%C3%A9"),
        ("😀", "%F0%9F%98%80"),
        ("!~*'()", "!~*'()"),
        ("-_.", "-_."),
        ("AZaz09", "AZaz09"),
        ("&=+/?#%", "%26%3D%2B%2F%3F%23%25"),
        ("[x]", "%5Bx%5D"),
        ("", ""),
    ];
    for (value, expected) in table {
        assert_eq!(query(&[("q", value)]), format!("https://h/p?q={expected}"), "{value:?}");
    }
}

#[test]
fn query_names_keep_brackets_literal() {
    assert_eq!(query(&[("tags[]", "a"), ("tags[]", "section:home")]), "https://h/p?tags[]=a&tags[]=section%3Ahome");
    assert_eq!(query(&[("a b&", "1")]), "https://h/p?a%20b%26=1");
}

#[test]
fn empty_query_writer_appends_nothing() {
    assert_eq!(query(&[]), "https://h/p");
}

#[test]
fn path_segments_escape_all_but_unreserved() {
    assert_eq!(encode_path_segment("a/b c"), "a%2Fb%20c");
    assert_eq!(encode_path_segment("AZaz09-._~"), "AZaz09-._~");
    assert_eq!(encode_path_segment("?#!*'()é"), "%3F%23%21%2A%27%28%29%C3%A9");
}

fn header_error(value: &str) -> InvalidRequest {
    match header_value("x-page-url", value) {
        Ok(accepted) => panic!("{value:?} was accepted as {accepted:?}"),
        Err(error) => error,
    }
}

#[test]
fn header_values_reject_what_cannot_be_sent_unchanged() {
    let cases = [
        ("ab\rc", "carriage return (\\r) at byte 2"),
        ("hello\nX-Evil: 1", "line feed (\\n) at byte 5"),
        ("a\0", "NUL character (\\0) at byte 1"),
        ("a\u{7f}", "DEL character (0x7F) at byte 1"),
        ("a\u{1}", "control character (0x01) at byte 1"),
        ("Zürich", "non-ASCII character ('ü', U+00FC) at byte 1"),
        ("café", "non-ASCII character ('é', U+00E9) at byte 3"),
        (" lead", "starts with whitespace"),
        ("trail\t", "ends with whitespace"),
    ];
    for (value, expected) in cases {
        let error = header_error(value);
        assert_eq!(error.parameter(), "x-page-url");
        assert!(error.reason().contains(expected), "{value:?}: {error}");
        assert!(error.to_string().starts_with("invalid request: parameter `x-page-url`: "));
    }
    assert_eq!(
        header_error("a\nb").reason(),
        "contains a line feed (\\n) at byte 1; header values must be visible ASCII"
    );
}

#[test]
fn header_values_accept_visible_ascii_with_inner_whitespace() {
    let ua = "Mozilla/5.0 (X11; Linux x86_64)\tAppleWebKit/537.36 (KHTML, like Gecko)";
    let value = header_value("user-agent", ua).map_err(|e| e.to_string());
    assert_eq!(value.as_ref().map(|v| v.as_bytes()), Ok(ua.as_bytes()));
    assert_eq!(header_value("x", "").map(|v| v.len()), Ok(0));
    let all_visible: String = (0x21u8..=0x7e).map(char::from).collect();
    assert!(header_value("x", &all_visible).is_ok());
}

#[test]
fn json_ascii_escapes_non_ascii_and_round_trips() {
    // Keys already sorted: the output is the same with or without serde_json/preserve_order.
    let value = serde_json::json!({"city": "Zürich", "ctl": "a\"\\\n\u{1}", "emoji": "😀"});
    let text = json_ascii(&value).map_err(|e| e.to_string());
    assert_eq!(text.as_deref(), Ok(r#"{"city":"Z\u00fcrich","ctl":"a\"\\\n\u0001","emoji":"\ud83d\ude00"}"#));
    let text = text.unwrap_or_default();
    assert!(text.is_ascii());
    let back: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    assert_eq!(back, value);
}

#[test]
fn json_ascii_keeps_serde_json_output_for_ascii_and_field_order() {
    #[derive(serde::Serialize)]
    struct Attributes<'a> {
        zeta: &'a str,
        alpha: u32,
        nested: Vec<Option<f64>>,
        #[serde(rename = "ключ")]
        key: bool,
    }
    let value = Attributes { zeta: "plain \t text", alpha: 7, nested: vec![Some(1.5), None], key: true };
    let expected = serde_json::to_string(&value).unwrap_or_default().replace("ключ", r"\u043a\u043b\u044e\u0447");
    assert_eq!(json_ascii(&value).unwrap_or_default(), expected);
    assert!(expected.starts_with(r#"{"zeta":"plain \t text","alpha":7,"nested":[1.5,null],"#));
}

fn reason(result: Result<(), InvalidRequest>) -> String {
    match result {
        Ok(()) => "ok".into(),
        Err(error) => {
            assert_eq!(error.parameter(), "p");
            error.reason().to_owned()
        }
    }
}

#[test]
fn length_checks_count_characters() {
    assert_eq!(reason(check_min_length("p", "", 1)), "must not be empty");
    assert_eq!(reason(check_min_length("p", "é", 1)), "ok");
    assert_eq!(reason(check_min_length("p", "abc", 24)), "has 3 characters; at least 24 are required");
    assert_eq!(reason(check_min_length("p", "", 0)), "ok");
    assert_eq!(reason(check_max_length("p", "éééé", 4)), "ok");
    assert_eq!(reason(check_max_length("p", "ab", 1)), "has 2 characters; at most 1 is allowed");
}

#[test]
fn an_optional_parameter_s_bounds_are_checked_only_when_it_is_set() {
    let unset: Option<String> = None;
    assert_eq!(reason(check_min_length("p", &unset, 1)), "ok");
    assert_eq!(reason(check_min_length("p", &Some(String::new()), 1)), "must not be empty");
    assert_eq!(reason(check_max_length("p", &Some("abc".to_owned()), 2)), "has 3 characters; at most 2 are allowed");
    assert_eq!(reason(check_max_length("p", &"abc".to_owned(), 3)), "ok");
    assert_eq!(reason(check_minimum_i64("p", None, 1, false)), "ok");
    assert_eq!(reason(check_minimum_i64("p", Some(0), 1, false)), "is 0; it must be at least 1");
    let limit: Option<u32> = Some(7);
    assert_eq!(reason(check_maximum_i64("p", limit.map(i64::from), 5, true)), "is 7; it must be less than 5");
}

#[test]
fn item_checks() {
    assert_eq!(reason(check_max_items("p", 10, 10)), "ok");
    assert_eq!(reason(check_max_items("p", 11, 10)), "has 11 items; at most 10 are allowed");
    assert_eq!(reason(check_min_items("p", 1, 1)), "ok");
    assert_eq!(reason(check_min_items("p", 0, 1)), "has 0 items; at least 1 is required");
    assert_eq!(reason(check_min_items("p", 1, 2)), "has 1 item; at least 2 are required");
}

#[test]
fn bound_checks() {
    assert_eq!(reason(check_minimum_i64("p", 0, 0, false)), "ok");
    assert_eq!(reason(check_minimum_i64("p", 0, 0, true)), "is 0; it must be greater than 0");
    assert_eq!(reason(check_minimum_i64("p", -1, 0, false)), "is -1; it must be at least 0");
    assert_eq!(reason(check_maximum_i64("p", 5, 5, false)), "ok");
    assert_eq!(reason(check_maximum_i64("p", 5, 5, true)), "is 5; it must be less than 5");
    assert_eq!(reason(check_maximum_i64("p", 6, 5, false)), "is 6; it must be at most 5");
    assert_eq!(reason(check_minimum_f64("p", 0.5, 0.5, false)), "ok");
    assert_eq!(reason(check_minimum_f64("p", 0.5, 0.5, true)), "is 0.5; it must be greater than 0.5");
    assert_eq!(reason(check_maximum_f64("p", 1.0, 1.5, true)), "ok");
    assert_eq!(reason(check_maximum_f64("p", f64::NAN, 1.0, false)), "is NaN; it must be at most 1");
    assert_eq!(reason(check_minimum_f64("p", f64::NAN, 1.0, false)), "is NaN; it must be at least 1");
}

#[test]
fn required_names_the_parameter() {
    assert_eq!(required("x-project-uid", Some(3)), Ok(3));
    let error = required::<u8>("x-project-uid", None).err();
    assert_eq!(
        error.map(|e| e.to_string()).as_deref(),
        Some("invalid request: parameter `x-project-uid`: is required but was not set")
    );
}
