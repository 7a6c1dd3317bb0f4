//! Error values, their messages and accessors, and the response wrapper.

use std::error::Error as _;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use codegen_runtime::{
    BuildError, Error, ErrorResponse, InvalidRequest, InvalidResponse, RawResponse, ResponseTooLarge, ResponseValue,
    Timeout, UnexpectedResponse,
};
use http::header::{HeaderMap, HeaderValue, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use http::StatusCode;

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
    // The raw body, as the server sent it: never the Rust `Debug` of the decoded one.
    assert_eq!(error.to_string(), format!("the server answered 404 Not Found: {body}"));
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(error.headers().and_then(|h| h.get(CONTENT_TYPE)), Some(&HeaderValue::from_static("application/json")));
    assert_eq!(error.error_body().map(|b| b.error.as_str()), Some("personalize.MANIFEST.PROJECT_NOT_FOUND"));
    assert_eq!(error.into_error_body().map(|b| b.message), Some("no such project".to_owned()));
}

#[test]
fn text_error_bodies_can_be_wrapped() {
    let response = raw(400, "bad tags");
    let text = response.body_text().unwrap_or_default();
    let error: Error<String> = response.into_error(text);
    assert_eq!(error.to_string(), "the server answered 400 Bad Request: bad tags");
    assert_eq!(error.error_body().map(String::as_str), Some("bad tags"));
}

#[test]
fn unexpected_response_message() {
    let error = raw(418, "short and stout").into_unexpected::<ErrorBody>();
    assert_eq!(error.to_string(), "the server answered 418 I'm a teapot: short and stout");
    assert_eq!(error.status(), Some(StatusCode::IM_A_TEAPOT));
    assert!(error.error_body().is_none());
    let empty = UnexpectedResponse::new(StatusCode::CREATED, HeaderMap::new(), Bytes::new());
    assert_eq!(empty.to_string(), "the server answered 201 Created with an empty body");
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
    assert_eq!(
        error.to_string(),
        format!("the 502 Bad Gateway answer does not match the API document: {}; body: {html}", invalid.reason())
    );
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

#[test]
fn error_responses_keep_the_raw_body() {
    let body = r#"{"error":"personalize.TEST","message":"went wrong"}"#;
    let Error::ErrorResponse(answer) = raw(500, body).into_error_response::<ErrorBody>() else {
        panic!("expected an error response");
    };
    // Through the box and the ResponseValue, to the decoded body's fields.
    assert_eq!(answer.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(answer.message, "went wrong");
    assert_eq!(answer.body_bytes().as_ref(), body.as_bytes());
    assert_eq!(answer.body_snippet(), body);
    assert_eq!(answer.into_inner().error, "personalize.TEST");

    let empty: Error<()> = raw(409, "").into_error(());
    assert_eq!(empty.to_string(), "the server answered 409 Conflict with an empty body");
}

#[test]
fn a_huge_error_message_makes_a_short_display_and_debug() {
    let message = "x".repeat(20 * 1024 * 1024);
    let body = serde_json::json!({"error": "personalize.HUGE", "message": message}).to_string();
    let error = raw(404, body).into_error_response::<ErrorBody>();
    assert!(matches!(error, Error::ErrorResponse(_)), "decodes");
    let display = error.to_string();
    assert!(display.len() <= 600, "{} bytes", display.len());
    assert!(display.starts_with(r#"the server answered 404 Not Found: {"error":"personalize.HUGE","message":"xxx"#));
    assert!(display.ends_with('…'), "{display}");
    let debug = format!("{error:?}");
    assert!(debug.len() <= 600, "{} bytes", debug.len());
    assert!(
        debug.starts_with(
            r#"ErrorResponse(ErrorResponse { status: 404 Not Found, body: ErrorBody { error: "personalize.HUGE""#
        ),
        "{debug}"
    );
    assert!(debug.contains('…'), "{debug}");
    // No header, and no second copy of the body, in `Debug`.
    assert!(!debug.contains("content-type"), "{debug}");
}

#[test]
fn debug_of_every_answer_error_is_bounded() {
    let mut headers = HeaderMap::new();
    headers.insert("x-secret-ish", HeaderValue::from_static("do-not-log"));
    headers.insert(LOCATION, HeaderValue::from_str(&format!("https://elsewhere.test/{}", "p".repeat(5000))).unwrap());
    let big = Bytes::from("y".repeat(1_000_000));
    let reason = format!("invalid type: string \"{}\", expected u32", "z".repeat(1_000_000));
    let errors: Vec<Error<ErrorBody>> = vec![
        Error::UnexpectedResponse(UnexpectedResponse::new(
            StatusCode::TEMPORARY_REDIRECT,
            headers.clone(),
            big.clone(),
        )),
        Error::InvalidResponse(InvalidResponse::new(StatusCode::OK, headers.clone(), big.clone(), reason)),
        Error::ResponseTooLarge(ResponseTooLarge::new(StatusCode::OK, headers.clone(), 1024)),
        Error::Timeout(Timeout::new(Duration::from_millis(800), Some(StatusCode::OK))),
    ];
    for error in errors {
        let (display, debug) = (error.to_string(), format!("{error:?}"));
        for text in [&display, &debug] {
            assert!(text.len() <= 1400, "{} bytes: {}", text.len(), &text[..200]);
            assert!(!text.contains("do-not-log"), "{text}");
            assert!(!text.contains("{ \""), "no Rust Debug in {text}");
        }
        assert!(display.len() <= 1100, "{display}");
        let status = error.status().map(|s| s.as_str().to_owned()).unwrap_or_default();
        assert_eq!(display.matches(&status).count(), 1, "status once: {display}");
    }
}

#[test]
fn redirects_name_their_location() {
    let mut headers = HeaderMap::new();
    headers.insert(LOCATION, HeaderValue::from_static("https://elsewhere.test/manifest"));
    let error = UnexpectedResponse::new(StatusCode::TEMPORARY_REDIRECT, headers, Bytes::new());
    assert_eq!(
        error.to_string(),
        "the server answered 307 Temporary Redirect (Location: https://elsewhere.test/manifest) with an empty body"
    );
    assert_eq!(
        format!("{error:?}"),
        r#"UnexpectedResponse { status: 307 Temporary Redirect, location: "https://elsewhere.test/manifest", body: "" }"#
    );
}

#[test]
fn timeouts_and_limits_are_sentences() {
    let timeout = Timeout::new(Duration::from_millis(800), None);
    assert_eq!(timeout.to_string(), "timed out after 800 ms");
    assert_eq!(format!("{timeout:?}"), "Timeout { after: 800ms }");
    let error: Error<()> = Error::Timeout(timeout);
    assert!(error.is_timeout() && error.is_transport() && !error.is_connect());
    assert_eq!(error.status(), None);

    let reading = Timeout::new(Duration::from_millis(800), Some(StatusCode::OK));
    assert_eq!(reading.to_string(), "timed out after 800 ms while reading the body of a 200 OK answer");
    assert_eq!((reading.after(), reading.status()), (Duration::from_millis(800), Some(StatusCode::OK)));
    assert_eq!(Error::<()>::Timeout(reading).status(), Some(StatusCode::OK));

    let large = ResponseTooLarge::new(StatusCode::OK, HeaderMap::new(), 1_048_576);
    assert_eq!(large.to_string(), "the 200 OK answer's body is larger than the 1048576-byte limit");
    assert_eq!(format!("{large:?}"), "ResponseTooLarge { status: 200 OK, limit: 1048576 }");
    assert_eq!(large.limit(), 1_048_576);
    let error: Error<()> = Error::ResponseTooLarge(large);
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert!(error.headers().is_some() && !error.is_transport());

    // A status without a registered reason is shown as its number alone.
    let odd = UnexpectedResponse::new(StatusCode::from_u16(299).unwrap(), HeaderMap::new(), Bytes::new());
    assert_eq!(odd.to_string(), "the server answered 299 with an empty body");
}

fn with_retry_after(status: u16, value: &str) -> Error<ErrorBody> {
    let mut response = raw(status, r#"{"error":"personalize.SLOW_DOWN","message":"later"}"#);
    let mut headers = response.headers().clone();
    headers.insert(RETRY_AFTER, HeaderValue::from_str(value).expect("header value"));
    response = RawResponse::new(response.status(), headers, response.body_bytes());
    response.into_error_response()
}

#[test]
fn retry_after_reads_seconds_and_dates() {
    assert_eq!(with_retry_after(429, "3").retry_after(), Some(Duration::from_secs(3)));
    assert_eq!(with_retry_after(503, " 120 ").retry_after(), Some(Duration::from_secs(120)));

    let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(90));
    let wait = with_retry_after(429, &later).retry_after().expect("a date parses");
    assert!(wait <= Duration::from_secs(90) && wait >= Duration::from_secs(80), "{wait:?}");
    let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(90));
    assert_eq!(with_retry_after(429, &past).retry_after(), Some(Duration::ZERO));

    for bad in ["soon", "-3", "3.5", "", "99999999999999999999999"] {
        assert_eq!(with_retry_after(429, bad).retry_after(), None, "{bad:?}");
    }
    assert_eq!(raw(429, "{}").into_error_response::<serde_json::Value>().retry_after(), None);

    let mut headers = HeaderMap::new();
    headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
    let unexpected: Error<()> = UnexpectedResponse::new(StatusCode::SERVICE_UNAVAILABLE, headers, Bytes::new()).into();
    assert_eq!(unexpected.retry_after(), Some(Duration::from_secs(7)));
    let timeout: Error<()> = Error::Timeout(Timeout::new(Duration::from_secs(1), None));
    assert_eq!(timeout.retry_after(), None);
}

#[test]
fn error_response_wraps_a_response_value() {
    let value = ResponseValue::new("gone".to_owned(), StatusCode::GONE, HeaderMap::new(), ());
    let answer = ErrorResponse::new(value);
    assert_eq!(answer.status(), StatusCode::GONE);
    assert!(answer.body_bytes().is_empty());
    assert_eq!(answer.to_string(), "the server answered 410 Gone with an empty body");
    assert_eq!(format!("{answer:?}"), r#"ErrorResponse { status: 410 Gone, body: "gone" }"#);
    assert_eq!(answer.into_response_value().into_inner(), "gone");
}
