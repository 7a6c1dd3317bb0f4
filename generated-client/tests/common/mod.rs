//! Shared helpers of the integration tests: a wiremock server on 127.0.0.1 and a client
//! pointed at it, plus small accessors for what the server received.
#![allow(dead_code)]

pub mod faults;

use contentstack_personalize_edge::{Client, Region};
use serde_json::{json, Map, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A 24-character project UID, as shown in the project settings.
pub const PROJECT_UID: &str = "6656c0a10a9bc2e2f5a4a3b1";
/// A UUID-shaped user UID, as the server makes them.
pub const USER_UID: &str = "b8f2f4d5-3c1e-4a6b-9d2e-7f8a9b0c1d2e";

/// Starts a mock server and a client sending to it with [`PROJECT_UID`] set on the client.
pub async fn start() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = client_for(&server);
    (server, client)
}

/// A client for `server` with [`PROJECT_UID`] set on the client. `region` is set first
/// to check that a later `base_url` wins.
pub fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .region(Region::AwsEu)
        .base_url(server.uri())
        .project_uid(PROJECT_UID)
        .http_client(reqwest::Client::new())
        .build()
        .expect("client builds")
}

/// A client for `server` without any project UID.
pub fn client_without_project(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).http_client(reqwest::Client::new()).build().expect("client builds")
}

/// A small valid manifest body.
pub fn manifest_json() -> Value {
    json!({
        "experiences": [
            {"shortUid": "4", "activeVariantShortUid": "2"},
            {"shortUid": "7", "activeVariantShortUid": null}
        ]
    })
}

/// Answers every request with `template`.
pub async fn answer_all(server: &MockServer, template: ResponseTemplate) {
    Mock::given(any()).respond_with(template).mount(server).await;
}

/// Answers every request with 200 and a valid manifest (or an empty 200 for writes it
/// would not matter), so that a request that should not be sent would succeed.
pub async fn accept_all(server: &MockServer) {
    answer_all(server, ResponseTemplate::new(200).set_body_json(manifest_json())).await;
}

/// Everything the server received so far.
pub async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("request recording is enabled")
}

/// The only request the server received.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = received(server).await;
    assert_eq!(requests.len(), 1, "expected exactly one request: {requests:?}");
    requests.remove(0)
}

/// Asserts that the server received nothing at all.
pub async fn assert_nothing_sent(server: &MockServer) {
    let requests = received(server).await;
    assert!(requests.is_empty(), "nothing should reach the wire, got {requests:?}");
}

/// All values of header `name` (case-insensitive) as text.
pub fn header_values(request: &Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|value| value.to_str().expect("header value is visible ASCII").to_owned())
        .collect()
}

/// The value of header `name`, asserting it was sent at most once.
pub fn header(request: &Request, name: &str) -> Option<String> {
    let mut values = header_values(request, name);
    assert!(values.len() <= 1, "header `{name}` sent {} times: {values:?}", values.len());
    values.pop()
}

/// The value of header `name`, asserting it was sent exactly once.
pub fn required_header(request: &Request, name: &str) -> String {
    header(request, name).unwrap_or_else(|| panic!("header `{name}` was not sent"))
}

/// The request body parsed as JSON.
pub fn body_json(request: &Request) -> Value {
    serde_json::from_slice(&request.body)
        .unwrap_or_else(|error| panic!("body is not JSON ({error}): {:?}", String::from_utf8_lossy(&request.body)))
}

/// A JSON object from `value`, which must be one.
pub fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not a JSON object: {other}"),
    }
}
