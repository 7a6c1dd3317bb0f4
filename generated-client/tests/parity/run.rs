//! One scenario run by each client, each against its own fake Edge API.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use contentstack_personalize_edge::session::{Personalize, Session, SessionError};
use serde_json::{json, Map, Value};

use super::edge::{edge, received, split_at_marks, Recorded};
use super::scenario::{Action, Scenario};

/// What a client did: its requests by step (init, then one per action) and its state after
/// the actions.
pub struct Outcome {
    pub steps: Vec<Vec<Recorded>>,
    pub cookies: Vec<String>,
    pub user_id: Option<String>,
    pub variant_param: String,
    pub aliases: Vec<String>,
    /// Calls that returned an error (Rust only: the JS client ignores write answers).
    pub failures: Vec<String>,
}

pub async fn run_js(scenario: &Scenario) -> Outcome {
    let server = edge(scenario.manifest, scenario.assigned_user).await;
    let input = json!({
        "baseUrl": server.uri(),
        "projectUid": "project-1",
        "url": scenario.url,
        "headers": scenario.headers.iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<Map<_, _>>(),
        "options": scenario.options,
        "actions": scenario.actions.iter().map(Action::to_js).collect::<Vec<_>>(),
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
        steps: split_at_marks(received(&server).await, scenario.actions.len()),
        cookies: strings("cookies"),
        user_id: printed["userId"].as_str().map(str::to_owned),
        variant_param: printed["variantParam"].as_str().expect("variantParam").to_owned(),
        aliases: strings("aliases"),
        failures: Vec::new(),
    }
}

pub async fn run_rust(scenario: &Scenario) -> Outcome {
    let server = edge(scenario.manifest, scenario.assigned_user).await;
    let personalize = Personalize::builder("project-1").base_url(server.uri()).build().expect("handle");
    let mut request = http::Request::builder().uri(scenario.url);
    for (name, value) in &scenario.headers {
        request = request.header(*name, *value);
    }
    let (parts, ()) = request.body(()).expect("request").into_parts();
    let options = &scenario.options;
    let mut builder = personalize.session().request(&parts);
    if let Some(id) = options["userId"].as_str() {
        builder = builder.user_uid(id);
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
    let mut session = builder.start().await.expect("session");

    // Each call is awaited, so its requests are recorded when it returns.
    let mut all = received(&server).await;
    let mut steps = vec![all.clone()];
    let mut failures = Vec::new();
    for (index, action) in scenario.actions.iter().enumerate() {
        if let Err(error) = perform(&mut session, action.call()).await {
            failures.push(format!("action {}: {}: Rust call failed: {error}", index + 1, action.label()));
        }
        let now = received(&server).await;
        steps.push(now[all.len()..].to_vec());
        all = now;
    }

    let mut headers = http::HeaderMap::new();
    let state = session.append_state(&mut headers);
    for skipped in state.skipped() {
        failures.push(format!("append_state: {skipped}"));
    }
    Outcome {
        steps,
        cookies: headers.get_all("set-cookie").iter().map(|v| v.to_str().expect("ascii").to_owned()).collect(),
        user_id: session.user_uid().map(str::to_owned),
        variant_param: session.variant_param(),
        aliases: session.variant_aliases(),
        failures,
    }
}

async fn perform(session: &mut Session, action: &Action) -> Result<(), SessionError> {
    match action {
        Action::Impressions(ids) => session.trigger_impressions(ids).await,
        Action::ImpressionsByAliases(aliases) => session.trigger_impressions_by_aliases(aliases).await,
        Action::Event(key) => session.trigger_event(key).await,
        Action::SetAttributes(text) => {
            let attributes: Map<String, Value> = serde_json::from_str(text).expect("harness: attributes are an object");
            session.set_attributes(attributes).await
        }
        Action::ChangeUser { id, merge: true } => session.set_user_uid_and_merge(*id).await,
        Action::ChangeUser { id, merge: false } => {
            session.set_user_uid(*id);
            Ok(())
        }
        Action::Departs(..) => unreachable!("perform gets Action::call()"),
    }
}
