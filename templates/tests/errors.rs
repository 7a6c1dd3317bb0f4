//! Error values, their messages and accessors, and the response wrapper.

use std::error::Error as _;

use bytes::Bytes;
use codegen_runtime::{
    BuildError, Error, InvalidRequest, InvalidResponse, RawResponse, ResponseValue, UnexpectedResponse,
};
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use reqwest::StatusCode;

#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
struct ErrorBody {
    error: String,
    message: String,
}

fn raw(status: u16, body: impl Into<Bytes>) -> RawResponse {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::IM_A_TEAPOT);
    RawResponse::new(status, headers, body.into())
}

#[test]
fn invalid_request_message_and_accessors() {
    let error: Error<ErrorBody> = InvalidRequest::new("x-project-uid", "must not be empty").into();
    assert_eq!(error.to_string(), "invalid request: parameter `x-project-uid`: must not be empty");
    assert_eq!(error.status(), None);
    assert!(error.headers().is_none());
    assert!(error.error_body().is_none());
    assert!(error.source().is_none());
    assert!(matches!(&error, Error::InvalidRequest(e) if e.parameter() == "x-project-uid"));
}

#[test]
fn error_response_message_and_body() {
    let body = r#"{"error":"personalize.MANIFEST.PROJECT_NOT_FOUND","message":"no such project"}"#;
    let error = raw(404, body).into_error_response::<ErrorBody>();
    assert_eq!(
        error.to_string(),
        "error response 404 Not Found: ErrorBody { error: \"personalize.MANIFEST.PROJECT_NOT_FOUND\", message: \"no such project\" }"
    );
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(error.headers().and_then(|h| h.get(CONTENT_TYPE)), Some(&HeaderValue::from_static("application/json")));
    assert_eq!(error.error_body().map(|b| b.error.as_str()), Some("personalize.MANIFEST.PROJECT_NOT_FOUND"));
    assert_eq!(error.into_error_body().map(|b| b.message), Some("no such project".to_owned()));
}

#[test]
fn text_error_bodies_can_be_wrapped() {
    let response = raw(400, "bad tags");
    let text = response.text().unwrap_or_default();
    let error: Error<String> = Error::ErrorResponse(Box::new(response.into_value(text, ())));
    assert_eq!(error.to_string(), "error response 400 Bad Request: \"bad tags\"");
}

#[test]
fn unexpected_response_message() {
    let error = raw(418, "short and stout").into_unexpected::<ErrorBody>();
    assert_eq!(error.to_string(), "unexpected response 418 I'm a teapot: short and stout");
    assert_eq!(error.status(), Some(StatusCode::IM_A_TEAPOT));
    assert!(error.error_body().is_none());
    let empty = UnexpectedResponse::new(StatusCode::CREATED, HeaderMap::new(), Bytes::new());
    assert_eq!(empty.to_string(), "unexpected response 201 Created with an empty body");
}

#[test]
fn undecodable_error_body_is_an_invalid_response() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let error = raw(502, html).into_error_response::<ErrorBody>();
    let Error::InvalidResponse(invalid) = &error else {
        panic!("expected InvalidResponse, got {error:?}");
    };
    assert_eq!(invalid.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(invalid.body(), html.as_bytes());
    assert_eq!(invalid.body_snippet(), html);
    assert!(invalid.reason().starts_with("expected a JSON body: expected value at line 1 column 1"));
    assert_eq!(error.to_string(), format!("invalid response 502 Bad Gateway: {}; body: {html}", invalid.reason()));
    assert_eq!(error.status(), Some(StatusCode::BAD_GATEWAY));
}

#[test]
fn body_snippet_cuts_at_a_character_boundary() {
    // 'é' is 2 bytes: 600 bytes of 'é' after one 'a' puts the 512-byte limit inside a 'é'.
    let body = format!("a{}", "é".repeat(300));
    let invalid = InvalidResponse::new(StatusCode::OK, HeaderMap::new(), Bytes::from(body.clone()), "test");
    let snippet = invalid.body_snippet();
    assert!(snippet.ends_with('…'));
    let kept = snippet.trim_end_matches('…');
    assert!(!kept.contains('\u{fffd}'), "split a character: {kept:?}");
    assert_eq!(kept.len(), 511);
    assert!(body.starts_with(kept));

    // Exactly at the limit: nothing cut, no ellipsis.
    let exact = "x".repeat(512);
    let whole = InvalidResponse::new(StatusCode::OK, HeaderMap::new(), exact.clone().into(), "test");
    assert_eq!(whole.body_snippet(), exact);

    // Invalid UTF-8 is replaced, not a reason to fail.
    let bad = UnexpectedResponse::new(StatusCode::OK, HeaderMap::new(), vec![b'a', 0xff, b'b'].into());
    assert_eq!(bad.body_snippet(), "a\u{fffd}b");
}

#[test]
fn build_error_messages() {
    let error = BuildError::invalid_base_url("ftp://x", "the scheme must be http or https");
    assert_eq!(error.to_string(), "invalid base URL `ftp://x`: the scheme must be http or https");
    assert!(error.source().is_none());
    let error = BuildError::invalid_setting("project_uid", "is required but was not set");
    assert_eq!(error.to_string(), "invalid client setting `project_uid`: is required but was not set");
}

#[test]
fn response_value_keeps_status_and_headers() {
    let mut headers = HeaderMap::new();
    headers.insert("x-cs-personalize-user-uid", HeaderValue::from_static("u-1"));
    let mut value = ResponseValue::new(vec![1, 2], StatusCode::OK, headers, Some("u-1"));
    assert_eq!(value.len(), 2, "derefs to the body");
    value.push(3);
    assert_eq!(value.status(), StatusCode::OK);
    assert_eq!(value.typed_headers(), &Some("u-1"));
    assert!(value.headers().contains_key("x-cs-personalize-user-uid"));
    let copy = value.clone();
    let mapped = value.map(|v| v.len());
    assert_eq!((*mapped, mapped.status()), (3, StatusCode::OK));
    assert!(format!("{mapped:?}").contains("inner: 3"));
    let (inner, status, headers, typed) = copy.into_parts();
    assert_eq!((inner, status, typed), (vec![1, 2, 3], StatusCode::OK, Some("u-1")));
    assert_eq!(headers.len(), 1);
}
