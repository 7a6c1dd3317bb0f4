//! The limits of a call, base URLs, JSON request bodies.

use ::std::time::Duration;

use super::error::{BuildError, Failure, InvalidRequest};
use super::transport::TransportError;

/// How long the default HTTP client tries to establish a connection: 10 seconds. Within
/// the call's timeout; it matters when a name resolves to several addresses, as the time
/// is shared among them, so one address that swallows packets does not use up the call.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a call may take by default, from connecting to the last byte of the answer's
/// body: 30 seconds. Set per client (`ClientBuilder::call_timeout`) or per call
/// (`.call_timeout(..)` on a request builder).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The largest answer body read by default: 16 MiB. A body (or a declared
/// `Content-Length`) larger than this is [`Error::ResponseTooLarge`](super::Error::ResponseTooLarge)
/// and reading stops at once, so a faulty or hostile server cannot make the client hold
/// more; far above any JSON answer an API sends, far below what hurts a server. Set per
/// client (`ClientBuilder::max_response_bytes`) or per call; streamed downloads
/// ([`ByteStream`](super::ByteStream)) are not limited.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// Checks a base URL and returns it in the form paths are appended to.
///
/// The URL must be absolute `http` or `https` with no query and no fragment. Trailing
/// slashes are removed, so appending `/manifest` never gives `//manifest`.
pub fn normalize_base_url(url: &str) -> Result<::std::string::String, BuildError> {
    let parsed = ::url::Url::parse(url).map_err(|error| BuildError::invalid_base_url(url, error.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        let reason = format!("the scheme must be http or https, not {}", parsed.scheme());
        return Err(BuildError::invalid_base_url(url, reason));
    }
    if parsed.query().is_some() {
        return Err(BuildError::invalid_base_url(url, "must not have a query"));
    }
    if parsed.fragment().is_some() {
        return Err(BuildError::invalid_base_url(url, "must not have a fragment"));
    }
    Ok(parsed.as_str().trim_end_matches('/').to_owned())
}

/// Serializes a request body as JSON, members in JavaScript's order (see `js_order`); a
/// value JSON cannot express (for example a map with non-string keys) becomes an
/// [`InvalidRequest`] for `parameter`.
pub fn json_body<T: ::serde::Serialize + ?Sized>(parameter: &str, value: &T) -> Result<Vec<u8>, InvalidRequest> {
    super::js_order::to_vec(value)
        .map_err(|error| InvalidRequest::new(parameter, format!("cannot be serialized as JSON: {error}")))
}

/// The limits of one call: its timeout and the largest body it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// From connecting to the last byte of the body.
    pub timeout: Duration,
    /// The largest body read, in bytes.
    pub max_response_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { timeout: DEFAULT_TIMEOUT, max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES }
    }
}

/// A transport error as a [`Failure`]: a timeout says after how long and, if known, the
/// status of the answer whose body was being read.
pub(super) fn failure(
    error: TransportError,
    limits: Limits,
    started: ::web_time::Instant,
    status: Option<::http::StatusCode>,
) -> Failure {
    if !error.is_timeout() {
        return Failure::Transport(error);
    }
    // The call's own timeout strikes at `limits.timeout` or just after; anything earlier
    // is a timeout of the HTTP client itself (its connect or read timeout), and then the
    // time the call had run is what can be said.
    let elapsed = started.elapsed();
    let after = if elapsed >= limits.timeout {
        limits.timeout
    } else {
        Duration::from_millis(u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX))
    };
    match status {
        None if error.is_connect() => Failure::Timeout(super::answers::Timeout::connecting(after)),
        status => Failure::Timeout(super::answers::Timeout::new(after, status)),
    }
}
