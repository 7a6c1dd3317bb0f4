//! Request bodies other than JSON: `application/x-www-form-urlencoded` forms, hand-rolled
//! `multipart/form-data` with file parts, and an encoded body with its media type for
//! operations whose caller chooses between several media types.

use ::std::fmt;
use ::std::hash::{BuildHasher, Hasher};

use ::bytes::Bytes;
use ::http::header::HeaderValue;
use ::serde_json::Value;

use super::encode::QueryWriter;
use super::error::InvalidRequest;
use super::js_order::reorder;
use super::style::{query_param, scalar_text, to_value, Style};

/// A request body encoded for the wire, with its `Content-Type`.
#[derive(Clone)]
pub struct EncodedBody {
    content_type: HeaderValue,
    bytes: Vec<u8>,
}

impl EncodedBody {
    /// Bytes sent as they are, with `content_type` (a media type from the API document).
    pub fn raw(content_type: &'static str, bytes: Vec<u8>) -> Self {
        Self { content_type: HeaderValue::from_static(content_type), bytes }
    }

    /// `value` as JSON, sent as `content_type`.
    pub fn json<T: ::serde::Serialize + ?Sized>(
        parameter: &str,
        value: &T,
        content_type: &'static str,
    ) -> Result<Self, InvalidRequest> {
        Ok(Self::raw(content_type, super::request::json_body(parameter, value)?))
    }

    /// `value` as `application/x-www-form-urlencoded` fields (see [`form_body`]).
    pub fn form<T: ::serde::Serialize + ?Sized>(
        parameter: &str,
        value: &T,
        fields: &[FormField],
    ) -> Result<Self, InvalidRequest> {
        Ok(Self::raw("application/x-www-form-urlencoded", form_body(parameter, value, fields)?))
    }

    /// The `Content-Type` of the body.
    pub fn content_type(&self) -> &HeaderValue {
        &self.content_type
    }

    /// The encoded bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for EncodedBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EncodedBody").field("content_type", &self.content_type).field("len", &self.bytes.len()).finish()
    }
}

/// How one field of a form body is encoded, when the document's `encoding` says more than
/// the default (style `form`, exploded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormField {
    /// The field's wire name.
    pub name: &'static str,
    /// Its style.
    pub style: Style,
    /// Whether arrays and objects are exploded.
    pub explode: bool,
    /// Whether the value is sent as JSON text (`contentType: application/json`).
    pub json: bool,
}

/// Encodes `value`, which must serialize to a JSON object, as the fields of an
/// `application/x-www-form-urlencoded` body: a member per field (`null` members left out),
/// arrays repeated and objects as their own pairs unless `fields` says otherwise.
pub fn form_body<T: ::serde::Serialize + ?Sized>(
    parameter: &str,
    value: &T,
    fields: &[FormField],
) -> Result<Vec<u8>, InvalidRequest> {
    let Value::Object(members) = to_value(parameter, value)? else {
        return Err(InvalidRequest::new(parameter, "must be an object to be sent as form fields"));
    };
    let mut form = QueryWriter::new();
    for (name, value) in &members {
        if value.is_null() {
            continue;
        }
        let field = fields.iter().find(|f| f.name == name);
        match field {
            Some(field) if field.json => form.push(name, &value_text(value)),
            Some(field) => query_param(&mut form, name, field.style, field.explode, value),
            None => query_param(&mut form, name, Style::Form, true, value),
        }
    }
    Ok(form.into_string().into_bytes())
}

/// A file sent as a part of a `multipart/form-data` body: its bytes, and optionally a file
/// name and a media type (`application/octet-stream` when none is given and the document
/// names none).
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Bytes,
    file_name: Option<::std::string::String>,
    content_type: Option<::std::string::String>,
}

impl FilePart {
    /// A file part holding `bytes`.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        Self { bytes: bytes.into(), file_name: None, content_type: None }
    }

    /// Sets the file name sent in the part's `Content-Disposition`.
    pub fn file_name(mut self, name: impl Into<::std::string::String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Sets the media type of the part (for example `image/png`).
    pub fn content_type(mut self, media_type: impl Into<::std::string::String>) -> Self {
        self.content_type = Some(media_type.into());
        self
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        Self::new(bytes)
    }
}

impl From<Bytes> for FilePart {
    fn from(bytes: Bytes) -> Self {
        Self::new(bytes)
    }
}

impl From<&'static [u8]> for FilePart {
    fn from(bytes: &'static [u8]) -> Self {
        Self::new(bytes)
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("len", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

/// One part of a multipart body.
#[derive(Debug, Clone)]
struct Part {
    name: ::std::string::String,
    file_name: Option<::std::string::String>,
    content_type: Option<::std::string::String>,
    body: Bytes,
}

/// A `multipart/form-data` body (RFC 7578), built part by part.
///
/// Strings, numbers and booleans are text parts; arrays are one part per item; objects are
/// JSON parts (`application/json`); files are parts with their bytes. The boundary is chosen
/// when the body is finished so that it occurs in no part.
#[derive(Debug, Clone, Default)]
pub struct Multipart {
    parts: Vec<Part>,
}

impl Multipart {
    /// A body without parts.
    pub fn new() -> Self {
        Self::default()
    }

    /// The members of `value`, which must serialize to a JSON object, as parts (`null`
    /// members left out); the members named in `json` are sent as JSON parts.
    pub fn from_fields<T: ::serde::Serialize + ?Sized>(
        parameter: &str,
        value: &T,
        json: &[&str],
    ) -> Result<Self, InvalidRequest> {
        let Value::Object(members) = to_value(parameter, value)? else {
            return Err(InvalidRequest::new(parameter, "must be an object to be sent as multipart fields"));
        };
        let mut form = Self::new();
        for (name, value) in &members {
            form.value(name, value, json.contains(&name.as_str()));
        }
        Ok(form)
    }

    /// Adds field `name` holding `value` (nothing for `null`); `json` sends it as JSON.
    pub fn value(&mut self, name: &str, value: &Value, json: bool) {
        match value {
            Value::Null => {}
            _ if json => self.json_part(name, value),
            Value::Array(items) => {
                for item in items {
                    match item {
                        Value::Array(_) | Value::Object(_) => self.json_part(name, item),
                        other => self.text(name, &scalar_text(other)),
                    }
                }
            }
            Value::Object(_) => self.json_part(name, value),
            other => self.text(name, &scalar_text(other)),
        }
    }

    /// Serializes `value` and adds it as field `name` (see [`Multipart::value`]).
    pub fn field<T: ::serde::Serialize + ?Sized>(
        &mut self,
        parameter: &str,
        name: &str,
        value: &T,
        json: bool,
    ) -> Result<(), InvalidRequest> {
        let value = to_value(parameter, value)?;
        self.value(name, &value, json);
        Ok(())
    }

    /// Adds a text part.
    pub fn text(&mut self, name: &str, text: &str) {
        self.parts.push(Part {
            name: name.to_owned(),
            file_name: None,
            content_type: None,
            body: Bytes::copy_from_slice(text.as_bytes()),
        });
    }

    fn json_part(&mut self, name: &str, value: &Value) {
        self.parts.push(Part {
            name: name.to_owned(),
            file_name: None,
            content_type: Some("application/json".to_owned()),
            body: Bytes::from(value_text(value)),
        });
    }

    /// Adds a file part; `default_type` is its media type unless the file names its own.
    pub fn file(&mut self, name: &str, file: &FilePart, default_type: &str) {
        self.parts.push(Part {
            name: name.to_owned(),
            file_name: file.file_name.clone(),
            content_type: Some(file.content_type.clone().unwrap_or_else(|| default_type.to_owned())),
            body: file.bytes.clone(),
        });
    }

    /// The encoded body, `Content-Type: multipart/form-data; boundary=...`.
    pub fn finish(self) -> EncodedBody {
        let boundary = self.boundary();
        let mut out = Vec::new();
        for part in &self.parts {
            out.extend_from_slice(b"--");
            out.extend_from_slice(boundary.as_bytes());
            out.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
            out.extend_from_slice(quoted(&part.name).as_bytes());
            out.push(b'"');
            if let Some(file_name) = &part.file_name {
                out.extend_from_slice(b"; filename=\"");
                out.extend_from_slice(quoted(file_name).as_bytes());
                out.push(b'"');
            }
            if let Some(content_type) = &part.content_type {
                out.extend_from_slice(b"\r\nContent-Type: ");
                out.extend_from_slice(header_safe(content_type).as_bytes());
            }
            out.extend_from_slice(b"\r\n\r\n");
            out.extend_from_slice(&part.body);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"--\r\n");
        let content_type = format!("multipart/form-data; boundary={boundary}");
        EncodedBody {
            // The boundary is made of ASCII letters and digits, so this cannot fail.
            content_type: HeaderValue::from_str(&content_type)
                .unwrap_or_else(|_| HeaderValue::from_static("multipart/form-data")),
            bytes: out,
        }
    }

    /// A random boundary that occurs in no part.
    fn boundary(&self) -> ::std::string::String {
        let mut attempt = 0u64;
        loop {
            let mut hasher = ::std::collections::hash_map::RandomState::new().build_hasher();
            hasher.write_u64(attempt);
            let boundary = format!("----codegen-boundary-{:016x}", hasher.finish());
            let taken = self.parts.iter().any(|part| contains(&part.body, boundary.as_bytes()));
            if !taken {
                return boundary;
            }
            attempt += 1;
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// A name or file name inside `"..."` of `Content-Disposition`, escaped as browsers do
/// (`"` as `%22`, CR as `%0D`, LF as `%0A`).
fn quoted(text: &str) -> ::std::string::String {
    text.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A")
}

/// A part's media type with line breaks removed, so it cannot end the part's head.
fn header_safe(text: &str) -> ::std::string::String {
    text.chars().filter(|c| *c != '\r' && *c != '\n').collect()
}

/// The text of a JSON value (a JSON part or field of a form body), in JavaScript's order.
fn value_text(value: &::serde_json::Value) -> ::std::string::String {
    let mut text = value.to_string().into_bytes();
    reorder(&mut text);
    // Members are moved whole, so this is UTF-8; the fallback is never taken.
    ::std::string::String::from_utf8(text).unwrap_or_else(|_| value.to_string())
}

impl super::call::Call<'_> {
    /// Sends an encoded body (a form, multipart, or one encoded by its setter).
    pub fn encoded(&mut self, body: EncodedBody) {
        self.body = Some((body.content_type, body.bytes));
    }
}
