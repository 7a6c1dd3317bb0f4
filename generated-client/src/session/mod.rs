//! Per-visitor personalization on top of the generated operations: what the official JS client
//! (`@contentstack/personalize-edge-sdk` 1.0.27) does, done the Rust way.
//!
//! A [`Personalize`] handle is configured once per project and shared; each incoming request
//! starts a [`Session`] (its manifest and user uid), which gives the variant aliases and the
//! variant parameter, records impressions and events (at once or batched), updates attributes
//! and identity, and writes the visitor's state back as the cookies the JS client reads.
//!
//! ```no_run
//! use contentstack_personalize_edge::session::Personalize;
//! use contentstack_personalize_edge::Region;
//!
//! # async fn handle(request: http::Request<()>) -> Result<http::HeaderMap, Box<dyn std::error::Error>> {
//! let personalize = Personalize::builder("0123456789abcdef01234567").region(Region::AwsEu).build()?;
//!
//! let (parts, _body) = request.into_parts();
//! // Within the manifest budget (1 s unless configured); if the Edge API cannot answer in
//! // time, the page gets its base content and `session.degraded()` says why.
//! let session = personalize.session().request(&parts).start_fail_open().await;
//! let aliases = session.variant_aliases(); // for the Content Delivery API
//! session.trigger_impressions(&["0", "1"]).await?;
//!
//! let mut response_headers = http::HeaderMap::new();
//! let state = session.append_state(&mut response_headers); // the two Set-Cookie headers
//! assert!(state.skipped().is_empty());
//! # Ok(response_headers)
//! # }
//! ```
//!
//! # On a page's critical path
//!
//! - **Time**: the manifest call has one budget for all its attempts
//!   ([`PersonalizeBuilder::manifest_timeout`], 1 s by default, or per session); connection
//!   failures and 429/502/503/504 answers are retried within it. After 5 failed manifest calls
//!   in a row, manifest calls pause for 5 s ([`PersonalizeBuilder::pause_after_failures`]):
//!   sessions start degraded at once, so a dead Edge API stops costing pages time. Writes have
//!   their own timeout ([`PersonalizeBuilder::write_timeout`], 2 s) and are never retried on
//!   their own.
//! - **Size**: a manifest answer is read up to [`DEFAULT_MAX_MANIFEST_BYTES`]; a write's answer
//!   up to 64 KiB. No cookie longer than a browser keeps is written.
//! - **Hosts**: the default HTTP client follows no redirect, so the visitor's headers go to the
//!   configured host only.
//! - **Visitor input**: cookies are read one by one from the raw bytes, values that are not
//!   cookie-octets count as absent, and short uids are checked ([`is_short_uid`]) wherever they
//!   come from.

mod breaker;
mod cookies;
mod error;
mod fetch;
mod manifest;
mod query;
mod start;
mod state;
mod variants;
mod visit;

use std::sync::Arc;
use std::time::Duration;

pub use breaker::{DEFAULT_PAUSE, DEFAULT_PAUSE_AFTER_FAILURES};
pub use cookies::{LYTICS_AUDIENCES_COOKIE, LYTICS_ID_COOKIE, MANIFEST_COOKIE, USER_COOKIE};
pub use error::SessionError;
pub use manifest::is_short_uid;
pub use query::{variant_param_of, with_variant_param};
pub use start::SessionBuilder;
pub use state::{AppendedState, SkippedCookie};
pub use variants::{variant_param_to_aliases, ALIAS_PREFIX, DEFAULT_VARIANT_QUERY_PARAM};
#[cfg(feature = "tower")]
pub(crate) use visit::Outbox;
pub use visit::{ActiveVariant, FlushError, Session};

use crate::{BuildError, Client, Region};

/// `x-user-agent` of every call: who is calling, as the JS client says `personalize-edge-sdk-js/<version>`.
pub const CLIENT_USER_AGENT: &str = concat!("contentstack-personalize-edge-rust/", env!("CARGO_PKG_VERSION"));

/// Default latency budget of a session's manifest call, all attempts included: one second, so
/// that a slow or dead Edge API delays a page by at most that much (the API usually answers in
/// tens of milliseconds).
pub const DEFAULT_MANIFEST_TIMEOUT: Duration = Duration::from_secs(1);
/// Default timeout of each write call (attributes, merge, events): two seconds. Writes do not
/// decide what the page shows, so they may wait a little longer than the manifest.
pub const DEFAULT_WRITE_TIMEOUT: Duration = Duration::from_secs(2);
/// Default limit of a manifest answer's body: 512 KiB, some 8,000 experiences, far more than a
/// project has; a bigger answer is an error, not a page's worth of memory.
pub const DEFAULT_MAX_MANIFEST_BYTES: usize = 512 * 1024;

/// The Personalize project a service works for: configured once, cheap to clone, safe to share
/// across threads and requests. It holds no per-visitor state.
#[derive(Debug, Clone)]
pub struct Personalize {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    client: Client,
    project_uid: String,
    variant_query_param: String,
    manifest_timeout: Duration,
    write_timeout: Duration,
    max_manifest_bytes: usize,
    breaker: breaker::Breaker,
}

impl Personalize {
    /// Starts configuring the handle of the project `project_uid`.
    pub fn builder(project_uid: impl Into<String>) -> PersonalizeBuilder {
        PersonalizeBuilder {
            project_uid: project_uid.into(),
            client: Client::builder(),
            variant_query_param: DEFAULT_VARIANT_QUERY_PARAM.to_owned(),
            manifest_timeout: DEFAULT_MANIFEST_TIMEOUT,
            write_timeout: DEFAULT_WRITE_TIMEOUT,
            max_manifest_bytes: DEFAULT_MAX_MANIFEST_BYTES,
            pause: (DEFAULT_PAUSE_AFTER_FAILURES, DEFAULT_PAUSE),
        }
    }

    /// Starts a visitor session: give it the incoming request and/or explicit options, then
    /// `start().await`.
    pub fn session(&self) -> SessionBuilder<'_> {
        SessionBuilder::new(self)
    }

    /// The generated client, for calls the session does not cover.
    pub fn client(&self) -> &Client {
        &self.inner.client
    }

    /// The project uid sent with every call.
    pub fn project_uid(&self) -> &str {
        &self.inner.project_uid
    }

    /// Name of the URL query parameter that carries the variant parameter to the origin
    /// (`personalize_variants` unless configured).
    pub fn variant_query_param(&self) -> &str {
        &self.inner.variant_query_param
    }

    /// The latency budget of a session's manifest call, retries included.
    pub fn manifest_timeout(&self) -> Duration {
        self.inner.manifest_timeout
    }

    /// The timeout of each write call.
    pub fn write_timeout(&self) -> Duration {
        self.inner.write_timeout
    }

    /// The most bytes of a manifest answer read.
    pub fn max_manifest_bytes(&self) -> usize {
        self.inner.max_manifest_bytes
    }

    pub(crate) fn breaker(&self) -> &breaker::Breaker {
        &self.inner.breaker
    }
}

/// Configures a [`Personalize`] handle.
#[derive(Debug)]
pub struct PersonalizeBuilder {
    project_uid: String,
    client: crate::ClientBuilder,
    variant_query_param: String,
    manifest_timeout: Duration,
    write_timeout: Duration,
    max_manifest_bytes: usize,
    pause: (u32, Duration),
}

impl PersonalizeBuilder {
    /// The region of the project (AWS North America by default).
    pub fn region(mut self, region: Region) -> Self {
        self.client = self.client.region(region);
        self
    }

    /// Any base URL instead of a region's (a proxy, a test server).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.client = self.client.base_url(url);
        self
    }

    /// The HTTP client to send with (proxies, TLS, connection pool); by default one that follows
    /// no redirect. A client given here is the caller's choice in full: if it follows
    /// redirects, a redirect to another host receives the visitor's user uid, IP address and
    /// attributes. The session's own timeouts apply to every call either way.
    #[cfg(feature = "reqwest")]
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.client = self.client.http_client(client);
        self
    }

    /// The transport every call goes through instead of the default (reqwest's): a wasm
    /// runtime's `fetch`, a test double, or one wrapping another for retries or metrics.
    /// Needed without the `reqwest` feature. The session's timeouts are passed to it with
    /// each call, and its timer paces the manifest retries.
    pub fn transport(mut self, transport: impl crate::runtime::Transport) -> Self {
        self.client = self.client.transport(transport);
        self
    }

    /// A hook run before each call is sent and after its answer's head arrives (a request id,
    /// metrics), as [`ClientBuilder::hook`](crate::ClientBuilder::hook); hooks run in the
    /// order added.
    pub fn hook(mut self, hook: impl crate::runtime::Hook) -> Self {
        self.client = self.client.hook(hook);
        self
    }

    /// The name of the query parameter that carries the variant parameter to the origin
    /// (`customVariantQueryParam` of the JS client).
    pub fn variant_query_param(mut self, name: impl Into<String>) -> Self {
        self.variant_query_param = name.into();
        self
    }

    /// The latency budget of a session's manifest call, all attempts included
    /// ([`DEFAULT_MANIFEST_TIMEOUT`] unless set); a session may set its own
    /// ([`SessionBuilder::manifest_timeout`]).
    pub fn manifest_timeout(mut self, budget: Duration) -> Self {
        self.manifest_timeout = budget;
        self
    }

    /// The timeout of each write call ([`DEFAULT_WRITE_TIMEOUT`] unless set).
    pub fn write_timeout(mut self, timeout: Duration) -> Self {
        self.write_timeout = timeout;
        self
    }

    /// The most bytes of a manifest answer read ([`DEFAULT_MAX_MANIFEST_BYTES`] unless set).
    pub fn max_manifest_bytes(mut self, limit: usize) -> Self {
        self.max_manifest_bytes = limit;
        self
    }

    /// After `failures` manifest calls in a row found the Edge API unavailable (no answer in
    /// time, no connection, 429 or 5xx), manifest calls pause for `pause`: sessions start with
    /// [`SessionError::ManifestPaused`] at once, without a request (degraded, with
    /// [`start_fail_open`](SessionBuilder::start_fail_open)). Then one session tries again; a
    /// success ends the pause. By default 5 failures and 5 s; `failures` 0 never pauses.
    pub fn pause_after_failures(mut self, failures: u32, pause: Duration) -> Self {
        self.pause = (failures, pause);
        self
    }

    /// Builds the handle.
    ///
    /// # Errors
    /// An empty project uid or variant query parameter name, or an unusable base URL.
    pub fn build(self) -> Result<Personalize, BuildError> {
        if self.project_uid.is_empty() {
            return Err(BuildError::invalid_setting("project_uid", "must not be empty"));
        }
        if self.variant_query_param.is_empty() {
            return Err(BuildError::invalid_setting("variant_query_param", "must not be empty"));
        }
        let client = self.client.project_uid(self.project_uid.clone()).client_user_agent(CLIENT_USER_AGENT).build()?;
        Ok(Personalize {
            inner: Arc::new(Inner {
                client,
                project_uid: self.project_uid,
                variant_query_param: self.variant_query_param,
                manifest_timeout: self.manifest_timeout,
                write_timeout: self.write_timeout,
                max_manifest_bytes: self.max_manifest_bytes,
                breaker: breaker::Breaker::new(self.pause.0, self.pause.1),
            }),
        })
    }
}
