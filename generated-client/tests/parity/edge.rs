//! The fake Edge API each client runs against, and what it recorded.

use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Path prefix of the marks `js-client.mjs` sends after init and after each action.
pub const MARK: &str = "/__parity/mark/";

/// Answers `GET /manifest` with `manifest` (as is) and `x-cs-personalize-user-uid:
/// assigned_user`, and every other call (the writes, the marks) with `200` and the docs' text.
pub async fn edge(manifest: &str, assigned_user: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/manifest"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-cs-personalize-user-uid", assigned_user)
                .set_body_raw(manifest.to_owned(), "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw("User Attributes added successfully", "text/plain"))
        .with_priority(10)
        .mount(&server)
        .await;
    server
}

/// Every request the server received so far, in order.
pub async fn received(server: &MockServer) -> Vec<Recorded> {
    server.received_requests().await.expect("recording on").iter().map(Recorded::from).collect()
}

/// One request as the fake server received it.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    /// Lowercase names, sorted; all of them (the comparison leaves out what it does not compare).
    pub headers: Vec<(String, String)>,
    /// The raw body bytes.
    pub body: Vec<u8>,
}

impl From<&Request> for Recorded {
    fn from(request: &Request) -> Self {
        let mut headers: Vec<(String, String)> = request
            .headers
            .iter()
            .map(|(k, v)| (k.as_str().to_ascii_lowercase(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        headers.sort();
        Recorded {
            method: request.method.as_str().to_owned(),
            path: request.url.path().to_owned(),
            query: request.url.query().map(str::to_owned),
            headers,
            body: request.body.clone(),
        }
    }
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// `METHOD /path?query body`, for the report.
    pub fn line(&self) -> String {
        let query = self.query.as_deref().map(|q| format!("?{q}")).unwrap_or_default();
        format!("{} {}{query} {}", self.method, self.path, String::from_utf8_lossy(&self.body))
    }
}

/// The JS run's requests cut into steps at the marks: init, then one per action. Panics (a
/// harness error) unless the marks are `0..=actions`, in order, and nothing follows the last.
pub fn split_at_marks(requests: Vec<Recorded>, actions: usize) -> Vec<Vec<Recorded>> {
    let mut steps = Vec::new();
    let mut current = Vec::new();
    for request in requests {
        match request.path.strip_prefix(MARK) {
            Some(n) => {
                assert_eq!(n, steps.len().to_string(), "harness: marks out of order");
                steps.push(std::mem::take(&mut current));
            }
            None => current.push(request),
        }
    }
    assert!(current.is_empty(), "harness: JS requests after the last mark: {current:?}");
    assert_eq!(steps.len(), actions + 1, "harness: one mark after init and after each action");
    steps
}
