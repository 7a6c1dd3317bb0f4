//! Reading an answer's body: only when the status's arm decodes one, and never more than
//! the call's `max_response_bytes`.

use ::std::future::Future;
use ::std::pin::pin;
use ::std::sync::Arc;
use ::std::task::Poll;
use ::std::time::Duration;

use ::bytes::{Bytes, BytesMut};
use ::http::header::HeaderMap;
use ::http::StatusCode;

use super::answers::ResponseTooLarge;
use super::error::Failure;
use super::raw::RawResponse;
use super::request::{failure, Limits};
use super::response::ResponseValue;
use super::transport::{ResponseBody, Transport, TransportError};

/// How much of a body nobody needs is read anyway: enough for any short text a server puts
/// there, so the connection goes back to the pool; a longer body closes the connection.
const SKIM_BYTES: usize = 64 * 1024;

/// How long a body nobody needs is waited for: it normally follows the head at once, and
/// a call whose answer is already known must not wait for a stalled one.
const SKIM_WAIT: Duration = Duration::from_millis(100);

/// An answer whose status line and headers have arrived and whose body has not been read.
pub struct UnreadResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: ResponseBody,
    limits: Limits,
    started: ::web_time::Instant,
    /// For its timer, while skimming.
    transport: Arc<dyn Transport>,
    /// The call's span, entered while the body is read.
    #[cfg(feature = "tracing")]
    span: ::tracing::Span,
}

impl ::std::fmt::Debug for UnreadResponse {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("UnreadResponse").field("status", &self.status).field("headers", &self.headers).finish()
    }
}

impl UnreadResponse {
    pub(super) fn new(
        response: ::http::Response<ResponseBody>,
        limits: Limits,
        started: ::web_time::Instant,
        transport: Arc<dyn Transport>,
        #[cfg(feature = "tracing")] span: ::tracing::Span,
    ) -> Self {
        let (parts, body) = response.into_parts();
        Self {
            status: parts.status,
            headers: parts.headers,
            body,
            limits,
            started,
            transport,
            #[cfg(feature = "tracing")]
            span,
        }
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
        #[cfg(feature = "tracing")]
        let span = self.span.clone();
        let read = self.read_body();
        #[cfg(feature = "tracing")]
        let read = ::tracing::Instrument::instrument(read, span);
        read.await
    }

    async fn read_body(self) -> Result<RawResponse, Failure> {
        let Self { status, headers, body: mut response, limits, started, .. } = self;
        let limit = limits.max_response_bytes;
        let declared_too_large =
            response.exact_len().is_some_and(|length| length > u64::try_from(limit).unwrap_or(u64::MAX));
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
        let Self { status, headers, body: mut response, transport, .. } = self;
        let body = skim_body(&mut response, transport.sleep(SKIM_WAIT)).await;
        RawResponse::new(status, headers, body)
    }

    /// The body as a stream of chunks, with status, headers and the parsed declared headers.
    pub fn into_stream<H>(self, typed_headers: H) -> ResponseValue<ByteStream, H> {
        ResponseValue::new(ByteStream { body: self.body }, self.status, self.headers, typed_headers)
    }
}

/// Up to [`SKIM_BYTES`] of the body, read for at most [`SKIM_WAIT`]; a failure ends it.
/// A longer body is cut there (its start still makes a message); the connection closes.
async fn skim_body(response: &mut ResponseBody, wait: impl Future<Output = ()>) -> Bytes {
    let mut kept = BytesMut::new();
    {
        let mut read = pin!(async {
            while kept.len() < SKIM_BYTES {
                match response.chunk().await {
                    Ok(Some(chunk)) => {
                        let room = SKIM_BYTES - kept.len();
                        kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
                    }
                    Ok(None) | Err(_) => break,
                }
            }
        });
        let mut wait = pin!(wait);
        // Whichever ends first; running out of time is one more failure to ignore: what was
        // read is kept.
        ::std::future::poll_fn(|cx| {
            if read.as_mut().poll(cx).is_ready() || wait.as_mut().poll(cx).is_ready() {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        })
        .await;
    }
    kept.freeze()
}

/// A response body read chunk by chunk as it arrives, for large downloads.
///
/// Not limited by `max_response_bytes`: the caller decides what to keep. The call's
/// timeout (`call_timeout`, 30 s by default) still covers the whole body; give the request
/// a longer one for long downloads.
#[derive(Debug)]
pub struct ByteStream {
    body: ResponseBody,
}

impl ByteStream {
    /// The next chunk of the body, or `None` at its end.
    ///
    /// # Errors
    /// A transport error while reading (connection reset, timeout, ...).
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, TransportError> {
        self.body.chunk().await
    }

    /// The rest of the body at once.
    ///
    /// # Errors
    /// A transport error while reading (connection reset, timeout, ...).
    pub async fn bytes(mut self) -> Result<Bytes, TransportError> {
        let mut all = BytesMut::new();
        while let Some(chunk) = self.body.chunk().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(all.freeze())
    }
}
