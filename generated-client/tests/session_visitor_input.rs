//! Visitor input the session must survive: whatever cookies surround ours (a property test),
//! our own cookies with values we never wrote, and forged manifest cookies. These sessions read
//! the manifest from the cookie, so no call is made: the handle points at a port nobody
//! listens on, and any call would fail the test.

use contentstack_personalize_edge::session::{Personalize, Session};
use proptest::prelude::*;

/// A manifest cookie value the JS client writes: experience 0 -> variant 0.
const MANIFEST: &str = r#"{"experiences":[{"shortUid":"0","activeVariantShortUid":"0"}]}"#;

fn handle() -> Personalize {
    // Port 9 (discard) on loopback: nothing listens there, so a call would fail, not hang.
    Personalize::builder("6656c0a10a9bc2e2f5a4a3b1").base_url("http://127.0.0.1:9").build().expect("handle")
}

/// Starts a session from the manifest cookie of a request with these `Cookie` header lines.
fn start(lines: &[Vec<u8>]) -> Option<Session> {
    let mut request = http::Request::builder().uri("https://www.example.com/");
    for line in lines {
        request = request.header(http::header::COOKIE, http::HeaderValue::from_bytes(line).ok()?);
    }
    let (parts, ()) = request.body(()).expect("request").into_parts();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    Some(
        runtime.block_on(
            handle()
                .session()
                .request(&parts)
                .use_manifest_cookie(true)
                .manifest_timeout(std::time::Duration::from_millis(200))
                .start_fail_open(),
        ),
    )
}

/// A foreign cookie piece: any bytes a header line may carry (no control characters but tab),
/// with or without `=`, sometimes huge, never one of our names.
fn foreign_piece() -> impl Strategy<Value = Vec<u8>> {
    let byte = prop_oneof![Just(b'\t'), 0x20u8..=0x7E, 0x80u8..=0xFF];
    let small = proptest::collection::vec(byte.clone(), 0..40);
    let huge = proptest::collection::vec(byte, 4000..9000);
    prop_oneof![8 => small, 1 => huge].prop_filter("not one of our cookies", |piece| {
        let text = String::from_utf8_lossy(piece);
        !text.contains("cs-personalize") && !text.contains("seerid") && !text.contains("cs-lytics")
    })
}

/// A user uid the session writes: 1 to 64 cookie-octets.
fn user_uid() -> impl Strategy<Value = String> {
    let octet = prop_oneof![Just(0x21u8), 0x23u8..=0x2B, 0x2Du8..=0x3A, 0x3Cu8..=0x5B, 0x5Du8..=0x7E];
    proptest::collection::vec(octet, 1..64).prop_map(|bytes| String::from_utf8(bytes).expect("ASCII"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_valid_user_cookie_is_always_found(
        before in proptest::collection::vec(foreign_piece(), 0..6),
        after in proptest::collection::vec(foreign_piece(), 0..6),
        uid in user_uid(),
        lines in 1usize..4,
        space in prop_oneof![Just(""), Just(" "), Just("  ")],
    ) {
        let ours = [format!("cs-personalize-user-uid={uid}").into_bytes(), format!("cs-personalize-manifest={MANIFEST}").into_bytes()];
        let pieces: Vec<Vec<u8>> = before.into_iter().chain(ours).chain(after).collect();
        // The pieces go over `lines` header lines, joined by `;` and some spaces.
        let per_line = pieces.len().div_ceil(lines);
        let header_lines: Vec<Vec<u8>> =
            pieces.chunks(per_line).map(|chunk| chunk.join(format!(";{space}").as_bytes())).collect();

        let session = start(&header_lines).expect("every line is a valid header value");

        prop_assert_eq!(session.user_uid(), Some(uid.as_str()));
        prop_assert!(session.degraded().is_none(), "the manifest cookie was read: {:?}", session.degraded());
        prop_assert_eq!(session.variant_param(), "0_0");
    }
}

#[test]
fn an_unusable_user_cookie_counts_as_absent_and_a_fresh_valid_one_is_written() {
    for bad in ["a b", "\"quoted\"", "a,b", "back\\slash", &"x".repeat(5000)] {
        let line = format!("cs-personalize-user-uid={bad}; cs-personalize-manifest={MANIFEST}");
        let session = start(&[line.into_bytes()]).expect("session");
        assert_eq!(session.user_uid(), None, "{bad:?} is not taken");
        let mut headers = http::HeaderMap::new();
        let state = session.append_state(&mut headers);
        assert_eq!(state.written(), ["cs-personalize-manifest"], "{bad:?}: no broken user cookie is written");
    }
}

#[test]
fn a_manifest_cookie_with_forged_short_uids_is_refused_and_reaches_nothing() {
    let forged = [
        r#"{"experiences":[{"shortUid":"1&x=1","activeVariantShortUid":"0"},{"shortUid":"3","activeVariantShortUid":"4"}]}"#,
        r#"{"experiences":[{"shortUid":"2","activeVariantShortUid":"0_cs_personalize_9"}]}"#,
        r#"{"experiences":[{"shortUid":"5","activeVariantShortUid":"a=b"}]}"#,
        r#"{"activeVariants":{"6":"1,7_7"}}"#,
    ];
    for cookie in forged {
        let line = format!("cs-personalize-user-uid=u-1; cs-personalize-manifest={cookie}");
        // Refused, so the session asks the API, which is down here: it starts degraded.
        let session = start(&[line.into_bytes()]).expect("session");
        assert!(session.degraded().is_some(), "{cookie}: the cookie was not used");
        assert_eq!(session.variant_param(), "", "{cookie}");
        assert!(session.variant_aliases().is_empty(), "{cookie}");
        let mut headers = http::HeaderMap::new();
        let state = session.append_state(&mut headers);
        assert_eq!(
            state.written(),
            ["cs-personalize-user-uid"],
            "{cookie}: no manifest cookie from a degraded session"
        );
    }
}

#[test]
fn forged_aliases_from_the_origin_are_refused() {
    let session = start(&[format!("cs-personalize-user-uid=u-1; cs-personalize-manifest={MANIFEST}").into_bytes()])
        .expect("session");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    for forged in ["cs_personalize_1&x=1_2", "cs_personalize_1_2,3_4", "cs_personalize_1_2 "] {
        let error = runtime.block_on(session.trigger_impressions_by_aliases(&[forged])).expect_err(forged);
        assert!(error.to_string().starts_with("invalid variant alias"), "{error}");
    }
}
