//! Error answers and failures: declared error statuses, bodies that do not decode,
//! undocumented statuses and transport failures.

mod common;

use common::*;
use contentstack_personalize_edge::types::{ErrorBody, GetManifestResponseHeaders, Manifest};
use contentstack_personalize_edge::{Client, Error, ResponseValue};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

type ManifestResult = Result<ResponseValue<Manifest, GetManifestResponseHeaders>, Error<ErrorBody>>;

const HTML: &str = "<html><head><title>500 Internal Server Error</title></head>\
                    <body><h1>Internal Server Error</h1></body></html>";

async fn manifest_answered_with(template: ResponseTemplate) -> ManifestResult {
    let (server, client) = start().await;
    Mock::given(method("GET")).and(path("/manifest")).respond_with(template).expect(1).mount(&server).await;
    client.get_manifest().user_uid(USER_UID).send().await
}

fn error_json(code: &str, message: &str) -> serde_json::Value {
    json!({"error": code, "message": message})
}

/// The decoded error body and status of an `Error::ErrorResponse`, else a panic.
fn expect_error_response<T: std::fmt::Debug>(result: Result<T, Error<ErrorBody>>) -> (u16, ErrorBody) {
    match result {
        Err(Error::ErrorResponse(response)) => {
            let status = response.status().as_u16();
            (status, response.into_inner())
        }
        other => panic!("expected Error::ErrorResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn project_not_found_is_an_error_response() {
    let result = manifest_answered_with(
        ResponseTemplate::new(404)
            .set_body_json(error_json("personalize.MANIFEST.PROJECT_NOT_FOUND", "Project not found")),
    )
    .await;

    let error = result.expect_err("404 is an error");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert!(!error.is_transport());
    let message = error.to_string();
    assert!(message.contains("404"), "{message}");
    assert!(message.contains("personalize.MANIFEST.PROJECT_NOT_FOUND"), "{message}");
    assert_eq!(error.error_body().map(|body| body.error.as_str()), Some("personalize.MANIFEST.PROJECT_NOT_FOUND"));
    let Error::ErrorResponse(response) = error else {
        panic!("expected Error::ErrorResponse");
    };
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(response.error, "personalize.MANIFEST.PROJECT_NOT_FOUND");
    assert_eq!(response.message, "Project not found");
}

#[tokio::test]
async fn other_4xx_and_5xx_with_error_json_are_error_responses() {
    for status in [400u16, 401, 403, 404, 409, 429, 500, 502, 503, 504] {
        let code = format!("personalize.TEST.STATUS_{status}");
        let result =
            manifest_answered_with(ResponseTemplate::new(status).set_body_json(error_json(&code, "went wrong"))).await;
        let (got_status, body) = expect_error_response(result);
        assert_eq!(got_status, status);
        assert_eq!(body.error, code);
        assert_eq!(body.message, "went wrong");
    }
}

#[tokio::test]
async fn write_operations_return_error_responses() {
    let (server, client) = start().await;
    Mock::given(method("PATCH"))
        .and(path("/user-attributes"))
        .respond_with(ResponseTemplate::new(400).set_body_json(error_json("personalize.ATTRIBUTES.INVALID", "bad key")))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/user-attributes/actions/merge"))
        .respond_with(ResponseTemplate::new(503).set_body_json(error_json("personalize.UNAVAILABLE", "try later")))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/events"))
        .respond_with(ResponseTemplate::new(422).set_body_json(error_json("personalize.EVENTS.INVALID", "bad event")))
        .mount(&server)
        .await;

    let result = client.set_user_attributes().body(object(json!({"plan": "gold"}))).send().await;
    let (status, body) = expect_error_response(result);
    assert_eq!((status, body.error.as_str()), (400, "personalize.ATTRIBUTES.INVALID"));

    let result = client
        .merge_user_attributes()
        .body(contentstack_personalize_edge::types::MergeUserAttributesRequest::new("a".into(), "b".into()))
        .send()
        .await;
    let (status, body) = expect_error_response(result);
    assert_eq!((status, body.error.as_str()), (503, "personalize.UNAVAILABLE"));

    let result = client.track_events().user_uid(USER_UID).body(vec![]).send().await;
    let (status, body) = expect_error_response(result);
    assert_eq!((status, body.error.as_str()), (422, "personalize.EVENTS.INVALID"));
}

#[tokio::test]
async fn html_500_is_an_invalid_response_with_a_snippet() {
    let result = manifest_answered_with(ResponseTemplate::new(500).set_body_raw(HTML, "text/html")).await;

    match result {
        Err(Error::InvalidResponse(invalid)) => {
            assert_eq!(invalid.status().as_u16(), 500);
            assert_eq!(invalid.body_snippet(), HTML);
            assert_eq!(invalid.body().as_ref(), HTML.as_bytes());
            assert_eq!(invalid.headers().get("content-type").map(|v| v.to_str().unwrap()), Some("text/html"));
            let text = invalid.to_string();
            assert!(text.contains("500"), "{text}");
            assert!(text.contains("<h1>Internal Server Error</h1>"), "{text}");
        }
        other => panic!("expected Error::InvalidResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn html_502_on_a_write_is_an_invalid_response() {
    let (server, client) = start().await;
    answer_all(&server, ResponseTemplate::new(502).set_body_string(HTML)).await;

    let result = client.track_events().user_uid(USER_UID).body(vec![]).send().await;
    match result {
        Err(Error::InvalidResponse(invalid)) => {
            assert_eq!(invalid.status().as_u16(), 502);
            assert!(invalid.body_snippet().contains("<html>"));
        }
        other => panic!("expected Error::InvalidResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn error_status_with_empty_body_is_an_invalid_response() {
    let result = manifest_answered_with(ResponseTemplate::new(503)).await;
    match result {
        Err(Error::InvalidResponse(invalid)) => {
            assert_eq!(invalid.status().as_u16(), 503);
            assert!(invalid.body().is_empty());
        }
        other => panic!("expected Error::InvalidResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn invalid_json_200_is_an_invalid_response() {
    let body = r#"{"experiences": [{"shortUid": "4", "#;
    let result = manifest_answered_with(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;

    match result {
        Err(error @ Error::InvalidResponse(_)) => {
            assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
            let Error::InvalidResponse(invalid) = error else { unreachable!() };
            assert_eq!(invalid.status().as_u16(), 200);
            assert_eq!(invalid.body_snippet(), body);
            assert!(invalid.to_string().contains(body), "{invalid}");
        }
        other => panic!("expected Error::InvalidResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn json_of_the_wrong_shape_is_an_invalid_response() {
    // `experiences` is required; `shortUid` must be a string.
    for body in [json!({}), json!({"experiences": [{"shortUid": 4, "activeVariantShortUid": "2"}]}), json!([])] {
        let result = manifest_answered_with(ResponseTemplate::new(200).set_body_json(&body)).await;
        match result {
            Err(Error::InvalidResponse(invalid)) => {
                assert_eq!(invalid.status().as_u16(), 200);
                assert_eq!(invalid.body_snippet(), body.to_string());
            }
            other => panic!("expected Error::InvalidResponse for {body}, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn empty_200_on_manifest_is_an_invalid_response() {
    let result =
        manifest_answered_with(ResponseTemplate::new(200).insert_header("x-cs-personalize-user-uid", USER_UID)).await;
    match result {
        Err(Error::InvalidResponse(invalid)) => {
            assert_eq!(invalid.status().as_u16(), 200);
            assert!(invalid.body().is_empty());
            assert!(invalid.reason().contains("empty"), "{}", invalid.reason());
        }
        other => panic!("expected Error::InvalidResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn long_bodies_are_cut_in_the_snippet() {
    let body = format!("<html>{}</html>", "é".repeat(600));
    let result = manifest_answered_with(ResponseTemplate::new(500).set_body_string(body.clone())).await;
    match result {
        Err(Error::InvalidResponse(invalid)) => {
            assert_eq!(invalid.body().len(), body.len(), "the whole body is kept");
            let snippet = invalid.body_snippet();
            assert!(snippet.ends_with('…'), "{snippet}");
            assert!(snippet.starts_with("<html>éé"));
            // At most 512 bytes of the body, cut on a character boundary.
            let cut = snippet.trim_end_matches('…');
            assert!(cut.len() <= 512 && cut.len() >= 509, "{}", cut.len());
            assert!(body.starts_with(cut));
        }
        other => panic!("expected Error::InvalidResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn undocumented_3xx_status_is_an_unexpected_response() {
    // Neither 304 nor a 302 without `Location` is followed by the HTTP client.
    for (status, body) in [(304u16, ""), (302, "moved somewhere")] {
        let result = manifest_answered_with(ResponseTemplate::new(status).set_body_string(body)).await;
        match result {
            Err(Error::UnexpectedResponse(unexpected)) => {
                assert_eq!(unexpected.status().as_u16(), status);
                assert_eq!(unexpected.body_snippet(), body);
                assert!(unexpected.to_string().contains(&status.to_string()));
            }
            other => panic!("expected Error::UnexpectedResponse for {status}, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn undocumented_status_on_writes_is_an_unexpected_response() {
    let (server, client) = start().await;
    answer_all(&server, ResponseTemplate::new(304)).await;

    let results = [
        client.set_user_attributes().body(object(json!({"a": 1}))).send().await.map(|_| ()),
        client
            .merge_user_attributes()
            .body(contentstack_personalize_edge::types::MergeUserAttributesRequest::new("a".into(), "b".into()))
            .send()
            .await
            .map(|_| ()),
        client.track_events().user_uid(USER_UID).body(vec![]).send().await.map(|_| ()),
    ];
    for result in results {
        match result {
            Err(Error::UnexpectedResponse(unexpected)) => {
                assert_eq!(unexpected.status().as_u16(), 304)
            }
            other => panic!("expected Error::UnexpectedResponse, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    // Bind a port, then free it: nothing listens there any more.
    let address = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address")
    };
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .project_uid(PROJECT_UID)
        .http_client(reqwest::Client::new())
        .build()
        .expect("client builds");

    let error = client.get_manifest().send().await.expect_err("nothing listens");
    assert!(error.is_transport(), "{error:?}");
    assert!(error.status().is_none());
    assert!(error.headers().is_none());
    assert!(matches!(error, Error::Transport(_)), "{error:?}");

    let error = client.track_events().user_uid(USER_UID).body(vec![]).send().await.expect_err("nothing listens");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
}
