//! The errors about an answer: a declared error answer, an undeclared status, an answer
//! that does not match the document, one too large to read, one that did not arrive in time.
//!
//! Their messages are short sentences and their `Debug` is bounded: status, reason and the
//! start of the body, never a whole body, never all headers, because they end up in logs.

use ::std::fmt;
use ::std::ops::Deref;
use ::std::time::Duration;

use ::bytes::Bytes;
use ::http::header::{HeaderMap, LOCATION};
use ::http::StatusCode;

use super::response::ResponseValue;
use super::text::{body_snippet, CutDebug, CutDisplay, Status, SHORT_BYTES, SNIPPET_BYTES};

/// An answer with a status the API document declares as an error, its body decoded as
/// declared (`E`), beside the status, the headers and the raw body it was decoded from.
///
/// Dereferences to the [`ResponseValue`], and through it to the decoded body, so
/// `answer.status()` and the body's fields (`answer.message`) read directly.
#[derive(Clone)]
pub struct ErrorResponse<E> {
    value: ResponseValue<E>,
}

impl<E> ErrorResponse<E> {
    /// An error answer from its decoded body, status and headers.
    pub fn new(value: ResponseValue<E>) -> Self {
        Self { value }
    }

    /// The start of the raw body as text, for messages and logs: at most 512 bytes, invalid
    /// UTF-8 replaced, `…` appended when cut (never inside a character).
    pub fn body_snippet(&self) -> ::std::string::String {
        body_snippet(self.value.body_bytes())
    }

    /// The decoded body, dropping status and headers.
    pub fn into_inner(self) -> E {
        self.value.into_inner()
    }

    /// The decoded body with status and headers.
    pub fn into_response_value(self) -> ResponseValue<E> {
        self.value
    }
}

impl<E> Deref for ErrorResponse<E> {
    type Target = ResponseValue<E>;

    fn deref(&self) -> &ResponseValue<E> {
        &self.value
    }
}

impl<E> fmt::Display for ErrorResponse<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the server answered {}", Status(self.status()))?;
        with_body(f, self.value.body_bytes())
    }
}

impl<E: fmt::Debug> fmt::Debug for ErrorResponse<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorResponse")
            .field("status", &Status(self.status()))
            .field("body", &CutDebug(Deref::deref(&self.value), SNIPPET_BYTES))
            .finish()
    }
}

impl<E: fmt::Debug> ::std::error::Error for ErrorResponse<E> {}

/// What was received, kept by the response errors. Boxed there, so that a `Result` with
/// such an error stays small on the success path.
#[derive(Clone)]
struct Received {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

/// A response that does not match the API document; keeps everything received.
#[derive(Clone)]
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
        // A decoding error may quote a value of the body: the reason is cut too.
        write!(
            f,
            "the {} answer does not match the API document: {}",
            Status(self.status()),
            CutDisplay(self.reason.as_str(), SHORT_BYTES)
        )?;
        if !self.body().is_empty() {
            write!(f, "; body: {}", self.body_snippet())?;
        }
        Ok(())
    }
}

impl fmt::Debug for InvalidResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvalidResponse")
            .field("status", &Status(self.status()))
            .field("reason", &CutDisplay(self.reason.as_str(), SHORT_BYTES))
            .field("body", &self.body_snippet())
            .finish()
    }
}

impl ::std::error::Error for InvalidResponse {}

/// A response with a status the API document does not declare for the operation, a
/// redirect among them (the default HTTP client does not follow redirects; `headers()`
/// keeps the `Location`).
#[derive(Clone)]
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

    /// The start of the raw body: a body of an undeclared status is never decoded, so at
    /// most its first 64 KiB are read (for a moment at most, so that a stalled body does
    /// not hold the call), for the message and for diagnosis.
    pub fn body(&self) -> &Bytes {
        &self.received.body
    }

    /// The start of the body as text, for messages and logs: at most 512 bytes, invalid
    /// UTF-8 replaced, `…` appended when cut (never inside a character).
    pub fn body_snippet(&self) -> ::std::string::String {
        body_snippet(&self.received.body)
    }

    /// The `Location` header as text (for a redirect), if there is one.
    fn location(&self) -> Option<::std::borrow::Cow<'_, str>> {
        let value = self.received.headers.get(LOCATION)?;
        Some(::std::string::String::from_utf8_lossy(value.as_bytes()))
    }
}

impl fmt::Display for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the server answered {}", Status(self.status()))?;
        if let Some(location) = self.location() {
            write!(f, " (Location: {})", CutDisplay(location.as_ref(), SHORT_BYTES))?;
        }
        with_body(f, self.body())
    }
}

impl fmt::Debug for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("UnexpectedResponse");
        debug.field("status", &Status(self.status()));
        if let Some(location) = self.location() {
            debug.field("location", &CutDisplay(location.as_ref(), SHORT_BYTES));
        }
        debug.field("body", &self.body_snippet()).finish()
    }
}

impl ::std::error::Error for UnexpectedResponse {}

/// The call did not finish within its timeout (`call_timeout` of the request or the
/// client): connecting, sending, waiting for the answer or reading its body.
#[derive(Clone, PartialEq, Eq)]
pub struct Timeout {
    after: Duration,
    status: Option<StatusCode>,
    connecting: bool,
}

impl Timeout {
    /// A call that timed out after `after`; `status` when the answer's status line had
    /// arrived and its body was being read.
    pub fn new(after: Duration, status: Option<StatusCode>) -> Self {
        Self { after, status, connecting: false }
    }

    /// A timeout of the HTTP client's connect timeout, before any connection was made.
    pub(super) fn connecting(after: Duration) -> Self {
        Self { after, status: None, connecting: true }
    }

    /// How long the call had run: its timeout, or less when a shorter timeout of the HTTP
    /// client itself (a connect timeout, a read timeout) struck first.
    pub fn after(&self) -> Duration {
        self.after
    }

    /// The status of the answer whose body was still being read, if its head had arrived.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// Whether no connection could be made in time.
    pub(super) fn is_connect(&self) -> bool {
        self.connecting
    }
}

impl fmt::Display for Timeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "timed out after {} ms", self.after.as_millis())?;
        match self.status {
            Some(status) => write!(f, " while reading the body of a {} answer", Status(status)),
            None if self.connecting => f.write_str(" while connecting to the server"),
            None => Ok(()),
        }
    }
}

impl fmt::Debug for Timeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Timeout");
        debug.field("after", &self.after);
        if let Some(status) = self.status {
            debug.field("status", &Status(status));
        }
        if self.connecting {
            debug.field("connecting", &true);
        }
        debug.finish()
    }
}

impl ::std::error::Error for Timeout {}

/// An answer whose body (or declared `Content-Length`) is larger than the call's
/// `max_response_bytes`; reading stopped at the limit.
#[derive(Clone)]
pub struct ResponseTooLarge {
    /// Boxed, so that a `Result` with this error stays small on the success path.
    head: Box<(StatusCode, HeaderMap)>,
    limit: usize,
}

impl ResponseTooLarge {
    /// An error for an answer of `status` and `headers` whose body exceeds `limit` bytes.
    pub fn new(status: StatusCode, headers: HeaderMap, limit: usize) -> Self {
        Self { head: Box::new((status, headers)), limit }
    }

    /// The status of the answer.
    pub fn status(&self) -> StatusCode {
        self.head.0
    }

    /// The headers of the answer.
    pub fn headers(&self) -> &HeaderMap {
        &self.head.1
    }

    /// The limit the body exceeded, in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }
}

impl fmt::Display for ResponseTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} answer's body is larger than the {}-byte limit", Status(self.status()), self.limit)
    }
}

impl fmt::Debug for ResponseTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseTooLarge").field("status", &Status(self.status())).field("limit", &self.limit).finish()
    }
}

impl ::std::error::Error for ResponseTooLarge {}

/// `: <snippet>`, or ` with an empty body`.
fn with_body(f: &mut fmt::Formatter<'_>, body: &[u8]) -> fmt::Result {
    if body.is_empty() {
        f.write_str(" with an empty body")
    } else {
        write!(f, ": {}", body_snippet(body))
    }
}
