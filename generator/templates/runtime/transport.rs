//! The seam between the generated client and the network: a [`Transport`] sends one
//! `http::Request` and returns the answer's head with its body still to be read.
//!
//! With the crate's `reqwest` feature (on by default) the client sends through
//! `ReqwestTransport`; without it, the crate depends on no HTTP
//! client, async runtime or TLS library, and the caller gives a transport of their own: a
//! wasm runtime's `fetch`, a test double, or a wrapper around another transport (retries, a
//! circuit breaker, reqwest-middleware).

use ::std::error::Error as StdError;
use ::std::fmt;
use ::std::future::Future;
use ::std::pin::Pin;
use ::std::task::{Context, Poll};
use ::std::time::Duration;

use ::bytes::Bytes;
use ::http_body::{Body, Frame, SizeHint};

/// A boxed future that can move between threads, as [`Transport`] returns them.
pub type BoxFuture<'a, T> = Pin<::std::boxed::Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends requests: the one part of a generated client that touches the network.
///
/// A transport must honour `timeout`: from sending the request to the last byte of the
/// answer's body, failing with [`TransportError::timeout`] past it. The client follows no
/// redirect itself, so a transport that does carries every header of the request to the
/// new host: don't, unless every host you may be redirected to is trusted.
///
/// The operation a request belongs to is in its extensions
/// (`request.extensions().get::<Operation>()`), for transports that log, meter or retry
/// by operation.
pub trait Transport: Send + Sync + 'static {
    /// Sends `request` and returns once the answer's status line and headers have arrived.
    fn send(
        &self,
        request: ::http::Request<Bytes>,
        timeout: Duration,
    ) -> BoxFuture<'_, Result<::http::Response<ResponseBody>, TransportError>>;

    /// A future that completes after `duration`. The client uses it to stop waiting for the
    /// body of an error answer that only feeds a message (100 ms). The default never
    /// completes: such a body is then read until it ends, reaches 64 KiB or the call's
    /// timeout strikes.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        let _ = duration;
        ::std::boxed::Box::pin(::std::future::pending())
    }
}

impl<T: Transport + ?Sized> Transport for ::std::sync::Arc<T> {
    fn send(
        &self,
        request: ::http::Request<Bytes>,
        timeout: Duration,
    ) -> BoxFuture<'_, Result<::http::Response<ResponseBody>, TransportError>> {
        (**self).send(request, timeout)
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        (**self).sleep(duration)
    }
}

/// The body of an answer, read frame by frame: any [`http_body::Body`] of [`Bytes`] whose
/// errors become [`TransportError`]s (reqwest's, hyper's, a buffer's).
pub struct ResponseBody {
    inner: Pin<::std::boxed::Box<dyn Body<Data = Bytes, Error = TransportError> + Send + 'static>>,
}

impl ResponseBody {
    /// Wraps a streaming body; its errors are turned into [`TransportError`]s with `into`.
    pub fn new<B>(body: B) -> Self
    where
        B: Body<Data = Bytes> + Send + 'static,
        B::Error: Into<TransportError>,
    {
        Self { inner: ::std::boxed::Box::pin(MapErr(::std::boxed::Box::pin(body))) }
    }

    /// A body that is all there at once.
    pub fn full(bytes: impl Into<Bytes>) -> Self {
        Self { inner: ::std::boxed::Box::pin(Full(Some(bytes.into()))) }
    }

    /// The length the body declares, if it knows it exactly (a `Content-Length`).
    pub fn exact_len(&self) -> Option<u64> {
        self.inner.size_hint().exact()
    }

    /// The next chunk of data, or `None` at the end; trailers are skipped.
    ///
    /// # Errors
    /// The transport's failure while reading (connection reset, timeout, ...).
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, TransportError> {
        loop {
            let frame = ::std::future::poll_fn(|cx| self.inner.as_mut().poll_frame(cx)).await;
            match frame {
                None => return Ok(None),
                Some(Err(error)) => return Err(error),
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        return Ok(Some(data));
                    }
                }
            }
        }
    }
}

impl fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseBody").field("exact_len", &self.exact_len()).finish()
    }
}

/// A body whose errors are mapped into [`TransportError`]s (pinned in a box of its own, so
/// no unsafe projection is needed).
struct MapErr<B>(Pin<::std::boxed::Box<B>>);

impl<B> Body for MapErr<B>
where
    B: Body<Data = Bytes>,
    B::Error: Into<TransportError>,
{
    type Data = Bytes;
    type Error = TransportError;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, TransportError>>> {
        self.get_mut().0.as_mut().poll_frame(cx).map(|frame| frame.map(|frame| frame.map_err(Into::into)))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.0.size_hint()
    }
}

/// A body held in memory.
struct Full(Option<Bytes>);

impl Body for Full {
    type Data = Bytes;
    type Error = TransportError;

    fn poll_frame(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, TransportError>>> {
        Poll::Ready(self.get_mut().0.take().map(|bytes| Ok(Frame::data(bytes))))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.0.as_ref().map_or(0, |bytes| bytes.len() as u64))
    }
}

/// Why a transport could not send a request or read its answer.
///
/// Its message is a short sentence (`could not reach the server: Connection refused (os
/// error 111)`) without the URL, which may carry a visitor's identifiers; the original
/// error is kept as its [`source`](StdError::source), for `downcast_ref`.
pub struct TransportError {
    kind: TransportErrorKind,
    source: ::std::boxed::Box<dyn StdError + Send + Sync + 'static>,
}

/// What kind of failure a [`TransportError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake).
    Connect,
    /// The call's timeout struck.
    Timeout,
    /// The call's (or the HTTP client's connect) timeout struck before a connection was made.
    ConnectTimeout,
    /// The connection failed while the answer's body was read.
    Body,
    /// The request could not be built or sent, or the answer's head could not be read.
    Request,
}

impl TransportError {
    /// A failure of `kind`, caused by `source` (any error, or a message).
    pub fn new(kind: TransportErrorKind, source: impl Into<::std::boxed::Box<dyn StdError + Send + Sync>>) -> Self {
        Self { kind, source: source.into() }
    }

    /// No connection could be made in time.
    pub fn connect_timeout(source: impl Into<::std::boxed::Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::ConnectTimeout, source)
    }

    /// No connection could be made.
    pub fn connect(source: impl Into<::std::boxed::Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Connect, source)
    }

    /// The call's timeout struck.
    pub fn timeout(source: impl Into<::std::boxed::Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Timeout, source)
    }

    /// The connection failed while the body was read.
    pub fn body(source: impl Into<::std::boxed::Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Body, source)
    }

    /// The request failed before an answer arrived.
    pub fn request(source: impl Into<::std::boxed::Box<dyn StdError + Send + Sync>>) -> Self {
        Self::new(TransportErrorKind::Request, source)
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether the call's timeout struck.
    pub fn is_timeout(&self) -> bool {
        matches!(self.kind, TransportErrorKind::Timeout | TransportErrorKind::ConnectTimeout)
    }

    /// Whether no connection could be made.
    pub fn is_connect(&self) -> bool {
        matches!(self.kind, TransportErrorKind::Connect | TransportErrorKind::ConnectTimeout)
    }

    /// The original error, for `downcast_ref::<reqwest::Error>()` and the like.
    pub fn get_ref(&self) -> &(dyn StdError + Send + Sync + 'static) {
        &*self.source
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            TransportErrorKind::Connect => "could not reach the server",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::ConnectTimeout => "timed out connecting to the server",
            TransportErrorKind::Body => "the connection failed while the answer was read",
            TransportErrorKind::Request => "the request failed before an answer arrived",
        })?;
        let cause = super::text::innermost(&*self.source);
        write!(f, ": {}", super::text::CutDisplay(cause, super::text::SHORT_BYTES))
    }
}

impl fmt::Debug for TransportError {
    // The source's own `Debug` may show the URL (reqwest's does) and every layer of its
    // cause: the sentence says what matters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TransportError").field(&super::text::CutDisplay(self, 2 * super::text::SHORT_BYTES)).finish()
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&*self.source)
    }
}
