//! The successful (or declared error) response of an operation.

use ::std::ops::{Deref, DerefMut};

use ::reqwest::header::HeaderMap;
use ::reqwest::StatusCode;

/// A decoded response body together with the status and headers it came with.
///
/// `T` is the decoded body; `H` holds the response headers the API document declares,
/// already parsed (`()` when it declares none). The value dereferences to `T`, so the
/// body's fields can be read directly.
#[derive(Debug, Clone)]
pub struct ResponseValue<T, H = ()> {
    inner: T,
    status: StatusCode,
    headers: HeaderMap,
    typed_headers: H,
}

impl<T, H> ResponseValue<T, H> {
    /// Wraps a decoded body with the status, the raw headers and the parsed declared headers.
    pub fn new(inner: T, status: StatusCode, headers: HeaderMap, typed_headers: H) -> Self {
        Self { inner, status, headers, typed_headers }
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

    /// The decoded body, dropping status and headers.
    pub fn into_inner(self) -> T {
        self.inner
    }

    /// The decoded body, status, raw headers and parsed declared headers.
    pub fn into_parts(self) -> (T, StatusCode, HeaderMap, H) {
        (self.inner, self.status, self.headers, self.typed_headers)
    }

    /// Transforms the body, keeping status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U, H> {
        ResponseValue {
            inner: f(self.inner),
            status: self.status,
            headers: self.headers,
            typed_headers: self.typed_headers,
        }
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
