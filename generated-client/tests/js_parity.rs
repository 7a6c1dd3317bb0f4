//! Parity with the official JS client, checked against the real thing: the same scenario is run
//! by `@contentstack/personalize-edge-sdk` 1.0.27 (Node.js, `parity/js-client.mjs`) and by the
//! Rust session layer, each against its own fake Edge server on 127.0.0.1. A scenario is an
//! init from a request, then a list of actions (impressions, events, attributes, user changes),
//! then `addStateToResponse` / `append_state`. Every request each client makes is compared
//! (method, path, query, API headers, raw body bytes), then the cookies written, byte for byte,
//! and the session state; a failure lists every difference (the harness is in `tests/parity/`).
//!
//! Where the Rust session departs from the JS client on purpose (nothing empty is sent, no
//! merge of a user into itself), the action is marked [`Action::Departs`] and the documented
//! Rust behaviour is asserted instead of equality. Every fake manifest answer carries a user
//! uid, so the third departure (a missing user id is never sent as `null`) never applies.
//!
//! Needs Node.js and the JS client installed with `npm ci --prefix parity`; `.ci/run` does both
//! and runs these tests with `--ignored`.

mod parity;

use std::process::Command;

use contentstack_personalize_edge::runtime::to_json_js_order;
use contentstack_personalize_edge::types::Event as WireEvent;
use parity::compare::assert_same;
use parity::scenario::{Action, Departure, Scenario, MANIFEST};
use serde_json::{json, Value};

use Action::{ChangeUser, Departs, Event, Impressions, ImpressionsByAliases, SetAttributes};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Node.js and `npm ci --prefix parity`; .ci/run installs both and runs it"]
async fn new_visitor_from_a_browser_request() {
    assert_same(Scenario {
        url: "https://www.example.com/products?id=1&q=a%20b",
        headers: vec![
            ("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0"),
            ("referer", "https://search.example/?q=shoes"),
            ("x-forwarded-for", "203.0.113.7, 10.0.0.1"),
        ],
        options: json!({}),
        assigned_user: "2f1c7e9a-0b7d-4f55-9d0e-3c2a1b4d5e6f",
        manifest: MANIFEST,
        actions: vec![],
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Node.js and `npm ci --prefix parity`; .ci/run installs both and runs it"]
async fn returning_visitor_with_lytics_cookies_live_attributes_and_tags() {
    assert_same(Scenario {
        url: "https://www.example.com/",
        headers: vec![
            ("cookie", "theme=dark; cs-personalize-user-uid=returning-1; cs-lytics-audiences=|a1|a2|; seerid=lytics-9"),
            ("user-agent", "Mozilla/5.0 (iPhone)"),
        ],
        options: json!({"liveAttributes": {"tier": "pro", "visits": 3, "beta": true}, "tags": ["section:home", "a b", "it's"]}),
        assigned_user: "returning-1",
        manifest: MANIFEST,
        actions: vec![],
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Node.js and `npm ci --prefix parity`; .ci/run installs both and runs it"]
async fn explicit_user_and_lytics_identity_without_a_visitor_user_agent() {
    assert_same(Scenario {
        url: "https://shop.example/cart",
        headers: vec![],
        options: json!({"userId": "member-8812", "lyticsIdField": "email", "lyticsIdValue": "ana@example.com"}),
        assigned_user: "member-8812",
        manifest: MANIFEST,
        actions: vec![],
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Node.js and `npm ci --prefix parity`; .ci/run installs both and runs it"]
async fn impressions_event_attributes_and_a_merge_into_a_known_user() {
    assert_same(Scenario {
        url: "https://www.example.com/pricing",
        headers: vec![("user-agent", "Mozilla/5.0 (Macintosh)")],
        options: json!({}),
        assigned_user: "anon-3f2a",
        manifest: MANIFEST,
        actions: vec![
            // 1 and 0 active (sent in this order), 2 inactive and 9 unknown (left out by both).
            Impressions(&["1", "0", "2", "9"]),
            Event("signup_click"),
            // Nested values, numbers, booleans, null and escapes; no integer-like key.
            SetAttributes(
                r#"{"plan":"gold","visits":12,"ratio":-0.25,"newsletter":true,"optOut":false,"referrer":null,"name":"Zoë \"Z\" </b>\t","profile":{"tier":"pro","tags":["a",1,false,null],"score":{"z":1,"a":2}}}"#,
            ),
            // Integer-like keys: a JS object puts them first, ascending ("2" before "10"), at
            // every level.
            SetAttributes(r#"{"plan":"silver","10":"ten","2":"two","levels":{"b":0,"3":"c","1":"a"}}"#),
            ChangeUser { id: "member-8812", merge: true },
            // After the change, the calls carry the new user.
            Event("purchase"),
            SetAttributes(r#"{"tier":"member"}"#),
        ],
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Node.js and `npm ci --prefix parity`; .ci/run installs both and runs it"]
async fn impressions_by_aliases_with_a_null_alias_then_a_user_change_without_merge() {
    assert_same(Scenario {
        url: "https://www.example.com/",
        headers: vec![("cookie", "cs-personalize-user-uid=returning-7"), ("user-agent", "Mozilla/5.0 (Android)")],
        options: json!({}),
        assigned_user: "returning-7",
        manifest: MANIFEST,
        actions: vec![
            // Decoded without the manifest: 9 is not in it and is sent all the same; `_null` is
            // left out by both.
            ImpressionsByAliases(&[
                "cs_personalize_0_0",
                "cs_personalize_5_null",
                "cs_personalize_9_3",
                "cs_personalize_1_1",
            ]),
            // No request from either client.
            ChangeUser { id: "member-2", merge: false },
            Event("newsletter_signup"),
        ],
    })
    .await;
}

/// Members the Rust types do not declare, and an `activeVariants` map whose keys JS orders as
/// integers (`3`, `7`, `12`); the next two scenarios take each alone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Node.js and `npm ci --prefix parity`; .ci/run installs both and runs it"]
async fn manifest_with_undeclared_fields_and_an_active_variants_map() {
    assert_same(Scenario {
        url: "https://www.example.com/",
        headers: vec![("user-agent", "Mozilla/5.0 (X11)")],
        options: json!({}),
        assigned_user: "visitor-12",
        manifest: r#"{"experiences":[{"shortUid":"0","activeVariantShortUid":"0","variantName":"Blue"},{"shortUid":"1","activeVariantShortUid":"1","variantName":"Red"},{"shortUid":"2","activeVariantShortUid":null}],"activeVariants":{"12":"1","3":"0","7":null},"meta":{"b":1,"a":2}}"#,
        actions: vec![Impressions(&["0", "1", "2"])],
    })
    .await;
}

/// Undeclared members alone (no `activeVariants`), to tell that difference from the map's order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Node.js and `npm ci --prefix parity`; .ci/run installs both and runs it"]
async fn manifest_with_undeclared_fields_only() {
    assert_same(Scenario {
        url: "https://www.example.com/",
        headers: vec![("user-agent", "Mozilla/5.0 (X11)")],
        options: json!({}),
        assigned_user: "visitor-13",
        manifest: r#"{"experiences":[{"shortUid":"0","activeVariantShortUid":"0","variantName":"Blue","weights":{"b":1,"a":2}},{"shortUid":"1","activeVariantShortUid":null}],"meta":{"b":1,"a":2}}"#,
        actions: vec![],
    })
    .await;
}

/// The `activeVariants` map alone, keys in neither JS nor string order on the wire.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Node.js and `npm ci --prefix parity`; .ci/run installs both and runs it"]
async fn manifest_with_an_active_variants_map_of_integer_like_keys() {
    assert_same(Scenario {
        url: "https://www.example.com/",
        headers: vec![("user-agent", "Mozilla/5.0 (X11)")],
        options: json!({}),
        assigned_user: "visitor-14",
        manifest: r#"{"experiences":[{"shortUid":"12","activeVariantShortUid":"1"},{"shortUid":"3","activeVariantShortUid":"0"},{"shortUid":"7","activeVariantShortUid":null}],"activeVariants":{"12":"1","3":"0","7":null}}"#,
        actions: vec![],
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Node.js and `npm ci --prefix parity`; .ci/run installs both and runs it"]
async fn manifest_with_active_variants_before_experiences() {
    assert_same(Scenario {
        url: "https://www.example.com/",
        headers: vec![("user-agent", "Mozilla/5.0 (X11)")],
        options: json!({}),
        assigned_user: "visitor-15",
        // Keys already in ascending order: only the members' order differs from the declared one.
        manifest: r#"{"activeVariants":{"0":"0","1":null},"experiences":[{"shortUid":"0","activeVariantShortUid":"0"},{"shortUid":"1","activeVariantShortUid":null}]}"#,
        actions: vec![],
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Node.js and `npm ci --prefix parity`; .ci/run installs both and runs it"]
async fn manifest_with_experience_members_in_another_order() {
    assert_same(Scenario {
        url: "https://www.example.com/",
        headers: vec![("user-agent", "Mozilla/5.0 (X11)")],
        options: json!({}),
        assigned_user: "visitor-16",
        manifest: r#"{"experiences":[{"activeVariantShortUid":"0","shortUid":"0"},{"activeVariantShortUid":null,"shortUid":"1"}]}"#,
        actions: vec![],
    })
    .await;
}

/// The documented departures, each asserted as such, then real calls to show the steps stay
/// aligned and the user is still the right one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs Node.js and `npm ci --prefix parity`; .ci/run installs both and runs it"]
async fn departures_where_the_js_client_sends_empty_or_redundant_writes() {
    assert_same(Scenario {
        url: "https://www.example.com/",
        headers: vec![("user-agent", "Mozilla/5.0 (X11)")],
        options: json!({}),
        assigned_user: "anon-1",
        manifest: MANIFEST,
        actions: vec![
            // Nothing empty is sent: JS POSTs `[]`, Rust nothing (2 is inactive, 9 unknown).
            Departs(Departure::NoImpressionLeft, &Impressions(&["2", "9"])),
            Departs(Departure::NoImpressionLeft, &ImpressionsByAliases(&["cs_personalize_2_null"])),
            // Nothing empty is sent: JS PATCHes `{}`, Rust nothing.
            Departs(Departure::NoAttributes, &SetAttributes("{}")),
            // No merge when old == new: JS merges anon-1 into anon-1, Rust nothing.
            Departs(Departure::MergeIntoTheSameUser, &ChangeUser { id: "anon-1", merge: true }),
            SetAttributes(r#"{"plan":"gold"}"#),
            ChangeUser { id: "member-1", merge: true },
        ],
    })
    .await;
}

/// `runtime::to_json_js_order` against `JSON.stringify` itself: each text, read by Node.js
/// and by serde_json (which keeps the order members came in), is written back the same.
#[test]
#[ignore = "needs Node.js; .ci/run installs it and runs it"]
fn json_is_written_in_the_property_order_of_json_stringify() {
    let texts = [
        r#"{"activeVariants":{"12":"b","3":"a","7":null},"experiences":[{"shortUid":"12","x":{"2":1,"1":2}}]}"#,
        r#"{"b":1,"012":2,"-1":3,"1.5":4,"4294967295":5,"4294967294":6,"0":7,"a":8}"#,
        r#"[{"__lytics_audiences":"|a|","10":"x","9":"y"},[],{},"12",{"k\"1":{"5":"}{"}}]"#,
    ];
    let events = [
        WireEvent::Impression(contentstack_personalize_edge::types::ImpressionEvent::new(
            "4".into(),
            "2".into(),
            contentstack_personalize_edge::types::ImpressionEventType::Impression,
        )),
        WireEvent::Event(contentstack_personalize_edge::types::CustomEvent::new(
            "signup_click".into(),
            contentstack_personalize_edge::types::CustomEventType::Event,
        )),
    ];
    // The objects the JS client builds for `/events`, key by key in its order.
    let js_events =
        "[{experienceShortUid:'4',variantShortUid:'2',type:'IMPRESSION'},{eventKey:'signup_click',type:'EVENT'}]";
    let node = |script: &str, arg: &str| -> String {
        let output = Command::new("node").arg("-e").arg(script).arg(arg).output().expect("node runs");
        assert!(output.status.success(), "node failed: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    for text in texts {
        let value: Value = serde_json::from_str(text).expect("JSON");
        let expected = node("process.stdout.write(JSON.stringify(JSON.parse(process.argv[1])))", text);
        assert_eq!(to_json_js_order(&value).expect("writes"), expected, "{text}");
    }
    let expected = node(&format!("process.stdout.write(JSON.stringify({js_events}))"), "");
    assert_eq!(to_json_js_order(&events).expect("writes"), expected);
}
