//! The runtime under a failing network: answers that never come, stall, reset, redirect
//! to another host or never end. Upper bounds on time are generous (a loaded 2-core CI);
//! what they rule out is waiting for the 30 s default or for a 200 MB body.
// Sent through the default transport (reqwest) to loopback servers: only with `reqwest`
// (the fixtures' tests/in_memory.rs runs generated clients without it).
#![cfg(feature = "reqwest")]

mod support;

use std::time::{Duration, Instant};

use codegen_runtime::{Error, Failure, Limits, UnreadResponse, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT};
use http::StatusCode;
use support::{deadline, execute, get_request, http_response, post_json, serve_once, Fault, FaultServer};

const TIMEOUT: Duration = Duration::from_millis(800);
const MIB: usize = 1024 * 1024;

fn limits(timeout: Duration, max_response_bytes: usize) -> Limits {
    Limits { timeout, max_response_bytes }
}

async fn get(base: &str, limits: Limits) -> Result<UnreadResponse, Failure> {
    execute(get_request(format!("{base}/manifest")), limits).await
}

fn error(failure: Failure) -> Error<()> {
    failure.into()
}

/// A body that stalls after `{"experiences":` of a 100-byte JSON answer.
const STALLED: Fault = Fault::Stalls {
    head: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n",
    start: b"{\"experiences\":",
};

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = FaultServer::start(Fault::NeverAnswers).await;
    let started = Instant::now();
    let result = get(&server.base, limits(TIMEOUT, MIB)).await;
    let elapsed = started.elapsed();
    let error = match result {
        Ok(unread) => panic!("an answer from a silent server: {unread:?}"),
        Err(failure) => error(failure),
    };
    assert_eq!(error.to_string(), "timed out after 800 ms");
    assert!(matches!(&error, Error::Timeout(t) if t.after() == TIMEOUT && t.status().is_none()), "{error:?}");
    assert!(error.is_timeout() && error.is_transport() && !error.is_connect());
    assert_eq!(error.status(), None);
    assert!(elapsed >= TIMEOUT && elapsed < deadline(TIMEOUT), "{elapsed:?}");
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn a_body_that_stalls_after_the_head_times_out_with_the_status() {
    let server = FaultServer::start(STALLED).await;
    let started = Instant::now();
    let unread = get(&server.base, limits(TIMEOUT, MIB)).await.expect("the head arrives");
    assert_eq!(unread.status(), StatusCode::OK);
    let error = error(unread.read().await.expect_err("the body never ends"));
    let elapsed = started.elapsed();
    assert_eq!(error.to_string(), "timed out after 800 ms while reading the body of a 200 OK answer");
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert!(error.is_timeout());
    assert!(elapsed >= TIMEOUT && elapsed < deadline(TIMEOUT), "{elapsed:?}");
}

#[tokio::test]
async fn a_body_nobody_needs_is_not_waited_for() {
    // The call's timeout is the 30 s default: discarding must not wait for it.
    let server = FaultServer::start(STALLED).await;
    let started = Instant::now();
    let unread = get(&server.base, Limits::default()).await.expect("the head arrives");
    let raw = unread.answer(|_| false).await.expect("skimmed, never an error");
    let value = raw.empty::<(), ()>().expect("a success without a body");
    assert_eq!(value.status(), StatusCode::OK);
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());

    // Skimmed (a declared error without a body), what arrived is kept for the message.
    let unread = get(&server.base, Limits::default()).await.expect("the head arrives");
    let raw = unread.skim().await;
    // What arrived in time: all of it but on a machine too loaded to read it within 100 ms.
    assert!(b"{\"experiences\":".starts_with(&raw.body_bytes()), "{:?}", raw.body_bytes());
    assert!(started.elapsed() < Duration::from_secs(6), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_reset_connection_is_a_transport_error_in_a_sentence() {
    let server = FaultServer::start(Fault::Resets).await;
    let result = get(&server.base, limits(DEFAULT_TIMEOUT, MIB)).await;
    let error = match result {
        Ok(unread) => panic!("an answer from a reset connection: {unread:?}"),
        Err(failure) => error(failure),
    };
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(error.is_transport() && !error.is_timeout() && !error.is_connect());
    let message = error.to_string();
    assert!(message.starts_with("the request failed before an answer arrived: "), "{message}");
    assert!(!message.contains(&server.base) && !message.contains("{ ") && message.len() < 300, "{message}");
    let debug = format!("{error:?}");
    assert!(debug.starts_with("Transport(\"the request failed") && !debug.contains(&server.base), "{debug}");
    assert_eq!(server.requests(), 1, "not retried");
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    let elsewhere = FaultServer::start(Fault::NeverAnswers).await;
    let location = format!("Location: {}/manifest", elsewhere.base);
    let (base, first) = serve_once(http_response("307 Temporary Redirect", &[&location], b"")).await;
    let unread = get(&base, limits(TIMEOUT, MIB)).await.expect("the redirect is the answer");
    assert_eq!(unread.status(), StatusCode::TEMPORARY_REDIRECT);
    let error: Error<()> = unread.skim().await.into_unexpected();
    assert!(first.await.expect("server").starts_with("GET /manifest "));
    assert_eq!(elsewhere.requests(), 0, "the other host received nothing");
    assert_eq!(
        error.to_string(),
        format!(
            "the server answered 307 Temporary Redirect (Location: {}/manifest) with an empty body",
            elsewhere.base
        )
    );
    assert_eq!(error.headers().and_then(|h| h.get("location")).map(|v| v.as_bytes()), Some(&location.as_bytes()[10..]));
}

#[tokio::test]
async fn a_redirected_post_is_sent_once() {
    let elsewhere = FaultServer::start(Fault::NeverAnswers).await;
    let location = format!("Location: {}/events", elsewhere.base);
    let (base, first) = serve_once(http_response("308 Permanent Redirect", &[&location], b"moved")).await;
    let request = post_json(format!("{base}/events"), "[]");
    let unread = execute(request, limits(TIMEOUT, MIB)).await.expect("the redirect is the answer");
    assert_eq!(unread.status(), StatusCode::PERMANENT_REDIRECT);
    let error: Error<()> = unread.skim().await.into_unexpected();
    assert!(error.to_string().ends_with("/events): moved"), "{error}");
    assert!(first.await.expect("server").ends_with("\r\n\r\n[]"));
    assert_eq!(elsewhere.requests(), 0);
}

/// Reads a 200 MB chunked body with `limit`; returns the error, how long it took and how
/// much the server got onto the wire.
async fn read_endless_body(limit: usize) -> (Error<()>, Duration, usize) {
    let server = FaultServer::start(Fault::Streams { total: 200 * MIB }).await;
    let started = Instant::now();
    let unread = get(&server.base, limits(DEFAULT_TIMEOUT, limit)).await.expect("the head arrives");
    let error = error(unread.read().await.expect_err("too large"));
    let elapsed = started.elapsed();
    // Let the server find the connection closed; it stops writing at once.
    tokio::time::sleep(Duration::from_millis(300)).await;
    (error, elapsed, server.written())
}

#[tokio::test]
async fn a_huge_body_stops_at_the_limit() {
    let (error, elapsed, written) = read_endless_body(MIB).await;
    assert_eq!(error.to_string(), "the 200 OK answer's body is larger than the 1048576-byte limit");
    assert!(matches!(&error, Error::ResponseTooLarge(e) if e.limit() == MIB && e.status() == StatusCode::OK));
    assert_eq!(error.status(), Some(StatusCode::OK));
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    // Socket buffers take a few MB more; far from the 200 MB offered.
    assert!(written < 32 * MIB, "the server wrote {written} bytes");
}

#[tokio::test]
async fn the_default_limit_is_16_mib() {
    assert_eq!(DEFAULT_MAX_RESPONSE_BYTES, 16 * MIB);
    let (error, _, written) = read_endless_body(DEFAULT_MAX_RESPONSE_BYTES).await;
    assert!(matches!(&error, Error::ResponseTooLarge(e) if e.limit() == DEFAULT_MAX_RESPONSE_BYTES), "{error:?}");
    assert!(written < 64 * MIB, "the server wrote {written} bytes");
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_unread() {
    let server = FaultServer::start(Fault::Stalls {
        head: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 209715200\r\n\r\n",
        start: b"",
    })
    .await;
    let started = Instant::now();
    let unread = get(&server.base, Limits::default()).await.expect("the head arrives");
    let error = error(unread.read().await.expect_err("too large"));
    assert!(matches!(error, Error::ResponseTooLarge(_)), "{error:?}");
    // Nothing was read: no waiting for the 30 s timeout on a body that never comes.
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

#[tokio::test]
async fn skimming_an_endless_body_keeps_its_start_only() {
    let server = FaultServer::start(Fault::Streams { total: 200 * MIB }).await;
    let started = Instant::now();
    let unread = get(&server.base, Limits::default()).await.expect("the head arrives");
    let raw = unread.skim().await;
    // At most 64 KiB (all of it, unless a loaded machine kept it from arriving in time).
    let kept = raw.body_bytes();
    assert!(kept.len() <= 64 * 1024 && kept.iter().all(|&b| b == b' '), "{} bytes", kept.len());
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(server.written() < 32 * MIB, "the server wrote {} bytes", server.written());
}
