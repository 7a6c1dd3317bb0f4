//! The default [`Transport`]: reqwest (with the crate's `reqwest` feature, on by default).

use ::std::time::Duration;

use ::bytes::Bytes;

use super::error::BuildError;
use super::request::DEFAULT_CONNECT_TIMEOUT;
use super::transport::{BoxFuture, ResponseBody, Transport, TransportError, TransportErrorKind};

/// Sends requests with a [`reqwest::Client`], the call's timeout set on each request (from
/// sending to the last byte of the body).
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: ::reqwest::Client,
}

impl ReqwestTransport {
    /// Sends with `client`: its proxies, TLS, connection pool and default headers apply, and
    /// its redirect policy (see [`default_http_client`] for why the default follows none).
    pub fn new(client: ::reqwest::Client) -> Self {
        Self { client }
    }

    /// Sends with [`default_http_client`].
    ///
    /// # Errors
    /// The HTTP client cannot be created (for example, no TLS backend could be set up).
    pub fn with_defaults() -> Result<Self, BuildError> {
        default_http_client().map(Self::new)
    }

    /// The reqwest client requests are sent with.
    pub fn client(&self) -> &::reqwest::Client {
        &self.client
    }
}

impl Transport for ReqwestTransport {
    fn send(
        &self,
        request: ::http::Request<Bytes>,
        timeout: Duration,
    ) -> BoxFuture<'_, Result<::http::Response<ResponseBody>, TransportError>> {
        ::std::boxed::Box::pin(async move {
            let mut request = ::reqwest::Request::try_from(request).map_err(transport_error)?;
            *request.timeout_mut() = Some(timeout);
            let response = self.client.execute(request).await.map_err(transport_error)?;
            Ok(::http::Response::from(response).map(ResponseBody::new))
        })
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        ::std::boxed::Box::pin(::tokio::time::sleep(duration))
    }
}

impl From<::reqwest::Error> for TransportError {
    fn from(error: ::reqwest::Error) -> Self {
        transport_error(error)
    }
}

/// A reqwest error, classified, without the URL it names (its path and query may identify
/// a visitor).
fn transport_error(error: ::reqwest::Error) -> TransportError {
    let kind = if error.is_timeout() && error.is_connect() {
        TransportErrorKind::ConnectTimeout
    } else if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_body() || error.is_decode() {
        TransportErrorKind::Body
    } else {
        TransportErrorKind::Request
    };
    TransportError::new(kind, error.without_url())
}

/// The HTTP client used when none is given: connect timeout [`DEFAULT_CONNECT_TIMEOUT`],
/// and no redirects followed (a 3xx is an answer like any other), because a redirect to
/// another host would carry every header of the request, the visitor's among them. The
/// timeout of each call is set on the call itself.
pub fn default_http_client() -> Result<::reqwest::Client, BuildError> {
    ::reqwest::Client::builder()
        .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
        .redirect(::reqwest::redirect::Policy::none())
        .build()
        .map_err(BuildError::http_client)
}
