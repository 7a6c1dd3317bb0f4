//! Downloading the newest document (`regenerate --url`).

use std::error::Error as _;
use std::net::IpAddr;
use std::time::Duration;

use crate::Error;

/// How long connecting may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the whole download may take.
pub const TOTAL_TIMEOUT: Duration = Duration::from_secs(30);

/// Downloads `url`: the body of a 2xx answer, else an error that names the URL and why.
pub fn fetch(url: &str) -> Result<Vec<u8>, Error> {
    let fail = |why: String| Error::Failed(format!("cannot download the document from {url}: {why}"));
    let parsed = reqwest::Url::parse(url).map_err(|e| fail(format!("not a valid URL ({e})")))?;
    let mut builder = reqwest::blocking::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(TOTAL_TIMEOUT)
        .user_agent(concat!("xtask/", env!("CARGO_PKG_VERSION")));
    if is_loopback(&parsed) {
        // A proxy from the environment cannot reach this machine's own servers.
        builder = builder.no_proxy();
    }
    let client = builder.build().map_err(|e| fail(describe(e)))?;
    let response = client.get(parsed).send().map_err(|e| fail(describe(e)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(fail(format!("the server answered HTTP {status}")));
    }
    let body = response.bytes().map_err(|e| fail(describe(e)))?;
    if body.is_empty() {
        return Err(fail("the server answered with an empty body".to_owned()));
    }
    Ok(body.to_vec())
}

fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host_str() {
        Some("localhost") => true,
        Some(host) => {
            host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
        }
        None => false,
    }
}

/// A reqwest error with its causes (`connection refused`, ...), without repeating the URL.
fn describe(error: reqwest::Error) -> String {
    if error.is_timeout() {
        return format!(
            "timed out (connect timeout {} s, total timeout {} s)",
            CONNECT_TIMEOUT.as_secs(),
            TOTAL_TIMEOUT.as_secs()
        );
    }
    let error = error.without_url();
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}
