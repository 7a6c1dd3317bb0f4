//! `Call`: the request `send` builds, and the status arms' methods, against a loopback
//! server that records the request it received.
// Sent through the default transport (reqwest) to loopback servers: only with `reqwest`
// (the fixtures' tests/in_memory.rs runs generated clients without it).
#![cfg(feature = "reqwest")]

use codegen_runtime::{
    client_header, Call, CallLimits, Empty, Error, Json, Limits, Operation, ResponseValue, Sender, SenderBuilder,
    StartCall, Style, Text, WithLimits,
};
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
    let mut call = Call::new(&http, Operation::new("test", Method::POST, "/items/{id}"), &base, Limits::default());
    call.segment("id", &Code(7)).expect("segment");
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
    let response = call.send::<()>(|_| true).await.expect("sent and read");
    let value: ResponseValue<serde_json::Value> = response.json::<_, (), ()>().expect("decoded");
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
async fn an_unwritten_path_value_and_a_bad_header_name_the_parameter() {
    let http = SenderBuilder::default().build().expect("sender");
    let mut call =
        Call::new(&http, Operation::new("test", Method::GET, "/test/{id}"), "http://127.0.0.1:9", Limits::default());
    let error = call.header("x-bad", Some("a\nb")).expect_err("line feed");
    assert_eq!(error.parameter(), "x-bad");
    let error = call.start::<()>().await.expect_err("`id` was never written");
    assert_eq!(error.to_string(), "invalid request: parameter `id`: is a path parameter that was not written");
}

#[tokio::test]
async fn error_arms_decode_and_undeclared_statuses_are_unexpected() {
    let (base, _server) = serve_once(http_response("404 Not Found", &[], b"{\"message\":\"gone\"}")).await;
    let http = SenderBuilder::default().build().expect("sender");
    let call = Call::new(&http, Operation::new("test", Method::GET, "/test"), &base, Limits::default());
    let response = call.send::<serde_json::Value>(|_| true).await.expect("sent and read");
    let error = response.error_json::<(), serde_json::Value>().expect_err("an error");
    assert_eq!(error.error_body(), Some(&serde_json::json!({"message": "gone"})));

    let (base, _server) = serve_once(http_response("418 I'm a teapot", &[], b"tea")).await;
    let call = Call::new(&http, Operation::new("test", Method::GET, "/test"), &base, Limits::default());
    let error =
        call.send::<()>(|_| false).await.expect("sent and skimmed").unexpected::<(), ()>().expect_err("undeclared");
    assert!(matches!(error, Error::UnexpectedResponse(_)), "{error}");
}

/// A call to a loopback server that answers `status` with `body` once.
async fn answering(status: &str, body: &'static [u8]) -> (codegen_runtime::Sender, String) {
    let (base, _server) = serve_once(http_response(status, &[], body)).await;
    (SenderBuilder::default().build().expect("sender"), base)
}

fn get<'a>(http: &'a codegen_runtime::Sender, base: &str) -> Call<'a> {
    Call::new(http, Operation::new("test", Method::GET, "/test"), base, Limits::default())
}

#[tokio::test]
async fn one_line_answers_decode_the_success_the_error_or_call_the_status_unexpected() {
    let (http, base) = answering("201 Created", b"{\"id\":7}").await;
    let value: ResponseValue<serde_json::Value> = get(&http, &base)
        .answer_or_error::<_, (), (), _, _>(Json([200, 201]), Json(400..=599))
        .await
        .expect("a success");
    assert_eq!((*value).clone(), serde_json::json!({"id": 7}));

    let (http, base) = answering("404 Not Found", b"{\"message\":\"gone\"}").await;
    let error = get(&http, &base)
        .answer_or_error::<serde_json::Value, (), serde_json::Value, _, _>(Json(200), Json(400..=599))
        .await
        .expect_err("the declared error");
    assert_eq!(error.error_body(), Some(&serde_json::json!({"message": "gone"})));

    // `..`: every status the successes leave, as a `default` error.
    let (http, base) = answering("302 Found", b"moved").await;
    let error =
        get(&http, &base).answer_or_error::<(), (), String, _, _>(Empty(204), Text(..)).await.expect_err("default");
    assert_eq!(error.error_body().map(String::as_str), Some("moved"));

    let (http, base) = answering("418 I'm a teapot", b"tea").await;
    let error = get(&http, &base).answer::<(), (), (), _>(Empty(204)).await.expect_err("undeclared");
    assert!(matches!(error, Error::UnexpectedResponse(_)), "{error}");
}

#[tokio::test]
async fn a_one_line_answer_reads_the_body_only_where_it_decodes_one() {
    // A body past `max_response_bytes` fails where the status decodes one, not where it is
    // dropped (`Empty`).
    let limits = Limits { max_response_bytes: 4, ..Limits::default() };
    let (http, base) = answering("200 OK", b"\"too long\"").await;
    let call = Call::new(&http, Operation::new("test", Method::GET, "/test"), &base, limits);
    let error = call.answer::<String, (), (), _>(Json(200)).await.expect_err("too large");
    assert!(matches!(error, Error::ResponseTooLarge(_)), "{error}");

    let (http, base) = answering("200 OK", b"\"too long\"").await;
    let call = Call::new(&http, Operation::new("test", Method::GET, "/test"), &base, limits);
    call.answer::<(), (), (), _>(Empty(200)).await.expect("dropped, not read");
}

/// The request line of a call to `template` whose path parameters `write` writes.
async fn request_line(template: &'static str, write: impl FnOnce(&mut Call<'_>)) -> String {
    let (base, server) = serve_once(http_response("204 No Content", &[], b"")).await;
    let http = SenderBuilder::default().build().expect("sender");
    let mut call = Call::new(&http, Operation::new("test", Method::GET, template), &base, Limits::default());
    write(&mut call);
    call.send::<()>(|_| false).await.expect("sent");
    let request = server.await.expect("server");
    request.lines().next().expect("request line").to_owned()
}

#[tokio::test]
async fn the_path_is_the_template_with_each_parameter_written_in_its_place() {
    let line = request_line("/a/{id}/b/{id}.json", |call| {
        call.segment("id", "x y").expect("first");
        call.segment("id", "x y").expect("second");
    })
    .await;
    assert_eq!(line, "GET /a/x%20y/b/x%20y.json HTTP/1.1");
    // A template's query string and fragment are never sent: their parameters are query parameters.
    let line = request_line("/weather/{day}?city={city}#now", |call| {
        call.segment("day", "mon").expect("day");
        call.query("city", Some("Oslo"));
    })
    .await;
    assert_eq!(line, "GET /weather/mon?city=Oslo HTTP/1.1");
    assert_eq!(request_line("/plain", |_| {}).await, "GET /plain HTTP/1.1");
}

#[tokio::test]
async fn a_path_parameter_out_of_order_or_not_written_is_an_invalid_request() {
    let http = SenderBuilder::default().build().expect("sender");
    let operation = Operation::new("test", Method::GET, "/{a}/{b}");
    let mut call = Call::new(&http, operation, "http://127.0.0.1:9", Limits::default());
    let error = call.segment("b", "1").expect_err("`a` comes first");
    assert_eq!(error.to_string(), "invalid request: parameter `b`: is not the next parameter of the path template");
    call.segment("a", "1").expect("a");
    let error = call.send::<()>(|_| false).await.expect_err("`b` is missing");
    assert_eq!(error.to_string(), "invalid request: parameter `b`: is a path parameter that was not written");
}

#[test]
fn call_limits_fall_back_to_the_client() {
    let client = Limits { timeout: Duration::from_secs(3), max_response_bytes: 10 };
    assert_eq!(CallLimits::default().or(client), client);
    let own = CallLimits::default().with_timeout(Duration::from_millis(5)).with_max_response_bytes(1);
    assert_eq!(own.or(client), Limits { timeout: Duration::from_millis(5), max_response_bytes: 1 });
}

/// A client as the generated ones start their calls: its base URL and limits.
#[derive(Debug)]
struct FakeClient {
    sender: Sender,
    base_url: String,
    limits: Limits,
}

impl StartCall for FakeClient {
    fn start_call(&self, operation: Operation, limits: CallLimits) -> Call<'_> {
        Call::new(&self.sender, operation, &self.base_url, limits.or(self.limits))
    }
}

#[tokio::test]
async fn a_builder_s_own_limits_go_with_its_client_into_the_call() {
    let (sender, base_url) = answering("200 OK", b"\"a long answer\"").await;
    let client = FakeClient { sender, base_url, limits: Limits::default() };
    let builder = WithLimits::new(&client).with_timeout(Duration::from_secs(5)).with_max_response_bytes(4);
    // It derefs to the client, whose client-level values a `send` reads.
    assert_eq!(builder.limits, Limits::default());
    let call = builder.call(Operation::new("test", Method::GET, "/test"));
    let error = call.answer::<String, (), (), _>(Json(200)).await.expect_err("past the call's own limit");
    assert!(matches!(error, Error::ResponseTooLarge(_)), "{error}");

    let (sender, base_url) = answering("200 OK", b"\"a long answer\"").await;
    let client = FakeClient { sender, base_url, limits: Limits::default() };
    let call = WithLimits::new(&client).call(Operation::new("test", Method::GET, "/test"));
    let answer = call.answer::<String, (), (), _>(Json(200)).await.expect("within the client's limits");
    assert_eq!(answer.into_inner(), "a long answer");
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
