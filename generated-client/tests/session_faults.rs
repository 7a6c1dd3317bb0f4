//! A failing Edge API and what it costs one page: each fault on a loopback server the test
//! starts (wiremock where it can fake the fault, a raw TCP listener where it cannot: stalls,
//! resets), and what the session does about it. Time bounds are generous upper bounds (a loaded
//! 2-core CI machine); the figures themselves go to the test output (`--nocapture`).

#[allow(dead_code)]
#[path = "common/faults.rs"]
mod faults;
mod session_common;

use std::time::{Duration, Instant};

use contentstack_personalize_edge::session::{Personalize, SessionError};
use contentstack_personalize_edge::Error;
use faults::{Fault, FaultServer};
use serde_json::json;
use session_common::*;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The manifest budget of these tests: short, so that faults cost little test time.
const BUDGET: Duration = Duration::from_millis(400);
/// Slack for a loaded machine on top of a budget.
const SLACK: Duration = Duration::from_millis(1500);

fn handle(base_url: &str) -> Personalize {
    Personalize::builder(PROJECT_UID)
        .base_url(base_url)
        .manifest_timeout(BUDGET)
        .write_timeout(BUDGET)
        .build()
        .expect("handle")
}

async fn manifest_calls(server: &MockServer) -> usize {
    received(server).await.iter().filter(|r| r.url.path() == "/manifest").count()
}

fn report(fault: &str, requests: usize, elapsed: Duration) {
    eprintln!("dead-edge cost: {fault}: {requests} request(s), {} ms", elapsed.as_millis());
}

#[tokio::test]
async fn an_edge_that_never_answers_costs_one_request_and_the_budget_then_fails_open() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let parts = incoming("https://shop.example/", &[("cookie", "cs-personalize-user-uid=returning-1")]);

    let started = Instant::now();
    let session = handle(&server.uri()).session().request(&parts).start_fail_open().await;
    let elapsed = started.elapsed();

    let reason = session.degraded().expect("degraded");
    assert!(matches!(reason, SessionError::ManifestTimedOut { attempts: 1, .. }), "{reason:?}");
    assert!(reason.to_string().starts_with("Could not fetch manifest: timed out after 400 ms (1 attempt"), "{reason}");
    assert!(elapsed >= BUDGET && elapsed < BUDGET + SLACK, "{elapsed:?}");
    assert_eq!(session.user_uid(), Some("returning-1"), "the visitor keeps their user uid");
    assert!(session.variant_aliases().is_empty() && session.variant_param().is_empty(), "base content");
    assert_eq!(manifest_calls(&server).await, 1);
    report("no answer", 1, elapsed);
}

#[tokio::test]
async fn a_strict_start_reports_the_timeout() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;

    let budget = Duration::from_millis(150);
    let started = Instant::now();
    let error = handle(&server.uri()).session().manifest_timeout(budget).start().await.expect_err("timed out");

    assert!(error.to_string().contains("timed out after 150 ms"), "{error}");
    assert!(started.elapsed() < budget + SLACK);
}

#[tokio::test]
async fn a_refused_connection_is_tried_three_times_within_the_budget() {
    // A port that was just free: nothing listens there, each connection is refused at once.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    drop(listener);

    let started = Instant::now();
    let session = handle(&url).session().start_fail_open().await;
    let elapsed = started.elapsed();

    let reason = session.degraded().expect("degraded");
    assert!(matches!(reason, SessionError::ManifestUnavailable(Error::Transport(_))), "{reason:?}");
    assert!(elapsed < BUDGET + SLACK, "{elapsed:?}");
    report("connection refused", 3, elapsed);
}

#[tokio::test]
async fn a_connection_reset_before_the_answer_is_retried_up_to_three_attempts() {
    let server = FaultServer::start(Fault::Resets).await;

    let started = Instant::now();
    let session = handle(&server.base).session().start_fail_open().await;
    let elapsed = started.elapsed();

    assert!(session.degraded().is_some());
    assert_eq!(server.requests(), 3);
    report("connection reset", 3, elapsed);
}

#[tokio::test]
async fn a_stalled_manifest_body_times_out_within_the_budget() {
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n";
    let server = FaultServer::start(Fault::Stalls { head, start: b"{\"exp" }).await;

    let started = Instant::now();
    let session = handle(&server.base).session().start_fail_open().await;

    let reason = session.degraded().expect("degraded");
    assert!(matches!(reason, SessionError::ManifestTimedOut { .. }), "{reason:?}");
    assert!(started.elapsed() < BUDGET + SLACK);
    assert_eq!(server.requests(), 1, "a timeout used the budget up: no retry");
}

#[tokio::test]
async fn answers_503_three_times_cost_three_requests_and_the_page_renders() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(503)).mount(&server).await;

    let started = Instant::now();
    let session = handle(&server.uri()).session().start_fail_open().await;
    let elapsed = started.elapsed();

    let reason = session.degraded().expect("degraded");
    assert_eq!(reason.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(manifest_calls(&server).await, 3);
    assert!(elapsed < BUDGET + SLACK, "{elapsed:?}");
    report("503 on every call", 3, elapsed);
}

#[tokio::test]
async fn a_503_then_200_is_a_session_after_one_retry() {
    let server = edge().await;
    fail_next(&server, "GET", "/manifest", 1, ResponseTemplate::new(503)).await;

    let session = handle(&server.uri()).session().start().await.expect("the retry succeeds");

    assert_eq!(session.variant_param(), "0_0,1_1");
    assert_eq!(manifest_calls(&server).await, 2);
}

#[tokio::test]
async fn retry_after_is_honoured_when_the_budget_has_room_and_not_otherwise() {
    let server = edge().await;
    fail_next(&server, "GET", "/manifest", 1, ResponseTemplate::new(429).insert_header("retry-after", "1")).await;

    let started = Instant::now();
    let session =
        handle(&server.uri()).session().manifest_timeout(Duration::from_secs(3)).start().await.expect("retried");
    assert!(started.elapsed() >= Duration::from_secs(1), "waited as asked");
    assert_eq!(session.variant_param(), "0_0,1_1");
    assert_eq!(manifest_calls(&server).await, 2);

    let server = edge().await;
    fail_next(&server, "GET", "/manifest", 1, ResponseTemplate::new(429).insert_header("retry-after", "1")).await;
    let error = handle(&server.uri()).session().start().await.expect_err("no room for the pause");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(1)), "the caller can see when to come back");
    assert_eq!(manifest_calls(&server).await, 1);
}

#[tokio::test]
async fn a_redirect_of_the_manifest_call_is_not_followed_and_the_other_host_gets_nothing() {
    let elsewhere = edge().await;
    let server = MockServer::start().await;
    let location = format!("{}/manifest", elsewhere.uri());
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(307).insert_header("location", location.as_str()))
        .mount(&server)
        .await;
    let parts = incoming("/", &[("cookie", "cs-personalize-user-uid=visitor-1"), ("x-forwarded-for", "203.0.113.7")]);

    let session = handle(&server.uri()).session().request(&parts).start_fail_open().await;

    let reason = session.degraded().expect("degraded");
    assert!(matches!(reason, SessionError::ManifestUnavailable(Error::UnexpectedResponse(_))), "{reason:?}");
    assert_eq!(reason.status().map(|s| s.as_u16()), Some(307));
    assert!(received(&elsewhere).await.is_empty(), "the visitor's headers went nowhere else");
    assert_eq!(manifest_calls(&server).await, 1, "a redirect is not retried");
}

#[tokio::test]
async fn a_redirected_flush_keeps_every_event_and_a_later_flush_sends_them_once() {
    let elsewhere = edge().await;
    let server = edge().await;
    let location = format!("{}/events", elsewhere.uri());
    for status in [301, 303, 307, 308] {
        fail_next(
            &server,
            "POST",
            "/events",
            1,
            ResponseTemplate::new(status).insert_header("location", location.as_str()),
        )
        .await;
    }
    let mut session = handle(&server.uri()).session().start().await.expect("session");
    session.queue_impressions(&["0", "1"]);
    session.queue_event("signup");

    for status in [301, 303, 307, 308] {
        let failed = session.flush().await.expect_err("a redirect is a failure");
        assert_eq!(failed.pending, 3, "{status}");
        assert_eq!(failed.source.status().map(|s| s.as_u16()), Some(status));
    }
    assert_eq!(session.flush().await.expect("delivered"), 3);

    assert!(received(&elsewhere).await.is_empty(), "nothing followed the redirects");
    let posts = writes(&server).await;
    assert_eq!(posts.len(), 5, "four refused, one delivered");
    assert!(posts.iter().all(|post| post.method.as_str() == "POST"), "never turned into a GET");
    assert_eq!(body_json(&posts[4]).as_array().map(Vec::len), Some(3));
}

#[tokio::test]
async fn a_2xx_write_with_a_body_that_is_not_text_is_delivered() {
    let server = edge().await;
    fail_next(
        &server,
        "POST",
        "/events",
        1,
        ResponseTemplate::new(202).set_body_raw(vec![0xFF, 0xFE, 0x00], "text/plain"),
    )
    .await;
    let mut session = handle(&server.uri()).session().start().await.expect("session");
    session.queue_event("signup");

    assert_eq!(session.flush().await.expect("the API took the events"), 1);
    assert!(session.queued().is_empty());
    assert_eq!(writes(&server).await.len(), 1, "sent once");
}

#[tokio::test]
async fn a_2xx_write_whose_body_stalls_is_delivered_within_the_write_timeout() {
    let head = "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 1000\r\n\r\n";
    let server = FaultServer::start(Fault::Stalls { head, start: b"User Attr" }).await;
    // Started from the manifest cookie, so the stalling server only ever sees the write.
    let cookie = format!("cs-personalize-user-uid=u-1; cs-personalize-manifest={MANIFEST}");
    let parts = incoming("/", &[("cookie", &cookie)]);
    let mut stalled =
        handle(&server.base).session().request(&parts).use_manifest_cookie(true).start().await.expect("session");
    stalled.queue_event("signup");

    let started = Instant::now();
    assert_eq!(stalled.flush().await.expect("a 2xx head is delivery"), 1);
    assert!(started.elapsed() < BUDGET + SLACK);
    assert_eq!(server.requests(), 1, "sent once");
}

#[tokio::test]
async fn a_huge_manifest_is_refused_without_reading_it_all() {
    let server = MockServer::start().await;
    let experiences: Vec<_> =
        (0..40_000).map(|i| json!({"shortUid": i.to_string(), "activeVariantShortUid": "0"})).collect();
    let body = json!({ "experiences": experiences }).to_string();
    assert!(body.len() > 1_000_000);
    Mock::given(method("GET"))
        .and(path("/manifest"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;

    let session = handle(&server.uri()).session().start_fail_open().await;

    let reason = session.degraded().expect("degraded");
    assert!(matches!(reason, SessionError::ManifestUnavailable(Error::ResponseTooLarge(_))), "{reason:?}");
    assert!(reason.to_string().len() < 600, "{reason}");
    assert_eq!(manifest_calls(&server).await, 1, "not retried");
}

#[tokio::test]
async fn a_huge_error_message_makes_a_short_error() {
    let server = edge().await;
    let message = "x".repeat(20 * 1024 * 1024);
    fail_next(
        &server,
        "POST",
        "/events",
        1,
        ResponseTemplate::new(500).set_body_json(json!({"error": "e", "message": message})),
    )
    .await;
    fail_next(
        &server,
        "PATCH",
        "/user-attributes",
        1,
        ResponseTemplate::new(400).set_body_json(json!({"error": "personalize.BAD", "message": "m".repeat(2000)})),
    )
    .await;
    let session = handle(&server.uri()).session().start().await.expect("session");

    let error = session.trigger_event("signup").await.expect_err("500");
    let attributes =
        session.set_attributes(serde_json::Map::from_iter([("a".to_owned(), json!(1))])).await.expect_err("400");

    for error in [error, attributes] {
        let display = error.to_string();
        let debug = format!("{error:?}");
        assert!(display.len() <= 700, "{} bytes: {}", display.len(), &display[..200]);
        assert!(debug.len() <= 1500, "{} bytes of Debug", debug.len());
        assert!(!display.contains("ErrorBody {"), "no Rust Debug output: {display}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_edge_costs_each_page_at_most_the_budget() {
    // Many pages at once against an Edge API that never answers: each page waits at most its
    // budget and renders, whatever the others do.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .mount(&server)
        .await;
    let personalize = handle(&server.uri());

    let started = Instant::now();
    let pages = (0..20).map(|_| {
        let personalize = personalize.clone();
        tokio::spawn(async move { personalize.session().start_fail_open().await.degraded().is_some() })
    });
    let pages: Vec<_> = pages.collect();
    for page in pages {
        assert!(page.await.expect("page"), "degraded");
    }
    let elapsed = started.elapsed();

    assert!(elapsed < BUDGET + SLACK, "{elapsed:?}");
    assert_eq!(manifest_calls(&server).await, 20, "one request per page");
    report("20 pages, no answer", 20, elapsed);
}

#[tokio::test]
async fn after_a_run_of_failures_pages_skip_the_dead_edge_until_a_trial_call_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(30)))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET")).and(path("/manifest")).respond_with(manifest_answer()).mount(&server).await;
    let personalize = Personalize::builder(PROJECT_UID)
        .base_url(server.uri())
        .manifest_timeout(Duration::from_millis(200))
        .pause_after_failures(2, Duration::from_millis(500))
        .build()
        .expect("handle");

    for _ in 0..2 {
        let session = personalize.session().start_fail_open().await;
        assert!(matches!(session.degraded(), Some(SessionError::ManifestTimedOut { .. })));
    }
    let started = Instant::now();
    let paused = personalize.session().start_fail_open().await;
    let skipped = started.elapsed();
    let reason = paused.degraded().expect("paused");
    assert!(matches!(reason, SessionError::ManifestPaused { .. }), "{reason:?}");
    assert!(reason.to_string().starts_with("no manifest call was made"), "{reason}");
    assert_eq!(manifest_calls(&server).await, 2, "the paused page made no request");
    report("paused after 2 failures", 0, skipped);

    tokio::time::sleep(Duration::from_millis(600)).await;
    let trial = personalize.session().start().await.expect("the trial call succeeds");
    assert_eq!(trial.variant_param(), "0_0,1_1");
    let after = personalize.session().start().await.expect("the pause is over");
    assert_eq!(after.variant_param(), "0_0,1_1");
    assert_eq!(manifest_calls(&server).await, 4);
}
