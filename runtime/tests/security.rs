//! Credentials: checked when the client is built, never shown by `Debug`.

use codegen_runtime::{basic_header, bearer_header, cookie_credential, credential_header, missing_credentials, Secret};

#[test]
fn basic_credentials_are_base64_of_user_and_password() {
    // RFC 7617's example.
    let header = basic_header("basic", "Aladdin", &Secret::new("open sesame")).expect("valid");
    assert_eq!(header, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    assert!(header.is_sensitive());
    // RFC 4648 test vectors through the user name (padding of every length).
    for (user, encoded) in [("f", "Zjo="), ("fo", "Zm86"), ("foo", "Zm9vOg=="), ("foob", "Zm9vYjo=")] {
        assert_eq!(basic_header("basic", user, &Secret::new("")).expect("valid"), format!("Basic {encoded}").as_str());
    }
    let error = basic_header("basic", "a:b", &Secret::new("p")).expect_err("colon").to_string();
    assert_eq!(error, "invalid client setting `basic`: the user name must not contain `:`");
}

#[test]
fn bearer_tokens_and_api_keys_are_checked_without_echoing_them() {
    let header = bearer_header("bearer", &Secret::new("abc.def")).expect("valid");
    assert_eq!(header, "Bearer abc.def");
    assert!(header.is_sensitive());
    assert_eq!(format!("{header:?}"), "Sensitive");
    for bad in ["to\nken", "tökén", "\u{7f}"] {
        let error = bearer_header("bearer", &Secret::new(bad)).expect_err(bad).to_string();
        assert!(error.starts_with("invalid client setting `bearer`: the credential has a character"), "{error}");
        assert!(!error.contains(bad), "{error}");
    }
    assert!(bearer_header("bearer", &Secret::new("")).is_err());
    assert!(credential_header("key", " padded").is_err());
    assert_eq!(credential_header("key", "k-1").expect("valid"), "k-1");
}

#[test]
fn cookie_credentials_must_be_cookie_octets() {
    assert_eq!(cookie_credential("key", Secret::new("abc")).expect("valid").expose(), "abc");
    let error = cookie_credential("key", Secret::new("a;b")).expect_err("semicolon").to_string();
    assert_eq!(error, "invalid client setting `key`: the credential has a character a cookie cannot carry at byte 1");
}

#[test]
fn secrets_never_show_in_debug() {
    let secret = Secret::new("hunter2");
    assert_eq!(format!("{secret:?}"), "Secret(***)");
    assert_eq!(secret.expose(), "hunter2");
}

#[test]
fn missing_credentials_name_what_would_do() {
    let error = missing_credentials("`bearer`, or `api_key`");
    assert_eq!(error.parameter(), "security");
    assert_eq!(
        error.to_string(),
        "invalid request: parameter `security`: this operation needs credentials: `bearer`, or `api_key`; set them on the ClientBuilder"
    );
}
