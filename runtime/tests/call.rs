//! `Call`: the request `send` builds, and the status arms' methods, against a loopback
//! server that records the request it received.
// Sent through the default transport (reqwest) to loopback servers: only with `reqwest`
// (the fixtures' tests/in_memory.rs runs generated clients without it).
#![cfg(feature = "reqwest")]

use codegen_runtime::{client_header, Call, CallLimits, Error, Limits, Operation, ResponseValue, SenderBuilder, Style};
use http::header::HeaderValue;
use http::Method;
use std::time::Duration;

mod support;
use support::{http_response, serve_once};

/// Not `Display` as a `String` would be: proves values are written through `Display`.
struct Code(u32);

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "c/{} ü", self.0)
    }
}

#[tokio::test]
async fn the_request_carries_path_query_headers_cookies_and_body() {
    let (base, server) = serve_once(http_response("200 OK", &["content-type: application/json"], b"{\"a\":1}")).await;
    let http = SenderBuilder::default().build().expect("sender");
    let default = HeaderValue::from_static("from-client");
    let mut call = Call::new(&http, Operation::new("test", Method::POST, "/test"), &base, Limits::default());
    call.path("/items/");
    call.segment("id", Some(&Code(7))).expect("segment");
    call.query("q", Some("a b&c"));
    call.query::<str>("absent", None);
    call.query_each("tags[]", Some(&["x", "y"][..]));
    call.query_list("ids", Some(&[1, 2][..]));
    call.query_styled("f", Style::DeepObject, true, Some(&serde_json::json!({"k": "v"}))).expect("styled");
    call.header("x-one", Some(&Code(1))).expect_err("non-ASCII is refused");
    call.header("x-two", Some("two")).expect("header");
    call.header_or::<str>("x-three", None, Some(&default)).expect("default");
    call.header_or("x-four", Some("own"), Some(&default)).expect("own value wins");
    call.header_json("x-json", Some(&serde_json::json!({"é": 1}))).expect("json header");
    call.cookie("session", Some("s1")).expect("cookie");
    call.json("application/json", &serde_json::json!({"b": 2})).expect("body");
    let response = call.send::<()>().await.expect("sent");
    let value: ResponseValue<serde_json::Value> =
        response.answer(|_| true).await.expect("read").json::<_, (), ()>().expect("decoded");
    assert_eq!(*value, serde_json::json!({"a": 1}));

    let request = server.await.expect("server");
    let line = request.lines().next().expect("request line");
    assert_eq!(line, "POST /items/c%2F7%20%C3%BC?q=a%20b%26c&tags[]=x&tags[]=y&ids=1,2&f[k]=v HTTP/1.1");
    let head = request.to_ascii_lowercase();
    assert!(!head.contains("x-one"), "{request}");
    for header in ["x-two: two", "x-three: from-client", "x-four: own", "x-json: {\"\\u00e9\":1}", "cookie: session=s1"]
    {
        assert!(head.contains(header), "{header} in {request}");
    }
    assert!(request.ends_with("{\"b\":2}"), "{request}");
}

#[tokio::test]
async fn a_missing_path_value_and_a_bad_header_name_the_parameter() {
    let http = SenderBuilder::default().build().expect("sender");
    let mut call =
        Call::new(&http, Operation::new("test", Method::GET, "/test"), "http://127.0.0.1:9", Limits::default());
    let error = call.segment::<str>("id", None).expect_err("required");
    assert_eq!(error.to_string(), "invalid request: parameter `id`: is required but was not set");
    let error = call.header("x-bad", Some("a\nb")).expect_err("line feed");
    assert_eq!(error.parameter(), "x-bad");
}

#[tokio::test]
async fn error_arms_decode_and_undeclared_statuses_are_unexpected() {
    let (base, _server) = serve_once(http_response("404 Not Found", &[], b"{\"message\":\"gone\"}")).await;
    let http = SenderBuilder::default().build().expect("sender");
    let call = Call::new(&http, Operation::new("test", Method::GET, "/test"), &base, Limits::default());
    let response = call.send::<serde_json::Value>().await.expect("sent");
    let error =
        response.answer(|_| true).await.expect("read").error_json::<(), serde_json::Value>().expect_err("an error");
    assert_eq!(error.error_body(), Some(&serde_json::json!({"message": "gone"})));

    let (base, _server) = serve_once(http_response("418 I'm a teapot", &[], b"tea")).await;
    let call = Call::new(&http, Operation::new("test", Method::GET, "/test"), &base, Limits::default());
    let error = call
        .send::<()>()
        .await
        .expect("sent")
        .answer(|_| false)
        .await
        .expect("skimmed")
        .unexpected::<(), ()>()
        .expect_err("undeclared");
    assert!(matches!(error, Error::UnexpectedResponse(_)), "{error}");
}

#[test]
fn call_limits_fall_back_to_the_client() {
    let client = Limits { timeout: Duration::from_secs(3), max_response_bytes: 10 };
    assert_eq!(CallLimits::default().or(client), client);
    let own = CallLimits::default().with_timeout(Duration::from_millis(5)).with_max_response_bytes(1);
    assert_eq!(own.or(client), Limits { timeout: Duration::from_millis(5), max_response_bytes: 1 });
}

#[test]
fn client_headers_are_checked_once_at_build() {
    let ok = client_header("x-id", Some("abc".to_owned()), |_| Ok(())).expect("valid");
    assert_eq!(ok, Some(HeaderValue::from_static("abc")));
    let error = client_header("x-id", Some("a\u{7f}".to_owned()), |_| Ok(())).expect_err("DEL");
    assert!(error.to_string().contains("x-id"), "{error}");
    let error = client_header("x-id", Some(String::new()), |value| {
        if value.is_empty() {
            Err(codegen_runtime::InvalidRequest::new("x-id", "must not be empty"))
        } else {
            Ok(())
        }
    })
    .expect_err("empty");
    assert!(error.to_string().contains("x-id") && error.to_string().contains("must not be empty"), "{error}");
    assert_eq!(client_header("x-id", None, |_| Ok(())).expect("absent"), None);
}
