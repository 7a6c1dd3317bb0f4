//! The cookies the official JS client reads and writes, byte for byte.

use crate::types::Manifest;

use super::SessionError;

/// Cookie holding the visitor's user uid (one year).
pub const USER_COOKIE: &str = "cs-personalize-user-uid";
/// Cookie holding the manifest, as compact JSON (a session cookie).
pub const MANIFEST_COOKIE: &str = "cs-personalize-manifest";
/// Cookie set by Lytics with the visitor's audiences; sent as the live attribute
/// `__lytics_audiences`.
pub const LYTICS_AUDIENCES_COOKIE: &str = "cs-lytics-audiences";
/// Cookie set by Lytics with its visitor id; sent as the Lytics identity `_uid`.
pub const LYTICS_ID_COOKIE: &str = "seerid";

/// `Max-Age` of the user cookie: 365 days, as the JS client writes it.
const USER_COOKIE_MAX_AGE: u32 = 365 * 86_400;

/// The cookies of one incoming request: every `Cookie` header, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct CookieJar {
    pieces: Vec<String>,
}

impl CookieJar {
    pub(crate) fn from_headers(headers: &http::HeaderMap) -> Self {
        let pieces = headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(';'))
            .map(|piece| piece.trim().to_owned())
            .filter(|piece| !piece.is_empty())
            .collect();
        CookieJar { pieces }
    }

    /// The value of the first cookie called `name`, not URL-decoded (as the JS client reads it).
    ///
    /// Unlike the JS client, a value containing `=` is kept whole rather than cut at the second
    /// `=`, and `Cookie` headers split over several lines (as HTTP/2 sends them) are all read.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pieces.iter().find_map(|piece| piece.strip_prefix(name)?.strip_prefix('='))
    }
}

/// `cs-personalize-user-uid=<id>; Max-Age=31536000; Path=/; Secure; SameSite=Lax`
pub(crate) fn user_cookie(user_id: &str) -> Result<String, SessionError> {
    check_value(USER_COOKIE, user_id)?;
    Ok(format!("{USER_COOKIE}={user_id}; Max-Age={USER_COOKIE_MAX_AGE}; Path=/; Secure; SameSite=Lax"))
}

/// `cs-personalize-manifest=<compact JSON>; Path=/; Secure; SameSite=Lax`
pub(crate) fn manifest_cookie(manifest: &Manifest) -> Result<String, SessionError> {
    let json = serde_json::to_string(manifest).map_err(|e| SessionError::InvalidCookieValue {
        cookie: MANIFEST_COOKIE,
        reason: format!("the manifest cannot be written as JSON: {e}"),
    })?;
    check_value(MANIFEST_COOKIE, &json)?;
    Ok(format!("{MANIFEST_COOKIE}={json}; Path=/; Secure; SameSite=Lax"))
}

/// A value that would end the cookie early (`;`), break the header (control characters) or be
/// changed on the way (surrounding spaces, non-ASCII) is refused instead of written broken.
fn check_value(cookie: &'static str, value: &str) -> Result<(), SessionError> {
    let reason = if let Some((i, c)) = value.char_indices().find(|(_, c)| *c == ';' || c.is_control() || !c.is_ascii())
    {
        Some(match c {
            ';' => format!("contains `;` at byte {i}, which would end the cookie"),
            c if c.is_control() => format!("contains the control character U+{:04X} at byte {i}", c as u32),
            c => format!("contains the non-ASCII character {c:?} at byte {i}"),
        })
    } else if value.starts_with(' ') || value.ends_with(' ') {
        Some("starts or ends with a space, which browsers remove".to_owned())
    } else {
        None
    };
    match reason {
        Some(reason) => Err(SessionError::InvalidCookieValue { cookie, reason }),
        None => Ok(()),
    }
}

/// Reads a manifest cookie in either format the JS client knows: the current one
/// (`{"experiences":[...]}`) or the old one (`{"activeVariants":{"<exp>":"<variant>"}}`), whose
/// experiences are rebuilt from the map in key order. `None` when it is neither.
pub(crate) fn parse_manifest(value: &str) -> Option<Manifest> {
    let mut json: serde_json::Value = serde_json::from_str(value).ok()?;
    let object = json.as_object_mut()?;
    if !object.contains_key("experiences") {
        let experiences: Vec<serde_json::Value> = object
            .get("activeVariants")?
            .as_object()?
            .iter()
            .map(|(exp, variant)| serde_json::json!({ "shortUid": exp, "activeVariantShortUid": variant }))
            .collect();
        object.insert("experiences".to_owned(), serde_json::Value::Array(experiences));
    }
    serde_json::from_value(json).ok()
}
