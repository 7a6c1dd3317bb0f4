//! Bad input is rejected with `Error::InvalidRequest` naming the wire parameter, and
//! never reaches the wire.

mod common;

use common::*;
use contentstack_personalize_edge::runtime::InvalidRequest;
use contentstack_personalize_edge::types::{Event, MergeUserAttributesRequest};
use contentstack_personalize_edge::{Client, Error};
use serde_json::json;
use wiremock::MockServer;

/// The `InvalidRequest` of `result`, else a panic.
fn invalid_request<T: std::fmt::Debug, E: std::fmt::Debug>(result: Result<T, Error<E>>) -> InvalidRequest {
    match result {
        Err(Error::InvalidRequest(invalid)) => invalid,
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
}

/// Checks parameter and message of `invalid`, whose reason must contain `reason_part`.
fn check(invalid: &InvalidRequest, parameter: &str, reason_part: &str) {
    assert_eq!(invalid.parameter(), parameter, "{invalid}");
    assert!(invalid.reason().contains(reason_part), "reason `{}` should contain `{reason_part}`", invalid.reason());
    let message = invalid.to_string();
    assert!(message.contains(&format!("`{parameter}`")), "{message}");
    assert!(message.contains(invalid.reason()), "{message}");
    // The error converts to the operation error and shows the same message.
    let error: Error<()> = Error::InvalidRequest(invalid.clone());
    assert_eq!(error.to_string(), message);
    assert!(error.status().is_none());
}

/// A server that accepts everything, so a request that escaped validation would succeed.
async fn open_server() -> (MockServer, Client) {
    let (server, client) = start().await;
    accept_all(&server).await;
    (server, client)
}

fn merge_body() -> MergeUserAttributesRequest {
    MergeUserAttributesRequest::new("anon-3f2a".into(), "member-8812".into())
}

fn one_event() -> Vec<Event> {
    vec![Event::Event(contentstack_personalize_edge::types::CustomEvent::new(
        "signup_click".into(),
        contentstack_personalize_edge::types::CustomEventType::Event,
    ))]
}

/// Sends all four operations with `client` (valid otherwise), expecting each to be
/// rejected for `parameter`.
async fn all_operations_rejected(client: &Client, parameter: &str, reason_part: &str) {
    let invalid = invalid_request(client.get_manifest().send().await);
    check(&invalid, parameter, reason_part);
    let invalid = invalid_request(
        client.set_user_attributes().user_uid(USER_UID).body(object(json!({"plan": "gold"}))).send().await,
    );
    check(&invalid, parameter, reason_part);
    let invalid = invalid_request(client.merge_user_attributes().body(merge_body()).send().await);
    check(&invalid, parameter, reason_part);
    let invalid = invalid_request(client.track_events().user_uid(USER_UID).body(one_event()).send().await);
    check(&invalid, parameter, reason_part);
}

#[tokio::test]
async fn crlf_in_user_uid_is_rejected_on_every_operation_that_sends_it() {
    let (server, client) = open_server().await;
    let evil = "a\r\nx-evil: 1";

    let invalid = invalid_request(client.get_manifest().user_uid(evil).send().await);
    check(&invalid, "x-cs-personalize-user-uid", "carriage return");
    let invalid =
        invalid_request(client.set_user_attributes().user_uid(evil).body(object(json!({"plan": "gold"}))).send().await);
    check(&invalid, "x-cs-personalize-user-uid", "carriage return");
    let invalid = invalid_request(client.track_events().user_uid(evil).body(one_event()).send().await);
    check(&invalid, "x-cs-personalize-user-uid", "carriage return");

    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn bare_line_feed_and_nul_in_headers_are_rejected() {
    let (server, client) = open_server().await;

    let invalid = invalid_request(client.get_manifest().forwarded_for("1.2.3.4\nx").send().await);
    check(&invalid, "x-forwarded-for", "line feed");
    let invalid = invalid_request(client.get_manifest().referer("https://a/\0").send().await);
    check(&invalid, "referer", "NUL");
    let invalid = invalid_request(client.get_manifest().page_url("https://a/\u{7f}").send().await);
    check(&invalid, "x-page-url", "DEL");
    let invalid = invalid_request(client.get_manifest().lytics_id_value("v\t\x01").send().await);
    check(&invalid, "x-lytics-id-value", "control character");

    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn non_ascii_header_values_are_rejected() {
    let (server, client) = open_server().await;

    let invalid = invalid_request(
        client.get_manifest().user_agent("Mozilla/5.0 (Linux; Android 14; Pixel 8) Navigateur-é").send().await,
    );
    check(&invalid, "user-agent", "non-ASCII");
    let invalid = invalid_request(client.get_manifest().page_url("https://www.example.com/zürich").send().await);
    check(&invalid, "x-page-url", "non-ASCII");
    let invalid = invalid_request(client.get_manifest().lytics_id_field("émail").send().await);
    check(&invalid, "x-lytics-id-field", "non-ASCII");

    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn surrounding_whitespace_in_headers_is_rejected() {
    let (server, client) = open_server().await;

    let invalid = invalid_request(client.get_manifest().user_uid(" abc").send().await);
    check(&invalid, "x-cs-personalize-user-uid", "starts with whitespace");
    let invalid = invalid_request(client.get_manifest().user_uid("abc\t").send().await);
    check(&invalid, "x-cs-personalize-user-uid", "ends with whitespace");

    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn bad_per_request_project_uid_is_rejected() {
    let (server, client) = open_server().await;

    let invalid = invalid_request(client.get_manifest().project_uid("bad\r\n").send().await);
    check(&invalid, "x-project-uid", "carriage return");
    let invalid =
        invalid_request(client.merge_user_attributes().project_uid("prøject").body(merge_body()).send().await);
    check(&invalid, "x-project-uid", "non-ASCII");

    assert_nothing_sent(&server).await;
}

/// A client-level value is checked once, when the client is built: nothing invalid can
/// reach an operation.
#[test]
fn invalid_client_project_uid_fails_the_build() {
    let build = |value: &str| {
        Client::builder().base_url("http://127.0.0.1:9").project_uid(value).build().err().map(|e| e.to_string())
    };
    let empty = build("").expect("an empty project uid fails the build");
    assert!(empty.contains("x-project-uid") && empty.contains("must not be empty"), "{empty}");
    let non_ascii = build("prøject").expect("a non-ASCII project uid fails the build");
    assert!(non_ascii.contains("x-project-uid") && non_ascii.contains("non-ASCII"), "{non_ascii}");
    let line_feed = build("p\nx").expect("a line feed fails the build");
    assert!(line_feed.contains("x-project-uid") && line_feed.contains("line feed"), "{line_feed}");
    let agent = Client::builder().base_url("http://127.0.0.1:9").client_user_agent("a\u{7f}").build();
    let agent = agent.err().map(|e| e.to_string()).expect("a DEL character fails the build");
    assert!(agent.contains("x-user-agent") && agent.contains("DEL"), "{agent}");
    assert!(build("0123456789abcdef01234567").is_none());
}

#[tokio::test]
async fn empty_per_request_project_uid_overrides_the_client_value_and_is_rejected() {
    let (server, client) = open_server().await;

    let invalid = invalid_request(client.get_manifest().project_uid("").send().await);
    check(&invalid, "x-project-uid", "must not be empty");
    let invalid = invalid_request(
        client.set_user_attributes().project_uid("").body(object(json!({"plan": "gold"}))).send().await,
    );
    check(&invalid, "x-project-uid", "must not be empty");
    let invalid = invalid_request(client.merge_user_attributes().project_uid("").body(merge_body()).send().await);
    check(&invalid, "x-project-uid", "must not be empty");
    let invalid =
        invalid_request(client.track_events().project_uid("").user_uid(USER_UID).body(one_event()).send().await);
    check(&invalid, "x-project-uid", "must not be empty");

    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn missing_project_uid_is_rejected_on_every_operation() {
    let server = MockServer::start().await;
    accept_all(&server).await;
    let client = client_without_project(&server);
    assert_eq!(client.project_uid(), None);

    all_operations_rejected(&client, "x-project-uid", "is required").await;
    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn per_request_project_uid_is_enough_without_a_client_value() {
    let server = MockServer::start().await;
    accept_all(&server).await;
    let client = client_without_project(&server);

    client.get_manifest().project_uid(PROJECT_UID).send().await.expect("per-request project UID is used");
    let request = only_request(&server).await;
    assert_eq!(required_header(&request, "x-project-uid"), PROJECT_UID);
}

#[tokio::test]
async fn eleven_tags_are_rejected() {
    let (server, client) = open_server().await;
    let tags: Vec<String> = (0..11).map(|i| format!("t{i}")).collect();

    let invalid = invalid_request(client.get_manifest().tags(tags).send().await);
    check(&invalid, "tags[]", "11 items");
    assert!(invalid.reason().contains("at most 10"), "{invalid}");

    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn missing_body_is_rejected() {
    let (server, client) = open_server().await;

    let invalid = invalid_request(client.set_user_attributes().user_uid(USER_UID).send().await);
    check(&invalid, "body", "is required");
    let invalid = invalid_request(client.merge_user_attributes().send().await);
    check(&invalid, "body", "is required");
    let invalid = invalid_request(client.track_events().user_uid(USER_UID).send().await);
    check(&invalid, "body", "is required");

    assert_nothing_sent(&server).await;
}

#[tokio::test]
async fn missing_events_user_uid_is_rejected() {
    let (server, client) = open_server().await;

    let invalid = invalid_request(client.track_events().body(one_event()).send().await);
    check(&invalid, "x-cs-personalize-user-uid", "is required");

    assert_nothing_sent(&server).await;
}
