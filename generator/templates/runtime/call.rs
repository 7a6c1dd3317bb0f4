//! One request as `send` builds it: method, URL (base, path, query written once, in
//! place), headers, cookies and body, then sent within the call's limits.
//!
//! The generated `send` states what is specific to its operation, one line per parameter
//! (`call.query("limit", self.limit.as_ref())`); the mechanism is here. Values are written
//! through `Display` straight into the URL (percent-encoded) or into one reused buffer for
//! headers, so no value is copied into a `String` of its own on the way. The styled,
//! cookie and body helpers live beside their encoders (`style.rs`, `body.rs`).

use ::std::fmt::{self, Display, Write as _};

use ::http::header::{HeaderMap, HeaderName, HeaderValue};
use ::percent_encoding::{utf8_percent_encode, AsciiSet};

use super::encode::{header_value, json_ascii, PATH_SEGMENT, QUERY_NAME, URI_COMPONENT};
use super::error::{BuildError, Error, InvalidRequest};
use super::hooks::Operation;
use super::raw::RawResponse;
use super::read::UnreadResponse;
use super::request::{json_body, Limits};
use super::sender::Sender;

/// A request being built by `send`.
#[derive(Debug)]
pub struct Call<'a> {
    sender: &'a Sender,
    operation: Operation,
    pub(super) url: ::std::string::String,
    /// Whether the URL has its `?` already.
    pub(super) in_query: bool,
    headers: HeaderMap,
    pub(super) cookies: ::std::string::String,
    pub(super) body: Option<(HeaderValue, Vec<u8>)>,
    limits: Limits,
    /// The text of the header value being written, reused from header to header.
    scratch: ::std::string::String,
    /// What is left of the operation's path template to write: from the next parameter's
    /// `{name}` on (the literal text before it is written already).
    template: &'static str,
}

impl<'a> Call<'a> {
    /// A request of `operation` to `base_url` (no trailing `/`), sent by `sender` within
    /// `limits`. The URL's path is the operation's path template up to its first parameter;
    /// each `segment` then writes its parameter and the literal text after it. A template's
    /// query string or fragment (`/weather?city={city}`, `/a#b`: see the generator) is never
    /// written: its parameters are query parameters.
    pub fn new(sender: &'a Sender, operation: Operation, base_url: &str, limits: Limits) -> Self {
        let template = operation.path_template();
        let path = template.find(['?', '#']).map_or(template, |end| &template[..end]);
        let mut url = ::std::string::String::with_capacity(base_url.len() + path.len() + 48);
        url.push_str(base_url);
        let mut call = Self {
            sender,
            operation,
            url,
            in_query: false,
            headers: HeaderMap::new(),
            cookies: ::std::string::String::new(),
            body: None,
            limits,
            scratch: ::std::string::String::new(),
            template: path,
        };
        call.write_literal();
        call
    }

    /// Writes the template's literal text up to its next parameter.
    fn write_literal(&mut self) {
        let end = self.template.find('{').unwrap_or(self.template.len());
        self.url.push_str(&self.template[..end]);
        self.template = &self.template[end..];
    }

    /// Writes path parameter `parameter` in its place, the next `{parameter}` of the template
    /// (path parameters are written in the template's order): `write` puts its encoded value
    /// into the URL, then the template's text up to the next parameter follows.
    pub(super) fn write_segment(
        &mut self,
        parameter: &str,
        write: impl FnOnce(&mut ::std::string::String),
    ) -> Result<(), InvalidRequest> {
        let rest = self.template.strip_prefix('{').and_then(|rest| rest.strip_prefix(parameter));
        let Some(rest) = rest.and_then(|rest| rest.strip_prefix('}')) else {
            return Err(InvalidRequest::new(parameter, "is not the next parameter of the path template"));
        };
        self.template = rest;
        write(&mut self.url);
        self.write_literal();
        Ok(())
    }

    /// Writes the value of path parameter `parameter`, percent-encoded as one segment
    /// (`/`, `?` and `#` cannot change the URL's shape).
    pub fn segment<T: Display + ?Sized>(&mut self, parameter: &str, value: &T) -> Result<(), InvalidRequest> {
        self.write_segment(parameter, |url| write_encoded(url, PATH_SEGMENT, value))
    }

    /// Appends path parameter `parameter` as JSON text (`content: application/json`).
    pub fn segment_json<T: ::serde::Serialize + ?Sized>(
        &mut self,
        parameter: &str,
        value: &T,
    ) -> Result<(), InvalidRequest> {
        let text = json_text(parameter, value)?;
        self.write_segment(parameter, |url| url.extend(utf8_percent_encode(&text, PATH_SEGMENT)))
    }

    /// Starts a `name=` pair of the query and returns the URL to write the value to.
    fn query_pair(&mut self, name: &str) -> &mut ::std::string::String {
        self.url.push(if self.in_query { '&' } else { '?' });
        self.in_query = true;
        self.url.extend(utf8_percent_encode(name, QUERY_NAME));
        self.url.push('=');
        &mut self.url
    }

    /// Adds `name=value` to the query when there is a value (encoded like JavaScript's
    /// `encodeURIComponent`; `[` and `]` stay literal in names).
    pub fn query<T: Display + ?Sized>(&mut self, name: &str, value: Option<&T>) {
        if let Some(value) = value {
            write_encoded(self.query_pair(name), URI_COMPONENT, value);
        }
    }

    /// Adds `name=item` once per item (form style, exploded).
    pub fn query_each<T: Display>(&mut self, name: &str, items: Option<&[T]>) {
        for item in items.unwrap_or_default() {
            write_encoded(self.query_pair(name), URI_COMPONENT, item);
        }
    }

    /// Adds `name=a,b,c` (form style, not exploded): each item encoded, the commas literal
    /// so the server can split before decoding.
    pub fn query_list<T: Display>(&mut self, name: &str, items: Option<&[T]>) {
        let Some(items) = items else { return };
        let url = self.query_pair(name);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                url.push(',');
            }
            write_encoded(url, URI_COMPONENT, item);
        }
    }

    /// Adds `name=<JSON text>` (`content: application/json`) when there is a value.
    pub fn query_json<T: ::serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: Option<&T>,
    ) -> Result<(), InvalidRequest> {
        if let Some(value) = value {
            let text = json_text(name, value)?;
            self.query_pair(name).extend(utf8_percent_encode(&text, URI_COMPONENT));
        }
        Ok(())
    }

    /// Sets header `name` (lowercase, from the document) to `value` when there is one,
    /// checked to be visible ASCII first; an error names the header.
    pub fn header<T: Display + ?Sized>(&mut self, name: &'static str, value: Option<&T>) -> Result<(), InvalidRequest> {
        let Some(value) = value else { return Ok(()) };
        self.scratch.clear();
        // Writing to a `String` cannot fail; a `Display` that fails leaves what it wrote.
        let _ = write!(self.scratch, "{value}");
        let value = header_value(name, &self.scratch)?;
        self.insert(name, value)
    }

    /// Sets header `name` to the request's own `value` when it has one (checked as
    /// [`header`](Self::header) does), else to the client's `default`, checked when the
    /// client was built.
    pub fn header_or<T: Display + ?Sized>(
        &mut self,
        name: &'static str,
        value: Option<&T>,
        default: Option<&HeaderValue>,
    ) -> Result<(), InvalidRequest> {
        match (value, default) {
            (Some(value), _) => self.header(name, Some(value)),
            (None, Some(default)) => self.insert(name, default.clone()),
            (None, None) => Ok(()),
        }
    }

    /// Sets header `name` to `a,b,c` (style `simple`) when there are items.
    pub fn header_list<T: Display>(&mut self, name: &'static str, items: Option<&[T]>) -> Result<(), InvalidRequest> {
        let Some(items) = items else { return Ok(()) };
        self.scratch.clear();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.scratch.push(',');
            }
            let _ = write!(self.scratch, "{item}");
        }
        let value = header_value(name, &self.scratch)?;
        self.insert(name, value)
    }

    /// Sets header `name` to the value as JSON text made of ASCII (non-ASCII escaped).
    pub fn header_json<T: ::serde::Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: Option<&T>,
    ) -> Result<(), InvalidRequest> {
        let Some(value) = value else { return Ok(()) };
        let text = json_text(name, value)?;
        let value = header_value(name, &text)?;
        self.insert(name, value)
    }

    /// Sets header `name` to a value already checked (a credential, a styled value).
    pub fn header_value(&mut self, name: &'static str, value: HeaderValue) -> Result<(), InvalidRequest> {
        self.insert(name, value)
    }

    fn insert(&mut self, name: &'static str, value: HeaderValue) -> Result<(), InvalidRequest> {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| InvalidRequest::new(name, "is not a valid header name"))?;
        self.headers.insert(name, value);
        Ok(())
    }

    /// Sends a JSON body (members in JavaScript's order) as `content_type`.
    pub fn json<T: ::serde::Serialize + ?Sized>(
        &mut self,
        content_type: &'static str,
        value: &T,
    ) -> Result<(), InvalidRequest> {
        self.body = Some((HeaderValue::from_static(content_type), json_body("body", value)?));
        Ok(())
    }

    /// Sends `bytes` as they are, as `content_type`.
    pub fn raw(&mut self, content_type: &'static str, bytes: impl Into<Vec<u8>>) {
        self.body = Some((HeaderValue::from_static(content_type), bytes.into()));
    }

    /// Sends the request and reads the answer's body as its status needs: whole (at most
    /// `max_response_bytes`) when `whole(status)`, that is when the status arm decodes a
    /// body; else skimmed (see [`UnreadResponse::answer`]).
    ///
    /// # Errors
    /// As [`start`](Self::start), and for a whole read: the body is too large, or reading it
    /// times out or fails.
    pub async fn send<E>(self, whole: impl FnOnce(u16) -> bool) -> Result<RawResponse, Error<E>> {
        Ok(self.start::<E>().await?.answer(whole).await?)
    }

    /// Sends the request and returns once the answer's head has arrived (`send_stream`).
    ///
    /// # Errors
    /// A path parameter is missing from the URL (never in generated code, which writes
    /// them all), the cookies cannot form a header (they are checked as they are added, so
    /// never in practice), the URL is too long for a request line (64 KiB), transport
    /// failures and the timeout.
    pub async fn start<E>(self) -> Result<UnreadResponse, Error<E>> {
        if let Some(open) = self.template.find('{') {
            let name = self.template[open + 1..].split('}').next().unwrap_or_default();
            return Err(InvalidRequest::new(name, "is a path parameter that was not written").into());
        }
        let Self { sender, operation, url, mut headers, cookies, body, limits, .. } = self;
        if !cookies.is_empty() {
            let value =
                HeaderValue::from_str(&cookies).map_err(|error| InvalidRequest::new("cookie", error.to_string()))?;
            headers.insert(::http::header::COOKIE, value);
        }
        let bytes = match body {
            Some((content_type, bytes)) => {
                headers.insert(::http::header::CONTENT_TYPE, content_type);
                ::bytes::Bytes::from(bytes)
            }
            None => ::bytes::Bytes::new(),
        };
        // Made of a checked base URL and percent-encoded parts, so only its length can fail.
        let uri = ::http::Uri::try_from(url)
            .map_err(|error| InvalidRequest::new("url", format!("cannot be sent: {error}")))?;
        let mut request = ::http::Request::new(bytes);
        *request.method_mut() = operation.method().clone();
        *request.uri_mut() = uri;
        *request.headers_mut() = headers;
        Ok(sender.send(operation, request, limits).await?)
    }
}

/// Writes `value` through `Display` into `out`, percent-encoding all but `keep`'s
/// complement as it goes (no intermediate `String`).
fn write_encoded<T: Display + ?Sized>(out: &mut ::std::string::String, set: &'static AsciiSet, value: &T) {
    struct Encoding<'o> {
        out: &'o mut ::std::string::String,
        set: &'static AsciiSet,
    }
    impl fmt::Write for Encoding<'_> {
        fn write_str(&mut self, text: &str) -> fmt::Result {
            self.out.extend(utf8_percent_encode(text, self.set));
            Ok(())
        }
    }
    // Writing to a `String` cannot fail; a `Display` that fails leaves what it wrote.
    let _ = write!(Encoding { out, set }, "{value}");
}

fn json_text<T: ::serde::Serialize + ?Sized>(
    parameter: &str,
    value: &T,
) -> Result<::std::string::String, InvalidRequest> {
    json_ascii(value).map_err(|error| InvalidRequest::new(parameter, error.to_string()))
}

/// Checks that required parameter `parameter` was given (by the request, or by the client
/// for a client-level header).
pub fn require(parameter: &str, present: bool) -> Result<(), InvalidRequest> {
    if present {
        Ok(())
    } else {
        Err(InvalidRequest::new(parameter, "is required but was not set"))
    }
}

/// A client-level header value, checked once when the client is built: visible ASCII,
/// and the document's limits (`checks`); an error names the header.
pub fn client_header(
    name: &str,
    value: Option<::std::string::String>,
    checks: impl FnOnce(&::std::string::String) -> Result<(), InvalidRequest>,
) -> Result<Option<HeaderValue>, BuildError> {
    let Some(value) = value else { return Ok(None) };
    let invalid = |error: InvalidRequest| BuildError::invalid_setting(name, error.reason());
    checks(&value).map_err(invalid)?;
    header_value(name, &value).map(Some).map_err(invalid)
}
