//! The `axum_edge` example, run end to end: a real axum server on 127.0.0.1 in front of a fake
//! Edge API (wiremock), hit by a real HTTP client.

#[allow(dead_code)] // the example's `main` is not used here
#[path = "../examples/axum_edge.rs"]
mod example;

use contentstack_personalize_edge::session::Personalize;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const MANIFEST: &str = r#"{"experiences":[{"shortUid":"0","activeVariantShortUid":"0"},{"shortUid":"1","activeVariantShortUid":"1"},{"shortUid":"2","activeVariantShortUid":null}]}"#;

async fn serve(personalize: Personalize) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, example::app(personalize)).await });
    format!("http://{address}")
}

#[tokio::test]
async fn each_request_is_personalized_and_carries_the_state_cookies() {
    let edge = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/manifest"))
        .and(header("x-cs-personalize-user-uid", "returning-visitor"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-cs-personalize-user-uid", "returning-visitor")
                .set_body_raw(MANIFEST, "application/json"),
        )
        .expect(1)
        .mount(&edge)
        .await;
    let personalize = Personalize::builder("project-1").base_url(edge.uri()).build().expect("handle");
    let site = serve(personalize).await;

    let response = reqwest::Client::new()
        .get(format!("{site}/products?id=1&personalize_variants=9_9"))
        .header("cookie", "theme=dark; cs-personalize-user-uid=returning-visitor")
        .header("user-agent", "Mozilla/5.0 (test)")
        .send()
        .await
        .expect("site answers");

    assert_eq!(response.status(), 200);
    let cookies: Vec<&str> =
        response.headers().get_all("set-cookie").iter().map(|v| v.to_str().expect("ascii")).collect();
    assert_eq!(
        cookies,
        [
            "cs-personalize-user-uid=returning-visitor; Max-Age=31536000; Path=/; Secure; SameSite=Lax".to_owned(),
            format!("cs-personalize-manifest={MANIFEST}; Path=/; Secure; SameSite=Lax"),
        ]
    );
    // The visitor's own `personalize_variants=9_9` was replaced by the real variants.
    let body = response.text().await.expect("body");
    assert_eq!(body, "path: /products\nvariant aliases: cs_personalize_0_0,cs_personalize_1_1\n");

    let requests = edge.received_requests().await.expect("recording");
    let manifest_request = &requests[0];
    let header = |name: &str| manifest_request.headers.get(name).map(|v| v.to_str().expect("ascii").to_owned());
    assert_eq!(header("x-project-uid").as_deref(), Some("project-1"));
    assert_eq!(header("user-agent").as_deref(), Some("Mozilla/5.0 (test)"));
    let host = site.trim_start_matches("http://");
    assert_eq!(
        header("x-page-url"),
        Some(format!("https://{host}/products?id=1&personalize_variants=9_9")),
        "the page URL is the visitor's, rebuilt from Host"
    );
}

#[tokio::test]
async fn pages_are_served_unpersonalized_when_the_edge_api_fails() {
    let edge = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/manifest"))
        .respond_with(ResponseTemplate::new(503).set_body_raw(r#"{"error":"x","message":"down"}"#, "application/json"))
        .mount(&edge)
        .await;
    let personalize = Personalize::builder("project-1").base_url(edge.uri()).build().expect("handle");
    let site = serve(personalize).await;

    let response = reqwest::get(format!("{site}/?personalize_variants=0_1")).await.expect("site answers");
    assert_eq!(response.status(), 200);
    assert!(response.headers().get("set-cookie").is_none());
    assert_eq!(response.text().await.expect("body"), "path: /\nvariant aliases: \n");
}
