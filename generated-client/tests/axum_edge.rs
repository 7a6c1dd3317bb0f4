//! The tower layer and its axum extractor, and the `axum_edge` example built on them, against a
//! fake Edge API (wiremock on 127.0.0.1): the variant parameter forwarded (the visitor's never),
//! the state cookies written, the page served when the Edge API is down or slow, the queued
//! events sent after the response and waited for by the drain.
#![cfg(feature = "axum")]

#[allow(dead_code)] // the example's `main` is not used here
#[path = "../examples/axum_edge.rs"]
mod example;

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode, Uri};
use axum::routing::get;
use axum::Router;
use contentstack_personalize_edge::layer::{PersonalizeLayer, SharedSession};
use contentstack_personalize_edge::session::{variant_param_of, Personalize};
use tower::ServiceExt;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const MANIFEST: &str = r#"{"experiences":[{"shortUid":"0","activeVariantShortUid":"0"},{"shortUid":"1","activeVariantShortUid":"1"},{"shortUid":"2","activeVariantShortUid":null}]}"#;
const NAME: &str = "personalize_variants";
const USER_COOKIE: &str = "cs-personalize-user-uid=visitor-1; Max-Age=31536000; Path=/; Secure; SameSite=Lax";

/// A fake Edge API: the manifest (assigning `visitor-1`) and `POST /events` answered after
/// `events_delay`.
async fn edge_with(events: ResponseTemplate) -> MockServer {
    let edge = MockServer::start().await;
    let manifest = ResponseTemplate::new(200)
        .insert_header("x-cs-personalize-user-uid", "visitor-1")
        .set_body_raw(MANIFEST, "application/json");
    Mock::given(method("GET")).and(path("/manifest")).respond_with(manifest).mount(&edge).await;
    Mock::given(method("POST")).and(path("/events")).respond_with(events).mount(&edge).await;
    edge
}

async fn edge() -> MockServer {
    edge_with(ResponseTemplate::new(200).set_body_string("OK")).await
}

fn layer(base_url: &str) -> PersonalizeLayer {
    let personalize = Personalize::builder("project-1")
        .base_url(base_url)
        .manifest_timeout(Duration::from_millis(300))
        .build()
        .expect("handle");
    PersonalizeLayer::new(personalize)
}

/// The example's app on a loopback port.
async fn serve(layer: PersonalizeLayer) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, example::app(layer)).await });
    format!("http://{address}")
}

/// An origin answering with the raw query it received, whether its session is degraded, and
/// the variant parameter it decodes.
fn raw_origin(layer: PersonalizeLayer) -> Router {
    async fn show(uri: Uri, session: SharedSession) -> String {
        let param = variant_param_of(&uri, NAME);
        format!("{}\n{}\n{param:?}", uri.query().unwrap_or(""), session.is_degraded())
    }
    Router::new().route("/{*path}", get(show)).layer(layer)
}

/// `uri` answered by `app`, without a socket: (status, `Set-Cookie` lines, body).
async fn call(app: Router, uri: &str, cookie: Option<&str>) -> (StatusCode, Vec<String>, String) {
    let mut request = Request::builder().uri(uri);
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = app.oneshot(request.body(Body::empty()).expect("request")).await.expect("infallible");
    let status = response.status();
    let cookies =
        response.headers().get_all("set-cookie").iter().map(|v| v.to_str().expect("ascii").to_owned()).collect();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20).await.expect("body");
    (status, cookies, String::from_utf8(body.to_vec()).expect("utf-8"))
}

async fn events_received(edge: &MockServer) -> Vec<wiremock::Request> {
    let requests = edge.received_requests().await.expect("recording");
    requests.into_iter().filter(|r| r.url.path() == "/events").collect()
}

#[tokio::test]
async fn the_variant_param_is_forwarded_and_the_visitors_pairs_are_removed() {
    let edge = edge().await;
    let uri = "/p?id=1&personalize_variants=9_9&q=a%20b&personalize%5Fvariants=8_8&personalize_variants";
    let (status, _, body) = call(raw_origin(layer(&edge.uri())), uri, None).await;
    assert_eq!(status, 200);
    assert_eq!(body, "id=1&q=a%20b&personalize_variants=0_0%2C1_1\nfalse\nSome(\"0_0,1_1\")");
}

#[tokio::test]
async fn a_visitor_sent_variant_param_never_reaches_the_origin() {
    let edge = edge().await;
    let down = MockServer::start().await; // answers 404 to everything: degraded sessions
    for query in [
        "personalize_variants=9_9",
        "personalize%5Fvariants=9_9",
        "%70ersonalize_variants=9_9",
        "personalize_variants=9_9&personalize_variants=9_9",
        "a=1&personalize_variants=9_9&personalize_variants=%39_9",
    ] {
        for (base, expected) in [(edge.uri(), "0_0,1_1"), (down.uri(), "")] {
            let (status, _, body) = call(raw_origin(layer(&base)), &format!("/p?{query}"), None).await;
            assert_eq!(status, 200, "{query}");
            let (raw, decoded) = body.split_once('\n').expect("two parts");
            assert!(!raw.contains("9_9") && !raw.contains("%39"), "{query}: the origin saw {raw}");
            assert!(decoded.ends_with(&format!("Some({expected:?})")), "{query}: {decoded}");
        }
    }
}

#[tokio::test]
async fn each_page_gets_the_state_cookies_and_its_variants() {
    let edge = edge().await;
    let site = serve(layer(&edge.uri())).await;
    let response = reqwest::Client::new()
        .get(format!("{site}/products?id=1&personalize_variants=9_9"))
        .header("cookie", "theme=dark; cs-personalize-user-uid=visitor-1")
        .header("user-agent", "Mozilla/5.0 (test)")
        .send()
        .await
        .expect("site answers");
    assert_eq!(response.status(), 200);
    let cookies: Vec<&str> =
        response.headers().get_all("set-cookie").iter().map(|v| v.to_str().expect("ascii")).collect();
    assert_eq!(
        cookies,
        [USER_COOKIE.to_owned(), format!("cs-personalize-manifest={MANIFEST}; Path=/; Secure; SameSite=Lax")]
    );
    let body = response.text().await.expect("body");
    assert_eq!(body, "path: /products\nvariant aliases: cs_personalize_0_0,cs_personalize_1_1\n");

    let requests = edge.received_requests().await.expect("recording");
    let manifest = requests.iter().find(|r| r.url.path() == "/manifest").expect("a manifest call");
    let header = |name: &str| manifest.headers.get(name).map(|v| v.to_str().expect("ascii").to_owned());
    assert_eq!(header("x-cs-personalize-user-uid").as_deref(), Some("visitor-1"), "from the visitor's cookie");
    assert_eq!(header("user-agent").as_deref(), Some("Mozilla/5.0 (test)"));
    let host = site.trim_start_matches("http://");
    assert_eq!(header("x-page-url"), Some(format!("https://{host}/products?id=1&personalize_variants=9_9")));
}

#[tokio::test]
async fn a_failing_edge_api_serves_base_content_and_keeps_the_visitor() {
    let edge = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/manifest"))
        .respond_with(ResponseTemplate::new(503).set_body_raw(r#"{"error":"x","message":"down"}"#, "application/json"))
        .mount(&edge)
        .await;
    let (status, cookies, body) =
        call(raw_origin(layer(&edge.uri())), "/p?personalize_variants=0_1", Some("cs-personalize-user-uid=visitor-1"))
            .await;
    assert_eq!(status, 200);
    assert_eq!(body, "personalize_variants=\ntrue\nSome(\"\")", "degraded, with no variant");
    assert_eq!(cookies, [USER_COOKIE], "the user cookie is kept, no manifest cookie is written");
}

#[tokio::test]
async fn a_slow_edge_api_costs_the_page_at_most_the_budget() {
    let edge = MockServer::start().await;
    let slow = ResponseTemplate::new(200).set_body_raw(MANIFEST, "application/json").set_delay(Duration::from_secs(5));
    Mock::given(method("GET")).and(path("/manifest")).respond_with(slow).mount(&edge).await;
    async fn reason(session: SharedSession) -> String {
        session.degraded_reason().unwrap_or_default()
    }
    let app = Router::new().route("/", get(reason)).layer(layer(&edge.uri()));
    let started = Instant::now();
    let (status, cookies, body) = call(app, "/", None).await;
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    assert_eq!(status, 200);
    assert!(body.starts_with("Could not fetch manifest: timed out after 300 ms"), "{body}");
    assert!(cookies.is_empty(), "no user uid, no manifest: {cookies:?}");
}

#[tokio::test]
async fn an_unreachable_edge_api_serves_base_content() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address")
    };
    let (status, _, body) = call(raw_origin(layer(&format!("http://{closed}"))), "/p?x=1", None).await;
    assert_eq!(status, 200);
    assert_eq!(body, "x=1&personalize_variants=\ntrue\nSome(\"\")");
}

#[tokio::test]
async fn queued_events_are_sent_after_the_response() {
    let edge = edge_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(1500))).await;
    let layer = layer(&edge.uri());
    let site = serve(layer.clone()).await;
    let started = Instant::now();
    let response = reqwest::get(format!("{site}/home")).await.expect("site answers");
    assert_eq!(response.status(), 200);
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "the events did not hold the page: {:?}",
        started.elapsed()
    );
    assert_eq!(layer.flushes_in_flight(), 1, "the flush is on its way");

    layer.drain(Duration::from_secs(10)).await.expect("drained");
    let events = events_received(&edge).await;
    assert_eq!(events.len(), 1, "one call for the page's events");
    assert_eq!(events[0].headers.get("x-cs-personalize-user-uid").map(|v| v.as_bytes()), Some(&b"visitor-1"[..]));
    assert_eq!(
        String::from_utf8_lossy(&events[0].body),
        r#"[{"experienceShortUid":"0","variantShortUid":"0","type":"IMPRESSION"},{"experienceShortUid":"1","variantShortUid":"1","type":"IMPRESSION"}]"#
    );
}

#[tokio::test]
async fn drain_waits_for_every_flush_within_its_timeout() {
    let edge = edge_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(800))).await;
    let layer = layer(&edge.uri());
    let app = example::app(layer.clone());
    assert_eq!(layer.drain(Duration::from_millis(1)).await, Ok(()), "nothing in flight");
    for _ in 0..2 {
        let (status, _, _) = call(app.clone(), "/", None).await;
        assert_eq!(status, 200);
    }
    assert_eq!(layer.flushes_in_flight(), 2);
    let timed_out = layer.drain(Duration::from_millis(50)).await.expect_err("still in flight");
    assert_eq!(timed_out.pending, 2);
    assert_eq!(timed_out.to_string(), "2 flushes of Personalize events were still in flight after 50 ms");

    layer.drain(Duration::from_secs(10)).await.expect("drained");
    assert_eq!(layer.flushes_in_flight(), 0);
    assert_eq!(events_received(&edge).await.len(), 2, "both pages' events were sent");
}

#[tokio::test]
async fn a_failed_flush_does_not_touch_the_response_or_the_drain() {
    let edge =
        edge_with(ResponseTemplate::new(500).set_body_raw(r#"{"error":"x","message":"no"}"#, "application/json")).await;
    let layer = layer(&edge.uri());
    let (status, cookies, body) = call(example::app(layer.clone()), "/", None).await;
    assert_eq!(status, 200);
    assert_eq!(cookies.len(), 2);
    assert_eq!(body, "path: /\nvariant aliases: cs_personalize_0_0,cs_personalize_1_1\n");
    layer.drain(Duration::from_secs(10)).await.expect("drained");
    assert_eq!(events_received(&edge).await.len(), 1, "tried once, never retried on its own");
}

#[tokio::test]
async fn without_the_layer_the_extractor_rejects_with_a_short_500() {
    async fn page(session: SharedSession) -> String {
        session.variant_param()
    }
    async fn either(session: Option<SharedSession>) -> &'static str {
        if session.is_some() {
            "personalized"
        } else {
            "plain"
        }
    }
    let app = Router::new().route("/", get(page)).route("/either", get(either));
    let (status, cookies, body) = call(app.clone(), "/", None).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body, "personalization is not set up for this route");
    assert!(cookies.is_empty());
    assert_eq!(call(app, "/either", None).await.2, "plain", "an Option of it is None instead");
}

#[tokio::test]
async fn the_layer_wraps_any_tower_service() {
    let edge = edge().await;
    let origin = tower::service_fn(|request: http::Request<String>| async move {
        let shared = request.extensions().get::<SharedSession>().cloned().expect("the layer's session");
        shared.queue_event("signup_click");
        Ok::<_, std::convert::Infallible>(http::Response::new(request.uri().to_string()))
    });
    let layer = layer(&edge.uri());
    let service = tower::ServiceBuilder::new().layer(layer.clone()).service(origin);
    let request = http::Request::builder().uri("/join?personalize_variants=1_1").body(String::new()).expect("request");
    let response = service.oneshot(request).await.expect("infallible");
    assert_eq!(response.body(), "/join?personalize_variants=0_0%2C1_1");
    assert_eq!(response.headers().get_all("set-cookie").iter().count(), 2);
    layer.drain(Duration::from_secs(10)).await.expect("drained");
    let events = events_received(&edge).await;
    assert_eq!(String::from_utf8_lossy(&events[0].body), r#"[{"eventKey":"signup_click","type":"EVENT"}]"#);
}

#[tokio::test]
async fn configure_sets_each_sessions_options_from_its_request() {
    let edge = MockServer::start().await;
    let manifest = ResponseTemplate::new(200)
        .insert_header("x-cs-personalize-user-uid", "visitor-1")
        .set_body_raw(MANIFEST, "application/json");
    Mock::given(method("GET"))
        .and(path("/manifest"))
        .and(query_param("tags[]", "section:shop"))
        .and(header("x-cs-personalize-user-uid", "known-member"))
        .respond_with(manifest)
        .expect(1)
        .mount(&edge)
        .await;
    let layer = layer(&edge.uri()).configure(|session, request| match request.uri.path().starts_with("/shop") {
        true => session.tags(["section:shop"]).user_uid("known-member"),
        false => session,
    });
    let (_, _, body) = call(raw_origin(layer), "/shop/cart", None).await;
    assert_eq!(body, "personalize_variants=0_0%2C1_1\nfalse\nSome(\"0_0,1_1\")");
}
