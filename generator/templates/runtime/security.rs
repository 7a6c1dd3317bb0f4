//! Credentials of the document's security schemes: kept out of `Debug` output, checked when
//! the client is built, applied by the operations that require them.

use ::std::fmt;

use ::http::header::HeaderValue;

use super::encode::is_cookie_octet;
use super::error::{BuildError, InvalidRequest};

/// A secret value (API key, token, password). Its `Debug` output is `Secret(***)`, so it
/// never shows up in logs of the client or its builder.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(::std::string::String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<::std::string::String>) -> Self {
        Self(value.into())
    }

    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// A header value carrying a credential: checked (visible ASCII and inner spaces only; the
/// message never repeats the secret) and marked sensitive, so `Debug` and HTTP/2 header
/// compression leave it out.
pub fn credential_header(setting: &str, value: &str) -> Result<HeaderValue, BuildError> {
    if let Some(index) = value.bytes().position(|b| !(b == b' ' || b.is_ascii_graphic())) {
        return Err(BuildError::invalid_setting(
            setting,
            format!("the credential has a character a header cannot carry at byte {index}"),
        ));
    }
    if value.starts_with(' ') || value.ends_with(' ') {
        return Err(BuildError::invalid_setting(setting, "the credential starts or ends with a space"));
    }
    let mut header =
        HeaderValue::from_str(value).map_err(|error| BuildError::invalid_setting(setting, error.to_string()))?;
    header.set_sensitive(true);
    Ok(header)
}

/// `Authorization: Bearer <token>` (also for OAuth 2 and OpenID Connect access tokens).
pub fn bearer_header(setting: &str, token: &Secret) -> Result<HeaderValue, BuildError> {
    if token.expose().is_empty() {
        return Err(BuildError::invalid_setting(setting, "the token is empty"));
    }
    credential_header(setting, &format!("Bearer {}", token.expose()))
}

/// `Authorization: Basic <base64(username:password)>` (RFC 7617); the user name must not
/// contain `:`.
pub fn basic_header(setting: &str, username: &str, password: &Secret) -> Result<HeaderValue, BuildError> {
    if username.contains(':') {
        return Err(BuildError::invalid_setting(setting, "the user name must not contain `:`"));
    }
    let credentials = format!("{username}:{}", password.expose());
    credential_header(setting, &format!("Basic {}", base64(credentials.as_bytes())))
}

/// An API key sent as a cookie: checked to be cookie octets (visible ASCII other than
/// `"` `,` `;` `\`).
pub fn cookie_credential(setting: &str, value: Secret) -> Result<Secret, BuildError> {
    if let Some(index) = value.expose().bytes().position(|b| !is_cookie_octet(b)) {
        return Err(BuildError::invalid_setting(
            setting,
            format!("the credential has a character a cookie cannot carry at byte {index}"),
        ));
    }
    Ok(value)
}

/// The error of an operation none of whose security requirements has its credentials set
/// on the client; `needs` says which would do.
pub fn missing_credentials(needs: &str) -> InvalidRequest {
    InvalidRequest::new("security", format!("this operation needs credentials: {needs}; set them on the ClientBuilder"))
}

/// Standard base64 with padding (RFC 4648, section 4).
fn base64(input: &[u8]) -> ::std::string::String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = ::std::string::String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 0x3f) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
