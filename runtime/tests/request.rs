//! Base URLs, request bodies, and sending against a loopback HTTP/1.1 server.
// Sent through the default transport (reqwest) to loopback servers: only with `reqwest`
// (the fixtures' tests/in_memory.rs runs generated clients without it).
#![cfg(feature = "reqwest")]

use std::collections::BTreeMap;
use std::error::Error as _;

use codegen_runtime::{json_body, normalize_base_url, Error, InvalidResponse, Limits, QueryWriter, RawResponse};
use http::StatusCode;
use tokio::net::TcpListener;

mod support;
use support::{execute, get_request, http_response, post_json, serve_once};

#[test]
fn base_urls_are_normalized() {
    let ok = |url: &str| normalize_base_url(url).map_err(|e| e.to_string());
    assert_eq!(
        ok("https://eu-personalize-edge.contentstack.com/"),
        Ok("https://eu-personalize-edge.contentstack.com".to_owned())
    );
    assert_eq!(
        ok("https://personalize-edge.contentstack.com"),
        Ok("https://personalize-edge.contentstack.com".to_owned())
    );
    assert_eq!(ok("http://127.0.0.1:8080/api//"), Ok("http://127.0.0.1:8080/api".to_owned()));
    assert_eq!(ok("HTTPS://Example.COM/v1"), Ok("https://example.com/v1".to_owned()));
}

#[test]
fn bad_base_urls_are_rejected() {
    let err = |url: &str| normalize_base_url(url).err().map(|e| e.to_string());
    assert_eq!(
        err("ftp://example.com").as_deref(),
        Some("invalid base URL `ftp://example.com`: the scheme must be http or https, not ftp")
    );
    assert_eq!(err("not a url").as_deref(), Some("invalid base URL `not a url`: relative URL without a base"));
    assert!(err("").is_some());
    assert!(err("https://").is_some());
    assert_eq!(
        err("https://example.com/?region=eu").as_deref(),
        Some("invalid base URL `https://example.com/?region=eu`: must not have a query")
    );
    assert_eq!(
        err("https://example.com/#top").as_deref(),
        Some("invalid base URL `https://example.com/#top`: must not have a fragment")
    );
}

#[test]
fn json_bodies_serialize_or_name_the_parameter() {
    let body = json_body("body", &serde_json::json!({"plan": "gold", "visits": 12}));
    assert_eq!(body.ok(), Some(br#"{"plan":"gold","visits":12}"#.to_vec()));

    let mut bad = BTreeMap::new();
    bad.insert(vec![1u8], 1u8);
    let error = json_body("body", &bad).err();
    assert_eq!(error.as_ref().map(|e| e.parameter()), Some("body"));
    assert_eq!(
        error.map(|e| e.to_string()).as_deref(),
        Some("invalid request: parameter `body`: cannot be serialized as JSON: key must be a string")
    );
}

/// Sends `GET <base><path_and_query>` to a server answering `response`; returns what the
/// client got and the request the server saw.
async fn get(path_and_query: &str, response: Vec<u8>) -> (RawResponse, String) {
    let (base, server) = serve_once(response).await;
    let unread = execute(get_request(format!("{base}{path_and_query}")), Limits::default()).await.expect("execute");
    let raw = unread.read().await.expect("body");
    (raw, server.await.expect("server"))
}

#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Manifest {
    experiences: Vec<Experience>,
}

#[derive(Debug, PartialEq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Experience {
    short_uid: String,
    active_variant_short_uid: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
struct ErrorBody {
    #[allow(dead_code)]
    error: String,
}

#[tokio::test]
async fn json_body_and_headers_are_decoded() {
    let body = br#"{"experiences":[{"shortUid":"4","activeVariantShortUid":"2"},{"shortUid":"7","activeVariantShortUid":null}]}"#;
    let response = http_response(
        "200 OK",
        &["X-CS-Personalize-User-Uid: 0b6c2d3e-1111-4222-8333-944455556666", "X-Count: 42", "X-Bad: abc"],
        body,
    );
    let mut url = String::from("/manifest");
    let mut query = QueryWriter::new();
    query.push("tags[]", "a");
    query.push("tags[]", "section:home");
    query.finish(&mut url);
    let (raw, request) = get(&url, response).await;

    assert!(request.starts_with("GET /manifest?tags[]=a&tags[]=section%3Ahome HTTP/1.1\r\n"), "{request}");
    assert_eq!(raw.status(), StatusCode::OK);
    assert_eq!(raw.status_code(), 200);
    assert_eq!(raw.body_bytes(), &body[..]);
    let manifest: Result<Manifest, InvalidResponse> = raw.body_json();
    assert_eq!(
        manifest.map(|m| m.experiences).map_err(|e| e.to_string()),
        Ok(vec![
            Experience { short_uid: "4".into(), active_variant_short_uid: Some("2".into()) },
            Experience { short_uid: "7".into(), active_variant_short_uid: None },
        ])
    );

    // Header names are case-insensitive; required and optional, present and missing.
    let user: Result<Option<String>, _> = raw.header("x-cs-personalize-user-uid", true);
    assert_eq!(user.map_err(|e| e.to_string()), Ok(Some("0b6c2d3e-1111-4222-8333-944455556666".to_owned())));
    assert_eq!(raw.header::<u32>("x-count", true).map_err(|e| e.to_string()), Ok(Some(42)));
    assert_eq!(raw.header::<u32>("x-missing", false).map_err(|e| e.to_string()), Ok(None));
    let missing = raw.header::<String>("x-missing", true).err();
    assert_eq!(missing.as_ref().map(|e| e.reason()), Some("missing response header `x-missing`"));
    assert_eq!(missing.map(|e| e.status()), Some(StatusCode::OK));
    let bad = raw.header::<u32>("x-bad", false).err();
    assert_eq!(
        bad.map(|e| e.reason().to_owned()).as_deref(),
        Some("response header `x-bad` has an unparsable value `abc`")
    );

    let value = raw.into_value("decoded", 7u8);
    assert_eq!((*value, *value.typed_headers()), ("decoded", 7));
    assert!(value.headers().contains_key("x-count"));
}

#[tokio::test]
async fn empty_body_where_json_is_expected_is_an_invalid_response() {
    let (raw, _) = get("/manifest", http_response("200 OK", &["X-Trace: t1"], b"")).await;
    let error = match raw.body_json::<Manifest>() {
        Ok(manifest) => panic!("decoded {manifest:?} from nothing"),
        Err(error) => error,
    };
    assert_eq!(error.reason(), "expected a JSON body, got an empty body");
    assert_eq!(error.status(), StatusCode::OK);
    assert_eq!(error.headers().get("x-trace").map(|v| v.as_bytes()), Some(&b"t1"[..]));
    assert!(error.body().is_empty());
    assert_eq!(
        error.to_string(),
        "the 200 OK answer does not match the API document: expected a JSON body, got an empty body"
    );
}

#[tokio::test]
async fn wrong_json_shape_is_an_invalid_response() {
    let (raw, _) = get("/manifest", http_response("200 OK", &[], br#"{"experiences":{}}"#)).await;
    let reason = raw.body_json::<Manifest>().err().map(|e| e.reason().to_owned());
    assert_eq!(
        reason.as_deref(),
        Some("expected a JSON body: invalid type: map, expected a sequence at line 1 column 15")
    );
}

#[tokio::test]
async fn html_error_page_is_an_invalid_response_with_a_snippet() {
    let html = b"<!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>";
    let response = http_response("500 Internal Server Error", &["Content-Type: text/html"], html);
    let (raw, _) = get("/manifest", response).await;
    let error = raw.into_error_response::<ErrorBody>();
    let Error::InvalidResponse(invalid) = &error else {
        panic!("expected InvalidResponse, got {error:?}");
    };
    assert_eq!(invalid.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(invalid.body_snippet().contains("<h1>Internal Server Error</h1>"));
    assert!(invalid.reason().starts_with("expected a JSON body: "));
    let message = error.to_string();
    assert!(
        message.starts_with(
            "the 500 Internal Server Error answer does not match the API document: expected a JSON body: "
        ),
        "{message}"
    );
    assert!(message.ends_with("; body: <!DOCTYPE html><html><body><h1>Internal Server Error</h1></body></html>"));
}

#[tokio::test]
async fn text_bodies_must_be_utf8() {
    let (raw, _) = get("/user-attributes", http_response("200 OK", &[], "Attribute ✓".as_bytes())).await;
    assert_eq!(raw.body_text().map_err(|e| e.to_string()), Ok("Attribute ✓".to_owned()));

    let (raw, _) = get("/user-attributes", http_response("200 OK", &[], b"ok \xff")).await;
    let reason = raw.body_text().err().map(|e| e.reason().to_owned());
    assert_eq!(reason.as_deref(), Some("expected a UTF-8 text body: invalid utf-8 sequence of 1 bytes from index 3"));
}

#[tokio::test]
async fn post_sends_the_json_body() {
    let (base, server) = serve_once(http_response("202 Accepted", &[], b"")).await;
    let body = json_body("body", &serde_json::json!([{"eventKey": "signup", "type": "EVENT"}])).expect("body");
    let request = post_json(format!("{base}/events"), body);
    let unread = execute(request, Limits::default()).await.expect("execute");
    assert_eq!(unread.status(), StatusCode::ACCEPTED);
    let seen = server.await.expect("server");
    assert!(seen.starts_with("POST /events HTTP/1.1\r\n"), "{seen}");
    assert!(seen.ends_with("\r\n\r\n[{\"eventKey\":\"signup\",\"type\":\"EVENT\"}]"), "{seen}");
}

#[tokio::test]
async fn connection_failure_is_a_transport_error() {
    // A port that was just free: nothing listens there any more.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("addr");
    drop(listener);
    let result = execute(get_request(format!("http://{address}/manifest")), Limits::default()).await;
    let error: Error<ErrorBody> = match result {
        Ok(unread) => panic!("got a response from a closed port: {unread:?}"),
        Err(error) => error.into(),
    };
    assert!(error.is_transport());
    assert!(error.is_connect());
    assert!(!error.is_timeout());
    assert_eq!(error.status(), None);
    // A sentence and the innermost cause, without the URL or reqwest's layers.
    let message = error.to_string();
    assert!(message.starts_with("could not reach the server: "), "{message}");
    assert!(message.to_lowercase().contains("connection refused"), "{message}");
    assert!(!message.contains(&address.to_string()), "{message}");
    let debug = format!("{error:?}");
    assert!(debug.starts_with("Transport(\"could not reach the server: "), "{debug}");
    assert!(error.source().is_some());
}

#[tokio::test]
async fn the_media_type_of_an_answer_picks_the_declared_body() {
    let declared = ["application/json", "text/plain", "application/xml", "image/*"];
    let cases = [
        ("application/json; charset=utf-8", 0),
        ("Text/Plain", 1),
        ("application/xml", 2),
        ("image/png", 3),
        ("application/problem+json", 0),
        ("text/html", 1),
        ("application/octet-stream", 0),
    ];
    for (content_type, index) in cases {
        let header = format!("Content-Type: {content_type}");
        let (raw, _) = get("/x", http_response("200 OK", &[&header], b"")).await;
        assert_eq!(raw.media_index(&declared), index, "{content_type}");
    }
    let (raw, _) = get("/x", http_response("200 OK", &[], b"")).await;
    assert_eq!(raw.media_index(&["text/plain", "application/json"]), 0, "no content type: the first");
}

#[tokio::test]
async fn a_streamed_body_arrives_in_chunks() {
    let body: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    let (base, server) = serve_once(http_response("200 OK", &["X-Count: 3"], &body)).await;
    let streamed = execute(get_request(format!("{base}/download")), Limits::default()).await.expect("execute");
    assert_eq!(streamed.status_code(), 200);
    assert_eq!(streamed.head().header::<u32>("x-count", true).map_err(|e| e.to_string()), Ok(Some(3)));
    let mut stream = streamed.into_stream(());
    assert_eq!(stream.status(), StatusCode::OK);
    let mut received = Vec::new();
    while let Some(chunk) = stream.chunk().await.expect("chunk") {
        received.extend_from_slice(&chunk);
    }
    assert_eq!(received, body);
    server.await.expect("server");
}

#[tokio::test]
async fn a_streamed_answer_can_still_be_read_whole() {
    let (base, _server) = serve_once(http_response("404 Not Found", &[], b"{\"error\":\"gone\"}")).await;
    let streamed = execute(get_request(format!("{base}/download")), Limits::default()).await.expect("execute");
    let raw = streamed.read().await.expect("body");
    assert_eq!(raw.status(), StatusCode::NOT_FOUND);
    assert_eq!(raw.body_bytes(), &b"{\"error\":\"gone\"}"[..]);
}
