//! Parameter styles: paths, queries, headers and cookies of every OpenAPI style and shape.

use codegen_runtime::{header_text, path_param, query_param, CookieWriter, QueryWriter, Style};
use serde_json::{json, Value};

fn query(name: &str, style: Style, explode: bool, value: Value) -> String {
    let mut writer = QueryWriter::new();
    query_param(&mut writer, name, style, explode, &value);
    writer.into_string()
}

#[test]
fn path_styles_follow_the_openapi_table() {
    let object = json!({"role": "admin", "firstName": "Alex"});
    let array = json!([3, 4, 5]);
    let table = [
        (Style::Simple, false, json!(5), "5"),
        (Style::Simple, false, array.clone(), "3,4,5"),
        (Style::Simple, true, array.clone(), "3,4,5"),
        (Style::Simple, false, object.clone(), "role,admin,firstName,Alex"),
        (Style::Simple, true, object.clone(), "role=admin,firstName=Alex"),
        (Style::Label, false, json!(5), ".5"),
        (Style::Label, false, array.clone(), ".3,4,5"),
        (Style::Label, true, array.clone(), ".3.4.5"),
        (Style::Label, false, object.clone(), ".role,admin,firstName,Alex"),
        (Style::Label, true, object.clone(), ".role=admin.firstName=Alex"),
        (Style::Matrix, false, json!(5), ";id=5"),
        (Style::Matrix, false, array.clone(), ";id=3,4,5"),
        (Style::Matrix, true, array.clone(), ";id=3;id=4;id=5"),
        (Style::Matrix, false, object.clone(), ";id=role,admin,firstName,Alex"),
        (Style::Matrix, true, object.clone(), ";role=admin;firstName=Alex"),
        (Style::Matrix, false, json!(""), ";id"),
    ];
    for (style, explode, value, expected) in table {
        assert_eq!(path_param("id", style, explode, &value), expected, "{style:?} {explode} {value}");
    }
}

#[test]
fn path_values_are_percent_encoded_but_separators_stay() {
    assert_eq!(path_param("id", Style::Simple, false, &json!(["a/b", "c d"])), "a%2Fb,c%20d");
    assert_eq!(path_param("id", Style::Matrix, true, &json!({"k;": "v="})), ";k%3B=v%3D");
    assert_eq!(path_param("id", Style::Simple, false, &json!(true)), "true");
    // Nested values travel as JSON text.
    assert_eq!(path_param("id", Style::Simple, false, &json!([[1, 2]])), "%5B1%2C2%5D");
}

#[test]
fn query_styles_follow_the_openapi_table() {
    let object = json!({"role": "admin", "firstName": "Alex"});
    let array = json!([3, 4, 5]);
    let table = [
        (Style::Form, true, json!(5), "id=5"),
        (Style::Form, true, array.clone(), "id=3&id=4&id=5"),
        (Style::Form, false, array.clone(), "id=3,4,5"),
        (Style::Form, true, object.clone(), "role=admin&firstName=Alex"),
        (Style::Form, false, object.clone(), "id=role,admin,firstName,Alex"),
        (Style::SpaceDelimited, false, array.clone(), "id=3%204%205"),
        (Style::SpaceDelimited, true, array.clone(), "id=3&id=4&id=5"),
        (Style::SpaceDelimited, false, object.clone(), "id=role%20admin%20firstName%20Alex"),
        (Style::PipeDelimited, false, array.clone(), "id=3|4|5"),
        (Style::PipeDelimited, false, object.clone(), "id=role|admin|firstName|Alex"),
        (Style::DeepObject, true, object.clone(), "id[role]=admin&id[firstName]=Alex"),
    ];
    for (style, explode, value, expected) in table {
        assert_eq!(query("id", style, explode, value.clone()), expected, "{style:?} {explode} {value}");
    }
}

#[test]
fn deep_objects_nest_and_skip_nulls() {
    let value = json!({"a": {"b": 1, "c": null}, "d": [1, 2], "e": "x y", "f": null});
    assert_eq!(query("q", Style::DeepObject, true, value), "q[a][b]=1&q[d]=1&q[d]=2&q[e]=x%20y");
}

#[test]
fn query_items_are_encoded_and_nulls_in_objects_left_out() {
    assert_eq!(query("q", Style::PipeDelimited, false, json!(["a|b", "c"])), "q=a%7Cb|c");
    assert_eq!(query("q", Style::Form, true, json!({"a": null, "b": "&"})), "b=%26");
}

#[test]
fn header_text_is_simple_style() {
    assert_eq!(header_text(false, &json!([1, 2])), "1,2");
    assert_eq!(header_text(false, &json!({"a": "1", "b": 2})), "a,1,b,2");
    assert_eq!(header_text(true, &json!({"a": "1", "b": 2})), "a=1,b=2");
    assert_eq!(header_text(false, &json!("x")), "x");
}

#[test]
fn cookies_are_joined_into_one_header() {
    let mut cookies = CookieWriter::new();
    cookies.push("session", "session", "abc123").expect("plain value");
    cookies.push_value("ids", false, &json!([1, 2])).expect("array");
    cookies.push_value("ids", true, &json!(["x", "y"])).expect("exploded array");
    cookies.push_value("obj", false, &json!({"a": "1"})).expect("object");
    cookies.push_value("obj", true, &json!({"a": "1", "b": null})).expect("exploded object");
    let mut headers = http::header::HeaderMap::new();
    cookies.finish(&mut headers).expect("finish");
    assert_eq!(headers["cookie"], "session=abc123; ids=1,2; ids=x; ids=y; obj=a,1; a=1");
}

#[test]
fn no_cookie_header_without_cookies() {
    let mut headers = http::header::HeaderMap::new();
    CookieWriter::new().finish(&mut headers).expect("finish");
    assert!(headers.is_empty());
}

#[test]
fn cookie_values_that_need_encoding_are_rejected() {
    for bad in ["a b", "a;b", "a,b", "\"q\"", "é", "back\\slash", "line\nbreak"] {
        let error = CookieWriter::new().push("session", "session", bad).expect_err(bad);
        assert_eq!(error.parameter(), "session");
        assert!(error.reason().contains("cookie value"), "{error}");
    }
    // An item of an array may not hold the separator either.
    let error = CookieWriter::new().push_value("ids", false, &json!(["a,b", "c"])).expect_err("comma");
    assert_eq!(error.parameter(), "ids");
    let error = CookieWriter::new().push("p", "bad name", "v").expect_err("name");
    assert_eq!(error.reason(), "`bad name` cannot be a cookie name");
}
