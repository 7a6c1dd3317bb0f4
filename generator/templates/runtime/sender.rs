//! How a client sends: its [`Transport`] and [`Hook`]s, and the one place every call goes
//! through (hooks, the `tracing` span, the transport, the outcome).

use ::std::fmt;
use ::std::sync::Arc;

use ::bytes::Bytes;

use super::error::{BuildError, Failure};
use super::hooks::{Hook, Operation, Outcome};
use super::read::UnreadResponse;
use super::request::{failure, Limits};
use super::transport::Transport;

/// The transport and hooks of a client, shared by its clones.
#[derive(Clone)]
pub struct Sender {
    transport: Arc<dyn Transport>,
    hooks: Arc<[Arc<dyn Hook>]>,
}

impl Sender {
    /// The transport requests are sent with.
    pub fn transport(&self) -> &Arc<dyn Transport> {
        &self.transport
    }

    /// Sends `request` of `operation` within `limits`: hooks before, the transport inside a
    /// span, hooks after; returns once the answer's head has arrived.
    pub async fn send(
        &self,
        operation: Operation,
        mut request: ::http::Request<Bytes>,
        limits: Limits,
    ) -> Result<UnreadResponse, Failure> {
        let started = ::web_time::Instant::now();
        for hook in self.hooks.iter() {
            hook.before(&operation, &mut request);
        }
        request.extensions_mut().insert(operation.clone());
        // The operation, method and path template only: never the URL (its path and query
        // may identify a visitor) nor a header value (credentials).
        #[cfg(feature = "tracing")]
        let span = ::tracing::info_span!(
            "call",
            operation = operation.id(),
            method = %operation.method(),
            path = operation.path_template(),
            status = ::tracing::field::Empty,
            duration_ms = ::tracing::field::Empty,
            error = ::tracing::field::Empty,
        );
        let sent = self.transport.send(request, limits.timeout);
        #[cfg(feature = "tracing")]
        let sent = ::tracing::Instrument::instrument(sent, span.clone());
        let result = sent.await;
        let elapsed = started.elapsed();
        let outcome = match &result {
            Ok(response) => Outcome::Answered { status: response.status(), headers: response.headers(), elapsed },
            Err(error) => Outcome::Failed { error, elapsed },
        };
        for hook in self.hooks.iter() {
            hook.after(&operation, &outcome);
        }
        #[cfg(feature = "tracing")]
        {
            match &outcome {
                Outcome::Answered { status, .. } => span.record("status", status.as_u16()),
                Outcome::Failed { error, .. } => span.record("error", ::tracing::field::display(error)),
            };
            span.record("duration_ms", u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX));
        }
        match result {
            Ok(response) => Ok(UnreadResponse::new(
                response,
                limits,
                started,
                Arc::clone(&self.transport),
                #[cfg(feature = "tracing")]
                span,
            )),
            Err(error) => Err(failure(error, limits, started, None)),
        }
    }
}

impl fmt::Debug for Sender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender").field("hooks", &self.hooks.len()).finish_non_exhaustive()
    }
}

/// The transport and hooks given to a client builder.
#[derive(Clone, Default)]
pub struct SenderBuilder {
    transport: Option<Arc<dyn Transport>>,
    hooks: Vec<Arc<dyn Hook>>,
}

impl SenderBuilder {
    /// Sends with `transport`.
    pub fn transport(self, transport: impl Transport) -> Self {
        Self { transport: Some(Arc::new(transport)), ..self }
    }

    /// Sends with reqwest's `client`.
    #[cfg(feature = "reqwest")]
    pub fn http_client(self, client: ::reqwest::Client) -> Self {
        self.transport(super::reqwest_transport::ReqwestTransport::new(client))
    }

    /// Adds `hook`, run after those added before it.
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// The sender: the given transport, or else the default one.
    ///
    /// # Errors
    /// No transport was given and the `reqwest` feature is off, or the default HTTP client
    /// cannot be created.
    pub fn build(self) -> Result<Sender, BuildError> {
        let transport = match self.transport {
            Some(transport) => transport,
            None => default_transport()?,
        };
        Ok(Sender { transport, hooks: self.hooks.into() })
    }
}

impl fmt::Debug for SenderBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SenderBuilder")
            .field("transport", &if self.transport.is_some() { "given" } else { "default" })
            .field("hooks", &self.hooks.len())
            .finish()
    }
}

#[cfg(feature = "reqwest")]
fn default_transport() -> Result<Arc<dyn Transport>, BuildError> {
    Ok(Arc::new(super::reqwest_transport::ReqwestTransport::with_defaults()?))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport() -> Result<Arc<dyn Transport>, BuildError> {
    Err(BuildError::invalid_setting(
        "transport",
        "no transport was given, and the default one needs the crate's `reqwest` feature",
    ))
}
