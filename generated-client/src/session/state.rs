//! The visitor's state written back to the browser: the two `Set-Cookie` lines of the JS client,
//! byte for byte, and only in a form browsers keep.

use serde_json::{Map, Value};

use super::cookies::{is_cookie_octet, MANIFEST_COOKIE, MAX_COOKIE_BYTES, USER_COOKIE};

/// `Max-Age` of the user cookie: 365 days, as the JS client writes it.
const USER_COOKIE_MAX_AGE: u32 = 365 * 86_400;

/// What [`Session::append_state`](super::Session::append_state) wrote, and what it left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "a cookie may have been left out; `skipped` says which and why"]
pub struct AppendedState {
    written: Vec<&'static str>,
    skipped: Vec<SkippedCookie>,
}

impl AppendedState {
    /// The names of the cookies appended, in order.
    pub fn written(&self) -> &[&'static str] {
        &self.written
    }

    /// The cookies that were not appended, each with the reason.
    pub fn skipped(&self) -> &[SkippedCookie] {
        &self.skipped
    }

    pub(crate) fn push(&mut self, headers: &mut http::HeaderMap, cookie: &'static str, line: Result<String, String>) {
        let value = line.and_then(|line| http::HeaderValue::try_from(line).map_err(|e| e.to_string()));
        match value {
            Ok(value) => {
                headers.append(http::header::SET_COOKIE, value);
                self.written.push(cookie);
            }
            Err(reason) => {
                #[cfg(feature = "tracing")]
                tracing::warn!(cookie, "not writing the `{cookie}` cookie: {reason}");
                self.skipped.push(SkippedCookie { cookie, reason });
            }
        }
    }
}

/// A cookie [`Session::append_state`](super::Session::append_state) did not write, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedCookie {
    /// The cookie's name.
    pub cookie: &'static str,
    /// Why it was not written, as a sentence.
    pub reason: String,
}

impl std::fmt::Display for SkippedCookie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the `{}` cookie was not written: {}", self.cookie, self.reason)
    }
}

/// `cs-personalize-user-uid=<uid>; Max-Age=31536000; Path=/; Secure; SameSite=Lax`, when the
/// uid is made of cookie-octets only and the line fits in a cookie.
pub(crate) fn user_cookie(user_uid: &str) -> Result<String, String> {
    if user_uid.is_empty() {
        return Err("the user uid is empty".to_owned());
    }
    if let Some((at, byte)) = user_uid.bytes().enumerate().find(|(_, b)| !is_cookie_octet(*b)) {
        return Err(format!(
            "the user uid has {} at byte {at}, which browsers do not keep in a cookie",
            describe(byte)
        ));
    }
    fits(format!("{USER_COOKIE}={user_uid}; Max-Age={USER_COOKIE_MAX_AGE}; Path=/; Secure; SameSite=Lax"))
}

/// `cs-personalize-manifest=<compact JSON>; Path=/; Secure; SameSite=Lax`: the JSON exactly as the
/// JS client writes it (what its browser side reads), when every string in it is made of
/// cookie-octets, so the only other bytes are the `"` and `,` of the JSON itself.
pub(crate) fn manifest_cookie(manifest: &Map<String, Value>) -> Result<String, String> {
    if let Some(text) = first_unsafe_member(manifest) {
        return Err(format!(
            "the manifest has the text {text:?}, which browsers do not keep in a cookie (only RFC 6265 cookie-octets)"
        ));
    }
    let json =
        crate::runtime::to_json_js_order(&manifest).map_err(|e| format!("the manifest cannot be written: {e}"))?;
    fits(format!("{MANIFEST_COOKIE}={json}; Path=/; Secure; SameSite=Lax"))
}

/// A whole `Set-Cookie` line longer than [`MAX_COOKIE_BYTES`] would be dropped or cut by the
/// browser: it is never written.
fn fits(line: String) -> Result<String, String> {
    if line.len() > MAX_COOKIE_BYTES {
        return Err(format!(
            "its `Set-Cookie` line would have {} bytes, more than the {MAX_COOKIE_BYTES} a browser keeps",
            line.len()
        ));
    }
    Ok(line)
}

/// The first key or string value of `value` (depth first) that holds a byte other than a
/// cookie-octet, cut to 40 characters for the message.
fn first_unsafe_string(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => unsafe_text(text),
        Value::Array(items) => items.iter().find_map(first_unsafe_string),
        Value::Object(members) => first_unsafe_member(members),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    }
}

/// [`first_unsafe_string`] of an object's keys and values.
fn first_unsafe_member(members: &Map<String, Value>) -> Option<String> {
    members.iter().find_map(|(key, member)| unsafe_text(key).or_else(|| first_unsafe_string(member)))
}

/// `text`, cut to 40 characters, when it holds a byte other than a cookie-octet.
fn unsafe_text(text: &str) -> Option<String> {
    (!text.bytes().all(is_cookie_octet)).then(|| text.chars().take(40).collect())
}

fn describe(byte: u8) -> String {
    match byte {
        b' ' => "a space".to_owned(),
        b'"' | b',' | b';' | b'\\' => format!("`{}`", byte as char),
        0x21..=0x7E => format!("`{}`", byte as char),
        _ => format!("the byte 0x{byte:02X}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_cookie_is_the_js_line_or_refused() {
        assert_eq!(
            user_cookie("u-1").as_deref(),
            Ok("cs-personalize-user-uid=u-1; Max-Age=31536000; Path=/; Secure; SameSite=Lax")
        );
        for bad in ["", "a b", "a,b", "a\"b", "a\\b", "a;b", "é", "a\u{7f}"] {
            assert!(user_cookie(bad).is_err(), "{bad:?}");
        }
        let overhead = "cs-personalize-user-uid=; Max-Age=31536000; Path=/; Secure; SameSite=Lax".len();
        let longest = MAX_COOKIE_BYTES - overhead;
        assert_eq!(user_cookie(&"u".repeat(longest)).map(|line| line.len()), Ok(MAX_COOKIE_BYTES));
        assert!(user_cookie(&"u".repeat(longest + 1)).is_err(), "one byte over is not written");
    }

    #[test]
    fn manifest_cookie_refuses_text_browsers_drop() {
        let manifest = |json: Value| manifest_cookie(json.as_object().expect("object"));
        let ok = manifest(serde_json::json!({"experiences": [{"shortUid": "0", "activeVariantShortUid": "0"}]}));
        assert_eq!(
            ok.as_deref(),
            Ok(
                r#"cs-personalize-manifest={"experiences":[{"shortUid":"0","activeVariantShortUid":"0"}]}; Path=/; Secure; SameSite=Lax"#
            )
        );
        for bad in ["a b", "a,b", "é", "a\"b", "a\\b"] {
            assert!(manifest(serde_json::json!({"experiences": [], "name": bad})).is_err(), "{bad:?}");
            assert!(manifest(serde_json::json!({"experiences": [], bad: 1})).is_err(), "{bad:?}");
        }
        let experiences: Vec<Value> =
            (0..400).map(|i| serde_json::json!({"shortUid": i.to_string(), "activeVariantShortUid": null})).collect();
        let too_big = manifest(serde_json::json!({ "experiences": experiences })).expect_err("too big");
        assert!(too_big.contains("more than the 4096"), "{too_big}");
    }
}
