//! The successful (or declared error) response of an operation.

use ::std::fmt;
use ::std::ops::{Deref, DerefMut};

use ::bytes::Bytes;
use ::http::header::HeaderMap;
use ::http::StatusCode;

/// What an operation's `send` returns: the decoded answer (`T` its body, `H` its declared
/// headers), or the [`Error`](super::error::Error) whose documented error bodies are `E`.
pub type CallResult<T, E, H = ()> = Result<ResponseValue<T, H>, super::error::Error<E>>;

/// A decoded response body together with the status and headers it came with, and the raw
/// body it was decoded from.
///
/// `T` is the decoded body; `H` holds the response headers the API document declares,
/// already parsed (`()` when it declares none). The value dereferences to `T`, so the
/// body's fields can be read directly.
#[derive(Clone)]
pub struct ResponseValue<T, H = ()> {
    inner: T,
    status: StatusCode,
    headers: HeaderMap,
    typed_headers: H,
    body: Bytes,
}

impl<T, H> ResponseValue<T, H> {
    /// Wraps a decoded body with the status, the raw headers and the parsed declared
    /// headers; its [`body_bytes`](Self::body_bytes) are empty.
    pub fn new(inner: T, status: StatusCode, headers: HeaderMap, typed_headers: H) -> Self {
        Self { inner, status, headers, typed_headers, body: Bytes::new() }
    }

    /// As [`new`](Self::new), keeping the raw body the value was decoded from.
    pub(super) fn with_body(inner: T, status: StatusCode, headers: HeaderMap, typed_headers: H, body: Bytes) -> Self {
        Self { inner, status, headers, typed_headers, body }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// All headers of the response.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The response headers the API document declares, parsed.
    pub fn typed_headers(&self) -> &H {
        &self.typed_headers
    }

    /// The raw body exactly as received, the buffer the value was decoded from (no copy).
    /// Empty for answers without a declared body and for streamed ones
    /// ([`ByteStream`](super::ByteStream)); for a declared error answer without a body,
    /// the start of what the server sent anyway (up to 64 KiB).
    pub fn body_bytes(&self) -> &Bytes {
        &self.body
    }

    /// The decoded body, dropping status and headers.
    pub fn into_inner(self) -> T {
        self.inner
    }

    /// The decoded body, status, raw headers and parsed declared headers.
    pub fn into_parts(self) -> (T, StatusCode, HeaderMap, H) {
        (self.inner, self.status, self.headers, self.typed_headers)
    }

    /// Transforms the body, keeping status, headers and raw body.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U, H> {
        ResponseValue {
            inner: f(self.inner),
            status: self.status,
            headers: self.headers,
            typed_headers: self.typed_headers,
            body: self.body,
        }
    }
}

impl<T: fmt::Debug, H: fmt::Debug> fmt::Debug for ResponseValue<T, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The raw body as its length: the decoded value already shows what it says.
        f.debug_struct("ResponseValue")
            .field("inner", &self.inner)
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("typed_headers", &self.typed_headers)
            .field("body_bytes", &format_args!("{} bytes", self.body.len()))
            .finish()
    }
}

impl<T, H> Deref for ResponseValue<T, H> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T, H> DerefMut for ResponseValue<T, H> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}
