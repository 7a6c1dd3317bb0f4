//! The Edge client (raw operations, not the session) under a failing network: silent and
//! stalling servers, reset connections, redirects, endless bodies, huge error messages and
//! `Retry-After`. Time bounds are generous (a loaded 2-core CI); they rule out waiting for
//! the 30 s default, not a slow machine.

mod common;

use std::time::{Duration, Instant, SystemTime};

use common::faults::{deadline, Fault, FaultServer};
use common::*;
use contentstack_personalize_edge::runtime::{DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT};
use contentstack_personalize_edge::types::{ErrorBody, Event};
use contentstack_personalize_edge::{Client, Error};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TIMEOUT: Duration = Duration::from_millis(800);
const MIB: usize = 1024 * 1024;

/// A client with the default HTTP client (no redirects followed), unlike `common`'s.
fn client(base: &str) -> Client {
    Client::builder().base_url(base).project_uid(PROJECT_UID).build().expect("client builds")
}

fn events() -> Vec<Event> {
    vec![Event::Event(contentstack_personalize_edge::types::CustomEvent::new(
        "signup_click".into(),
        contentstack_personalize_edge::types::CustomEventType::Event,
    ))]
}

/// A 200 head announcing a 100-byte body, of which only the start comes.
const STALLED_200: Fault = Fault::Stalls {
    head: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n",
    start: b"{\"experiences\":[",
};

#[tokio::test]
async fn a_silent_server_times_out_at_the_call_timeout() {
    let server = FaultServer::start(Fault::NeverAnswers).await;
    let client = client(&server.base);
    let started = Instant::now();
    let error = client.get_manifest().call_timeout(TIMEOUT).send().await.expect_err("no answer");
    let elapsed = started.elapsed();
    assert_eq!(error.to_string(), "timed out after 800 ms");
    assert!(matches!(&error, Error::Timeout(t) if t.after() == TIMEOUT), "{error:?}");
    assert!(error.is_timeout() && error.is_transport() && !error.is_connect());
    assert!(elapsed >= TIMEOUT && elapsed < deadline(TIMEOUT), "{elapsed:?}");
}

#[tokio::test]
async fn the_client_timeout_applies_to_every_call() {
    let server = FaultServer::start(Fault::NeverAnswers).await;
    let client = Client::builder()
        .base_url(&server.base)
        .project_uid(PROJECT_UID)
        .call_timeout(Duration::from_millis(500))
        .build()
        .expect("client builds");
    assert_eq!(client.call_timeout(), Duration::from_millis(500));
    assert_eq!(client.max_response_bytes(), DEFAULT_MAX_RESPONSE_BYTES);
    let started = Instant::now();
    let error = client.track_events().user_uid(USER_UID).body(events()).send().await.expect_err("no answer");
    assert_eq!(error.to_string(), "timed out after 500 ms");
    assert!(started.elapsed() < deadline(Duration::from_millis(500)), "{:?}", started.elapsed());
    // A request's own timeout wins over the client's.
    let error = client.get_manifest().call_timeout(TIMEOUT).send().await.expect_err("no answer");
    assert_eq!(error.to_string(), "timed out after 800 ms");
    assert_eq!(DEFAULT_TIMEOUT, Duration::from_secs(30));
}

#[tokio::test]
async fn a_stalled_manifest_body_times_out_with_its_status() {
    let server = FaultServer::start(STALLED_200).await;
    let started = Instant::now();
    let error = client(&server.base).get_manifest().call_timeout(TIMEOUT).send().await.expect_err("stalls");
    assert_eq!(error.to_string(), "timed out after 800 ms while reading the body of a 200 OK answer");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    assert!(started.elapsed() < deadline(TIMEOUT), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_stalled_body_of_a_2xx_write_is_success() {
    // The default 30 s timeout: the write returns as soon as the head says 200.
    let server = FaultServer::start(STALLED_200).await;
    let client = client(&server.base);
    let started = Instant::now();
    let response = client.track_events().user_uid(USER_UID).body(events()).send().await.expect("accepted");
    assert_eq!(response.status().as_u16(), 200);
    let attributes = object(json!({"plan": "gold"}));
    client.set_user_attributes().user_uid(USER_UID).body(attributes).send().await.expect("accepted");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn a_reset_connection_is_a_transport_error() {
    let server = FaultServer::start(Fault::Resets).await;
    let error = client(&server.base).get_manifest().send().await.expect_err("reset");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(error.is_transport() && !error.is_timeout() && !error.is_connect());
    let message = error.to_string();
    assert!(message.starts_with("the request failed before an answer arrived: "), "{message}");
    assert!(!message.contains(&server.base) && message.len() < 300, "{message}");
    assert_eq!(server.requests(), 1, "not retried");
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    let elsewhere = MockServer::start().await;
    accept_all(&elsewhere).await;
    let (server, _) = start().await;
    let location = format!("{}/manifest", elsewhere.uri());
    answer_all(&server, ResponseTemplate::new(307).insert_header("location", location.as_str())).await;

    let error = client(&server.uri()).get_manifest().user_uid(USER_UID).send().await.expect_err("a 3xx");
    assert_nothing_sent(&elsewhere).await;
    let Error::UnexpectedResponse(unexpected) = &error else { panic!("expected UnexpectedResponse, got {error:?}") };
    assert_eq!(unexpected.status().as_u16(), 307);
    assert_eq!(unexpected.headers().get("location").map(|v| v.to_str().unwrap()), Some(location.as_str()));
    assert_eq!(
        error.to_string(),
        format!("the server answered 307 Temporary Redirect (Location: {location}) with an empty body")
    );
}

#[tokio::test]
async fn a_redirected_write_is_neither_followed_nor_sent_twice() {
    let elsewhere = MockServer::start().await;
    accept_all(&elsewhere).await;
    let (server, _) = start().await;
    let location = format!("{}/events", elsewhere.uri());
    Mock::given(method("POST"))
        .and(path("/events"))
        .respond_with(ResponseTemplate::new(308).insert_header("location", location.as_str()))
        .expect(1)
        .mount(&server)
        .await;

    let error = client(&server.uri()).track_events().user_uid(USER_UID).body(events()).send().await.expect_err("3xx");
    assert!(matches!(&error, Error::UnexpectedResponse(u) if u.status().as_u16() == 308), "{error:?}");
    assert_eq!(received(&server).await.len(), 1);
    assert_nothing_sent(&elsewhere).await;
}

#[tokio::test]
async fn an_endless_manifest_stops_at_the_limit() {
    let server = FaultServer::start(Fault::Streams { total: 200 * MIB }).await;
    let started = Instant::now();
    let error = client(&server.base).get_manifest().max_response_bytes(MIB).send().await.expect_err("too large");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
    assert_eq!(error.to_string(), "the 200 OK answer's body is larger than the 1048576-byte limit");
    assert!(matches!(&error, Error::ResponseTooLarge(e) if e.limit() == MIB), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(server.written() < 32 * MIB, "the server wrote {} of 200 MiB", server.written());
}

#[tokio::test]
async fn the_client_limit_applies_to_every_call() {
    let server = FaultServer::start(Fault::Streams { total: 200 * MIB }).await;
    let limited = Client::builder()
        .base_url(&server.base)
        .project_uid(PROJECT_UID)
        .max_response_bytes(64 * 1024)
        .build()
        .expect("client builds");
    assert_eq!((limited.max_response_bytes(), limited.call_timeout()), (64 * 1024, DEFAULT_TIMEOUT));
    let error = limited.get_manifest().send().await.expect_err("too large");
    assert!(matches!(&error, Error::ResponseTooLarge(e) if e.limit() == 64 * 1024), "{error:?}");
    let error = client(&server.base).get_manifest().send().await.expect_err("too large");
    assert!(matches!(&error, Error::ResponseTooLarge(e) if e.limit() == DEFAULT_MAX_RESPONSE_BYTES), "{error:?}");
}

#[tokio::test]
async fn a_huge_error_message_makes_a_short_message_and_debug() {
    let (server, client) = start().await;
    let message = "m".repeat(2 * MIB);
    let body = json!({"error": "personalize.MANIFEST.PROJECT_NOT_FOUND", "message": message});
    answer_all(&server, ResponseTemplate::new(404).set_body_json(body)).await;

    let error = client.get_manifest().send().await.expect_err("404");
    assert_eq!(error.error_body().map(|b| b.message.len()), Some(2 * MIB), "decoded whole");
    let display = error.to_string();
    assert!(display.len() <= 600, "{} bytes", display.len());
    assert!(
        display.starts_with(
            r#"the server answered 404 Not Found: {"error":"personalize.MANIFEST.PROJECT_NOT_FOUND","message":"mmm"#
        ),
        "{display}"
    );
    let debug = format!("{error:?}");
    assert!(debug.len() <= 600, "{} bytes", debug.len());
    assert!(debug.starts_with("ErrorResponse(ErrorResponse { status: 404 Not Found, body: ErrorBody {"), "{debug}");
}

async fn manifest_answer(template: ResponseTemplate) -> Error<ErrorBody> {
    let (server, client) = start().await;
    answer_all(&server, template).await;
    client.get_manifest().send().await.expect_err("an error answer")
}

#[tokio::test]
async fn retry_after_is_read_from_error_answers() {
    let body = json!({"error": "personalize.RATE_LIMITED", "message": "slow down"});
    let error =
        manifest_answer(ResponseTemplate::new(429).insert_header("retry-after", "3").set_body_json(&body)).await;
    assert!(matches!(error, Error::ErrorResponse(_)), "{error:?}");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3)));

    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(60));
    let error =
        manifest_answer(ResponseTemplate::new(429).insert_header("retry-after", date.as_str()).set_body_json(&body))
            .await;
    let wait = error.retry_after().expect("an HTTP date");
    assert!(wait > Duration::from_secs(50) && wait <= Duration::from_secs(60), "{wait:?}");

    // A gateway's HTML 503 does not decode, and still says when to come back.
    let html =
        ResponseTemplate::new(503).insert_header("retry-after", "120").set_body_raw("<h1>busy</h1>", "text/html");
    let error = manifest_answer(html).await;
    assert!(matches!(error, Error::InvalidResponse(_)), "{error:?}");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(120)));

    let error = manifest_answer(ResponseTemplate::new(500).set_body_json(&body)).await;
    assert_eq!(error.retry_after(), None);
}

#[tokio::test]
async fn messages_are_sentences_with_the_status_once() {
    let body = json!({"error": "personalize.MANIFEST.PROJECT_NOT_FOUND", "message": "Project not found"});
    let cases = [
        (ResponseTemplate::new(404).set_body_json(&body), "404"),
        (ResponseTemplate::new(502).set_body_raw("<h1>Bad Gateway</h1>", "text/html"), "502"),
        (ResponseTemplate::new(304), "304"),
        (ResponseTemplate::new(200).set_body_json(json!({"experiences": {}})), "200"),
    ];
    for (template, status) in cases {
        let error = manifest_answer(template).await;
        let message = error.to_string();
        assert_eq!(message.matches(status).count(), 1, "{message}");
        assert!(!message.contains("{ "), "Rust Debug output in {message}");
        assert!(message.starts_with("the "), "{message}");
    }
    let error = manifest_answer(ResponseTemplate::new(404).set_body_json(&body)).await;
    assert_eq!(error.to_string(), format!("the server answered 404 Not Found: {body}"));
}

#[tokio::test]
async fn the_manifest_keeps_the_bytes_it_was_decoded_from() {
    let (server, client) = start().await;
    let body = r#"{ "experiences": [ {"shortUid": "4", "activeVariantShortUid": "2"} ] }"#;
    answer_all(&server, ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let manifest = client.get_manifest().send().await.expect("manifest");
    assert_eq!(manifest.experiences.len(), 1);
    assert_eq!(manifest.body_bytes().as_ref(), body.as_bytes(), "exactly as received");
}
