//! The write operations (`PATCH /user-attributes`, `POST /user-attributes/actions/merge`,
//! `POST /events`): the exact request on the wire, and any 2XX answer is success whatever
//! its body (which the client does not read).

mod common;

use common::*;
use contentstack_personalize_edge::types::{
    CustomEvent, CustomEventType, Event, ImpressionEvent, ImpressionEventType, MergeUserAttributesRequest,
};
use serde_json::json;
use wiremock::http::Method;
use wiremock::matchers::{body_json as body_is, header as header_is, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn attributes() -> serde_json::Map<String, serde_json::Value> {
    object(json!({"plan": "gold", "visits": 12, "newsletter": true}))
}

fn merge_body() -> MergeUserAttributesRequest {
    MergeUserAttributesRequest::new("anon-3f2a".into(), "member-8812".into())
}

fn events() -> Vec<Event> {
    vec![
        Event::Impression(ImpressionEvent::new("4".into(), "2".into(), ImpressionEventType::Impression)),
        Event::Event(CustomEvent::new("signup_click".into(), CustomEventType::Event)),
    ]
}

#[tokio::test]
async fn set_user_attributes_sends_patch_with_json_body() {
    let (server, client) = start().await;
    Mock::given(method("PATCH"))
        .and(path("/user-attributes"))
        .and(header_is("x-project-uid", PROJECT_UID))
        .and(header_is("x-cs-personalize-user-uid", USER_UID))
        .and(header_is("content-type", "application/json"))
        .and(body_is(json!({"plan": "gold", "visits": 12, "newsletter": true})))
        .respond_with(ResponseTemplate::new(200).set_body_string("User Attributes added successfully"))
        .expect(1)
        .mount(&server)
        .await;

    let response =
        client.set_user_attributes().user_uid(USER_UID).body(attributes()).send().await.expect("attributes are set");
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.body_bytes().is_empty(), "the informational text is not read");

    let request = only_request(&server).await;
    assert_eq!(request.method, Method::PATCH);
    assert_eq!(request.url.path(), "/user-attributes");
    assert_eq!(request.url.query(), None);
    assert_eq!(required_header(&request, "x-project-uid"), PROJECT_UID);
    assert_eq!(required_header(&request, "x-cs-personalize-user-uid"), USER_UID);
    assert_eq!(required_header(&request, "content-type"), "application/json");
    assert_eq!(body_json(&request), json!(attributes()));
    // Compact JSON, keys in the order given.
    assert_eq!(String::from_utf8(request.body.clone()).unwrap(), r#"{"plan":"gold","visits":12,"newsletter":true}"#);
}

#[tokio::test]
async fn set_user_attributes_without_user_uid_sends_no_user_header() {
    let (server, client) = start().await;
    answer_all(&server, ResponseTemplate::new(204)).await;

    client
        .set_user_attributes()
        .body(object(json!({"nested": {"a": [1, null]}, "city": "Zürich"})))
        .send()
        .await
        .expect("attributes are set");

    let request = only_request(&server).await;
    assert_eq!(request.method, Method::PATCH);
    assert_eq!(header(&request, "x-cs-personalize-user-uid"), None);
    assert_eq!(required_header(&request, "x-project-uid"), PROJECT_UID);
    // The body is UTF-8 JSON (not ASCII-escaped like the live-attributes header).
    assert_eq!(body_json(&request), json!({"nested": {"a": [1, null]}, "city": "Zürich"}));
}

#[tokio::test]
async fn merge_user_attributes_sends_both_users_and_only_the_project_header() {
    let (server, client) = start().await;
    Mock::given(method("POST"))
        .and(path("/user-attributes/actions/merge"))
        .and(header_is("x-project-uid", PROJECT_UID))
        .and(header_is("content-type", "application/json"))
        .and(body_is(json!({"sourceUserUid": "anon-3f2a", "targetUserUid": "member-8812"})))
        .respond_with(ResponseTemplate::new(200).set_body_string("User Attributes merged successfully"))
        .expect(1)
        .mount(&server)
        .await;

    let response = client.merge_user_attributes().body(merge_body()).send().await.expect("attributes are merged");
    assert_eq!(response.status().as_u16(), 200);
    assert!(response.body_bytes().is_empty());

    let request = only_request(&server).await;
    assert_eq!(request.method, Method::POST);
    assert_eq!(request.url.path(), "/user-attributes/actions/merge");
    assert_eq!(request.url.query(), None);
    assert_eq!(required_header(&request, "x-project-uid"), PROJECT_UID);
    assert_eq!(header(&request, "x-cs-personalize-user-uid"), None);
    assert_eq!(required_header(&request, "content-type"), "application/json");
    assert_eq!(body_json(&request), json!({"sourceUserUid": "anon-3f2a", "targetUserUid": "member-8812"}));
}

#[tokio::test]
async fn track_events_sends_impressions_and_custom_events() {
    let (server, client) = start().await;
    Mock::given(method("POST"))
        .and(path("/events"))
        .and(header_is("x-project-uid", PROJECT_UID))
        .and(header_is("x-cs-personalize-user-uid", USER_UID))
        .and(header_is("content-type", "application/json"))
        .respond_with(ResponseTemplate::new(202))
        .expect(1)
        .mount(&server)
        .await;

    let response = client.track_events().user_uid(USER_UID).body(events()).send().await.expect("events are tracked");
    assert_eq!(response.status().as_u16(), 202);

    let request = only_request(&server).await;
    assert_eq!(request.method, Method::POST);
    assert_eq!(request.url.path(), "/events");
    assert_eq!(request.url.query(), None);
    assert_eq!(required_header(&request, "x-project-uid"), PROJECT_UID);
    assert_eq!(required_header(&request, "x-cs-personalize-user-uid"), USER_UID);
    assert_eq!(required_header(&request, "content-type"), "application/json");
    // Byte for byte what the JS client sends: each event's members in its schema's order.
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        concat!(
            r#"[{"experienceShortUid":"4","variantShortUid":"2","type":"IMPRESSION"},"#,
            r#"{"eventKey":"signup_click","type":"EVENT"}]"#
        )
    );
}

#[tokio::test]
async fn track_events_sends_an_empty_array() {
    let (server, client) = start().await;
    answer_all(&server, ResponseTemplate::new(202)).await;

    client.track_events().user_uid(USER_UID).body(Vec::new()).send().await.expect("empty event list is sent");

    let request = only_request(&server).await;
    assert_eq!(String::from_utf8(request.body).unwrap(), "[]");
}

/// Sends each write operation once and returns the status of each answer.
async fn send_all_writes(client: &contentstack_personalize_edge::Client) -> Vec<u16> {
    let mut out = Vec::new();
    let r = client
        .set_user_attributes()
        .user_uid(USER_UID)
        .body(attributes())
        .send()
        .await
        .expect("set attributes succeeds");
    out.push(r.status().as_u16());
    let r = client.merge_user_attributes().body(merge_body()).send().await.expect("merge succeeds");
    out.push(r.status().as_u16());
    let r = client.track_events().user_uid(USER_UID).body(events()).send().await.expect("track events succeeds");
    out.push(r.status().as_u16());
    out
}

async fn writes_with(template: ResponseTemplate) -> (MockServer, Vec<u16>) {
    let (server, client) = start().await;
    answer_all(&server, template).await;
    let results = send_all_writes(&client).await;
    (server, results)
}

#[tokio::test]
async fn empty_200_is_success() {
    let (server, results) = writes_with(ResponseTemplate::new(200)).await;
    assert_eq!(results, vec![200; 3]);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn status_204_is_success() {
    let (_server, results) = writes_with(ResponseTemplate::new(204)).await;
    assert_eq!(results, vec![204; 3]);
}

#[tokio::test]
async fn status_202_and_201_are_success() {
    let (_server, results) = writes_with(ResponseTemplate::new(202)).await;
    assert_eq!(results, vec![202; 3]);
    let (_server, results) = writes_with(ResponseTemplate::new(201).set_body_string("created")).await;
    assert_eq!(results, vec![201; 3]);
}

#[tokio::test]
async fn any_2xx_body_is_success() {
    // The docs' plain text, JSON, bytes that are not UTF-8, and a body over the 16 MiB
    // limit: none is read, none can fail a write the server accepted.
    let bodies = [
        ResponseTemplate::new(200).set_body_raw("User Attributes added successfully", "text/plain; charset=utf-8"),
        ResponseTemplate::new(200).set_body_json(json!({"ok": true})),
        ResponseTemplate::new(200).set_body_bytes(vec![0x66, 0x6f, 0xff, 0xfe]),
        ResponseTemplate::new(202).set_body_bytes(vec![b'x'; 20 * 1024 * 1024]),
    ];
    for template in bodies {
        let (_server, results) = writes_with(template).await;
        assert_eq!(results.len(), 3);
    }
}
