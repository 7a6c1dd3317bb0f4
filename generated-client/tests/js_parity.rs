//! Parity with the official JS client, checked against the real thing: the same scenario is run
//! by `@contentstack/personalize-edge-sdk` 1.0.27 (Node.js, `parity/js-client.mjs`) and by the
//! Rust session layer, each against its own fake Edge server on 127.0.0.1, and the manifest
//! requests and the cookies written must be the same, byte for byte.
//!
//! Needs Node.js and the JS client installed with `npm ci --prefix parity`; `.ci/run` does both
//! and runs these tests with `--ignored`.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use contentstack_personalize_edge::runtime::to_json_js_order;
use contentstack_personalize_edge::session::{Personalize, CLIENT_USER_AGENT};
use contentstack_personalize_edge::types::Event;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const MANIFEST: &str = r#"{"experiences":[{"shortUid":"0","activeVariantShortUid":"0"},{"shortUid":"1","activeVariantShortUid":"1"},{"shortUid":"2","activeVariantShortUid":null}]}"#;
/// Headers the HTTP libraries add on their own (node-fetch: accept, accept-encoding).
const TRANSPORT: &[&str] = &["host", "accept", "accept-encoding", "connection", "content-length"];

struct Scenario {
    url: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    /// The JS client's `init` options (`userId`, `liveAttributes`, `tags`, `lyticsIdField`, ...).
    options: Value,
    /// What the fake Edge server answers in `x-cs-personalize-user-uid`.
    assigned_user: &'static str,
}

async fn edge(assigned_user: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/manifest"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-cs-personalize-user-uid", assigned_user)
                .set_body_raw(MANIFEST, "application/json"),
        )
        .mount(&server)
        .await;
    server
}

struct Outcome {
    request: Request,
    cookies: Vec<String>,
    user_id: Option<String>,
    variant_param: String,
    aliases: Vec<String>,
}

async fn run_js(scenario: &Scenario) -> Outcome {
    let server = edge(scenario.assigned_user).await;
    let input = json!({
        "baseUrl": server.uri(),
        "projectUid": "project-1",
        "url": scenario.url,
        "headers": scenario.headers.iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
        "options": scenario.options,
    });
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../parity/js-client.mjs");
    let mut child = Command::new("node")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs (install Node.js, then `npm ci --prefix parity`)");
    child.stdin.take().expect("stdin").write_all(input.to_string().as_bytes()).expect("scenario written");
    // The JS client's fetch needs the fake server polled while it waits: run node off this thread.
    let output = tokio::task::spawn_blocking(move || child.wait_with_output()).await.expect("join").expect("node");
    assert!(output.status.success(), "JS client failed: {}", String::from_utf8_lossy(&output.stderr));
    let printed: Value = serde_json::from_slice(&output.stdout).expect("JSON from js-client.mjs");
    let strings = |key: &str| -> Vec<String> {
        printed[key].as_array().expect(key).iter().map(|v| v.as_str().expect("string").to_owned()).collect()
    };
    Outcome {
        request: only_request(&server).await,
        cookies: strings("cookies"),
        user_id: printed["userId"].as_str().map(str::to_owned),
        variant_param: printed["variantParam"].as_str().expect("variantParam").to_owned(),
        aliases: strings("aliases"),
    }
}

async fn run_rust(scenario: &Scenario) -> Outcome {
    let server = edge(scenario.assigned_user).await;
    let personalize = Personalize::builder("project-1").base_url(server.uri()).build().expect("handle");
    let mut request = http::Request::builder().uri(scenario.url);
    for (name, value) in &scenario.headers {
        request = request.header(*name, *value);
    }
    let (parts, ()) = request.body(()).expect("request").into_parts();
    let options = &scenario.options;
    let mut builder = personalize.session().request(&parts);
    if let Some(id) = options["userId"].as_str() {
        builder = builder.user_id(id);
    }
    if let Some(live) = options["liveAttributes"].as_object() {
        builder = builder.live_attributes(live.clone());
    }
    if let Some(tags) = options["tags"].as_array() {
        builder = builder.tags(tags.iter().map(|t| t.as_str().expect("tag").to_owned()));
    }
    if let (Some(field), Some(value)) = (options["lyticsIdField"].as_str(), options["lyticsIdValue"].as_str()) {
        builder = builder.lytics_id(field, value);
    }
    let session = builder.start().await.expect("session");
    let mut headers = http::HeaderMap::new();
    session.append_state(&mut headers).expect("state");
    Outcome {
        request: only_request(&server).await,
        cookies: headers.get_all("set-cookie").iter().map(|v| v.to_str().expect("ascii").to_owned()).collect(),
        user_id: session.user_id().map(str::to_owned),
        variant_param: session.variant_param(),
        aliases: session.variant_aliases(),
    }
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 1, "one manifest request");
    requests.remove(0)
}

/// Header name -> value, lowercase names, without transport headers and `x-user-agent` (each
/// client names itself).
fn api_headers(request: &Request) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = request
        .headers
        .iter()
        .map(|(k, v)| (k.as_str().to_ascii_lowercase(), v.to_str().expect("ascii").to_owned()))
        .filter(|(k, _)| !TRANSPORT.contains(&k.as_str()) && k != "x-user-agent")
        .collect();
    headers.sort();
    headers
}

async fn assert_same(scenario: Scenario) {
    let js = run_js(&scenario).await;
    let rust = run_rust(&scenario).await;

    assert_eq!(rust.request.url.path(), js.request.url.path());
    assert_eq!(rust.request.url.query(), js.request.url.query(), "query string");
    let mut js_headers = api_headers(&js.request);
    if !scenario.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("user-agent")) {
        // FACTS 9: without a visitor user agent, node-fetch sends its own, which the API would
        // take as the visitor's device. The Rust client sends none (see `departs_` tests).
        js_headers.retain(|(k, v)| !(k == "user-agent" && v.starts_with("node-fetch")));
    }
    assert_eq!(api_headers(&rust.request), js_headers, "manifest request headers");
    assert_eq!(rust.request.headers.get("x-user-agent").map(|v| v.to_str().expect("ascii")), Some(CLIENT_USER_AGENT));
    assert!(js
        .request
        .headers
        .get("x-user-agent")
        .is_some_and(|v| v.as_bytes().starts_with(b"personalize-edge-sdk-js/")));

    assert_eq!(rust.cookies, js.cookies, "Set-Cookie headers, byte for byte");
    assert_eq!(rust.user_id, js.user_id);
    assert_eq!(rust.variant_param, js.variant_param);
    assert_eq!(rust.aliases, js.aliases);
}

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
        Event::Impression {
            experience_short_uid: "4".into(),
            variant_short_uid: "2".into(),
            additional_properties: Default::default(),
        },
        Event::Event { event_key: "signup_click".into(), additional_properties: Default::default() },
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
