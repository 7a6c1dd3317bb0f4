//! The behaviours the official JS client's own tests check (FACTS.md section 7), ported to the
//! Rust session layer: each test is named after the behaviour's number (`bNN_...`) and runs
//! against a fake Edge API on 127.0.0.1 answering with the JS tests' fixture (experience 0 ->
//! variant 0, 1 -> 1, 2 inactive; user `mock-user-id`).
//!
//! Browser-only behaviours are ported to their server-side equivalent: the incoming request
//! stands for `document.cookie` / `document.URL` / `document.referrer`, and `append_state` for the
//! cookies a browser would write (1, 17, 19, 21, 25). 11 has no Rust counterpart (the types take
//! one kind of input, so there is no "no options" call); its test checks instead that an empty
//! list sends nothing.
//!
//! Skipped, with no Rust counterpart:
//! - 36: static `Personalize.setUserId` / `getUserId` before and after `init`. There is no static
//!   or global state: a `Session` exists only once `start` succeeded, and its `set_user_id` /
//!   `user_id` are covered by 2, 3 and 4 (no user at all: `departs_` tests).
//! - 37: static `set` / `triggerImpression(s)` / `triggerEvent` that wait for a pending `init` and
//!   reject before it. No static API; calling them "before init" cannot be written (the methods
//!   live on `Session`, which only `start().await` gives).
//! - 38: static `triggerImpressions({})` with its plural message. No static API, and no options
//!   object (see 11).
//! - 39: static getters (`getActiveVariant`, `getVariants`, ..., `addStateToResponse`) throwing
//!   before `init`. Same reason as 37; the instance methods are covered by 6, 13, 14 and 15.
//! - 42: `reset()` clearing the global user id, status and manifest, and expiring the browser
//!   cookies. No global state to reset (a session is simply dropped) and no browser cookie jar.
//! - 43: `getInitializationStatus()` moving undefined -> initializing -> success. There is no
//!   status: `start()` is one future whose `Result` says whether it succeeded (33, 34).
//!
//! Behaviour 40 (`variantParamToVariantAliases` without init) is the free function
//! `variant_param_to_aliases`, which needs no handle.

mod session_common;

use contentstack_personalize_edge::session::{
    variant_param_to_aliases, ActiveVariant, Personalize, SessionError, DEFAULT_VARIANT_QUERY_PARAM,
};
use contentstack_personalize_edge::types::Experience;
use serde_json::{json, Map, Value};
use session_common::*;
use wiremock::ResponseTemplate;

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn impression(experience: &str, variant: &str) -> Value {
    json!({"experienceShortUid": experience, "variantShortUid": variant, "type": "IMPRESSION"})
}

// ---------------------------------------------------------------------------------------------
// Sdk instance (1-15)
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn b01_set_user_id_then_append_state_writes_the_new_user_cookie() {
    let server = edge().await;
    let mut session = session(&server).await;

    session.set_user_uid("new-user-id");

    let mut headers = http::HeaderMap::new();
    assert!(session.append_state(&mut headers).skipped().is_empty());
    assert_eq!(set_cookies(&headers), [user_cookie("new-user-id"), manifest_cookie()]);
    assert_eq!(
        set_cookies(&headers)[0],
        "cs-personalize-user-uid=new-user-id; Max-Age=31536000; Path=/; Secure; SameSite=Lax"
    );
}

#[tokio::test]
async fn b02_set_user_id_only_changes_the_in_memory_id() {
    let server = edge().await;
    let mut session = session(&server).await;

    session.set_user_uid("new-user-id");

    assert_eq!(session.user_uid(), Some("new-user-id"));
    assert_no_write(&server).await;
    assert_eq!(received(&server).await.len(), 1, "only the manifest call; it is not fetched again");
}

#[tokio::test]
async fn b03_set_user_id_preserving_attributes_posts_merge_with_two_headers_and_rewrites_the_cookie() {
    let server = edge().await;
    let mut session = session(&server).await;

    session.set_user_uid_and_merge("new-user-id").await.expect("merge succeeds");

    let merge = only_write(&server).await;
    assert_write(
        &merge,
        "POST",
        "/user-attributes/actions/merge",
        None,
        &json!({"sourceUserUid": "mock-user-id", "targetUserUid": "new-user-id"}),
    );
    assert_eq!(session.user_uid(), Some("new-user-id"));
    let mut headers = http::HeaderMap::new();
    assert!(session.append_state(&mut headers).skipped().is_empty());
    assert_eq!(set_cookies(&headers), [user_cookie("new-user-id"), manifest_cookie()]);
}

#[tokio::test]
async fn b04_user_id_returns_the_id_set_last() {
    let server = edge().await;
    let mut session = session(&server).await;
    assert_eq!(session.user_uid(), Some(USER));

    session.set_user_uid("first");
    session.set_user_uid("second");

    assert_eq!(session.user_uid(), Some("second"));
}

#[tokio::test]
async fn b05_set_sends_patch_with_attributes_and_three_headers() {
    let server = edge().await;
    let session = session(&server).await;
    let attributes = json!({"plan": "gold", "visits": 12, "newsletter": true, "tags": ["a", "b"], "score": null});

    session.set_attributes(object(attributes.clone())).await.expect("PATCH succeeds");

    let patch = only_write(&server).await;
    assert_write(&patch, "PATCH", "/user-attributes", Some(USER), &attributes);
}

#[tokio::test]
async fn b06_active_variant_is_active_inactive_or_unknown() {
    let server = edge().await;
    let session = session(&server).await;

    assert_eq!(session.active_variant("0"), ActiveVariant::Active("0"));
    assert_eq!(session.active_variant("1"), ActiveVariant::Active("1"));
    assert_eq!(session.active_variant("2"), ActiveVariant::Inactive);
    assert_eq!(session.active_variant("3"), ActiveVariant::UnknownExperience);
    assert_eq!(session.active_variant(""), ActiveVariant::UnknownExperience);
}

#[tokio::test]
async fn b07_trigger_impression_posts_one_impression() {
    let server = edge().await;
    let session = session(&server).await;

    session.trigger_impression("1").await.expect("POST succeeds");

    let post = only_write(&server).await;
    assert_write(&post, "POST", "/events", Some(USER), &json!([impression("1", "1")]));
}

#[tokio::test]
async fn b08_trigger_impressions_posts_two_impressions_in_order() {
    let server = edge().await;
    let session = session(&server).await;

    session.trigger_impressions(&["1", "0"]).await.expect("POST succeeds");

    let post = only_write(&server).await;
    assert_write(&post, "POST", "/events", Some(USER), &json!([impression("1", "1"), impression("0", "0")]));
}

#[tokio::test]
async fn b09_trigger_impressions_leaves_out_inactive_experiences() {
    let server = edge().await;
    let session = session(&server).await;

    session.trigger_impressions(&["0", "2", "1"]).await.expect("POST succeeds");

    let post = only_write(&server).await;
    assert_write(&post, "POST", "/events", Some(USER), &json!([impression("0", "0"), impression("1", "1")]));
}

#[tokio::test]
async fn b10_trigger_impressions_by_aliases_decodes_them_without_the_manifest() {
    let server = edge().await;
    let session = session(&server).await;

    // `5_9` is not in the manifest: aliases are decoded, not looked up (as the JS client does).
    session
        .trigger_impressions_by_aliases(&["cs_personalize_0_0", "cs_personalize_1_1", "cs_personalize_5_9"])
        .await
        .expect("POST succeeds");

    let post = only_write(&server).await;
    assert_write(
        &post,
        "POST",
        "/events",
        Some(USER),
        &json!([impression("0", "0"), impression("1", "1"), impression("5", "9")]),
    );
}

#[tokio::test]
async fn b11_no_rust_counterpart_an_empty_list_sends_nothing() {
    let server = edge().await;
    let session = session(&server).await;

    session.trigger_impressions::<&str>(&[]).await.expect("nothing to send");
    session.trigger_impressions_by_aliases::<&str>(&[]).await.expect("nothing to send");

    assert_no_write(&server).await;
}

#[tokio::test]
async fn b12_trigger_event_makes_exactly_one_post() {
    let server = edge().await;
    let session = session(&server).await;

    session.trigger_event("signup_click").await.expect("POST succeeds");

    let post = only_write(&server).await;
    assert_write(&post, "POST", "/events", Some(USER), &json!([{"eventKey": "signup_click", "type": "EVENT"}]));
}

#[tokio::test]
async fn b13_append_state_appends_the_user_cookie_then_the_manifest_cookie() {
    let server = edge().await;
    let session = session(&server).await;
    let mut headers = http::HeaderMap::new();
    headers.insert(http::header::CACHE_CONTROL, http::HeaderValue::from_static("no-store"));

    assert!(session.append_state(&mut headers).skipped().is_empty());

    assert_eq!(
        set_cookies(&headers),
        [
            "cs-personalize-user-uid=mock-user-id; Max-Age=31536000; Path=/; Secure; SameSite=Lax",
            r#"cs-personalize-manifest={"experiences":[{"shortUid":"0","activeVariantShortUid":"0"},{"shortUid":"1","activeVariantShortUid":"1"},{"shortUid":"2","activeVariantShortUid":null}]}; Path=/; Secure; SameSite=Lax"#,
        ]
    );
    assert_eq!(headers.len(), 3, "the existing header is kept, nothing else is added");
}

#[tokio::test]
async fn b14_variants_include_inactive_entries_and_experiences_are_the_manifest_list() {
    let server = edge().await;
    let session = session(&server).await;

    assert_eq!(session.variants(), [("0", Some("0")), ("1", Some("1")), ("2", None)]);
    let expected: Vec<Experience> = serde_json::from_value(json!([
        {"shortUid": "0", "activeVariantShortUid": "0"},
        {"shortUid": "1", "activeVariantShortUid": "1"},
        {"shortUid": "2", "activeVariantShortUid": null}
    ]))
    .expect("experiences");
    assert_eq!(session.experiences(), expected.as_slice());
    assert_eq!(serde_json::to_string(session.manifest()).expect("JSON"), MANIFEST);
}

#[tokio::test]
async fn b15_variant_aliases_and_param_and_back() {
    let server = edge().await;
    let session = session(&server).await;

    assert_eq!(session.variant_aliases(), ["cs_personalize_0_0", "cs_personalize_1_1"]);
    assert_eq!(session.variant_param(), "0_0,1_1");
    assert_eq!(variant_param_to_aliases(&session.variant_param()), session.variant_aliases());
}

// ---------------------------------------------------------------------------------------------
// Starting a session: the manifest request (16-35)
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn b16_bare_start_sends_project_and_x_user_agent_only() {
    let server = edge().await;

    let session = personalize(&server).session().start().await.expect("session starts");

    let request = only_request(&server).await;
    assert_manifest_call(&request, None, &[]);
    assert!(request.headers.get(http::header::USER_AGENT).is_none(), "no user-agent of our own");
    assert_eq!(session.user_uid(), Some(USER));
    assert_eq!(session.variant_query_param(), "personalize_variants");
}

#[tokio::test]
async fn b17_request_cookie_and_url_give_user_uid_and_page_url_not_re_encoded() {
    let server = edge().await;
    let request = incoming(
        "https://www.example.com/caf%C3%A9?q=a%20b&x=%2F",
        &[("cookie", "cs-personalize-user-uid=returning-user")],
    );

    personalize(&server).session().request(&request).start().await.expect("session starts");

    assert_manifest_call(
        &only_request(&server).await,
        None,
        &[
            ("x-cs-personalize-user-uid", "returning-user"),
            ("x-page-url", "https://www.example.com/caf%C3%A9?q=a%20b&x=%2F"),
        ],
    );
}

#[tokio::test]
async fn b18_request_without_anything_sends_only_the_two_base_headers() {
    let server = edge().await;
    let request = incoming("/", &[]);

    let session = personalize(&server).session().request(&request).start().await.expect("session starts");

    let request = only_request(&server).await;
    assert_manifest_call(&request, None, &[]);
    assert!(request.headers.get(http::header::USER_AGENT).is_none(), "no user-agent of our own");
    assert_eq!(session.user_uid(), Some(USER));
}

#[tokio::test]
async fn b19_referer_of_the_request_is_forwarded_and_an_empty_one_is_not() {
    let server = edge().await;
    let handle = personalize(&server);

    let with = incoming("/", &[("referer", "https://search.example/?q=shoes")]);
    handle.session().request(&with).start().await.expect("session starts");
    let empty = incoming("/", &[("referer", "")]);
    handle.session().request(&empty).start().await.expect("session starts");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_manifest_call(&requests[0], None, &[("referer", "https://search.example/?q=shoes")]);
    assert_manifest_call(&requests[1], None, &[]);
}

#[tokio::test]
async fn b20_user_cookie_is_picked_out_of_several_cookies() {
    let server = edge().await;
    let request = incoming("/", &[("cookie", "a=1; cs-personalize-user-uid=u-1; b=2")]);

    personalize(&server).session().request(&request).start().await.expect("session starts");

    assert_manifest_call(&only_request(&server).await, None, &[("x-cs-personalize-user-uid", "u-1")]);
}

#[tokio::test]
async fn b21_after_start_append_state_writes_the_user_cookie_with_the_answered_id() {
    let server = edge_answering(manifest_answer_for("assigned-by-edge")).await;
    let request = incoming("/", &[("cookie", "cs-personalize-user-uid=u-1")]);

    let session = personalize(&server).session().request(&request).start().await.expect("session starts");

    let mut headers = http::HeaderMap::new();
    assert!(session.append_state(&mut headers).skipped().is_empty());
    assert_eq!(set_cookies(&headers), [user_cookie("assigned-by-edge"), manifest_cookie()]);
}

#[tokio::test]
async fn b22_user_id_is_the_answered_one() {
    let server = edge_answering(manifest_answer_for("assigned-by-edge")).await;

    let session = personalize(&server).session().user_uid("sent-user").start().await.expect("session starts");

    assert_eq!(session.user_uid(), Some("assigned-by-edge"));
    assert_manifest_call(&only_request(&server).await, None, &[("x-cs-personalize-user-uid", "sent-user")]);
}

#[tokio::test]
async fn b23_user_id_comes_from_the_cookie_header_and_none_without_it() {
    let server = edge().await;
    let handle = personalize(&server);

    let with_cookie = incoming("/", &[("cookie", "cs-personalize-user-uid=from-cookie")]);
    handle.session().request(&with_cookie).start().await.expect("session starts");
    let without_cookie = incoming("/", &[]);
    handle.session().request(&without_cookie).start().await.expect("session starts");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    assert_manifest_call(&requests[0], None, &[("x-cs-personalize-user-uid", "from-cookie")]);
    assert_manifest_call(&requests[1], None, &[]);
}

#[tokio::test]
async fn b24_user_id_option_beats_the_cookie_but_the_session_gets_the_answered_id() {
    let server = edge().await;
    let request = incoming("/", &[("cookie", "cs-personalize-user-uid=from-cookie")]);

    // Either order of the builder calls: the option wins over the cookie.
    let session =
        personalize(&server).session().user_uid("from-option").request(&request).start().await.expect("session starts");
    let session_2 =
        personalize(&server).session().request(&request).user_uid("from-option").start().await.expect("session starts");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_manifest_call(request, None, &[("x-cs-personalize-user-uid", "from-option")]);
    }
    assert_eq!(session.user_uid(), Some(USER));
    assert_eq!(session_2.user_uid(), Some(USER));
}

#[tokio::test]
async fn b25_use_manifest_cookie_without_a_manifest_cookie_still_fetches() {
    let server = edge().await;
    let request = incoming("/", &[("cookie", "theme=dark")]);

    let session =
        personalize(&server).session().request(&request).use_manifest_cookie(true).start().await.expect("starts");

    assert_manifest_call(&only_request(&server).await, None, &[]);
    assert_eq!(session.variant_param(), "0_0,1_1");
    assert_eq!(session.user_uid(), Some(USER));
}

#[tokio::test]
async fn b26_lytics_audiences_cookie_becomes_live_attributes() {
    let server = edge().await;
    let request = incoming("/", &[("cookie", "cs-lytics-audiences=|ly_aud_1|ly_aud_2|")]);

    personalize(&server).session().request(&request).start().await.expect("session starts");

    let sent = only_request(&server).await;
    assert_manifest_call(&sent, None, &[("x-live-attributes", r#"{"__lytics_audiences":"|ly_aud_1|ly_aud_2|"}"#)]);
}

#[tokio::test]
async fn b27_live_attributes_option_alone_and_merged_after_the_audiences_cookie() {
    let server = edge().await;
    let handle = personalize(&server);
    let with_audiences = incoming("/", &[("cookie", "cs-lytics-audiences=|a|")]);

    handle.session().live_attributes(object(json!({"tier": "pro"}))).start().await.expect("starts");
    handle
        .session()
        .request(&with_audiences)
        .live_attributes(object(json!({"tier": "pro"})))
        .start()
        .await
        .expect("starts");
    // On an equal key the option wins, and (as in a JS object) the key keeps its first place.
    handle
        .session()
        .request(&with_audiences)
        .live_attributes(object(json!({"tier": "pro", "__lytics_audiences": "|b|"})))
        .start()
        .await
        .expect("starts");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    assert_manifest_call(&requests[0], None, &[("x-live-attributes", r#"{"tier":"pro"}"#)]);
    assert_manifest_call(&requests[1], None, &[("x-live-attributes", r#"{"__lytics_audiences":"|a|","tier":"pro"}"#)]);
    assert_manifest_call(&requests[2], None, &[("x-live-attributes", r#"{"__lytics_audiences":"|b|","tier":"pro"}"#)]);
}

#[tokio::test]
async fn b28_manifest_cookie_old_and_new_format_means_no_fetch() {
    let server = edge().await;
    let handle = personalize(&server);

    let old = incoming(
        "/",
        &[("cookie", r#"cs-personalize-user-uid=u-1; cs-personalize-manifest={"activeVariants":{"0":"0","1":null}}"#)],
    );
    let session_old = handle.session().request(&old).use_manifest_cookie(true).start().await.expect("starts");
    let new = incoming("/", &[("cookie", &format!("cs-personalize-manifest={MANIFEST}; cs-personalize-user-uid=u-2"))]);
    let session_new = handle.session().request(&new).use_manifest_cookie(true).start().await.expect("starts");

    assert!(received(&server).await.is_empty(), "no request at all");
    assert_eq!(session_old.variants(), [("0", Some("0")), ("1", None)]);
    assert_eq!(session_old.variant_param(), "0_0");
    assert_eq!(session_old.user_uid(), Some("u-1"));
    assert_eq!(session_new.variants(), [("0", Some("0")), ("1", Some("1")), ("2", None)]);
    assert_eq!(session_new.variant_param(), "0_0,1_1");
    assert_eq!(session_new.user_uid(), Some("u-2"));
}

#[tokio::test]
async fn b29_request_url_referer_forwarded_for_and_user_agent_are_forwarded() {
    let server = edge().await;
    let handle = personalize(&server);

    let absolute = incoming(
        "https://www.example.com/products?id=1&q=a%20b",
        &[
            ("referer", "https://search.example/?q=shoes"),
            ("x-forwarded-for", "203.0.113.7, 10.0.0.1"),
            ("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"),
        ],
    );
    handle.session().request(&absolute).start().await.expect("starts");
    let origin_form = incoming("/p?x=1", &[("host", "shop.example")]);
    handle.session().request(&origin_form).start().await.expect("starts");
    let plain_http = incoming("/p?x=1", &[("host", "shop.example"), ("x-forwarded-proto", "http")]);
    handle.session().request(&plain_http).start().await.expect("starts");
    // An explicit page URL beats the request's, whichever is given first.
    handle.session().page_url("https://known.example/a").request(&absolute).start().await.expect("starts");
    handle.session().request(&absolute).page_url("https://known.example/b").start().await.expect("starts");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 5);
    let forwarded = [
        ("referer", "https://search.example/?q=shoes"),
        ("x-forwarded-for", "203.0.113.7, 10.0.0.1"),
        ("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"),
    ];
    let with_url = |url: &'static str| {
        let mut headers = forwarded.to_vec();
        headers.push(("x-page-url", url));
        headers
    };
    assert_manifest_call(&requests[0], None, &with_url("https://www.example.com/products?id=1&q=a%20b"));
    assert_manifest_call(&requests[1], None, &[("x-page-url", "https://shop.example/p?x=1")]);
    assert_manifest_call(&requests[2], None, &[("x-page-url", "http://shop.example/p?x=1")]);
    assert_manifest_call(&requests[3], None, &with_url("https://known.example/a"));
    assert_manifest_call(&requests[4], None, &with_url("https://known.example/b"));
}

#[tokio::test]
async fn b30_without_seerid_or_lytics_options_no_lytics_headers_and_start_succeeds() {
    let server = edge().await;
    let request = incoming("/", &[("cookie", "theme=dark")]);

    let session = personalize(&server).session().request(&request).start().await.expect("session starts");

    assert_manifest_call(&only_request(&server).await, None, &[]);
    assert_eq!(session.user_uid(), Some(USER));
}

#[tokio::test]
async fn b31_seerid_cookie_beats_explicit_lytics_options() {
    let server = edge().await;
    let handle = personalize(&server);
    let request = incoming("/", &[("cookie", "a=1; seerid=lytics-9; b=2")]);

    handle.session().request(&request).start().await.expect("starts");
    handle.session().lytics_id("email", "ana@example.com").request(&request).start().await.expect("starts");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    for request in &requests {
        assert_manifest_call(request, None, &[("x-lytics-id-field", "_uid"), ("x-lytics-id-value", "lytics-9")]);
    }
}

#[tokio::test]
async fn b32_explicit_lytics_identity_is_sent_only_when_both_are_non_empty() {
    let server = edge().await;
    let handle = personalize(&server);

    handle.session().lytics_id("email", "ana@example.com").start().await.expect("starts");
    handle.session().lytics_id("", "ana@example.com").start().await.expect("starts");
    handle.session().lytics_id("email", "").start().await.expect("starts");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    assert_manifest_call(
        &requests[0],
        None,
        &[("x-lytics-id-field", "email"), ("x-lytics-id-value", "ana@example.com")],
    );
    assert_manifest_call(&requests[1], None, &[]);
    assert_manifest_call(&requests[2], None, &[]);
}

#[tokio::test]
async fn b33_project_not_found_is_its_own_error() {
    let server = edge_answering(ResponseTemplate::new(404).set_body_json(json!({
        "error": "personalize.MANIFEST.PROJECT_NOT_FOUND",
        "message": "Project not found"
    })))
    .await;

    let error = personalize(&server).session().start().await.expect_err("unknown project");

    match &error {
        SessionError::ProjectNotFound { project_uid } => assert_eq!(project_uid, PROJECT_UID),
        other => panic!("expected ProjectNotFound, got {other:?}"),
    }
    assert_eq!(error.to_string(), format!("Project not found: {PROJECT_UID}"));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn b34_other_error_answers_are_manifest_unavailable_with_the_status() {
    for status in [400u16, 404, 500, 502, 503] {
        let server = edge_answering(ResponseTemplate::new(status).set_body_json(json!({
            "error": "personalize.SOMETHING_ELSE",
            "message": "It did not work"
        })))
        .await;

        let error = personalize(&server).session().start().await.expect_err("error answer");

        assert!(matches!(error, SessionError::ManifestUnavailable(_)), "{status}: {error:?}");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        let text = error.to_string();
        // The JS client's message, then what the server said, the status once.
        assert!(text.starts_with("Could not fetch manifest: "), "{text}");
        assert_eq!(text.matches(&status.to_string()).count(), 1, "{text}");
        assert!(text.contains("It did not work") && !text.contains("ErrorBody"), "{text}");
    }
    // A gateway's HTML page instead of the JSON error body: still the status.
    let server = edge_answering(ResponseTemplate::new(502).set_body_raw("<html>Bad Gateway</html>", "text/html")).await;
    let error = personalize(&server).session().start().await.expect_err("error answer");
    assert!(matches!(error, SessionError::ManifestUnavailable(_)), "{error:?}");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert!(error.to_string().starts_with("Could not fetch manifest: "), "{error}");
    assert!(error.to_string().contains("502"), "{error}");
}

#[tokio::test]
async fn b35_tags_become_the_tags_query() {
    let server = edge().await;
    let handle = personalize(&server);

    handle.session().tags(["section:homepage"]).start().await.expect("starts");
    handle.session().tags(["section:homepage", "lang:en", "a b"]).start().await.expect("starts");
    handle.session().tags(Vec::<String>::new()).start().await.expect("starts");
    handle.session().start().await.expect("starts");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 4);
    assert_manifest_call(&requests[0], Some("tags[]=section%3Ahomepage"), &[]);
    assert_manifest_call(&requests[1], Some("tags[]=section%3Ahomepage&tags[]=lang%3Aen&tags[]=a%20b"), &[]);
    assert_manifest_call(&requests[2], None, &[]);
    assert_manifest_call(&requests[3], None, &[]);
}

// ---------------------------------------------------------------------------------------------
// Static API and state (40, 41, 44; 36-39, 42, 43 skipped, see the top of the file)
// ---------------------------------------------------------------------------------------------

#[test]
fn b40_variant_param_to_aliases_needs_no_session() {
    assert_eq!(variant_param_to_aliases("0_0,1_1"), ["cs_personalize_0_0", "cs_personalize_1_1"]);
    assert_eq!(variant_param_to_aliases("7_3"), ["cs_personalize_7_3"]);
}

#[tokio::test]
async fn b41_variant_query_param_default_custom_and_handles_are_independent() {
    let server = edge().await;
    let custom = Personalize::builder(PROJECT_UID)
        .base_url(server.uri())
        .variant_query_param("pv")
        .build()
        .expect("handle builds");
    let default = personalize(&server);

    let custom_session = custom.session().start().await.expect("starts");
    let default_session = default.session().start().await.expect("starts");

    assert_eq!(DEFAULT_VARIANT_QUERY_PARAM, "personalize_variants");
    assert_eq!(default.variant_query_param(), "personalize_variants");
    assert_eq!(default_session.variant_query_param(), "personalize_variants");
    assert_eq!(custom.variant_query_param(), "pv");
    assert_eq!(custom_session.variant_query_param(), "pv");
    // A clone is the same project configuration.
    assert_eq!(custom.clone().session().start().await.expect("starts").variant_query_param(), "pv");
}

#[tokio::test]
async fn b44_live_attributes_and_audiences_do_not_leak_into_the_next_session() {
    let server = edge().await;
    let handle = personalize(&server);
    let first = incoming("/", &[("cookie", "cs-lytics-audiences=|a|; seerid=lytics-9")]);

    handle.session().request(&first).live_attributes(object(json!({"tier": "pro"}))).start().await.expect("starts");
    handle.session().start().await.expect("starts");
    handle.session().live_attributes(object(json!({"plan": "gold"}))).start().await.expect("starts");

    let requests = received(&server).await;
    assert_eq!(requests.len(), 3);
    assert_manifest_call(
        &requests[0],
        None,
        &[
            ("x-live-attributes", r#"{"__lytics_audiences":"|a|","tier":"pro"}"#),
            ("x-lytics-id-field", "_uid"),
            ("x-lytics-id-value", "lytics-9"),
        ],
    );
    assert_manifest_call(&requests[1], None, &[]);
    assert_manifest_call(&requests[2], None, &[("x-live-attributes", r#"{"plan":"gold"}"#)]);
}
