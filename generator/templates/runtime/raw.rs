//! A received answer whose body has been read, decoded into the shapes the API document
//! declares.

use ::bytes::Bytes;
use ::http::header::HeaderMap;
use ::http::StatusCode;
use ::serde::de::DeserializeOwned;

use super::answers::{ErrorResponse, InvalidResponse, UnexpectedResponse};
use super::error::Error;
use super::response::ResponseValue;

/// A received response whose body has been read but not yet decoded.
#[derive(Debug, Clone)]
pub struct RawResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl RawResponse {
    /// A response from its parts.
    pub fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        Self { status, headers, body }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The HTTP status as a number, for matching against the document's status codes.
    pub fn status_code(&self) -> u16 {
        self.status.as_u16()
    }

    /// All response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The raw body (cheap to clone).
    pub fn body_bytes(&self) -> Bytes {
        self.body.clone()
    }

    /// Which of the media types a response declares (`declared`, in the document's order)
    /// this answer's `Content-Type` is: the same type, else one a wildcard (`text/*`) covers,
    /// else one of the same family (JSON, text), else the first.
    pub fn media_index(&self, declared: &[&str]) -> usize {
        media_index(&self.headers, declared)
    }

    /// Decodes the body as JSON into `T`.
    pub fn body_json<T: DeserializeOwned>(&self) -> Result<T, InvalidResponse> {
        if self.body.is_empty() {
            return Err(self.invalid("expected a JSON body, got an empty body"));
        }
        ::serde_json::from_slice(&self.body).map_err(|error| self.invalid(format!("expected a JSON body: {error}")))
    }

    /// The body as UTF-8 text.
    pub fn body_text(&self) -> Result<::std::string::String, InvalidResponse> {
        match ::std::str::from_utf8(&self.body) {
            Ok(text) => Ok(text.to_owned()),
            Err(error) => Err(self.invalid(format!("expected a UTF-8 text body: {error}"))),
        }
    }

    /// Parses response header `name` (case-insensitive; the first value if repeated).
    ///
    /// A missing header is `Ok(None)`, or an error when `required`; a value that is not
    /// UTF-8 or does not parse as `T` is an error.
    pub fn header<T: ::std::str::FromStr>(&self, name: &str, required: bool) -> Result<Option<T>, InvalidResponse> {
        let Some(value) = self.headers.get(name) else {
            return if required { Err(self.invalid(format!("missing response header `{name}`"))) } else { Ok(None) };
        };
        let Ok(text) = ::std::str::from_utf8(value.as_bytes()) else {
            return Err(self.invalid(format!("response header `{name}` is not valid UTF-8")));
        };
        match text.parse() {
            Ok(parsed) => Ok(Some(parsed)),
            Err(_) => Err(self.invalid(format!("response header `{name}` has an unparsable value `{text}`"))),
        }
    }

    /// Parses response header `name`, which the document declares as always present.
    pub fn required_header<T: ::std::str::FromStr>(&self, name: &str) -> Result<T, InvalidResponse> {
        match self.header(name, true)? {
            Some(value) => Ok(value),
            None => Err(self.invalid(format!("missing response header `{name}`"))),
        }
    }

    /// Wraps a decoded body (any type, for example the text of a text body) with this
    /// response's status and headers.
    /// The raw body is kept beside it ([`ResponseValue::body_bytes`]).
    pub fn into_value<T, H>(self, inner: T, typed_headers: H) -> ResponseValue<T, H> {
        ResponseValue::with_body(inner, self.status, self.headers, typed_headers, self.body)
    }

    /// The same answer without its body: a success that declares none keeps nothing of
    /// what the server sent anyway.
    pub(super) fn without_body(mut self) -> Self {
        self.body = Bytes::new();
        self
    }

    /// An [`Error::ErrorResponse`] with a decoded body (any type, for example the text of
    /// a text body, or `()`), keeping the raw body for its message.
    pub fn into_error<E>(self, inner: E) -> Error<E> {
        Error::ErrorResponse(::std::boxed::Box::new(ErrorResponse::new(self.into_value(inner, ()))))
    }

    /// An [`Error::UnexpectedResponse`]: the document does not declare this status.
    pub fn into_unexpected<E>(self) -> Error<E> {
        Error::UnexpectedResponse(UnexpectedResponse::new(self.status, self.headers, self.body))
    }

    /// An [`Error::ErrorResponse`] with the JSON body decoded into `E`, or an
    /// [`Error::InvalidResponse`] if the body does not decode.
    pub fn into_error_response<E: DeserializeOwned>(self) -> Error<E> {
        match self.body_json() {
            Ok(body) => self.into_error(body),
            Err(error) => Error::InvalidResponse(error),
        }
    }

    /// An [`InvalidResponse`] for this response; clones only reference-counted data and
    /// the header map, and only on the error path.
    fn invalid(&self, reason: impl Into<::std::string::String>) -> InvalidResponse {
        InvalidResponse::new(self.status, self.headers.clone(), self.body.clone(), reason)
    }
}

/// Which of `declared` the `Content-Type` of `headers` is (see [`RawResponse::media_index`]).
pub(super) fn media_index(headers: &HeaderMap, declared: &[&str]) -> usize {
    let received =
        headers.get(::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(media_essence).unwrap_or_default();
    let declared: Vec<::std::string::String> = declared.iter().map(|d| media_essence(d)).collect();
    let family = |m: &str| {
        if m == "application/json" || m.ends_with("+json") {
            1
        } else if m.starts_with("text/") {
            2
        } else {
            0
        }
    };
    let covers = |pattern: &str| {
        pattern == "*/*" || pattern.strip_suffix("/*").is_some_and(|kind| received.split('/').next() == Some(kind))
    };
    declared
        .iter()
        .position(|d| *d == received)
        .or_else(|| declared.iter().position(|d| covers(d)))
        .or_else(|| {
            let wanted = family(&received);
            (wanted != 0).then(|| declared.iter().position(|d| family(d) == wanted)).flatten()
        })
        .unwrap_or(0)
}

/// `text/plain; charset=utf-8` -> `text/plain`.
fn media_essence(media: &str) -> ::std::string::String {
    media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}
