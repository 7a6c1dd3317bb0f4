//! The cookies of an incoming request, read the way the official JS client reads them, but one
//! cookie at a time from the raw bytes, so no foreign cookie can hide ours.
//!
//! The JS client splits `document.cookie` (or the request's `Cookie` header) on `;`, trims each
//! piece and takes the first one that starts with `<name>=`. Reading the whole header as one
//! UTF-8 string, as this module once did, loses every cookie when another application on the
//! site sets a single non-ASCII one (`name=José`). Here each `Cookie` header line is split as
//! bytes, and a piece is only ever looked at by its name: whatever surrounds our cookies (bytes
//! that are not UTF-8, pieces without `=`, duplicates, huge values) is skipped.
//!
//! Hand-written rather than taken from the `cookie` crate: its parser wants a `&str` (the header
//! would have to be made UTF-8 first, which is the fault this module removes), it always pulls in
//! the `time` crate for `Expires`, which a request's `Cookie` header never has, and the reading
//! the JS client does is a dozen lines.

/// Cookie holding the visitor's user uid (one year).
pub const USER_COOKIE: &str = "cs-personalize-user-uid";
/// Cookie holding the manifest, as compact JSON (a session cookie).
pub const MANIFEST_COOKIE: &str = "cs-personalize-manifest";
/// Cookie set by Lytics with the visitor's audiences; sent as the live attribute
/// `__lytics_audiences`.
pub const LYTICS_AUDIENCES_COOKIE: &str = "cs-lytics-audiences";
/// Cookie set by Lytics with its visitor id; sent as the Lytics identity `_uid`.
pub const LYTICS_ID_COOKIE: &str = "seerid";

/// The most bytes a cookie's `Set-Cookie` line may have: what every browser keeps (RFC 6265
/// section 6.1 asks for at least 4096 bytes per cookie). A longer value is not one we wrote.
pub(crate) const MAX_COOKIE_BYTES: usize = 4096;

/// The cookies of one incoming request: every `Cookie` header line, kept as received.
#[derive(Debug, Clone, Default)]
pub(crate) struct CookieJar {
    lines: Vec<http::HeaderValue>,
}

impl CookieJar {
    /// The `Cookie` headers of a request, in order (HTTP/2 may split them over several lines).
    pub(crate) fn from_headers(headers: &http::HeaderMap) -> Self {
        CookieJar { lines: headers.get_all(http::header::COOKIE).iter().cloned().collect() }
    }

    /// The value of the first cookie called `name` whose value is usable: only RFC 6265
    /// cookie-octets (visible ASCII but for `"`, `,`, `;`, `\`), non-empty and at most
    /// [`MAX_COOKIE_BYTES`]; not URL-decoded, as the JS client reads it. A value that is not
    /// usable counts as absent (a `tracing` debug line says why) and a later cookie of the same
    /// name is taken instead.
    ///
    /// Unlike the JS client, a value containing `=` is kept whole rather than cut at the second
    /// `=`.
    pub(crate) fn get<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        self.get_where(name, is_cookie_octet)
    }

    /// The value of the first usable manifest cookie: as [`get`](Self::get), but `"` and `,`
    /// are allowed too, as the JSON the JS client writes there holds them.
    pub(crate) fn get_json<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        self.get_where(name, |b| is_cookie_octet(b) || b == b'"' || b == b',')
    }

    // Without `tracing` the reason a value is ignored is not logged.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    fn get_where<'a>(&'a self, name: &'a str, allowed: fn(u8) -> bool) -> Option<&'a str> {
        self.values(name).find_map(|value| match unusable(value, allowed) {
            None => std::str::from_utf8(value).ok(),
            Some(reason) => {
                #[cfg(feature = "tracing")]
                tracing::debug!(cookie = name, "ignoring the request's `{name}` cookie: its value {reason}");
                None
            }
        })
    }

    /// Every value of the cookies called `name`, in order, as bytes.
    fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.lines
            .iter()
            .flat_map(|line| line.as_bytes().split(|b| *b == b';'))
            .map(<[u8]>::trim_ascii)
            .filter_map(move |piece| piece.strip_prefix(name.as_bytes())?.strip_prefix(b"="))
    }
}

/// Whether `byte` is a `cookie-octet` of RFC 6265: `%x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E`.
pub(crate) fn is_cookie_octet(byte: u8) -> bool {
    matches!(byte, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

/// Why a value read from a request cookie cannot be used, or `None` when it can.
fn unusable(value: &[u8], allowed: fn(u8) -> bool) -> Option<String> {
    if value.is_empty() {
        return Some("is empty".to_owned());
    }
    if value.len() > MAX_COOKIE_BYTES {
        return Some(format!("has {} bytes, more than a cookie can hold ({MAX_COOKIE_BYTES})", value.len()));
    }
    let (at, byte) = value.iter().enumerate().find(|(_, b)| !allowed(**b))?;
    Some(format!("has the byte 0x{byte:02X} at {at}, which a cookie we wrote never has"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jar(lines: &[&[u8]]) -> CookieJar {
        let mut headers = http::HeaderMap::new();
        for line in lines {
            headers.append(http::header::COOKIE, http::HeaderValue::from_bytes(line).expect("header bytes"));
        }
        CookieJar::from_headers(&headers)
    }

    #[test]
    fn a_non_ascii_foreign_cookie_does_not_hide_ours() {
        let jar = jar(&["name=Jos\u{e9}; cs-personalize-user-uid=u-1; x=\u{ff}\u{fe}".as_bytes(), b"a=\xff\xfe"]);
        assert_eq!(jar.get(USER_COOKIE), Some("u-1"));
    }

    #[test]
    fn the_first_usable_value_wins_and_unusable_ones_count_as_absent() {
        let jar = jar(&[b"cs-personalize-user-uid=a b; cs-personalize-user-uid=\"q\"", b"cs-personalize-user-uid=ok"]);
        assert_eq!(jar.get(USER_COOKIE), Some("ok"));
        assert_eq!(self::jar(&[b"cs-personalize-user-uid="]).get(USER_COOKIE), None);
        let huge = format!("cs-personalize-user-uid={}", "x".repeat(MAX_COOKIE_BYTES + 1));
        assert_eq!(self::jar(&[huge.as_bytes()]).get(USER_COOKIE), None);
    }

    #[test]
    fn the_manifest_cookie_may_hold_the_quotes_and_commas_of_json() {
        let jar = jar(&[br#"cs-personalize-manifest={"experiences":[]}; cs-personalize-user-uid={"a","b"}"#]);
        assert_eq!(jar.get_json(MANIFEST_COOKIE), Some(r#"{"experiences":[]}"#));
        assert_eq!(jar.get(USER_COOKIE), None);
        assert_eq!(self::jar(&[br#"cs-personalize-manifest={"a": 1}"#]).get_json(MANIFEST_COOKIE), None);
    }

    #[test]
    fn names_match_whole_and_values_keep_equals_signs() {
        let jar = jar(&[b"xcs-personalize-user-uid=no;cs-personalize-user-uid-2=no;  seerid=a=b=c  "]);
        assert_eq!(jar.get(USER_COOKIE), None);
        assert_eq!(jar.get(LYTICS_ID_COOKIE), Some("a=b=c"));
    }

    #[test]
    fn cookie_octets_are_those_of_rfc_6265() {
        let octets: Vec<u8> = (0u8..=255).filter(|b| is_cookie_octet(*b)).collect();
        assert_eq!(octets.len(), 90);
        for refused in [b' ', b'"', b',', b';', b'\\', 0x7F, 0x00, 0x80] {
            assert!(!is_cookie_octet(refused), "{refused:#x}");
        }
    }
}
