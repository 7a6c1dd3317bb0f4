//! Turning parameter values into bytes on the wire, and the checks made before sending.

use ::std::fmt::Display;
use ::std::io;

use ::http::header::HeaderValue;
use ::percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::error::InvalidRequest;

/// Everything but the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`.
pub(super) const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// What JavaScript's `encodeURIComponent` escapes: all but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
/// The official JS client builds its query strings with it, so the API is known to accept it.
pub(super) const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// Query parameter names: as values, but brackets stay literal because the API expects
/// array parameters as `tags[]=a&tags[]=b`, not `tags%5B%5D=a`.
pub(super) const QUERY_NAME: &AsciiSet = &URI_COMPONENT.remove(b'[').remove(b']');

/// Percent-encodes `value` for use as one path segment: everything but the RFC 3986
/// unreserved characters is escaped, so `/`, `?` and `#` cannot change the URL's shape.
pub fn encode_path_segment(value: &str) -> ::std::string::String {
    utf8_percent_encode(value, PATH_SEGMENT).to_string()
}

/// Builds a query string from name/value pairs, in the order they are pushed.
///
/// Values are encoded like JavaScript's `encodeURIComponent` (space as `%20`); names the
/// same way except that `[` and `]` stay literal.
#[derive(Debug, Default, Clone)]
pub struct QueryWriter {
    pairs: ::std::string::String,
}

impl QueryWriter {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `name=value`. Push a repeated parameter once per value.
    pub fn push(&mut self, name: &str, value: &str) {
        if !self.pairs.is_empty() {
            self.pairs.push('&');
        }
        self.pairs.extend(utf8_percent_encode(name, QUERY_NAME));
        self.pairs.push('=');
        self.pairs.extend(utf8_percent_encode(value, URI_COMPONENT));
    }

    /// Adds `name=a,b,c` (form style, not exploded): each item is encoded, the commas that
    /// separate them stay literal so the server can split before decoding.
    pub fn push_list<I: ::std::fmt::Display>(&mut self, name: &str, items: &[I]) {
        if !self.pairs.is_empty() {
            self.pairs.push('&');
        }
        self.pairs.extend(utf8_percent_encode(name, QUERY_NAME));
        self.pairs.push('=');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.pairs.push(',');
            }
            self.pairs.extend(utf8_percent_encode(&item.to_string(), URI_COMPONENT));
        }
    }

    /// Adds `name=a<separator>b<separator>c`: each item is encoded, `separator` is written as
    /// given (already encoded: `,`, `%20` or `|`), so the server can split before decoding.
    pub fn push_separated<S: AsRef<str>>(&mut self, name: &str, items: &[S], separator: &str) {
        if !self.pairs.is_empty() {
            self.pairs.push('&');
        }
        self.pairs.extend(utf8_percent_encode(name, QUERY_NAME));
        self.pairs.push('=');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.pairs.push_str(separator);
            }
            self.pairs.extend(utf8_percent_encode(item.as_ref(), URI_COMPONENT));
        }
    }

    /// The pairs as `a=1&b=2` (the body of an `application/x-www-form-urlencoded` request).
    pub fn into_string(self) -> ::std::string::String {
        self.pairs
    }

    /// Appends `?` and the pairs to `url`, or nothing when no pair was pushed.
    /// `url` must not have a query already (base URLs are checked for that).
    pub fn finish(self, url: &mut ::std::string::String) {
        if !self.pairs.is_empty() {
            url.push('?');
            url.push_str(&self.pairs);
        }
    }
}

/// Checks that `value` can be sent unchanged as the value of header `parameter`.
///
/// Accepted: visible ASCII (0x21 to 0x7E) and inner spaces and tabs. Rejected: control
/// characters (CR and LF would end the header), DEL, non-ASCII (no agreed encoding), and
/// leading or trailing whitespace (servers trim it silently). An empty value is accepted.
pub fn header_value(parameter: &str, value: &str) -> Result<HeaderValue, InvalidRequest> {
    if let Some((index, character)) =
        value.char_indices().find(|&(_, c)| !(c == ' ' || c == '\t' || c.is_ascii_graphic()))
    {
        let reason =
            format!("contains {} at byte {index}; header values must be visible ASCII", describe_character(character));
        return Err(InvalidRequest::new(parameter, reason));
    }
    if value.starts_with([' ', '\t']) {
        return Err(InvalidRequest::new(parameter, "starts with whitespace, which servers would silently remove"));
    }
    if value.ends_with([' ', '\t']) {
        return Err(InvalidRequest::new(parameter, "ends with whitespace, which servers would silently remove"));
    }
    HeaderValue::from_str(value).map_err(|error| InvalidRequest::new(parameter, error.to_string()))
}

/// Names a character that cannot be sent in a header, for messages.
fn describe_character(character: char) -> ::std::string::String {
    match character {
        '\r' => "a carriage return (\\r)".into(),
        '\n' => "a line feed (\\n)".into(),
        '\0' => "a NUL character (\\0)".into(),
        '\u{7f}' => "a DEL character (0x7F)".into(),
        c if c.is_ascii_control() => format!("a control character (0x{:02X})", u32::from(c)),
        c => format!("a non-ASCII character ({c:?}, U+{:04X})", u32::from(c)),
    }
}

/// Serializes `value` as compact JSON text made only of ASCII: every non-ASCII character
/// is written as a `\uXXXX` escape (a surrogate pair above U+FFFF), so the text can travel
/// in a header. Otherwise identical to `serde_json::to_string` (escapes), members in
/// JavaScript's order (see `js_order`).
pub fn json_ascii<T: ::serde::Serialize + ?Sized>(value: &T) -> Result<::std::string::String, ::serde_json::Error> {
    let mut out = Vec::new();
    let mut serializer = ::serde_json::Serializer::with_formatter(&mut out, AsciiFormatter);
    value.serialize(&mut serializer)?;
    super::js_order::reorder(&mut out);
    // Only ASCII was written, so this cannot fail; still, report rather than panic.
    ::std::string::String::from_utf8(out).map_err(<::serde_json::Error as ::serde::ser::Error>::custom)
}

/// serde_json's compact formatter, except that string contents are ASCII-escaped.
struct AsciiFormatter;

impl ::serde_json::ser::Formatter for AsciiFormatter {
    // serde_json hands over string contents in fragments that need no JSON escape (quotes,
    // backslashes and control characters go to `write_char_escape`, left as is).
    fn write_string_fragment<W>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()>
    where
        W: ?Sized + io::Write,
    {
        let mut ascii_start = 0;
        for (index, character) in fragment.char_indices() {
            if character.is_ascii() {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[ascii_start..index])?;
            let mut units = [0u16; 2];
            for unit in character.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            ascii_start = index + character.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[ascii_start..])
    }
}

/// Returns the value of required parameter `parameter`, or an error if it was not set.
pub fn required<T>(parameter: &str, value: Option<T>) -> Result<T, InvalidRequest> {
    value.ok_or_else(|| InvalidRequest::new(parameter, "is required but was not set"))
}

/// The value of a parameter as its bound checks take it: the value, or an optional one,
/// checked only when it is set, so an optional parameter's bound is one line too.
pub trait Bounded<T> {
    /// The value, if there is one.
    fn bounded(self) -> Option<T>;
}

impl Bounded<i64> for i64 {
    fn bounded(self) -> Option<i64> {
        Some(self)
    }
}

impl Bounded<i64> for Option<i64> {
    fn bounded(self) -> Option<i64> {
        self
    }
}

impl<'a> Bounded<&'a str> for &'a str {
    fn bounded(self) -> Option<&'a str> {
        Some(self)
    }
}

impl<'a> Bounded<&'a str> for &'a ::std::string::String {
    fn bounded(self) -> Option<&'a str> {
        Some(self)
    }
}

impl<'a> Bounded<&'a str> for &'a Option<::std::string::String> {
    fn bounded(self) -> Option<&'a str> {
        self.as_deref()
    }
}

/// Checks the `minLength` of a string parameter, counted in characters (when it is set).
pub fn check_min_length<'a>(parameter: &str, value: impl Bounded<&'a str>, min: usize) -> Result<(), InvalidRequest> {
    let Some(value) = value.bounded() else { return Ok(()) };
    let length = value.chars().count();
    if length >= min {
        Ok(())
    } else if length == 0 && min == 1 {
        Err(InvalidRequest::new(parameter, "must not be empty"))
    } else {
        Err(InvalidRequest::new(
            parameter,
            format!("has {}; at least {min} {} required", counted(length, "character"), is_are(min)),
        ))
    }
}

/// Checks the `maxLength` of a string parameter, counted in characters (when it is set).
pub fn check_max_length<'a>(parameter: &str, value: impl Bounded<&'a str>, max: usize) -> Result<(), InvalidRequest> {
    let Some(value) = value.bounded() else { return Ok(()) };
    let length = value.chars().count();
    if length <= max {
        Ok(())
    } else {
        Err(InvalidRequest::new(
            parameter,
            format!("has {}; at most {max} {} allowed", counted(length, "character"), is_are(max)),
        ))
    }
}

/// Checks the `minItems` of an array parameter of `len` items.
pub fn check_min_items(parameter: &str, len: usize, min: usize) -> Result<(), InvalidRequest> {
    if len >= min {
        Ok(())
    } else {
        Err(InvalidRequest::new(
            parameter,
            format!("has {}; at least {min} {} required", counted(len, "item"), is_are(min)),
        ))
    }
}

/// Checks the `maxItems` of an array parameter of `len` items.
pub fn check_max_items(parameter: &str, len: usize, max: usize) -> Result<(), InvalidRequest> {
    if len <= max {
        Ok(())
    } else {
        Err(InvalidRequest::new(
            parameter,
            format!("has {}; at most {max} {} allowed", counted(len, "item"), is_are(max)),
        ))
    }
}

/// Validates `value` with [`header_value`] and inserts it under the header `name`.
pub fn insert_header(headers: &mut ::http::header::HeaderMap, name: &str, value: &str) -> Result<(), InvalidRequest> {
    let header_name = ::http::header::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| InvalidRequest::new(name, "is not a valid header name"))?;
    headers.insert(header_name, header_value(name, value)?);
    Ok(())
}

/// Checks the `minimum` (or `exclusiveMinimum` when `exclusive`) of an integer parameter
/// (when it is set).
pub fn check_minimum_i64(
    parameter: &str,
    value: impl Bounded<i64>,
    bound: i64,
    exclusive: bool,
) -> Result<(), InvalidRequest> {
    value.bounded().map_or(Ok(()), |value| check_bound(parameter, value, bound, exclusive, Side::Minimum))
}

/// Checks the `maximum` (or `exclusiveMaximum` when `exclusive`) of an integer parameter
/// (when it is set).
pub fn check_maximum_i64(
    parameter: &str,
    value: impl Bounded<i64>,
    bound: i64,
    exclusive: bool,
) -> Result<(), InvalidRequest> {
    value.bounded().map_or(Ok(()), |value| check_bound(parameter, value, bound, exclusive, Side::Maximum))
}

/// Checks the `minimum` (or `exclusiveMinimum` when `exclusive`) of a number parameter.
/// NaN is rejected.
pub fn check_minimum_f64(parameter: &str, value: f64, bound: f64, exclusive: bool) -> Result<(), InvalidRequest> {
    check_bound(parameter, value, bound, exclusive, Side::Minimum)
}

/// Checks the `maximum` (or `exclusiveMaximum` when `exclusive`) of a number parameter.
/// NaN is rejected.
pub fn check_maximum_f64(parameter: &str, value: f64, bound: f64, exclusive: bool) -> Result<(), InvalidRequest> {
    check_bound(parameter, value, bound, exclusive, Side::Maximum)
}

#[derive(Clone, Copy)]
enum Side {
    Minimum,
    Maximum,
}

fn check_bound<T: PartialOrd + Display>(
    parameter: &str,
    value: T,
    bound: T,
    exclusive: bool,
    side: Side,
) -> Result<(), InvalidRequest> {
    // Written as "is the value inside" so that NaN, which compares false, is outside.
    let inside = match (side, exclusive) {
        (Side::Minimum, false) => value >= bound,
        (Side::Minimum, true) => value > bound,
        (Side::Maximum, false) => value <= bound,
        (Side::Maximum, true) => value < bound,
    };
    if inside {
        return Ok(());
    }
    let rule = match (side, exclusive) {
        (Side::Minimum, false) => "at least",
        (Side::Minimum, true) => "greater than",
        (Side::Maximum, false) => "at most",
        (Side::Maximum, true) => "less than",
    };
    Err(InvalidRequest::new(parameter, format!("is {value}; it must be {rule} {bound}")))
}

/// `1 item`, `2 items`.
fn counted(count: usize, noun: &str) -> ::std::string::String {
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {noun}{plural}")
}

/// The verb agreeing with `count` things.
fn is_are(count: usize) -> &'static str {
    if count == 1 {
        "is"
    } else {
        "are"
    }
}

/// RFC 6265 `cookie-octet`: visible ASCII but `"` `,` `;` `\`. Here rather than beside the
/// `Cookie` writer (`style.rs`) because credentials sent as cookies are checked with it too,
/// and a crate may have either without the other.
pub fn is_cookie_octet(byte: u8) -> bool {
    byte.is_ascii_graphic() && !matches!(byte, b'"' | b',' | b';' | b'\\')
}
