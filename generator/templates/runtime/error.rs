//! Errors: one enum for calling an operation, one struct for building the client.
//!
//! Messages are short sentences meant for people and logs: the status appears once, a body
//! only as a bounded excerpt, never as Rust `Debug` output.

use ::std::fmt;
use ::std::ops::Deref;
use ::std::time::{Duration, UNIX_EPOCH};

use ::http::header::{HeaderMap, RETRY_AFTER};
use ::http::StatusCode;

use super::answers::{ErrorResponse, InvalidResponse, ResponseTooLarge, Timeout, UnexpectedResponse};
use super::transport::TransportError;

/// The error of an operation call.
///
/// `E` is the type of the error body the API document declares for the operation
/// (`()` when it declares none).
#[non_exhaustive]
pub enum Error<E = ()> {
    /// The request was rejected before anything was sent (a required parameter was
    /// missing, a value broke a constraint of the document or cannot be sent).
    InvalidRequest(InvalidRequest),
    /// The request could not be sent or the response could not be read (connection
    /// refused, DNS, TLS, connection reset, ...).
    Transport(TransportError),
    /// The call did not finish within its timeout (`call_timeout`, 30 s by default).
    Timeout(Timeout),
    /// The answer's body is larger than the call's `max_response_bytes` (16 MiB by
    /// default); reading stopped there.
    ResponseTooLarge(ResponseTooLarge),
    /// The server answered with a status the document declares as an error; the body
    /// was decoded as declared. Boxed, so `Result<_, Error<E>>` stays small on the happy path.
    ErrorResponse(::std::boxed::Box<ErrorResponse<E>>),
    /// The server answered with a status the document does not declare, a redirect
    /// among them.
    UnexpectedResponse(UnexpectedResponse),
    /// The server's answer is not what the document says: a body that does not decode,
    /// an empty body where JSON was expected, a missing or unparsable response header.
    InvalidResponse(InvalidResponse),
}

impl<E> Error<E> {
    /// The HTTP status of the answer, for every error that had one: the error answers, a
    /// body too large, and a timeout while the body was read.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::InvalidRequest(_) => None,
            Error::Transport(_) => None,
            Error::Timeout(timeout) => timeout.status(),
            Error::ResponseTooLarge(error) => Some(error.status()),
            Error::ErrorResponse(response) => Some(response.status()),
            Error::UnexpectedResponse(response) => Some(response.status()),
            Error::InvalidResponse(response) => Some(response.status()),
        }
    }

    /// The headers of the answer, if one was received.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::InvalidRequest(_) | Error::Transport(_) | Error::Timeout(_) => None,
            Error::ResponseTooLarge(error) => Some(error.headers()),
            Error::ErrorResponse(response) => Some(response.headers()),
            Error::UnexpectedResponse(response) => Some(response.headers()),
            Error::InvalidResponse(response) => Some(response.headers()),
        }
    }

    /// How long the server asks to wait before trying again: its `Retry-After` header
    /// (delta-seconds, or an HTTP date, counted from now; a date in the past is zero), on
    /// an error answer, an undeclared status or an answer that does not decode (a `429` or
    /// `503` of a gateway). `None` without the header or when it does not parse.
    pub fn retry_after(&self) -> Option<Duration> {
        let headers = match self {
            Error::ErrorResponse(response) => response.headers(),
            Error::UnexpectedResponse(response) => response.headers(),
            Error::InvalidResponse(response) => response.headers(),
            _ => return None,
        };
        retry_after(headers)
    }

    /// The decoded error body, for an [`Error::ErrorResponse`].
    pub fn error_body(&self) -> Option<&E> {
        match self {
            Error::ErrorResponse(response) => Some(Deref::deref(Deref::deref(response.as_ref()))),
            _ => None,
        }
    }

    /// The decoded error body, for an [`Error::ErrorResponse`], by value.
    pub fn into_error_body(self) -> Option<E> {
        match self {
            Error::ErrorResponse(response) => Some((*response).into_inner()),
            _ => None,
        }
    }

    /// Whether sending the request or reading the answer failed or timed out (connection
    /// refused, reset, timeout, ...), the kind of failure that retrying may cure.
    pub fn is_transport(&self) -> bool {
        matches!(self, Error::Transport(_) | Error::Timeout(_))
    }

    /// Whether the call timed out.
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Timeout(_) => true,
            Error::Transport(error) => error.is_timeout(),
            _ => false,
        }
    }

    /// Whether no connection to the server could be established: refused, a name that
    /// does not resolve, a failed TLS handshake, a connect timeout. Nothing was sent then.
    pub fn is_connect(&self) -> bool {
        match self {
            Error::Transport(error) => error.is_connect(),
            Error::Timeout(timeout) => timeout.is_connect(),
            _ => false,
        }
    }
}

/// `Retry-After`: delta-seconds or an HTTP date (RFC 9110, 10.2.3).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok().map(Duration::from_secs);
    }
    // Seconds since the epoch on both sides: `web_time` reads the clock on wasm too.
    let at = ::httpdate::parse_http_date(text).ok()?.duration_since(UNIX_EPOCH).ok()?;
    let now = ::web_time::SystemTime::now().duration_since(::web_time::UNIX_EPOCH).ok()?;
    Some(at.saturating_sub(now))
}

impl<E> From<InvalidRequest> for Error<E> {
    fn from(error: InvalidRequest) -> Self {
        Error::InvalidRequest(error)
    }
}

impl<E> From<InvalidResponse> for Error<E> {
    fn from(error: InvalidResponse) -> Self {
        Error::InvalidResponse(error)
    }
}

impl<E> From<UnexpectedResponse> for Error<E> {
    fn from(error: UnexpectedResponse) -> Self {
        Error::UnexpectedResponse(error)
    }
}

impl<E> From<TransportError> for Error<E> {
    fn from(error: TransportError) -> Self {
        Error::Transport(error)
    }
}

impl<E> From<Failure> for Error<E> {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Transport(error) => Error::Transport(error),
            Failure::Timeout(timeout) => Error::Timeout(timeout),
            Failure::TooLarge(error) => Error::ResponseTooLarge(error),
        }
    }
}

/// How sending a request or reading an answer failed, before the generated code turns it
/// into its operation's [`Error`] (`?` does).
#[doc(hidden)]
#[derive(Debug)]
pub enum Failure {
    /// [`Error::Transport`].
    Transport(TransportError),
    /// [`Error::Timeout`].
    Timeout(Timeout),
    /// [`Error::ResponseTooLarge`].
    TooLarge(ResponseTooLarge),
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(error) => error.fmt(f),
            Error::Transport(error) => error.fmt(f),
            Error::Timeout(error) => error.fmt(f),
            Error::ResponseTooLarge(error) => error.fmt(f),
            Error::ErrorResponse(response) => response.fmt(f),
            Error::UnexpectedResponse(error) => error.fmt(f),
            Error::InvalidResponse(error) => error.fmt(f),
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(error) => f.debug_tuple("InvalidRequest").field(error).finish(),
            // The sentence alone: its cause is cut short, and the URL is never in it.
            Error::Transport(error) => f.debug_tuple("Transport").field(&error.to_string()).finish(),
            Error::Timeout(error) => f.debug_tuple("Timeout").field(error).finish(),
            Error::ResponseTooLarge(error) => f.debug_tuple("ResponseTooLarge").field(error).finish(),
            Error::ErrorResponse(response) => f.debug_tuple("ErrorResponse").field(response).finish(),
            Error::UnexpectedResponse(error) => f.debug_tuple("UnexpectedResponse").field(error).finish(),
            Error::InvalidResponse(error) => f.debug_tuple("InvalidResponse").field(error).finish(),
        }
    }
}

impl<E: fmt::Debug> ::std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            Error::Transport(error) => Some(error),
            _ => None,
        }
    }
}

/// A request rejected before it was sent: which parameter, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequest {
    parameter: ::std::string::String,
    reason: ::std::string::String,
}

impl InvalidRequest {
    /// An error for `parameter` (its name in the API document, for example
    /// `x-project-uid`, or `body`). Made by the generated code; not part of the documented API.
    #[doc(hidden)]
    pub fn new(parameter: impl Into<::std::string::String>, reason: impl Into<::std::string::String>) -> Self {
        Self { parameter: parameter.into(), reason: reason.into() }
    }

    /// The name of the parameter at fault, as the API document spells it.
    pub fn parameter(&self) -> &str {
        &self.parameter
    }

    /// Why the value was rejected, for example `must not be empty`.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid request: parameter `{}`: {}", self.parameter, self.reason)
    }
}

impl ::std::error::Error for InvalidRequest {}

/// The error of building a client.
#[derive(Debug)]
pub struct BuildError {
    kind: BuildErrorKind,
}

#[derive(Debug)]
enum BuildErrorKind {
    InvalidBaseUrl { url: ::std::string::String, reason: ::std::string::String },
    InvalidSetting { setting: ::std::string::String, reason: ::std::string::String },
    HttpClient(::std::boxed::Box<dyn ::std::error::Error + Send + Sync>),
}

impl BuildError {
    /// The base URL `url` cannot be used, for `reason`. Made by the generated code.
    #[doc(hidden)]
    pub fn invalid_base_url(url: impl Into<::std::string::String>, reason: impl Into<::std::string::String>) -> Self {
        Self { kind: BuildErrorKind::InvalidBaseUrl { url: url.into(), reason: reason.into() } }
    }

    /// The setting `setting` of the client builder is missing or invalid, for `reason`.
    pub fn invalid_setting(
        setting: impl Into<::std::string::String>,
        reason: impl Into<::std::string::String>,
    ) -> Self {
        Self { kind: BuildErrorKind::InvalidSetting { setting: setting.into(), reason: reason.into() } }
    }

    /// The HTTP client could not be built (for example, no TLS backend could be set up).
    /// Made by the generated code.
    #[doc(hidden)]
    pub fn http_client(error: impl ::std::error::Error + Send + Sync + 'static) -> Self {
        Self { kind: BuildErrorKind::HttpClient(::std::boxed::Box::new(error)) }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            BuildErrorKind::InvalidBaseUrl { url, reason } => {
                write!(f, "invalid base URL `{url}`: {reason}")
            }
            BuildErrorKind::InvalidSetting { setting, reason } => {
                write!(f, "invalid client setting `{setting}`: {reason}")
            }
            BuildErrorKind::HttpClient(error) => {
                write!(f, "cannot build the HTTP client: {error}")
            }
        }
    }
}

impl ::std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
        match &self.kind {
            BuildErrorKind::HttpClient(error) => Some(&**error),
            _ => None,
        }
    }
}
