//! Errors: one enum for calling an operation, one struct for building the client.

use ::std::fmt;
use ::std::ops::Deref;

use ::bytes::Bytes;
use ::reqwest::header::HeaderMap;
use ::reqwest::StatusCode;

use super::response::ResponseValue;

/// How many bytes of a body an error message shows at most.
const SNIPPET_BYTES: usize = 512;

/// The error of an operation call.
///
/// `E` is the type of the error body the API document declares for the operation
/// (`()` when it declares none).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = ()> {
    /// The request was rejected before anything was sent (a required parameter was
    /// missing, a value broke a constraint of the document or cannot be sent).
    InvalidRequest(InvalidRequest),
    /// The request could not be sent or the response could not be read
    /// (connection, TLS, timeout, ...).
    Transport(::reqwest::Error),
    /// The server answered with a status the document declares as an error; the body
    /// was decoded as declared. Boxed, so `Result<_, Error<E>>` stays small on the happy path.
    ErrorResponse(::std::boxed::Box<ResponseValue<E>>),
    /// The server answered with a status the document does not declare.
    UnexpectedResponse(UnexpectedResponse),
    /// The server's answer is not what the document says: a body that does not decode,
    /// an empty body where JSON was expected, a missing or unparsable response header.
    InvalidResponse(InvalidResponse),
}

impl<E> Error<E> {
    /// The HTTP status of the response, if a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::InvalidRequest(_) => None,
            Error::Transport(error) => error.status(),
            Error::ErrorResponse(response) => Some(response.status()),
            Error::UnexpectedResponse(response) => Some(response.status()),
            Error::InvalidResponse(response) => Some(response.status()),
        }
    }

    /// The headers of the response, if a response was received.
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::InvalidRequest(_) | Error::Transport(_) => None,
            Error::ErrorResponse(response) => Some(response.headers()),
            Error::UnexpectedResponse(response) => Some(response.headers()),
            Error::InvalidResponse(response) => Some(response.headers()),
        }
    }

    /// The decoded error body, for an [`Error::ErrorResponse`].
    pub fn error_body(&self) -> Option<&E> {
        match self {
            Error::ErrorResponse(response) => Some(Deref::deref(response.as_ref())),
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

    /// Whether sending the request or reading the response failed (connection refused,
    /// timeout, ...), the kind of failure that retrying may cure.
    pub fn is_transport(&self) -> bool {
        matches!(self, Error::Transport(_))
    }
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

impl<E> From<::reqwest::Error> for Error<E> {
    fn from(error: ::reqwest::Error) -> Self {
        Error::Transport(error)
    }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(error) => error.fmt(f),
            Error::Transport(error) => write!(f, "transport error: {error}"),
            Error::ErrorResponse(response) => {
                write!(f, "error response {}: {:?}", response.status(), Deref::deref(response.as_ref()))
            }
            Error::UnexpectedResponse(error) => error.fmt(f),
            Error::InvalidResponse(error) => error.fmt(f),
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
    /// `x-project-uid`, or `body`).
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

/// What was received, kept by the response errors. Boxed there, so that a `Result` with
/// such an error stays small on the success path.
#[derive(Debug, Clone)]
struct Received {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

/// A response that does not match the API document; keeps everything received.
#[derive(Debug, Clone)]
pub struct InvalidResponse {
    received: Box<Received>,
    reason: ::std::string::String,
}

impl InvalidResponse {
    /// An error for a received response, with the reason it was rejected.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Bytes, reason: impl Into<::std::string::String>) -> Self {
        Self { received: Box::new(Received { status, headers, body }), reason: reason.into() }
    }

    /// The status of the response.
    pub fn status(&self) -> StatusCode {
        self.received.status
    }

    /// The headers of the response.
    pub fn headers(&self) -> &HeaderMap {
        &self.received.headers
    }

    /// The raw body of the response.
    pub fn body(&self) -> &Bytes {
        &self.received.body
    }

    /// The start of the body as text, for messages and logs: at most 512 bytes, invalid
    /// UTF-8 replaced, `…` appended when cut (never inside a character).
    pub fn body_snippet(&self) -> ::std::string::String {
        body_snippet(&self.received.body)
    }

    /// Why the response was rejected, for example `expected a JSON body, got an empty body`.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for InvalidResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid response {}: {}", self.status(), self.reason)?;
        if !self.body().is_empty() {
            write!(f, "; body: {}", self.body_snippet())?;
        }
        Ok(())
    }
}

impl ::std::error::Error for InvalidResponse {}

/// A response with a status the API document does not declare for the operation.
#[derive(Debug, Clone)]
pub struct UnexpectedResponse {
    received: Box<Received>,
}

impl UnexpectedResponse {
    /// An error for a received response.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        Self { received: Box::new(Received { status, headers, body }) }
    }

    /// The status of the response.
    pub fn status(&self) -> StatusCode {
        self.received.status
    }

    /// The headers of the response.
    pub fn headers(&self) -> &HeaderMap {
        &self.received.headers
    }

    /// The raw body of the response.
    pub fn body(&self) -> &Bytes {
        &self.received.body
    }

    /// The start of the body as text, for messages and logs: at most 512 bytes, invalid
    /// UTF-8 replaced, `…` appended when cut (never inside a character).
    pub fn body_snippet(&self) -> ::std::string::String {
        body_snippet(&self.received.body)
    }
}

impl fmt::Display for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unexpected response {}", self.status())?;
        if self.body().is_empty() {
            f.write_str(" with an empty body")
        } else {
            write!(f, ": {}", self.body_snippet())
        }
    }
}

impl ::std::error::Error for UnexpectedResponse {}

/// The error of building a client.
#[derive(Debug)]
pub struct BuildError {
    kind: BuildErrorKind,
}

#[derive(Debug)]
enum BuildErrorKind {
    InvalidBaseUrl { url: ::std::string::String, reason: ::std::string::String },
    InvalidSetting { setting: ::std::string::String, reason: ::std::string::String },
    HttpClient(::reqwest::Error),
}

impl BuildError {
    /// The base URL `url` cannot be used, for `reason`.
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
    pub fn http_client(error: ::reqwest::Error) -> Self {
        Self { kind: BuildErrorKind::HttpClient(error) }
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
            BuildErrorKind::HttpClient(error) => Some(error),
            _ => None,
        }
    }
}

/// The first [`SNIPPET_BYTES`] bytes of `body` as text (invalid UTF-8 replaced), with `…`
/// appended when the body is longer. The cut never splits a UTF-8 character.
fn body_snippet(body: &[u8]) -> ::std::string::String {
    if body.len() <= SNIPPET_BYTES {
        return ::std::string::String::from_utf8_lossy(body).into_owned();
    }
    let mut cut = SNIPPET_BYTES;
    // Back off over continuation bytes (0b10xx_xxxx) to the start of the character the
    // limit falls in; a UTF-8 character has at most 3 of them, so invalid input that is
    // all continuation bytes cannot make the snippet empty.
    while cut > SNIPPET_BYTES - 3 && body[cut] & 0b1100_0000 == 0b1000_0000 {
        cut -= 1;
    }
    let mut snippet = ::std::string::String::from_utf8_lossy(&body[..cut]).into_owned();
    snippet.push('…');
    snippet
}
