//! The client builder (regions, base URLs) and the values it sends with every operation.

mod common;

use common::*;
use contentstack_personalize_edge::types::{Event, MergeUserAttributesRequest};
use contentstack_personalize_edge::{Client, Region};
use serde_json::json;
use wiremock::MockServer;

const REGIONS: [(Region, &str); 7] = [
    (Region::AwsNa, "https://personalize-edge.contentstack.com"),
    (Region::AwsEu, "https://eu-personalize-edge.contentstack.com"),
    (Region::AwsAu, "https://au-personalize-edge.contentstack.com"),
    (Region::AzureNa, "https://azure-na-personalize-edge.contentstack.com"),
    (Region::AzureEu, "https://azure-eu-personalize-edge.contentstack.com"),
    (Region::GcpNa, "https://gcp-na-personalize-edge.contentstack.com"),
    (Region::GcpEu, "https://gcp-eu-personalize-edge.contentstack.com"),
];

#[test]
fn regions_have_the_documented_base_urls() {
    assert_eq!(Region::ALL.len(), 7);
    for ((region, url), listed) in REGIONS.iter().zip(Region::ALL) {
        assert_eq!(*region, *listed, "Region::ALL is in the document's order");
        assert_eq!(region.base_url(), *url);
        let client =
            Client::builder().region(*region).http_client(reqwest::Client::new()).build().expect("client builds");
        assert_eq!(client.base_url(), *url);
    }
}

#[test]
fn default_region_is_aws_na() {
    assert_eq!(Region::default(), Region::AwsNa);
    let client = Client::builder().http_client(reqwest::Client::new()).build().expect("client builds");
    assert_eq!(client.base_url(), "https://personalize-edge.contentstack.com");
    assert_eq!(client.project_uid(), None);
    // Without an HTTP client, a default one is made.
    let client = Client::builder().build().expect("client builds");
    assert_eq!(client.base_url(), "https://personalize-edge.contentstack.com");
}

#[test]
fn the_last_of_region_and_base_url_wins() {
    let client = Client::builder().base_url("http://127.0.0.1:9").region(Region::GcpEu).build().expect("client builds");
    assert_eq!(client.base_url(), "https://gcp-eu-personalize-edge.contentstack.com");
    let client = Client::builder().region(Region::GcpEu).base_url("http://127.0.0.1:9").build().expect("client builds");
    assert_eq!(client.base_url(), "http://127.0.0.1:9");
}

#[test]
fn unusable_base_urls_are_build_errors() {
    for (url, part) in [
        ("ftp://x", "scheme"),
        ("not a url", "not a url"),
        ("", ""),
        ("/manifest", ""),
        ("https://example.com/?a=1", "query"),
        ("https://example.com/#top", "fragment"),
    ] {
        let error = Client::builder().base_url(url).build().expect_err("base URL must be rejected");
        let message = error.to_string();
        assert!(message.contains("invalid base URL"), "{url}: {message}");
        assert!(message.contains(part), "{url}: {message}");
    }
}

#[test]
fn trailing_slashes_are_removed_from_the_base_url() {
    let client = Client::builder().base_url("https://example.com/edge/").build().expect("client builds");
    assert_eq!(client.base_url(), "https://example.com/edge");
    let client = Client::builder().base_url("http://127.0.0.1:8080/").build().expect("client builds");
    assert_eq!(client.base_url(), "http://127.0.0.1:8080");
}

#[tokio::test]
async fn trailing_slash_base_url_still_requests_single_slash_paths() {
    let server = MockServer::start().await;
    accept_all(&server).await;
    let client = Client::builder()
        .base_url(format!("{}/", server.uri()))
        .project_uid(PROJECT_UID)
        .http_client(reqwest::Client::new())
        .build()
        .expect("client builds");

    client.get_manifest().send().await.expect("manifest");
    client.track_events().user_uid(USER_UID).body(vec![]).send().await.expect("events");

    let paths: Vec<String> = received(&server).await.iter().map(|request| request.url.path().to_owned()).collect();
    assert_eq!(paths, ["/manifest", "/events"]);
}

#[tokio::test]
async fn base_url_path_prefix_is_kept() {
    let server = MockServer::start().await;
    accept_all(&server).await;
    let client = Client::builder()
        .base_url(format!("{}/edge/", server.uri()))
        .project_uid(PROJECT_UID)
        .http_client(reqwest::Client::new())
        .build()
        .expect("client builds");

    client.get_manifest().tags(["a"]).send().await.expect("manifest");
    client.merge_user_attributes().body(merge_body()).send().await.expect("merge");

    let requests = received(&server).await;
    assert_eq!(requests[0].url.path(), "/edge/manifest");
    assert_eq!(requests[0].url.query(), Some("tags[]=a"));
    assert_eq!(requests[1].url.path(), "/edge/user-attributes/actions/merge");
}

fn merge_body() -> MergeUserAttributesRequest {
    MergeUserAttributesRequest::new("anon-3f2a".into(), "member-8812".into())
}

/// Sends the four operations, each with `project` as per-request project UID if given.
async fn send_all(client: &Client, project: Option<&str>) {
    let mut manifest = client.get_manifest();
    let mut set = client.set_user_attributes().user_uid(USER_UID).body(object(json!({"plan": "gold"})));
    let mut merge = client.merge_user_attributes().body(merge_body());
    let mut events = client.track_events().user_uid(USER_UID).body(vec![Event::Event(
        contentstack_personalize_edge::types::CustomEvent::new(
            "signup_click".into(),
            contentstack_personalize_edge::types::CustomEventType::Event,
        ),
    )]);
    if let Some(project) = project {
        manifest = manifest.project_uid(project);
        set = set.project_uid(project);
        merge = merge.project_uid(project);
        events = events.project_uid(project);
    }
    manifest.send().await.expect("manifest");
    set.send().await.expect("set attributes");
    merge.send().await.expect("merge");
    events.send().await.expect("events");
}

#[tokio::test]
async fn client_project_uid_is_sent_on_every_operation() {
    let (server, client) = start().await;
    accept_all(&server).await;
    assert_eq!(client.project_uid(), Some(PROJECT_UID));

    send_all(&client, None).await;

    let requests = received(&server).await;
    let seen: Vec<(String, String, String)> = requests
        .iter()
        .map(|request| {
            (request.method.to_string(), request.url.path().to_owned(), required_header(request, "x-project-uid"))
        })
        .collect();
    let expected = [
        ("GET", "/manifest"),
        ("PATCH", "/user-attributes"),
        ("POST", "/user-attributes/actions/merge"),
        ("POST", "/events"),
    ]
    .map(|(method, path)| (method.to_owned(), path.to_owned(), PROJECT_UID.to_owned()));
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn per_request_project_uid_overrides_the_client_value() {
    let (server, client) = start().await;
    accept_all(&server).await;
    let other = "aaaaaaaaaaaaaaaaaaaaaaaa";

    send_all(&client, Some(other)).await;

    let requests = received(&server).await;
    assert_eq!(requests.len(), 4);
    for request in &requests {
        // Sent once, with the per-request value only.
        assert_eq!(header_values(request, "x-project-uid"), [other], "{} {}", request.method, request.url);
    }
    // The override is per request: the client's value is used again afterwards.
    client.get_manifest().send().await.expect("manifest");
    let requests = received(&server).await;
    assert_eq!(required_header(&requests[4], "x-project-uid"), PROJECT_UID);
}

#[tokio::test]
async fn client_is_cheap_to_clone_and_shares_settings() {
    let (server, client) = start().await;
    accept_all(&server).await;
    let clone = client.clone();
    drop(client);

    clone.get_manifest().send().await.expect("manifest");
    let request = only_request(&server).await;
    assert_eq!(required_header(&request, "x-project-uid"), PROJECT_UID);
}
