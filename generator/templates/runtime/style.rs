//! OpenAPI parameter styles (the shapes of RFC 6570) for values that are not plain scalars,
//! and for the styles other than the defaults: arrays and objects in paths, queries, headers
//! and cookies, `deepObject`, `spaceDelimited`, `pipeDelimited`, `label` and `matrix`.
//!
//! The generated code serializes such a value to JSON data first ([`to_value`]), so one
//! implementation serves every Rust type: strings are sent as they are, numbers and booleans
//! as JSON writes them, and arrays or objects nested inside a value as compact JSON text.

use ::serde_json::Value;

use super::encode::{encode_path_segment, is_cookie_octet, QueryWriter};
use super::error::InvalidRequest;

/// How a parameter value is laid out on the wire (OpenAPI `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `a,b,c`; objects `k,v,k2,v2` (exploded `k=v,k2=v2`). Paths and headers.
    Simple,
    /// `.a.b.c` (not exploded `.a,b,c`). Paths.
    Label,
    /// `;name=a;name=b` (not exploded `;name=a,b`). Paths.
    Matrix,
    /// `name=a&name=b` (not exploded `name=a,b`); exploded objects as their own pairs.
    /// Queries and cookies.
    Form,
    /// `name=a%20b%20c`. Queries.
    SpaceDelimited,
    /// `name=a|b|c`. Queries.
    PipeDelimited,
    /// `name[key]=value`, nested objects as `name[key][inner]=value`. Queries.
    DeepObject,
}

/// Serializes a parameter value to JSON data, the shape the styles work on.
pub fn to_value<T: ::serde::Serialize + ?Sized>(parameter: &str, value: &T) -> Result<Value, InvalidRequest> {
    ::serde_json::to_value(value)
        .map_err(|error| InvalidRequest::new(parameter, format!("cannot be serialized: {error}")))
}

/// A value seen as the styles see it.
enum Shape {
    /// A string, number or boolean, as text.
    Scalar(::std::string::String),
    /// The items of an array, as text.
    List(Vec<::std::string::String>),
    /// The members of an object (members that are `null` left out), as text.
    Pairs(Vec<(::std::string::String, ::std::string::String)>),
}

/// The text of a single value: strings as they are, `null` empty, numbers and booleans as
/// JSON writes them, arrays and objects as compact JSON.
pub(crate) fn scalar_text(value: &Value) -> ::std::string::String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => ::std::string::String::new(),
        other => other.to_string(),
    }
}

fn shape(value: &Value) -> Shape {
    match value {
        Value::Array(items) => Shape::List(items.iter().map(scalar_text).collect()),
        Value::Object(members) => Shape::Pairs(
            members.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), scalar_text(v))).collect(),
        ),
        other => Shape::Scalar(scalar_text(other)),
    }
}

/// `k,v,k2,v2`: the members of an object as one flat list.
fn flatten(pairs: Vec<(::std::string::String, ::std::string::String)>) -> Vec<::std::string::String> {
    pairs.into_iter().flat_map(|(k, v)| [k, v]).collect()
}

/// A path parameter of any style, ready to be put into the path: every name and value is
/// percent-encoded as a path segment, the separators of the style stay literal.
pub fn path_param(name: &str, style: Style, explode: bool, value: &Value) -> ::std::string::String {
    let enc = |text: &str| encode_path_segment(text);
    let join = |items: &[::std::string::String], separator: &str| {
        items.iter().map(|item| enc(item)).collect::<Vec<_>>().join(separator)
    };
    let pairs_text = |pairs: &[(::std::string::String, ::std::string::String)], separator: &str| {
        pairs.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join(separator)
    };
    match (style, shape(value)) {
        (Style::Label, Shape::Scalar(text)) => format!(".{}", enc(&text)),
        (Style::Label, Shape::List(items)) => format!(".{}", join(&items, if explode { "." } else { "," })),
        (Style::Label, Shape::Pairs(pairs)) if explode => format!(".{}", pairs_text(&pairs, ".")),
        (Style::Label, Shape::Pairs(pairs)) => format!(".{}", join(&flatten(pairs), ",")),
        (Style::Matrix, Shape::Scalar(text)) => matrix_pair(name, &text),
        (Style::Matrix, Shape::List(items)) if explode => items.iter().map(|item| matrix_pair(name, item)).collect(),
        (Style::Matrix, Shape::List(items)) => format!(";{}={}", enc(name), join(&items, ",")),
        (Style::Matrix, Shape::Pairs(pairs)) if explode => pairs.iter().map(|(k, v)| matrix_pair(k, v)).collect(),
        (Style::Matrix, Shape::Pairs(pairs)) => format!(";{}={}", enc(name), join(&flatten(pairs), ",")),
        // `simple`, and the styles that have no meaning in a path.
        (_, Shape::Scalar(text)) => enc(&text),
        (_, Shape::List(items)) => join(&items, ","),
        (_, Shape::Pairs(pairs)) if explode => pairs_text(&pairs, ","),
        (_, Shape::Pairs(pairs)) => join(&flatten(pairs), ","),
    }
}

/// `;name=value`, or `;name` for an empty value (RFC 6570).
fn matrix_pair(name: &str, value: &str) -> ::std::string::String {
    if value.is_empty() {
        format!(";{}", encode_path_segment(name))
    } else {
        format!(";{}={}", encode_path_segment(name), encode_path_segment(value))
    }
}

/// Adds a query parameter of any style to `query`.
pub fn query_param(query: &mut QueryWriter, name: &str, style: Style, explode: bool, value: &Value) {
    if style == Style::DeepObject {
        if let Value::Object(members) = value {
            deep_object(query, name, members);
            return;
        }
    }
    let separator = match style {
        Style::SpaceDelimited => "%20",
        Style::PipeDelimited => "|",
        _ => ",",
    };
    match shape(value) {
        Shape::Scalar(text) => query.push(name, &text),
        Shape::List(items) if explode => {
            for item in &items {
                query.push(name, item);
            }
        }
        Shape::List(items) => query.push_separated(name, &items, separator),
        Shape::Pairs(pairs) if explode && style == Style::Form => {
            for (k, v) in &pairs {
                query.push(k, v);
            }
        }
        Shape::Pairs(pairs) => query.push_separated(name, &flatten(pairs), separator),
    }
}

/// `name[key]=value`, recursing into nested objects; array members repeat `name[key]`.
fn deep_object(query: &mut QueryWriter, prefix: &str, members: &::serde_json::Map<::std::string::String, Value>) {
    for (key, value) in members {
        let name = format!("{prefix}[{key}]");
        match value {
            Value::Null => {}
            Value::Object(inner) => deep_object(query, &name, inner),
            Value::Array(items) => {
                for item in items {
                    query.push(&name, &scalar_text(item));
                }
            }
            other => query.push(&name, &scalar_text(other)),
        }
    }
}

/// The text of a header parameter (style `simple`): `a,b,c`; objects `k,v,k2,v2`, exploded
/// `k=v,k2=v2`. The caller checks that the text can travel in a header.
pub fn header_text(explode: bool, value: &Value) -> ::std::string::String {
    match shape(value) {
        Shape::Scalar(text) => text,
        Shape::List(items) => items.join(","),
        Shape::Pairs(pairs) if explode => pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","),
        Shape::Pairs(pairs) => flatten(pairs).join(","),
    }
}

/// The `Cookie` request header, built from `name=value` pairs in the order they are added.
///
/// Values are sent as they are, never encoded: a name must be an HTTP token and a value made
/// of cookie octets (visible ASCII except `"` `,` `;` `\`), or the request is rejected.
#[derive(Debug, Default, Clone)]
pub struct CookieWriter {
    pairs: ::std::string::String,
}

impl CookieWriter {
    /// No cookies yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `name=value`; `parameter` names the parameter in errors.
    pub fn push(&mut self, parameter: &str, name: &str, value: &str) -> Result<(), InvalidRequest> {
        self.push_joined(parameter, name, &[value])
    }

    /// Adds `name=a,b,c` (form style, not exploded); each item is checked on its own.
    pub fn push_joined<S: AsRef<str>>(
        &mut self,
        parameter: &str,
        name: &str,
        items: &[S],
    ) -> Result<(), InvalidRequest> {
        check_cookie_name(parameter, name)?;
        for item in items {
            check_cookie_value(parameter, item.as_ref())?;
        }
        if !self.pairs.is_empty() {
            self.pairs.push_str("; ");
        }
        self.pairs.push_str(name);
        self.pairs.push('=');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.pairs.push(',');
            }
            self.pairs.push_str(item.as_ref());
        }
        Ok(())
    }

    /// Adds a cookie parameter of any shape (style `form`): arrays comma-joined, or one
    /// cookie per item when exploded; objects `name=k,v,k2,v2`, or one cookie per member
    /// when exploded.
    pub fn push_value(&mut self, parameter: &str, explode: bool, value: &Value) -> Result<(), InvalidRequest> {
        match shape(value) {
            Shape::Scalar(text) => self.push(parameter, parameter, &text),
            Shape::List(items) if explode => items.iter().try_for_each(|item| self.push(parameter, parameter, item)),
            Shape::List(items) => self.push_joined(parameter, parameter, &items),
            Shape::Pairs(pairs) if explode => pairs.iter().try_for_each(|(k, v)| self.push(parameter, k, v)),
            Shape::Pairs(pairs) => self.push_joined(parameter, parameter, &flatten(pairs)),
        }
    }

    /// Sets the `Cookie` header of `headers` when a cookie was added.
    pub fn finish(self, headers: &mut ::http::header::HeaderMap) -> Result<(), InvalidRequest> {
        if self.pairs.is_empty() {
            return Ok(());
        }
        let value = ::http::header::HeaderValue::from_str(&self.pairs)
            .map_err(|error| InvalidRequest::new("cookie", error.to_string()))?;
        headers.insert(::http::header::COOKIE, value);
        Ok(())
    }
}

fn check_cookie_value(parameter: &str, value: &str) -> Result<(), InvalidRequest> {
    match value.char_indices().find(|(_, c)| !(c.is_ascii() && is_cookie_octet(*c as u8))) {
        None => Ok(()),
        Some((index, c)) => Err(InvalidRequest::new(
            parameter,
            format!(
                "contains {c:?} at byte {index}; a cookie value may only hold visible ASCII other than `\"` `,` `;` `\\`"
            ),
        )),
    }
}

fn check_cookie_name(parameter: &str, name: &str) -> Result<(), InvalidRequest> {
    let token = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if token {
        Ok(())
    } else {
        Err(InvalidRequest::new(parameter, format!("`{name}` cannot be a cookie name")))
    }
}

/// The styled and cookie parameters of a [`Call`](super::call::Call).
impl super::call::Call<'_> {
    /// As `query_pair`, for a name already encoded.
    fn query_pair_encoded(&mut self, name: &str) -> &mut ::std::string::String {
        self.url.push(if self.in_query { '&' } else { '?' });
        self.in_query = true;
        self.url.push_str(name);
        self.url.push('=');
        &mut self.url
    }

    /// Appends path parameter `parameter` laid out in `style`.
    pub fn segment_styled<T: ::serde::Serialize + ?Sized>(
        &mut self,
        parameter: &str,
        style: Style,
        explode: bool,
        value: &T,
    ) -> Result<(), InvalidRequest> {
        let value = to_value(parameter, value)?;
        let text = path_param(parameter, style, explode, &value);
        self.write_segment(parameter, |url| url.push_str(&text))
    }

    /// Adds query parameter `name` laid out in `style` when there is a value.
    pub fn query_styled<T: ::serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        style: Style,
        explode: bool,
        value: Option<&T>,
    ) -> Result<(), InvalidRequest> {
        let Some(value) = value else { return Ok(()) };
        let mut query = QueryWriter::new();
        query_param(&mut query, name, style, explode, &to_value(name, value)?);
        // The pairs the style made, already encoded, after the others.
        for pair in query.into_string().split('&').filter(|pair| !pair.is_empty()) {
            let (pair_name, pair_value) = pair.split_once('=').unwrap_or((pair, ""));
            self.query_pair_encoded(pair_name).push_str(pair_value);
        }
        Ok(())
    }

    /// Sets header `name` to the value laid out in style `simple`, when there is one.
    pub fn header_styled<T: ::serde::Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        explode: bool,
        value: Option<&T>,
    ) -> Result<(), InvalidRequest> {
        let Some(value) = value else { return Ok(()) };
        let text = header_text(explode, &to_value(name, value)?);
        let value = super::encode::header_value(name, &text)?;
        self.header_value(name, value)
    }

    /// Adds cookie `name=value` when there is a value; `name` names it in errors.
    pub fn cookie<T: ::std::fmt::Display + ?Sized>(
        &mut self,
        name: &str,
        value: Option<&T>,
    ) -> Result<(), InvalidRequest> {
        match value {
            Some(value) => self.cookie_text(name, name, &value.to_string()),
            None => Ok(()),
        }
    }

    /// Adds cookie `name=<JSON text>` when there is a value.
    pub fn cookie_json<T: ::serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: Option<&T>,
    ) -> Result<(), InvalidRequest> {
        let Some(value) = value else { return Ok(()) };
        let text = super::encode::json_ascii(value).map_err(|error| InvalidRequest::new(name, error.to_string()))?;
        self.cookie_text(name, name, &text)
    }

    /// Adds cookie parameter `name` of any shape (style `form`) when there is a value.
    pub fn cookie_styled<T: ::serde::Serialize + ?Sized>(
        &mut self,
        name: &str,
        explode: bool,
        value: Option<&T>,
    ) -> Result<(), InvalidRequest> {
        let Some(value) = value else { return Ok(()) };
        let value = to_value(name, value)?;
        self.with_cookies(|cookies| cookies.push_value(name, explode, &value))
    }

    /// Adds cookie `name=value`, checked; `parameter` names it in errors.
    pub fn cookie_text(&mut self, parameter: &str, name: &str, value: &str) -> Result<(), InvalidRequest> {
        self.with_cookies(|cookies| cookies.push(parameter, name, value))
    }

    fn with_cookies(
        &mut self,
        write: impl FnOnce(&mut CookieWriter) -> Result<(), InvalidRequest>,
    ) -> Result<(), InvalidRequest> {
        let mut cookies = CookieWriter { pairs: ::std::mem::take(&mut self.cookies) };
        let result = write(&mut cookies);
        self.cookies = cookies.pairs;
        result
    }
}
