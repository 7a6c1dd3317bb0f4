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
//! let session = personalize.session().request(&parts).start().await?;
//! let aliases = session.variant_aliases(); // for the Content Delivery API
//! session.trigger_impressions(&["0", "1"]).await?;
//!
//! let mut response_headers = http::HeaderMap::new();
//! session.append_state(&mut response_headers)?; // the two Set-Cookie headers
//! # Ok(response_headers)
//! # }
//! ```

mod cookies;
mod error;
mod start;
mod variants;
mod visit;

use std::sync::Arc;

pub use cookies::{LYTICS_AUDIENCES_COOKIE, LYTICS_ID_COOKIE, MANIFEST_COOKIE, USER_COOKIE};
pub use error::SessionError;
pub use start::SessionBuilder;
pub use variants::{variant_param_to_aliases, ALIAS_PREFIX, DEFAULT_VARIANT_QUERY_PARAM};
pub use visit::{ActiveVariant, FlushError, Session};

use crate::{BuildError, Client, Region};

/// `x-user-agent` of every call: who is calling, as the JS client says `personalize-edge-sdk-js/<version>`.
pub const CLIENT_USER_AGENT: &str = concat!("contentstack-personalize-edge-rust/", env!("CARGO_PKG_VERSION"));

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
}

impl Personalize {
    /// Starts configuring the handle of the project `project_uid`.
    pub fn builder(project_uid: impl Into<String>) -> PersonalizeBuilder {
        PersonalizeBuilder {
            project_uid: project_uid.into(),
            client: Client::builder(),
            variant_query_param: DEFAULT_VARIANT_QUERY_PARAM.to_owned(),
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
}

/// Configures a [`Personalize`] handle.
#[derive(Debug)]
pub struct PersonalizeBuilder {
    project_uid: String,
    client: crate::ClientBuilder,
    variant_query_param: String,
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

    /// The HTTP client to send with (timeouts, proxies, TLS); by default one with a 10 s
    /// connect and 30 s total timeout.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.client = self.client.http_client(client);
        self
    }

    /// The name of the query parameter that carries the variant parameter to the origin
    /// (`customVariantQueryParam` of the JS client).
    pub fn variant_query_param(mut self, name: impl Into<String>) -> Self {
        self.variant_query_param = name.into();
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
            }),
        })
    }
}
