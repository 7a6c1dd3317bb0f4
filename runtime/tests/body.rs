//! Form and multipart bodies, and bodies chosen among several media types.

use codegen_runtime::{form_body, EncodedBody, FilePart, FormField, Multipart, Style};
use serde_json::json;

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

#[test]
fn form_fields_are_url_encoded_members() {
    let body = json!({"name": "Ann Lee", "tags": ["a", "b&c"], "age": 7, "skip": null, "address": {"city": "Oslo"}});
    let encoded = form_body("body", &body, &[]).expect("object");
    assert_eq!(text(&encoded), "name=Ann%20Lee&tags=a&tags=b%26c&age=7&city=Oslo");
}

#[test]
fn form_field_encodings_override_the_default() {
    let body = json!({"tags": ["a", "b"], "filter": {"x": 1}, "meta": {"k": "v"}, "ids": [1, 2]});
    let fields = [
        FormField { name: "tags", style: Style::Form, explode: false, json: false },
        FormField { name: "filter", style: Style::DeepObject, explode: true, json: false },
        FormField { name: "meta", style: Style::Form, explode: true, json: true },
        FormField { name: "ids", style: Style::PipeDelimited, explode: false, json: false },
    ];
    let encoded = form_body("body", &body, &fields).expect("object");
    assert_eq!(text(&encoded), "tags=a,b&filter[x]=1&meta=%7B%22k%22%3A%22v%22%7D&ids=1|2");
}

#[test]
fn a_form_body_must_be_an_object() {
    let error = form_body("body", &json!([1, 2]), &[]).expect_err("array");
    assert_eq!(error.parameter(), "body");
    assert_eq!(error.reason(), "must be an object to be sent as form fields");
    let encoded = EncodedBody::form("body", &json!({"a": 1}), &[]).expect("object");
    assert_eq!(encoded.content_type(), "application/x-www-form-urlencoded");
    assert_eq!(encoded.bytes(), b"a=1");
}

/// The parts of a multipart body: (head, content) each.
fn parts(body: &EncodedBody) -> Vec<(String, Vec<u8>)> {
    let content_type = body.content_type().to_str().expect("ASCII");
    let boundary = content_type.strip_prefix("multipart/form-data; boundary=").expect("boundary");
    let delimiter = format!("\r\n--{boundary}");
    // A CRLF in front, so that the first delimiter looks like the others.
    let mut bytes = b"\r\n".to_vec();
    bytes.extend_from_slice(body.bytes());
    let mut out = Vec::new();
    let mut rest = &bytes[..];
    loop {
        let at = find(rest, delimiter.as_bytes()).expect("delimiter");
        rest = &rest[at + delimiter.len()..];
        if rest.starts_with(b"--") {
            assert_eq!(rest, b"--\r\n", "the body ends with the close delimiter");
            return out;
        }
        rest = rest.strip_prefix(b"\r\n").expect("CRLF after the delimiter");
        let head_end = find(rest, b"\r\n\r\n").expect("end of the part's head");
        let head = String::from_utf8_lossy(&rest[..head_end]).into_owned();
        rest = &rest[head_end + 4..];
        let next = find(rest, delimiter.as_bytes()).expect("next delimiter");
        out.push((head, rest[..next].to_vec()));
        rest = &rest[next..];
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn multipart_bodies_have_text_json_and_file_parts() {
    let mut form = Multipart::from_fields(
        "body",
        &json!({"id": 7, "name": "a\"b", "tags": ["x", "y"], "meta": {"k": 1}, "none": null}),
        &[],
    )
    .expect("object");
    let bytes = vec![0u8, 159, 146, 150, 13, 10];
    form.file(
        "file",
        &FilePart::new(bytes.clone()).file_name("pic.png").content_type("image/png"),
        "application/octet-stream",
    );
    form.file("raw", &FilePart::from(&b"abc"[..]), "application/pdf");
    let body = form.finish();
    let parts = parts(&body);
    let heads: Vec<&str> = parts.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        heads,
        [
            "Content-Disposition: form-data; name=\"id\"",
            "Content-Disposition: form-data; name=\"name\"",
            "Content-Disposition: form-data; name=\"tags\"",
            "Content-Disposition: form-data; name=\"tags\"",
            "Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json",
            "Content-Disposition: form-data; name=\"file\"; filename=\"pic.png\"\r\nContent-Type: image/png",
            "Content-Disposition: form-data; name=\"raw\"\r\nContent-Type: application/pdf",
        ]
    );
    let bodies: Vec<&[u8]> = parts.iter().map(|(_, b)| b.as_slice()).collect();
    assert_eq!(bodies, [&b"7"[..], b"a\"b", b"x", b"y", br#"{"k":1}"#, &bytes, b"abc"]);
}

#[test]
fn multipart_names_are_escaped_and_the_boundary_avoids_the_content() {
    let mut form = Multipart::new();
    form.text("a\"b\r\nc", "v");
    let body = form.finish();
    let text = String::from_utf8_lossy(body.bytes()).into_owned();
    assert!(text.contains("name=\"a%22b%0D%0Ac\""), "{text}");
    // Two bodies get different boundaries; neither occurs inside a part.
    let other = Multipart::new().finish();
    assert_ne!(body.content_type(), other.content_type());
}

#[test]
fn json_fields_of_multipart_are_json_parts() {
    let form = Multipart::from_fields("body", &json!({"a": "text", "b": [1]}), &["a"]).expect("object");
    let body = form.finish();
    let parts = parts(&body);
    assert_eq!(parts[0].0, "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: application/json");
    assert_eq!(parts[0].1, b"\"text\"");
    assert_eq!(parts[1].1, b"1");
    let error = Multipart::from_fields("body", &json!("x"), &[]).expect_err("not an object");
    assert_eq!(error.reason(), "must be an object to be sent as multipart fields");
}

#[test]
fn encoded_bodies_hide_their_bytes_in_debug() {
    let body = EncodedBody::raw("application/octet-stream", vec![1, 2, 3]);
    assert_eq!(format!("{body:?}"), "EncodedBody { content_type: \"application/octet-stream\", len: 3 }");
    let file = FilePart::new(vec![0u8; 10]).file_name("a.bin");
    assert_eq!(format!("{file:?}"), "FilePart { len: 10, file_name: Some(\"a.bin\"), content_type: None }");
    let json = EncodedBody::json("body", &json!({"a": 1}), "application/vnd.x+json").expect("json");
    assert_eq!(json.content_type(), "application/vnd.x+json");
    assert_eq!(json.bytes(), br#"{"a":1}"#);
}
