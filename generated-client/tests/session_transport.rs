//! The session over a transport of the caller's own (`PersonalizeBuilder::transport`): no
//! socket, no reqwest (this file also runs with `--no-default-features`), the requests the
//! session makes seen as the transport gets them, and the session's budget kept by the
//! transport's timer.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use contentstack_personalize_edge::runtime::{
    BoxFuture, Hook, Operation, Outcome, ResponseBody, Transport, TransportError,
};
use contentstack_personalize_edge::session::{Personalize, SessionError};

const PROJECT_UID: &str = "6656c0a10a9bc2e2f5a4a3b1";
const MANIFEST: &str =
    r#"{"experiences":[{"shortUid":"0","activeVariantShortUid":"0"},{"shortUid":"1","activeVariantShortUid":"1"}]}"#;

/// What the transport was given: method, path and query, headers, body, timeout.
#[derive(Debug, Clone)]
struct Sent {
    method: http::Method,
    uri: http::Uri,
    headers: http::HeaderMap,
    body: Bytes,
    timeout: Duration,
    operation: Option<&'static str>,
}

/// Answers `GET /manifest` with [`MANIFEST`] (or never, when `stall`), anything else with
/// `200 OK`, and keeps every request.
#[derive(Default)]
struct InMemory {
    sent: Mutex<Vec<Sent>>,
    stall: bool,
}

impl Transport for InMemory {
    fn send(
        &self,
        request: http::Request<Bytes>,
        timeout: Duration,
    ) -> BoxFuture<'_, Result<http::Response<ResponseBody>, TransportError>> {
        let operation = request.extensions().get::<Operation>().map(Operation::id);
        let (parts, body) = request.into_parts();
        let manifest = parts.uri.path() == "/manifest";
        self.sent.lock().unwrap().push(Sent {
            method: parts.method,
            uri: parts.uri,
            headers: parts.headers,
            body,
            timeout,
            operation,
        });
        let stall = self.stall && manifest;
        Box::pin(async move {
            if stall {
                // Honours the timeout, as a transport must.
                tokio::time::sleep(timeout).await;
                return Err(TransportError::timeout("no answer in time"));
            }
            let answer = if manifest {
                http::Response::builder()
                    .header("content-type", "application/json")
                    .header("x-cs-personalize-user-uid", "assigned-user")
                    .body(ResponseBody::full(MANIFEST))
            } else {
                http::Response::builder().header("content-type", "text/plain").body(ResponseBody::full("OK"))
            };
            Ok(answer.expect("a valid answer"))
        })
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Counts the outcomes a hook sees.
#[derive(Default)]
struct Outcomes(Mutex<Vec<(String, Option<u16>)>>);

impl Hook for Outcomes {
    fn after(&self, operation: &Operation, outcome: &Outcome<'_>) {
        let status = match outcome {
            Outcome::Answered { status, .. } => Some(status.as_u16()),
            _ => None,
        };
        self.0.lock().unwrap().push((operation.id().to_owned(), status));
    }
}

fn visitor() -> http::request::Parts {
    let request = http::Request::get("https://shop.example/home?x=1")
        .header("user-agent", "Mozilla/5.0")
        .header("cookie", "cs-personalize-user-uid=returning-user")
        .body(())
        .expect("a request");
    request.into_parts().0
}

#[tokio::test]
async fn a_session_runs_over_the_callers_transport() {
    let transport = Arc::new(InMemory::default());
    let outcomes = Arc::new(Outcomes::default());
    let personalize = Personalize::builder(PROJECT_UID)
        .base_url("https://edge.internal")
        .transport(transport.clone())
        .hook(outcomes.clone())
        .build()
        .expect("a handle");
    let mut session = personalize.session().request(&visitor()).start().await.expect("a manifest");
    assert_eq!(session.variant_param(), "0_0,1_1");
    session.queue_event("signup_click");
    assert_eq!(session.flush().await.expect("sent"), 1);

    let sent = transport.sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 2, "{sent:?}");
    let (manifest, events) = (&sent[0], &sent[1]);
    assert_eq!(
        (&manifest.method, manifest.uri.to_string().as_str()),
        (&http::Method::GET, "https://edge.internal/manifest")
    );
    assert_eq!(manifest.operation, Some("getManifest"));
    assert_eq!(manifest.headers["x-project-uid"], PROJECT_UID);
    assert_eq!(manifest.headers["x-cs-personalize-user-uid"], "returning-user", "from the visitor's cookie");
    assert!(manifest.timeout <= Duration::from_secs(1), "within the manifest budget: {:?}", manifest.timeout);
    assert_eq!((&events.method, events.uri.path()), (&http::Method::POST, "/events"));
    assert_eq!(events.operation, Some("trackEvents"));
    let body: serde_json::Value = serde_json::from_slice(&events.body).expect("JSON");
    assert_eq!(body[0]["eventKey"], "signup_click", "{body}");
    assert_eq!(
        *outcomes.0.lock().unwrap(),
        [("getManifest".to_owned(), Some(200)), ("trackEvents".to_owned(), Some(200))]
    );
}

#[tokio::test]
async fn a_transport_that_never_answers_costs_the_budget_and_the_page_renders() {
    let transport = Arc::new(InMemory { stall: true, ..InMemory::default() });
    let personalize = Personalize::builder(PROJECT_UID)
        .base_url("https://edge.internal")
        .transport(transport.clone())
        .manifest_timeout(Duration::from_millis(150))
        .build()
        .expect("a handle");
    let session = personalize.session().request(&visitor()).start_fail_open().await;
    assert!(matches!(session.degraded(), Some(SessionError::ManifestTimedOut { .. })), "{:?}", session.degraded());
    assert_eq!(session.variant_param(), "", "base content");
    let sent = transport.sent.lock().unwrap();
    assert!(!sent.is_empty() && sent.iter().all(|s| s.timeout <= Duration::from_millis(150)), "{sent:?}");
}
