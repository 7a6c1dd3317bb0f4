//! `GET /manifest`: the exact request on the wire and the decoding of the answer.

mod common;

use common::*;
use contentstack_personalize_edge::types::{Experience, Manifest};
use serde_json::{json, Map, Value};
use wiremock::http::Method;
use wiremock::matchers::{header as header_is, method, path};
use wiremock::{Mock, ResponseTemplate};

/// The headers `GET /manifest` may send, besides `x-project-uid`.
const OPTIONAL_HEADERS: [&str; 8] = [
    "x-cs-personalize-user-uid",
    "x-forwarded-for",
    "user-agent",
    "referer",
    "x-page-url",
    "x-live-attributes",
    "x-lytics-id-field",
    "x-lytics-id-value",
];

async fn mount_manifest(server: &wiremock::MockServer) {
    Mock::given(method("GET"))
        .and(path("/manifest"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-cs-personalize-user-uid", USER_UID)
                .set_body_json(manifest_json()),
        )
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn sends_every_parameter_exactly() {
    let (server, client) = start().await;
    Mock::given(method("GET"))
        .and(path("/manifest"))
        .and(header_is("x-project-uid", PROJECT_UID))
        .and(header_is("x-cs-personalize-user-uid", USER_UID))
        .and(header_is("referer", "https://www.example.com/"))
        .and(header_is("x-lytics-id-field", "_uid"))
        .and(header_is("x-lytics-id-value", "seer-123"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-cs-personalize-user-uid", USER_UID)
                .set_body_json(manifest_json()),
        )
        .expect(1)
        .mount(&server)
        .await;

    let mut live = Map::new();
    live.insert("tier".into(), json!("pro"));
    live.insert("visits".into(), json!(3));
    let user_agent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    let page_url = "https://www.example.com/products?utm_source=newsletter&a=b%20c";

    let response = client
        .get_manifest()
        .tags(["section:home", "a b", "x"])
        .user_uid(USER_UID)
        .forwarded_for("203.0.113.7, 198.51.100.2")
        .user_agent(user_agent)
        .referer("https://www.example.com/")
        .page_url(page_url)
        .live_attributes(live)
        .lytics_id_field("_uid")
        .lytics_id_value("seer-123")
        .send()
        .await
        .expect("manifest is fetched");
    assert_eq!(response.status().as_u16(), 200);

    let request = only_request(&server).await;
    assert_eq!(request.method, Method::GET);
    assert_eq!(request.url.path(), "/manifest");
    assert_eq!(request.url.query(), Some("tags[]=section%3Ahome&tags[]=a%20b&tags[]=x"));
    assert_eq!(required_header(&request, "x-project-uid"), PROJECT_UID);
    assert_eq!(required_header(&request, "x-cs-personalize-user-uid"), USER_UID);
    // A list stays one header value, unchanged.
    assert_eq!(required_header(&request, "x-forwarded-for"), "203.0.113.7, 198.51.100.2");
    assert_eq!(required_header(&request, "user-agent"), user_agent);
    assert_eq!(required_header(&request, "referer"), "https://www.example.com/");
    // Sent as-is, never re-encoded.
    assert_eq!(required_header(&request, "x-page-url"), page_url);
    assert_eq!(required_header(&request, "x-live-attributes"), r#"{"tier":"pro","visits":3}"#);
    assert_eq!(required_header(&request, "x-lytics-id-field"), "_uid");
    assert_eq!(required_header(&request, "x-lytics-id-value"), "seer-123");
    // GET: no body, no content type.
    assert!(request.body.is_empty(), "GET sends no body");
    assert_eq!(header(&request, "content-type"), None);
    assert_eq!(header(&request, "transfer-encoding"), None);
}

#[tokio::test]
async fn minimal_request_sends_only_the_project_uid() {
    let (server, client) = start().await;
    mount_manifest(&server).await;

    client.get_manifest().send().await.expect("manifest");

    let request = only_request(&server).await;
    assert_eq!(request.method, Method::GET);
    assert_eq!(request.url.path(), "/manifest");
    assert_eq!(request.url.query(), None, "no query without tags");
    assert_eq!(required_header(&request, "x-project-uid"), PROJECT_UID);
    for name in OPTIONAL_HEADERS {
        assert_eq!(header(&request, name), None, "`{name}` must not be sent");
    }
    // Not a parameter: no X-User-Agent of the JS client either, and no body.
    assert!(request.body.is_empty());
    assert_eq!(header(&request, "content-type"), None);
}

#[tokio::test]
async fn no_user_agent_header_unless_set_even_with_the_default_http_client() {
    let server = wiremock::MockServer::start().await;
    mount_manifest(&server).await;
    // No `http_client`: the builder makes its own default HTTP client.
    let client = contentstack_personalize_edge::Client::builder()
        .base_url(server.uri())
        .project_uid(PROJECT_UID)
        .build()
        .expect("client builds");

    client.get_manifest().send().await.expect("manifest");

    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "user-agent"),
        None,
        "the library's own user agent would be taken as the visitor's device"
    );
}

#[tokio::test]
async fn empty_tags_send_no_query() {
    let (server, client) = start().await;
    mount_manifest(&server).await;

    client.get_manifest().tags(Vec::<String>::new()).send().await.expect("manifest");

    let request = only_request(&server).await;
    assert_eq!(request.url.path(), "/manifest");
    assert_eq!(request.url.query(), None);
}

#[tokio::test]
async fn tag_values_are_encoded_like_encode_uri_component() {
    let (server, client) = start().await;
    mount_manifest(&server).await;

    client
        .get_manifest()
        .tags(["Zürich", "a&b=c", "50%", "x+y/z?#", "[br]", "keep-_.!~*()"])
        .send()
        .await
        .expect("manifest");

    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some(
            "tags[]=Z%C3%BCrich&tags[]=a%26b%3Dc&tags[]=50%25&tags[]=x%2By%2Fz%3F%23\
             &tags[]=%5Bbr%5D&tags[]=keep-_.!~*()"
        )
    );
}

#[tokio::test]
async fn ten_tags_are_allowed() {
    let (server, client) = start().await;
    mount_manifest(&server).await;
    let tags: Vec<String> = (0..10).map(|i| format!("t{i}")).collect();

    client.get_manifest().tags(tags.clone()).send().await.expect("10 tags are within the limit");

    let request = only_request(&server).await;
    let expected = tags.iter().map(|tag| format!("tags[]={tag}")).collect::<Vec<_>>().join("&");
    assert_eq!(request.url.query(), Some(expected.as_str()));
}

#[tokio::test]
async fn live_attributes_are_ascii_json_in_insertion_order() {
    let (server, client) = start().await;
    mount_manifest(&server).await;

    let mut live = Map::new();
    live.insert("city".into(), json!("Zürich"));
    client.get_manifest().live_attributes(live).send().await.expect("manifest");

    let request = only_request(&server).await;
    assert_eq!(required_header(&request, "x-live-attributes"), r#"{"city":"Z\u00fcrich"}"#);
}

#[tokio::test]
async fn live_attributes_keep_order_escapes_and_round_trip() {
    let (server, client) = start().await;
    mount_manifest(&server).await;

    // Keys deliberately not in alphabetical order.
    let mut live = Map::new();
    live.insert("zeta".into(), json!("z"));
    live.insert("__lytics_audiences".into(), json!("|a1|a2|"));
    live.insert("city".into(), json!("Zürich"));
    live.insert("emoji".into(), json!("😀"));
    live.insert("lines".into(), json!("a\r\nb"));
    live.insert("quote".into(), json!("say \"hi\" \\o/"));
    live.insert("n".into(), json!(1.5));
    live.insert("nested".into(), json!({"b": true, "a": null, "list": [1, "é"]}));

    client.get_manifest().live_attributes(live.clone()).send().await.expect("manifest");

    let request = only_request(&server).await;
    let text = required_header(&request, "x-live-attributes");
    assert_eq!(
        text,
        concat!(
            r#"{"zeta":"z","__lytics_audiences":"|a1|a2|","city":"Z\u00fcrich","#,
            r#""emoji":"\ud83d\ude00","lines":"a\r\nb","quote":"say \"hi\" \\o/","#,
            r#""n":1.5,"nested":{"b":true,"a":null,"list":[1,"\u00e9"]}}"#
        )
    );
    assert!(text.is_ascii());
    let decoded: Map<String, Value> = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(decoded, live);
}

#[tokio::test]
async fn decodes_manifest_with_null_variant_and_user_uid_header() {
    // An answer's type is made with `Default` and its fields set.
    let experience = |short_uid: &str, variant: Option<&str>| {
        let mut experience = Experience::default();
        experience.short_uid = short_uid.to_owned();
        experience.active_variant_short_uid = variant.map(str::to_owned);
        experience
    };
    let (server, client) = start().await;
    Mock::given(method("GET"))
        .and(path("/manifest"))
        .respond_with(ResponseTemplate::new(200).insert_header("x-cs-personalize-user-uid", USER_UID).set_body_json(
            json!({
                "experiences": [
                    {"shortUid": "4", "activeVariantShortUid": "2"},
                    {"shortUid": "7", "activeVariantShortUid": null},
                    {"shortUid": "0", "activeVariantShortUid": "0"}
                ]
            }),
        ))
        .mount(&server)
        .await;

    let response = client.get_manifest().send().await.expect("manifest");

    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.user_uid(), Some(USER_UID));
    assert_eq!(response.typed_headers().user_uid.as_deref(), Some(USER_UID));
    assert_eq!(
        response.experiences,
        vec![experience("4", Some("2")), experience("7", None), experience("0", Some("0"))]
    );
    assert_eq!(response.active_variants, None);
}

#[tokio::test]
async fn decodes_active_variants_map_in_order_and_keeps_unknown_fields() {
    let (server, client) = start().await;
    let body = concat!(
        r#"{"experiences":[{"shortUid":"4","activeVariantShortUid":"2","extra":1}],"#,
        r#""activeVariants":{"7":null,"4":"2"},"somethingNew":{"x":[1,2]}}"#
    );
    Mock::given(method("GET"))
        .and(path("/manifest"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;

    let response = client.get_manifest().send().await.expect("manifest");

    // No response header: None, not an error.
    assert_eq!(response.user_uid(), None);
    let manifest: Manifest = response.into_inner();
    let active = manifest.active_variants.clone().expect("activeVariants");
    // In the order the server sent them.
    let keys: Vec<&str> = active.keys().map(String::as_str).collect();
    assert_eq!(keys, ["7", "4"]);
    assert_eq!(active["4"].as_deref(), Some("2"));
    assert_eq!(active["7"], None);
    assert_eq!(manifest.experiences.len(), 1);
    assert_eq!(manifest.experiences[0].short_uid, "4");
    assert_eq!(manifest.experiences[0].active_variant_short_uid.as_deref(), Some("2"));
    // Members the document does not declare are kept, and written back after the declared ones.
    assert_eq!(manifest.experiences[0].additional_properties, json!({"extra": 1}).as_object().cloned().unwrap());
    assert_eq!(manifest.additional_properties, json!({"somethingNew": {"x": [1, 2]}}).as_object().cloned().unwrap());
    assert_eq!(serde_json::to_string(&manifest).unwrap(), body);
    // As JavaScript's `JSON.stringify` writes it: integer-like keys first, ascending.
    assert_eq!(
        contentstack_personalize_edge::runtime::to_json_js_order(&manifest).unwrap(),
        body.replace(r#"{"7":null,"4":"2"}"#, r#"{"4":"2","7":null}"#)
    );
}

#[tokio::test]
async fn decodes_empty_experiences() {
    let (server, client) = start().await;
    Mock::given(method("GET"))
        .and(path("/manifest"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"experiences":[]}"#, "application/json"))
        .mount(&server)
        .await;

    let response = client.get_manifest().send().await.expect("manifest");
    assert!(response.experiences.is_empty());
    assert_eq!(response.active_variants, None);
}

/// The JS client takes any 2xx manifest answer as success (FACTS 4.1, 6.5); so does this one,
/// with the user UID header read the same way.
#[tokio::test]
async fn any_2xx_status_with_a_manifest_is_success() {
    for status in [201, 203, 299] {
        let (server, client) = start().await;
        Mock::given(method("GET"))
            .and(path("/manifest"))
            .respond_with(
                ResponseTemplate::new(status)
                    .insert_header("x-cs-personalize-user-uid", USER_UID)
                    .set_body_json(json!({"experiences": [{"shortUid": "4", "activeVariantShortUid": "2"}]})),
            )
            .mount(&server)
            .await;

        let response = client.get_manifest().send().await.expect("a 2xx manifest is success");

        assert_eq!(response.status().as_u16(), status);
        assert_eq!(response.user_uid(), Some(USER_UID));
        assert_eq!(response.experiences[0].active_variant_short_uid.as_deref(), Some("2"));
    }
}
