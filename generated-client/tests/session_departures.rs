//! Where the Rust session layer deliberately departs from the official JS client (FACTS.md
//! sections 6, 7 and 9): nothing empty is sent, a missing user is never sent as `null`, write
//! failures are reported, events can be batched, values that would break a cookie are refused,
//! and so on. One test per departure, each against a fake Edge API on 127.0.0.1.

mod session_common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use contentstack_personalize_edge::session::{
    variant_param_to_aliases, Personalize, Session, SessionError, CLIENT_USER_AGENT,
};
use contentstack_personalize_edge::types::Event;
use serde_json::{json, Map, Value};
use session_common::*;
use wiremock::ResponseTemplate;

fn impression(experience: &str, variant: &str) -> Value {
    json!({"experienceShortUid": experience, "variantShortUid": variant, "type": "IMPRESSION"})
}

fn error_answer(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"error": "personalize.TEST", "message": "refused"}))
}

/// A session whose manifest answer carried no user uid and which was given none.
async fn session_without_user(server: &wiremock::MockServer) -> Session {
    personalize(server).session().start().await.expect("session starts")
}

// ---------------------------------------------------------------------------------------------
// Nothing empty is sent
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn departs_trigger_impressions_of_only_inactive_or_unknown_experiences_sends_nothing() {
    let server = edge().await;
    let mut session = session(&server).await;

    session.trigger_impressions(&["2", "3", "missing"]).await.expect("nothing to send");
    session.trigger_impression("2").await.expect("nothing to send");
    session.queue_impressions(&["2", "3"]);

    assert!(session.queued().is_empty());
    assert_no_write(&server).await;
}

#[tokio::test]
async fn departs_set_attributes_with_an_empty_map_sends_nothing() {
    let server = edge().await;
    let session = session(&server).await;

    session.set_attributes(Map::new()).await.expect("nothing to send");

    assert_no_write(&server).await;
}

#[tokio::test]
async fn departs_flush_of_an_empty_queue_sends_nothing_and_returns_zero() {
    let server = edge().await;
    let mut session = session(&server).await;

    assert_eq!(session.flush().await.expect("nothing to send"), 0);

    assert_no_write(&server).await;
}

// ---------------------------------------------------------------------------------------------
// A missing user id is never sent as `null`
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn departs_missing_user_id_is_never_sent_as_null() {
    let server = edge_answering(manifest_answer_without_user()).await;
    let mut session = session_without_user(&server).await;

    assert_eq!(session.user_uid(), None);
    assert!(matches!(session.trigger_event("signup").await, Err(SessionError::NoUserUid)));
    assert!(matches!(session.trigger_impressions(&["0"]).await, Err(SessionError::NoUserUid)));
    session.queue_event("signup");
    let failed = session.flush().await.expect_err("no user to record for");
    assert_eq!(failed.pending, 1);
    assert!(matches!(failed.source, SessionError::NoUserUid));
    assert_eq!(session.queued().len(), 1, "the event stays queued");
    assert_no_write(&server).await;

    let mut headers = http::HeaderMap::new();
    let state = session.append_state(&mut headers);
    assert_eq!(state.written(), ["cs-personalize-manifest"]);
    assert_eq!(
        state.skipped()[0].to_string(),
        "the `cs-personalize-user-uid` cookie was not written: the session has no user uid"
    );
    assert_eq!(set_cookies(&headers), [manifest_cookie()], "only the manifest cookie, no `...=null`");

    // Attributes go without a user-uid header rather than with `null`.
    session.set_attributes(Map::from_iter([("plan".to_owned(), json!("gold"))])).await.expect("PATCH succeeds");
    assert_write(&only_write(&server).await, "PATCH", "/user-attributes", None, &json!({"plan": "gold"}));

    // Becoming known with preserve: there is no previous user to merge from.
    session.set_user_uid_and_merge("known").await.expect("no merge");
    assert_eq!(writes(&server).await.len(), 1, "no merge call");
    assert_eq!(session.flush().await.expect("now there is a user"), 1);
    let requests = writes(&server).await;
    assert_eq!(requests.len(), 2);
    assert_write(&requests[1], "POST", "/events", Some("known"), &json!([{"eventKey": "signup", "type": "EVENT"}]));
}

#[tokio::test]
async fn departs_answer_without_user_uid_header_keeps_the_user_id_sent() {
    let server = edge_answering(manifest_answer_without_user()).await;
    let handle = personalize(&server);

    let from_option = handle.session().user_uid("sent-user").start().await.expect("starts");
    let cookie = incoming("/", &[("cookie", "cs-personalize-user-uid=cookie-user")]);
    let from_cookie = handle.session().request(&cookie).start().await.expect("starts");

    assert_eq!(from_option.user_uid(), Some("sent-user"));
    assert_eq!(from_cookie.user_uid(), Some("cookie-user"));
    from_option.trigger_event("signup").await.expect("POST succeeds");
    let post = only_write(&server).await;
    assert_write(&post, "POST", "/events", Some("sent-user"), &json!([{"eventKey": "signup", "type": "EVENT"}]));
}

// ---------------------------------------------------------------------------------------------
// Write failures are reported, and only reported
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn departs_non_2xx_on_write_calls_is_an_api_error_and_the_session_stays_usable() {
    let server = edge().await;
    fail_next(&server, "POST", "/events", 1, ResponseTemplate::new(503).set_body_string("Service Unavailable")).await;
    fail_next(&server, "PATCH", "/user-attributes", 1, error_answer(400)).await;
    fail_next(&server, "POST", "/user-attributes/actions/merge", 1, error_answer(500)).await;
    let mut session = session(&server).await;

    let events = session.trigger_event("signup").await.expect_err("503");
    assert!(matches!(events, SessionError::Api(_)), "{events:?}");
    assert_eq!(events.status().map(|s| s.as_u16()), Some(503));

    let attributes = Map::from_iter([("plan".to_owned(), json!("gold"))]);
    let set = session.set_attributes(attributes.clone()).await.expect_err("400");
    assert!(matches!(set, SessionError::Api(_)), "{set:?}");
    assert_eq!(set.status().map(|s| s.as_u16()), Some(400));

    let merge = session.set_user_uid_and_merge("member-1").await.expect_err("500");
    assert!(matches!(merge, SessionError::Api(_)), "{merge:?}");
    assert_eq!(merge.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(session.user_uid(), Some("member-1"), "the new user uid is kept all the same");

    // Still usable: the same calls succeed once the server does.
    session.trigger_event("signup").await.expect("POST succeeds");
    session.set_attributes(attributes).await.expect("PATCH succeeds");
    assert_eq!(session.variant_param(), "0_0,1_1");
    let requests = writes(&server).await;
    assert_eq!(requests.len(), 5);
    let signup = json!([{"eventKey": "signup", "type": "EVENT"}]);
    assert_write(&requests[0], "POST", "/events", Some(USER), &signup);
    assert_write(&requests[1], "PATCH", "/user-attributes", Some(USER), &json!({"plan": "gold"}));
    assert_write(
        &requests[2],
        "POST",
        "/user-attributes/actions/merge",
        None,
        &json!({"sourceUserUid": USER, "targetUserUid": "member-1"}),
    );
    assert_write(&requests[3], "POST", "/events", Some("member-1"), &signup);
    assert_write(&requests[4], "PATCH", "/user-attributes", Some("member-1"), &json!({"plan": "gold"}));
}

// ---------------------------------------------------------------------------------------------
// Batching
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn departs_queued_impressions_and_events_go_in_one_post_in_order() {
    let server = edge().await;
    let mut session = session(&server).await;

    session.queue_impressions(&["1", "2"]);
    session.queue_event("add_to_cart");
    session.queue_impressions_by_aliases(&["cs_personalize_0_0", "cs_personalize_4_null"]).expect("valid aliases");
    session.queue_event("checkout");
    assert_eq!(session.queued().len(), 4);
    assert_no_write(&server).await;

    assert_eq!(session.flush().await.expect("POST succeeds"), 4);

    assert!(session.queued().is_empty());
    let post = only_write(&server).await;
    assert_write(
        &post,
        "POST",
        "/events",
        Some(USER),
        &json!([
            impression("1", "1"),
            {"eventKey": "add_to_cart", "type": "EVENT"},
            impression("0", "0"),
            {"eventKey": "checkout", "type": "EVENT"}
        ]),
    );
    assert_eq!(session.flush().await.expect("nothing left"), 0);
    assert_eq!(writes(&server).await.len(), 1);
}

#[tokio::test]
async fn departs_take_queued_hands_the_events_over() {
    let server = edge().await;
    let mut session = session(&server).await;
    session.queue_impressions(&["0"]);
    session.queue_event("signup");

    let taken = session.take_queued();

    assert_eq!(
        taken,
        [
            Event::Impression(contentstack_personalize_edge::types::ImpressionEvent::new(
                "0".into(),
                "0".into(),
                contentstack_personalize_edge::types::ImpressionEventType::Impression,
            )),
            Event::Event(contentstack_personalize_edge::types::CustomEvent::new(
                "signup".into(),
                contentstack_personalize_edge::types::CustomEventType::Event,
            )),
        ]
    );
    assert!(session.queued().is_empty());
    assert_eq!(session.flush().await.expect("nothing left"), 0);
    assert_no_write(&server).await;
}

#[tokio::test]
async fn departs_failed_flush_keeps_the_events_and_a_retry_sends_them() {
    let server = edge().await;
    fail_next(&server, "POST", "/events", 1, error_answer(500)).await;
    let mut session = session(&server).await;
    session.queue_impressions(&["0", "1"]);

    let failed = session.flush().await.expect_err("500");

    assert_eq!(failed.pending, 2);
    assert!(matches!(failed.source, SessionError::Api(_)), "{:?}", failed.source);
    assert_eq!(failed.source.status().map(|s| s.as_u16()), Some(500));
    assert!(failed.to_string().starts_with("2 queued events were not delivered"), "{failed}");
    assert_eq!(session.queued().len(), 2, "still queued");

    assert_eq!(session.flush().await.expect("the server recovered"), 2);

    assert!(session.queued().is_empty());
    let requests = writes(&server).await;
    assert_eq!(requests.len(), 2);
    let both = json!([impression("0", "0"), impression("1", "1")]);
    assert_write(&requests[0], "POST", "/events", Some(USER), &both);
    assert_write(&requests[1], "POST", "/events", Some(USER), &both);
}

/// A `MakeWriter` that keeps everything written in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().expect("not poisoned").clone()).expect("UTF-8 log")
    }
}

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn departs_dropping_a_session_with_queued_events_logs_a_warning() {
    let server = edge().await;
    let mut pending = session(&server).await;
    pending.queue_impressions(&["0", "1"]);
    pending.queue_event("signup");
    let mut flushed = session(&server).await;
    flushed.queue_event("signup");
    flushed.flush().await.expect("POST succeeds");
    let untouched = session(&server).await;

    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt().with_writer(captured.clone()).without_time().finish();
    tracing::subscriber::with_default(subscriber, || {
        drop(flushed);
        drop(untouched);
        assert_eq!(captured.text(), "", "no warning for sessions with nothing queued");
        drop(pending);
    });

    let log = captured.text();
    assert!(log.contains("WARN"), "{log}");
    assert!(log.contains("3 queued events"), "{log}");
    assert!(log.contains("pending=3"), "{log}");
    assert_eq!(log.lines().count(), 1, "one warning: {log}");
}

// ---------------------------------------------------------------------------------------------
// Refused values
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn departs_append_state_leaves_out_a_user_uid_browsers_would_not_keep_and_says_why() {
    let server = edge().await;
    let mut session = session(&server).await;

    for bad in
        ["a;b", "a\r\nSet-Cookie: x=1", "ünïcødé", " padded", "tab\there", "a,b", "in ner", "q\"uote", "back\\slash"]
    {
        session.set_user_uid(bad);
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));

        let state = session.append_state(&mut headers);

        assert_eq!(state.written(), ["cs-personalize-manifest"], "{bad:?}");
        let [skipped] = state.skipped() else { panic!("{bad:?}: one cookie skipped, got {state:?}") };
        assert_eq!(skipped.cookie, "cs-personalize-user-uid", "{bad:?}");
        assert!(skipped.to_string().contains("browsers do not keep"), "{skipped}");
        let cookies: Vec<_> = headers.get_all(http::header::SET_COOKIE).iter().collect();
        assert_eq!(cookies.len(), 1, "{bad:?}: only the manifest cookie");
        assert!(cookies[0].as_bytes().starts_with(b"cs-personalize-manifest="));
        assert_eq!(headers.len(), 2, "{bad:?}: the other headers are untouched");
    }
    assert_no_write(&server).await;
}

#[tokio::test]
async fn departs_invalid_alias_is_refused_naming_it_and_nothing_is_sent() {
    let server = edge().await;
    let mut session = session(&server).await;

    for bad in ["bogus", "cs_personalize_1", "cs_personalize__1", "cs_personalize_1_2_3", "xs_personalize_1_2"] {
        let error =
            session.trigger_impressions_by_aliases(&["cs_personalize_0_0", bad]).await.expect_err("invalid alias");
        match &error {
            SessionError::InvalidAlias { alias } => assert_eq!(alias, bad),
            other => panic!("{bad}: expected InvalidAlias, got {other:?}"),
        }
        assert!(error.to_string().contains(bad), "{error}");

        let error = session.queue_impressions_by_aliases(&["cs_personalize_0_0", bad]).expect_err("invalid alias");
        assert!(matches!(&error, SessionError::InvalidAlias { alias } if alias == bad), "{error:?}");
        assert!(session.queued().is_empty(), "nothing queued");
    }
    assert_no_write(&server).await;
}

#[tokio::test]
async fn departs_null_variant_aliases_are_skipped() {
    let server = edge().await;
    let session = session(&server).await;

    session.trigger_impressions_by_aliases(&["cs_personalize_4_null"]).await.expect("nothing to send");
    assert_no_write(&server).await;

    session.trigger_impressions_by_aliases(&["cs_personalize_4_null", "cs_personalize_0_0"]).await.expect("POST");
    let post = only_write(&server).await;
    assert_write(&post, "POST", "/events", Some(USER), &json!([impression("0", "0")]));
}

// ---------------------------------------------------------------------------------------------
// The manifest call
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn departs_user_agent_of_the_manifest_call_only_when_the_request_has_one() {
    let server = edge().await;
    let handle = personalize(&server);

    handle.session().request(&incoming("/", &[])).start().await.expect("starts");
    handle.session().request(&incoming("/", &[("user-agent", "")])).start().await.expect("starts");
    handle.session().request(&incoming("/", &[("user-agent", "Mozilla/5.0 (iPhone)")])).start().await.expect("starts");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    assert_manifest_call(&requests[0], None, &[]);
    assert_manifest_call(&requests[1], None, &[]);
    assert_manifest_call(&requests[2], None, &[("user-agent", "Mozilla/5.0 (iPhone)")]);
}

#[tokio::test]
async fn departs_x_user_agent_names_the_rust_client_on_every_call() {
    assert_eq!(CLIENT_USER_AGENT, format!("contentstack-personalize-edge-rust/{}", env!("CARGO_PKG_VERSION")));
    let server = edge().await;
    let mut session = session(&server).await;

    session.trigger_event("signup").await.expect("POST");
    session.set_attributes(Map::from_iter([("plan".to_owned(), json!("gold"))])).await.expect("PATCH");
    session.set_user_uid_and_merge("member-1").await.expect("merge");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 4);
    for request in &requests {
        let values: Vec<_> = request.headers.get_all("x-user-agent").iter().collect();
        assert_eq!(values, [CLIENT_USER_AGENT], "{} {}", request.method, request.url);
    }
}

#[tokio::test]
async fn departs_manifest_cookie_is_ignored_by_default() {
    let server = edge().await;
    let cookie = incoming("/", &[("cookie", r#"cs-personalize-manifest={"activeVariants":{"7":"3"}}"#)]);

    let implicit = personalize(&server).session().request(&cookie).start().await.expect("starts");
    let explicit =
        personalize(&server).session().request(&cookie).use_manifest_cookie(false).start().await.expect("starts");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2, "both fetched");
    for request in &requests {
        assert_manifest_call(request, None, &[]);
    }
    assert_eq!(implicit.variant_param(), "0_0,1_1");
    assert_eq!(explicit.variant_param(), "0_0,1_1");
}

#[tokio::test]
async fn departs_unreadable_manifest_cookie_falls_back_to_fetching() {
    let server = edge().await;
    let handle = personalize(&server);
    let unreadable = [
        "cs-personalize-manifest=not-json",
        r#"cs-personalize-manifest={"foo":1}"#,
        r#"cs-personalize-manifest=[1,2]"#,
        r#"cs-personalize-manifest={"experiences":[{"shortUid":0}]}"#,
        "cs-personalize-manifest=",
    ];

    for cookie in unreadable {
        let request = incoming("/", &[("cookie", cookie)]);
        let session = handle.session().request(&request).use_manifest_cookie(true).start().await.expect(cookie);
        assert_eq!(session.variant_param(), "0_0,1_1", "{cookie}");
        assert_eq!(session.user_uid(), Some(USER), "{cookie}");
    }

    let requests = received(&server).await;
    assert_eq!(requests.len(), unreadable.len(), "each one fetched");
    for request in &requests {
        assert_manifest_call(request, None, &[]);
    }
}

#[tokio::test]
async fn departs_cookie_values_with_equals_and_split_cookie_headers_are_read_whole() {
    let server = edge().await;
    let mut request = incoming("/", &[("cookie", "theme=dark"), ("cookie", "cs-personalize-user-uid=abc==")]);
    request.headers.append(http::header::COOKIE, http::HeaderValue::from_static("seerid=s=1"));

    personalize(&server).session().request(&request).start().await.expect("starts");

    assert_manifest_call(
        &only_request(&server).await,
        None,
        &[("x-cs-personalize-user-uid", "abc=="), ("x-lytics-id-field", "_uid"), ("x-lytics-id-value", "s=1")],
    );
}

// ---------------------------------------------------------------------------------------------
// Small things
// ---------------------------------------------------------------------------------------------

#[test]
fn departs_variant_param_to_aliases_of_an_empty_param_is_empty() {
    assert!(variant_param_to_aliases("").is_empty(), "the JS client gives [\"cs_personalize_\"]");
    assert_eq!(variant_param_to_aliases("0_0,,1_1"), ["cs_personalize_0_0", "cs_personalize_1_1"]);
}

#[tokio::test]
async fn departs_set_user_id_preserving_to_the_same_id_sends_no_merge() {
    let server = edge().await;
    let mut session = session(&server).await;

    session.set_user_uid_and_merge(USER).await.expect("nothing to merge");

    assert_eq!(session.user_uid(), Some(USER));
    assert_no_write(&server).await;
}

fn assert_clone_send_sync<T: Clone + Send + Sync + 'static>() {}
fn assert_send_sync<T: Send + Sync + 'static>() {}

#[test]
fn departs_personalize_is_shareable_and_an_empty_project_uid_is_a_build_error() {
    assert_clone_send_sync::<Personalize>();
    assert_send_sync::<Session>();
    assert_send_sync::<SessionError>();

    let error = Personalize::builder("").build().expect_err("empty project uid");
    assert!(error.to_string().contains("project_uid"), "{error}");
    let error = Personalize::builder(PROJECT_UID).variant_query_param("").build().expect_err("empty param name");
    assert!(error.to_string().contains("variant_query_param"), "{error}");
}
