//! Sending a request and reading the answer into the shapes the API document declares.

use ::std::time::Duration;

use ::bytes::Bytes;
use ::reqwest::header::HeaderMap;
use ::reqwest::StatusCode;
use ::serde::de::DeserializeOwned;

use super::error::{BuildError, Error, InvalidRequest, InvalidResponse, UnexpectedResponse};
use super::response::ResponseValue;

/// How long the default HTTP client waits for a connection to be established: 10 seconds.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long the default HTTP client waits for a whole call, from connecting to the last
/// byte of the response body: 30 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Checks a base URL and returns it in the form paths are appended to.
///
/// The URL must be absolute `http` or `https` with no query and no fragment. Trailing
/// slashes are removed, so appending `/manifest` never gives `//manifest`.
pub fn normalize_base_url(url: &str) -> Result<::std::string::String, BuildError> {
    let parsed = ::reqwest::Url::parse(url).map_err(|error| BuildError::invalid_base_url(url, error.to_string()))?;
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

/// The HTTP client used when none is given: connect timeout [`DEFAULT_CONNECT_TIMEOUT`]
/// (10 s), overall timeout per call [`DEFAULT_TIMEOUT`] (30 s), so that a call can never
/// hang forever.
pub fn default_http_client() -> Result<::reqwest::Client, BuildError> {
    ::reqwest::Client::builder()
        .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
        .timeout(DEFAULT_TIMEOUT)
        .build()
        .map_err(BuildError::http_client)
}

/// Serializes a request body as JSON, members in JavaScript's order (see `js_order`); a
/// value JSON cannot express (for example a map with non-string keys) becomes an
/// [`InvalidRequest`] for `parameter`.
pub fn json_body<T: ::serde::Serialize + ?Sized>(parameter: &str, value: &T) -> Result<Vec<u8>, InvalidRequest> {
    super::js_order::to_vec(value)
        .map_err(|error| InvalidRequest::new(parameter, format!("cannot be serialized as JSON: {error}")))
}

/// Sends `request` and reads the whole response body.
pub async fn execute(request: ::reqwest::RequestBuilder) -> Result<RawResponse, ::reqwest::Error> {
    let mut response = request.send().await?;
    let status = response.status();
    let headers = ::std::mem::take(response.headers_mut());
    let body = response.bytes().await?;
    Ok(RawResponse::new(status, headers, body))
}

/// Sends `request` and returns the response before its body is read, for operations whose
/// successful answer can be streamed.
pub async fn execute_streaming(request: ::reqwest::RequestBuilder) -> Result<StreamedResponse, ::reqwest::Error> {
    let mut response = request.send().await?;
    let status = response.status();
    let headers = ::std::mem::take(response.headers_mut());
    Ok(StreamedResponse { status, headers, response })
}

/// A received response whose body has not been read yet.
#[derive(Debug)]
pub struct StreamedResponse {
    status: StatusCode,
    headers: HeaderMap,
    response: ::reqwest::Response,
}

impl StreamedResponse {
    /// The HTTP status as a number.
    pub fn status_code(&self) -> u16 {
        self.status.as_u16()
    }

    /// Status and headers with an empty body, for parsing the declared response headers.
    pub fn head(&self) -> RawResponse {
        RawResponse::new(self.status, self.headers.clone(), Bytes::new())
    }

    /// Reads the whole body (for the answers that are not streamed: errors, other statuses).
    pub async fn into_raw(self) -> Result<RawResponse, ::reqwest::Error> {
        let body = self.response.bytes().await?;
        Ok(RawResponse::new(self.status, self.headers, body))
    }

    /// The body as a stream of chunks, with status, headers and the parsed declared headers.
    pub fn into_stream<H>(self, typed_headers: H) -> ResponseValue<ByteStream, H> {
        ResponseValue::new(ByteStream { response: self.response }, self.status, self.headers, typed_headers)
    }
}

/// A response body read chunk by chunk as it arrives, for large downloads.
///
/// The client's overall timeout (30 s for the default client) still applies to reading
/// the whole body; give the client builder an HTTP client without one for long downloads.
#[derive(Debug)]
pub struct ByteStream {
    response: ::reqwest::Response,
}

impl ByteStream {
    /// The next chunk of the body, or `None` at its end.
    ///
    /// # Errors
    /// A transport error while reading (connection reset, timeout, ...).
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, ::reqwest::Error> {
        self.response.chunk().await
    }

    /// The rest of the body at once.
    ///
    /// # Errors
    /// A transport error while reading (connection reset, timeout, ...).
    pub async fn bytes(self) -> Result<Bytes, ::reqwest::Error> {
        self.response.bytes().await
    }
}

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
    pub fn bytes(&self) -> Bytes {
        self.body.clone()
    }

    /// Which of the media types a response declares (`declared`, in the document's order)
    /// this answer's `Content-Type` is: the same type, else one a wildcard (`text/*`) covers,
    /// else one of the same family (JSON, text), else the first.
    pub fn media_index(&self, declared: &[&str]) -> usize {
        let received = self
            .headers
            .get(::reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(media_essence)
            .unwrap_or_default();
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

    /// Decodes the body as JSON into `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, InvalidResponse> {
        if self.body.is_empty() {
            return Err(self.invalid("expected a JSON body, got an empty body"));
        }
        ::serde_json::from_slice(&self.body).map_err(|error| self.invalid(format!("expected a JSON body: {error}")))
    }

    /// The body as UTF-8 text.
    pub fn text(&self) -> Result<::std::string::String, InvalidResponse> {
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
    pub fn into_value<T, H>(self, inner: T, typed_headers: H) -> ResponseValue<T, H> {
        ResponseValue::new(inner, self.status, self.headers, typed_headers)
    }

    /// An [`Error::UnexpectedResponse`]: the document does not declare this status.
    pub fn into_unexpected<E>(self) -> Error<E> {
        Error::UnexpectedResponse(UnexpectedResponse::new(self.status, self.headers, self.body))
    }

    /// An [`Error::ErrorResponse`] with the JSON body decoded into `E`, or an
    /// [`Error::InvalidResponse`] if the body does not decode.
    pub fn into_error_response<E: DeserializeOwned>(self) -> Error<E> {
        match self.json() {
            Ok(body) => Error::ErrorResponse(::std::boxed::Box::new(self.into_value(body, ()))),
            Err(error) => Error::InvalidResponse(error),
        }
    }

    /// An [`InvalidResponse`] for this response; clones only reference-counted data and
    /// the header map, and only on the error path.
    fn invalid(&self, reason: impl Into<::std::string::String>) -> InvalidResponse {
        InvalidResponse::new(self.status, self.headers.clone(), self.body.clone(), reason)
    }
}

/// `text/plain; charset=utf-8` -> `text/plain`.
fn media_essence(media: &str) -> ::std::string::String {
    media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}
