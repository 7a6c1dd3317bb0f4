//! Reading an answer's body: only when the status's arm decodes one, and never more than
//! the call's `max_response_bytes`.

use ::std::time::{Duration, Instant};

use ::bytes::{Bytes, BytesMut};
use ::reqwest::header::HeaderMap;
use ::reqwest::StatusCode;

use super::answers::ResponseTooLarge;
use super::error::Failure;
use super::raw::RawResponse;
use super::request::{failure, Limits};
use super::response::ResponseValue;

/// How much of a body nobody needs is read anyway: enough for any short text a server puts
/// there, so the connection goes back to the pool; a longer body closes the connection.
const SKIM_BYTES: usize = 64 * 1024;

/// How long a body nobody needs is waited for: it normally follows the head at once, and
/// a call whose answer is already known must not wait for a stalled one.
const SKIM_WAIT: Duration = Duration::from_millis(100);

/// An answer whose status line and headers have arrived and whose body has not been read.
#[derive(Debug)]
pub struct UnreadResponse {
    status: StatusCode,
    headers: HeaderMap,
    response: ::reqwest::Response,
    limits: Limits,
    started: Instant,
}

impl UnreadResponse {
    pub(super) fn new(mut response: ::reqwest::Response, limits: Limits, started: Instant) -> Self {
        let status = response.status();
        let headers = ::std::mem::take(response.headers_mut());
        Self { status, headers, response, limits, started }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The HTTP status as a number, for matching against the document's status codes.
    pub fn status_code(&self) -> u16 {
        self.status.as_u16()
    }

    /// Which of the media types a response declares this answer's `Content-Type` is
    /// (see [`RawResponse::media_index`]), before its body is read.
    pub fn media_index(&self, declared: &[&str]) -> usize {
        super::raw::media_index(&self.headers, declared)
    }

    /// Status and headers with an empty body, for parsing the declared response headers.
    pub fn head(&self) -> RawResponse {
        RawResponse::new(self.status, self.headers.clone(), Bytes::new())
    }

    /// Reads the whole body, to be decoded: at most `max_response_bytes`, chunk by chunk.
    ///
    /// # Errors
    /// `Failure::TooLarge` as soon as the declared `Content-Length` or the bytes received
    /// exceed the limit (nothing more is read); a timeout or transport failure while reading.
    pub async fn read(self) -> Result<RawResponse, Failure> {
        let Self { status, headers, mut response, limits, started } = self;
        let limit = limits.max_response_bytes;
        let declared_too_large =
            response.content_length().is_some_and(|length| length > u64::try_from(limit).unwrap_or(u64::MAX));
        if declared_too_large {
            return Err(Failure::TooLarge(ResponseTooLarge::new(status, headers, limit)));
        }
        // The usual small body arrives as one chunk, kept as it is; only more are joined.
        let mut first: Option<Bytes> = None;
        let mut joined = BytesMut::new();
        let mut total = 0usize;
        loop {
            let chunk = match response.chunk().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                Err(error) => return Err(failure(error, limits, started, Some(status))),
            };
            total = total.saturating_add(chunk.len());
            if total > limit {
                // Dropping the response closes the connection: the rest is never read.
                return Err(Failure::TooLarge(ResponseTooLarge::new(status, headers, limit)));
            }
            if first.is_none() && joined.is_empty() {
                first = Some(chunk);
                continue;
            }
            if let Some(first) = first.take() {
                joined.extend_from_slice(&first);
            }
            joined.extend_from_slice(&chunk);
        }
        let body = match first {
            Some(body) => body,
            None => joined.freeze(),
        };
        Ok(RawResponse::new(status, headers, body))
    }

    /// For a declared error answer without a body: reads what the server sent anyway, up
    /// to 64 KiB and for at most a moment, ignoring any failure; kept for the message.
    pub async fn skim(self) -> RawResponse {
        let Self { status, headers, mut response, .. } = self;
        let body = skim_body(&mut response).await;
        RawResponse::new(status, headers, body)
    }

    /// The body as a stream of chunks, with status, headers and the parsed declared headers.
    pub fn into_stream<H>(self, typed_headers: H) -> ResponseValue<ByteStream, H> {
        ResponseValue::new(ByteStream { response: self.response }, self.status, self.headers, typed_headers)
    }
}

/// Up to [`SKIM_BYTES`] of the body, read for at most [`SKIM_WAIT`]; a failure ends it.
/// A longer body is cut there (its start still makes a message); the connection closes.
async fn skim_body(response: &mut ::reqwest::Response) -> Bytes {
    let mut kept = BytesMut::new();
    let read = async {
        while kept.len() < SKIM_BYTES {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    let room = SKIM_BYTES - kept.len();
                    kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
                }
                Ok(None) | Err(_) => break,
            }
        }
    };
    // Running out of time is one more failure to ignore: what was read is kept.
    let _ = ::tokio::time::timeout(SKIM_WAIT, read).await;
    kept.freeze()
}

/// A response body read chunk by chunk as it arrives, for large downloads.
///
/// Not limited by `max_response_bytes`: the caller decides what to keep. The call's
/// timeout (`call_timeout`, 30 s by default) still covers the whole body; give the request
/// a longer one for long downloads.
#[derive(Debug)]
pub struct ByteStream {
    response: ::reqwest::Response,
}

impl ByteStream {
    /// The next chunk of the body, or `None` at its end.
    ///
    /// # Errors
    /// A transport error while reading (connection reset, timeout, ...).
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, ::reqwest::Error> {
        self.response.chunk().await
    }

    /// The rest of the body at once.
    ///
    /// # Errors
    /// A transport error while reading (connection reset, timeout, ...).
    pub async fn bytes(self) -> Result<Bytes, ::reqwest::Error> {
        self.response.bytes().await
    }
}
