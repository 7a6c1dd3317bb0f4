//! Starting a session: the manifest request of FACTS 6.2-6.4 within the latency budget, or the
//! manifest cookie; strictly, or failing open to the page's base content.

use std::time::Duration;

use web_time::Instant;

use serde_json::{Map, Value};

use super::cookies::{CookieJar, LYTICS_AUDIENCES_COOKIE, LYTICS_ID_COOKIE, MANIFEST_COOKIE, USER_COOKIE};
use super::manifest::CheckedManifest;
use super::{fetch, Personalize, Session, SessionError};
use crate::Error;

/// Error code of the Edge API for an unknown project.
const PROJECT_NOT_FOUND: &str = "personalize.MANIFEST.PROJECT_NOT_FOUND";
/// Live attribute under which the Lytics audiences cookie is sent.
const LYTICS_AUDIENCES_ATTRIBUTE: &str = "__lytics_audiences";
/// Lytics identity field of the `seerid` cookie.
const LYTICS_ID_FIELD: &str = "_uid";

/// Options of a new [`Session`]: the incoming request and/or explicit values. Made by
/// [`Personalize::session`].
#[derive(Debug)]
#[must_use = "a session builder does nothing until `start` is awaited"]
pub struct SessionBuilder<'p> {
    personalize: &'p Personalize,
    cookies: CookieJar,
    user_agent: Option<String>,
    referer: Option<String>,
    forwarded_for: Option<String>,
    page_url: Option<String>,
    user_uid: Option<String>,
    live_attributes: Map<String, Value>,
    tags: Vec<String>,
    lytics_id: Option<(String, String)>,
    use_manifest_cookie: bool,
    manifest_timeout: Duration,
}

impl<'p> SessionBuilder<'p> {
    pub(super) fn new(personalize: &'p Personalize) -> Self {
        SessionBuilder {
            personalize,
            cookies: CookieJar::default(),
            user_agent: None,
            referer: None,
            forwarded_for: None,
            page_url: None,
            user_uid: None,
            live_attributes: Map::new(),
            tags: Vec::new(),
            lytics_id: None,
            use_manifest_cookie: false,
            manifest_timeout: personalize.manifest_timeout(),
        }
    }

    /// Takes what the Edge API needs from the visitor's request: its cookies (user uid, Lytics),
    /// `User-Agent`, `Referer` and `X-Forwarded-For` (forwarded as they are, only when present
    /// and non-empty), and the page URL.
    ///
    /// The page URL is the request URI when it is absolute; otherwise it is rebuilt from the
    /// `Host` header, the scheme of `X-Forwarded-Proto` (else `https`) and the URI's path and
    /// query. Set [`page_url`](Self::page_url) when the server knows better.
    pub fn request(mut self, parts: &http::request::Parts) -> Self {
        let headers = &parts.headers;
        self.cookies = CookieJar::from_headers(headers);
        self.user_agent = header(headers, http::header::USER_AGENT);
        self.referer = header(headers, http::header::REFERER);
        self.forwarded_for = header(headers, "x-forwarded-for");
        if self.page_url.is_none() {
            self.page_url = page_url(&parts.uri, headers);
        }
        self
    }

    /// The full URL of the page being visited (`X-Page-Url`), sent as it is.
    pub fn page_url(mut self, url: impl Into<String>) -> Self {
        self.page_url = Some(url.into());
        self
    }

    /// The visitor's user uid; it wins over the `cs-personalize-user-uid` cookie.
    pub fn user_uid(mut self, user_uid: impl Into<String>) -> Self {
        self.user_uid = Some(user_uid.into());
        self
    }

    /// The latency budget of this session's manifest call, retries included (the handle's
    /// [`manifest_timeout`](super::PersonalizeBuilder::manifest_timeout) unless set).
    pub fn manifest_timeout(mut self, budget: Duration) -> Self {
        self.manifest_timeout = budget;
        self
    }

    /// Attribute values evaluated for this request only (`X-Live-Attributes`); their keys must
    /// be attributes configured in the project. They win over the Lytics audiences cookie on
    /// equal keys.
    pub fn live_attributes(mut self, attributes: Map<String, Value>) -> Self {
        self.live_attributes = attributes;
        self
    }

    /// Only experiences with at least one of these tags are evaluated (at most 10).
    pub fn tags(mut self, tags: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.tags = tags.into_iter().map(Into::into).collect();
        self
    }

    /// The visitor's Lytics identity (for example `("email", "ana@example.com")`). A `seerid`
    /// cookie in the request wins over it; an empty field or value sends nothing.
    pub fn lytics_id(mut self, field: impl Into<String>, value: impl Into<String>) -> Self {
        self.lytics_id = Some((field.into(), value.into()));
        self
    }

    /// Use the manifest of the request's `cs-personalize-manifest` cookie when there is a
    /// readable one, without a network call. Off by default.
    ///
    /// The cookie is visitor input: the visitor can write any manifest into it and so choose
    /// their own variants (and the manifest may be stale). Turn this on only where that is
    /// acceptable, such as pages whose variants are cosmetic. Whatever the cookie holds, only
    /// experiences whose short uids pass [`is_short_uid`](super::is_short_uid) are taken; the
    /// rest is dropped before it can reach an alias, the variant parameter or an event.
    pub fn use_manifest_cookie(mut self, yes: bool) -> Self {
        self.use_manifest_cookie = yes;
        self
    }

    /// Gets the visitor's manifest (within the latency budget) and starts the session.
    ///
    /// # Errors
    /// [`SessionError::ProjectNotFound`] for an unknown project; [`SessionError::ManifestTimedOut`]
    /// when the budget ran out; [`SessionError::ManifestUnavailable`] for any other failure, with
    /// the status when the API answered. [`start_fail_open`](Self::start_fail_open) never fails.
    pub async fn start(self) -> Result<Session, SessionError> {
        let user_uid = self.known_user_uid();
        self.fetch(user_uid).await
    }

    /// Starts the session whatever happens: when the manifest cannot be had (any error
    /// [`start`](Self::start) would return), the session has no active variant, so the page
    /// renders its base content, keeps the visitor's user uid (from the options or the cookie)
    /// and is [`degraded`](Session::degraded) with the reason; a `tracing` warning says so.
    pub async fn start_fail_open(self) -> Session {
        let user_uid = self.known_user_uid();
        let personalize = self.personalize.clone();
        match self.fetch(user_uid.clone()).await {
            Ok(session) => session,
            Err(reason) => {
                #[cfg(feature = "tracing")]
                tracing::warn!("personalization is off for this page, which gets its base content: {reason}");
                Session::without_manifest(personalize, user_uid, reason)
            }
        }
    }

    /// The visitor's user uid before the manifest call: the option, else a usable cookie.
    fn known_user_uid(&self) -> Option<String> {
        let user_uid = self.user_uid.clone().or_else(|| self.cookies.get(USER_COOKIE).map(str::to_owned));
        user_uid.filter(|id| !id.is_empty())
    }

    async fn fetch(self, user_uid: Option<String>) -> Result<Session, SessionError> {
        if self.use_manifest_cookie {
            if let Some(manifest) = self.cookies.get_json(MANIFEST_COOKIE).and_then(CheckedManifest::from_cookie) {
                return Ok(Session::new(self.personalize.clone(), manifest, user_uid));
            }
        }
        let breaker = self.personalize.breaker();
        if let Err(resumes_in) = breaker.admit() {
            return Err(SessionError::ManifestPaused { resumes_in });
        }
        let fetched = self.fetch_manifest(user_uid).await;
        match &fetched {
            Err(error) if error.edge_unavailable() => breaker.failed(),
            _ => breaker.succeeded(),
        }
        fetched
    }

    async fn fetch_manifest(self, user_uid: Option<String>) -> Result<Session, SessionError> {
        let started = Instant::now();
        let budget = self.manifest_timeout;
        let request = self.manifest_request(user_uid.as_deref());
        let transport = self.personalize.client().transport();
        match fetch::manifest_within(request, &**transport, budget, started).await {
            Ok(response) => {
                let Some(manifest) = CheckedManifest::from_answer(response.body_bytes()) else {
                    // The generated call decoded this very body; it can only fail here if the
                    // answer's JSON is not an object, which that decoding already refused.
                    return Err(SessionError::ManifestUnavailable(Error::InvalidResponse(
                        crate::runtime::InvalidResponse::new(
                            response.status(),
                            response.headers().clone(),
                            response.body_bytes().clone(),
                            "the manifest is not a JSON object",
                        ),
                    )));
                };
                // The user uid the API answers with is the session's; when it sends none, the one
                // sent is kept rather than lost (the JS client would turn it into `null`).
                let assigned = response.user_uid().filter(|id| !id.is_empty()).map(str::to_owned);
                Ok(Session::new(self.personalize.clone(), manifest, assigned.or(user_uid)))
            }
            Err((Error::ErrorResponse(answer), _)) if answer.status() == 404 && answer.error == PROJECT_NOT_FOUND => {
                Err(SessionError::ProjectNotFound { project_uid: self.personalize.project_uid().to_owned() })
            }
            Err((error, attempts)) if error.is_timeout() || started.elapsed() >= budget => {
                Err(SessionError::ManifestTimedOut { budget, attempts, last: error })
            }
            Err((error, _)) => Err(SessionError::ManifestUnavailable(error)),
        }
    }

    fn manifest_request(&self, user_uid: Option<&str>) -> crate::builder::GetManifest<'p> {
        let mut request =
            self.personalize.client().get_manifest().max_response_bytes(self.personalize.max_manifest_bytes());
        if !self.tags.is_empty() {
            request = request.tags(self.tags.clone());
        }
        if let Some((field, value)) = self.lytics_identity() {
            request = request.lytics_id_field(field).lytics_id_value(value);
        }
        if let Some(url) = &self.page_url {
            request = request.page_url(url);
        }
        if let Some(referer) = &self.referer {
            request = request.referer(referer);
        }
        if let Some(forwarded_for) = &self.forwarded_for {
            request = request.forwarded_for(forwarded_for);
        }
        if let Some(user_agent) = &self.user_agent {
            request = request.user_agent(user_agent);
        }
        if let Some(id) = user_uid {
            request = request.user_uid(id);
        }
        let live = self.merged_live_attributes();
        if !live.is_empty() {
            request = request.live_attributes(live);
        }
        request
    }

    /// The `seerid` cookie wins; else both explicit values, when neither is empty.
    fn lytics_identity(&self) -> Option<(String, String)> {
        if let Some(seerid) = self.cookies.get(LYTICS_ID_COOKIE) {
            return Some((LYTICS_ID_FIELD.to_owned(), seerid.to_owned()));
        }
        self.lytics_id.clone().filter(|(field, value)| !field.is_empty() && !value.is_empty())
    }

    /// The audiences cookie first, then the caller's attributes (which win on equal keys but,
    /// as in a JS object, do not move an existing key).
    fn merged_live_attributes(&self) -> Map<String, Value> {
        let mut live = Map::new();
        if let Some(audiences) = self.cookies.get(LYTICS_AUDIENCES_COOKIE) {
            live.insert(LYTICS_AUDIENCES_ATTRIBUTE.to_owned(), Value::String(audiences.to_owned()));
        }
        for (key, value) in &self.live_attributes {
            live.insert(key.clone(), value.clone());
        }
        live
    }
}

/// A header's text when present, non-empty and readable as text.
fn header(headers: &http::HeaderMap, name: impl http::header::AsHeaderName) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty()).map(str::to_owned)
}

fn page_url(uri: &http::Uri, headers: &http::HeaderMap) -> Option<String> {
    if uri.scheme().is_some() && uri.authority().is_some() {
        return Some(uri.to_string());
    }
    // The `Host` header is the visitor's to write: only a well-formed host[:port] is taken.
    let host = header(headers, http::header::HOST)?;
    let authority: http::uri::Authority = host.parse().ok()?;
    if authority.as_str().contains('@') {
        return None;
    }
    let scheme = header(headers, "x-forwarded-proto")
        .and_then(|p| p.split(',').next().map(|s| s.trim().to_owned()))
        .filter(|p| p == "http" || p == "https")
        .unwrap_or_else(|| "https".to_owned());
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    Some(format!("{scheme}://{host}{path}"))
}
