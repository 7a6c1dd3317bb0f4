//! Shared helpers of the session tests (`tests/session_*.rs`): a fake Edge API (wiremock on
//! 127.0.0.1) answering with the JS client's test fixture, a `Personalize` handle pointed at it,
//! and exact views of what the fake server received.
#![allow(dead_code)]

use contentstack_personalize_edge::session::{Personalize, Session, CLIENT_USER_AGENT};
use serde_json::Value;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A 24-character project uid, as shown in the project settings.
pub const PROJECT_UID: &str = "6656c0a10a9bc2e2f5a4a3b1";
/// The user the JS tests' fake server assigns.
pub const USER: &str = "mock-user-id";
/// The JS tests' manifest: experience 0 -> variant 0, 1 -> 1, 2 inactive.
pub const MANIFEST: &str = r#"{"experiences":[{"shortUid":"0","activeVariantShortUid":"0"},{"shortUid":"1","activeVariantShortUid":"1"},{"shortUid":"2","activeVariantShortUid":null}]}"#;
/// Headers the HTTP stack adds on its own; everything else must be exactly as expected.
pub const TRANSPORT: &[&str] = &["host", "accept", "accept-encoding", "content-length", "connection"];

/// The manifest answer of the JS tests: 200, `x-cs-personalize-user-uid: mock-user-id`, [`MANIFEST`].
pub fn manifest_answer() -> ResponseTemplate {
    manifest_answer_for(USER)
}

/// The manifest answer assigning `user`.
pub fn manifest_answer_for(user: &str) -> ResponseTemplate {
    manifest_answer_without_user().insert_header("x-cs-personalize-user-uid", user)
}

/// The manifest answer without any user-uid header.
pub fn manifest_answer_without_user() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(MANIFEST, "application/json")
}

/// A fake Edge API answering `GET /manifest` with [`manifest_answer`] and every other call with
/// `200 OK` and a text body (as the docs show for attributes and merge).
pub async fn edge() -> MockServer {
    edge_answering(manifest_answer()).await
}

/// A fake Edge API answering `GET /manifest` with `manifest` and every other call with `200 OK`.
pub async fn edge_answering(manifest: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/manifest")).respond_with(manifest).mount(&server).await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("OK"))
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

/// Makes the next `times` calls of `verb path` fail with `answer` (then the default answers again).
pub async fn fail_next(server: &MockServer, verb: &str, route: &str, times: u64, answer: ResponseTemplate) {
    Mock::given(method(verb))
        .and(path(route))
        .respond_with(answer)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
}

/// A handle of [`PROJECT_UID`] pointed at `server`.
pub fn personalize(server: &MockServer) -> Personalize {
    Personalize::builder(PROJECT_UID).base_url(server.uri()).build().expect("handle builds")
}

/// A session started with no option at all (user `mock-user-id` from the answer).
pub async fn session(server: &MockServer) -> Session {
    personalize(server).session().start().await.expect("session starts")
}

/// The parts of an incoming request to `uri` with these headers.
pub fn incoming(uri: &str, headers: &[(&str, &str)]) -> http::request::Parts {
    let mut request = http::Request::builder().uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(()).expect("request builds").into_parts().0
}

/// Everything the server received so far, in order.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("request recording is enabled")
}

/// The only request the server received.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = received(server).await;
    assert_eq!(requests.len(), 1, "expected exactly one request: {requests:#?}");
    requests.remove(0)
}

/// Every request except the manifest calls (the write calls), in order.
pub async fn writes(server: &MockServer) -> Vec<Request> {
    received(server)
        .await
        .into_iter()
        .filter(|r| !(r.method.as_str() == "GET" && r.url.path() == "/manifest"))
        .collect()
}

/// The only write call the server received.
pub async fn only_write(server: &MockServer) -> Request {
    let mut requests = writes(server).await;
    assert_eq!(requests.len(), 1, "expected exactly one write call: {requests:#?}");
    requests.remove(0)
}

/// Asserts that no write call reached the server.
pub async fn assert_no_write(server: &MockServer) {
    let requests = writes(server).await;
    assert!(requests.is_empty(), "nothing should have been sent, got {requests:#?}");
}

/// The API headers of `request` (lowercase name, value), sorted, without [`TRANSPORT`] headers.
pub fn api_headers(request: &Request) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(name, value)| {
            let value = value.to_str().unwrap_or_else(|_| panic!("header `{name}` is not visible ASCII"));
            (name.as_str().to_ascii_lowercase(), value.to_owned())
        })
        .filter(|(name, _)| !TRANSPORT.contains(&name.as_str()))
        .collect();
    headers.sort();
    headers
}

/// Asserts the exact set of API headers (names and values; any other header fails).
pub fn assert_headers(request: &Request, expected: &[(&str, &str)]) {
    let mut expected: Vec<(String, String)> =
        expected.iter().map(|(name, value)| (name.to_ascii_lowercase(), (*value).to_owned())).collect();
    expected.sort();
    assert_eq!(api_headers(request), expected, "headers of {} {}", request.method, request.url);
}

/// Asserts a `GET /manifest` with no query and exactly these headers besides `x-project-uid` and
/// `x-user-agent`.
pub fn assert_manifest_call(request: &Request, query: Option<&str>, extra: &[(&str, &str)]) {
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/manifest");
    assert_eq!(request.url.query(), query, "query string");
    assert!(request.body.is_empty(), "the manifest call has no body");
    let mut headers = vec![("x-project-uid", PROJECT_UID), ("x-user-agent", CLIENT_USER_AGENT)];
    headers.extend_from_slice(extra);
    assert_headers(request, &headers);
}

/// Asserts a write call: method, path, no query, the three standard headers (or only
/// `x-project-uid` and `x-user-agent` when `user` is `None`), `content-type: application/json`,
/// and the JSON body.
pub fn assert_write(request: &Request, verb: &str, route: &str, user: Option<&str>, body: &Value) {
    assert_eq!(request.method.as_str(), verb);
    assert_eq!(request.url.path(), route);
    assert_eq!(request.url.query(), None, "query string");
    let mut headers =
        vec![("x-project-uid", PROJECT_UID), ("x-user-agent", CLIENT_USER_AGENT), ("content-type", "application/json")];
    if let Some(user) = user {
        headers.push(("x-cs-personalize-user-uid", user));
    }
    assert_headers(request, &headers);
    assert_eq!(&body_json(request), body, "body of {verb} {route}");
}

/// The request body parsed as JSON.
pub fn body_json(request: &Request) -> Value {
    serde_json::from_slice(&request.body)
        .unwrap_or_else(|error| panic!("body is not JSON ({error}): {:?}", String::from_utf8_lossy(&request.body)))
}

/// The `Set-Cookie` values of `headers`, in order.
pub fn set_cookies(headers: &http::HeaderMap) -> Vec<String> {
    headers
        .get_all(http::header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().expect("Set-Cookie is visible ASCII").to_owned())
        .collect()
}

/// The user cookie the JS client writes for `user`.
pub fn user_cookie(user: &str) -> String {
    format!("cs-personalize-user-uid={user}; Max-Age=31536000; Path=/; Secure; SameSite=Lax")
}

/// The manifest cookie the JS client writes for [`MANIFEST`].
pub fn manifest_cookie() -> String {
    format!("cs-personalize-manifest={MANIFEST}; Path=/; Secure; SameSite=Lax")
}
