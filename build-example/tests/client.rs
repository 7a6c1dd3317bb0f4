//! The client `build.rs` generated, used against a local mock server (wiremock on 127.0.0.1).

use build_script_example::types::{Pet, PetKind};
use build_script_example::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().expect("client")
}

fn pet(name: &str) -> Pet {
    Pet::new(name.to_owned(), PetKind::Cat)
}

#[tokio::test]
async fn the_generated_client_sends_and_decodes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(query_param("limit", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"name": "Tom", "kind": "cat"}])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(body_json(json!({"name": "Rex", "kind": "cat"})))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let pets = client(&server).list_pets().limit(2).send().await.expect("200");
    assert_eq!(pets.into_inner(), vec![pet("Tom")]);
    client(&server).add_pet().body(pet("Rex")).send().await.expect("201");
}

#[tokio::test]
async fn limits_and_errors_come_with_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/p%2F1"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "no pet"})))
        .mount(&server)
        .await;
    match client(&server).get_pet("p/1").send().await {
        Err(Error::ErrorResponse(response)) => assert_eq!(response.message.as_deref(), Some("no pet")),
        other => panic!("a 404 is the declared error, got {other:?}"),
    }
    match client(&server).list_pets().limit(0).send().await {
        Err(Error::InvalidRequest(invalid)) => assert_eq!(invalid.parameter(), "limit"),
        other => panic!("limit 0 is refused before sending, got {other:?}"),
    }
    match client(&server).add_pet().body(pet(" starts with a space")).send().await {
        Err(Error::InvalidRequest(invalid)) => assert_eq!(invalid.parameter(), "body.name"),
        other => panic!("the pattern is checked, got {other:?}"),
    }
}
