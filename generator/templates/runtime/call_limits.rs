//! The limits a request builder sets on its own call (`call_timeout`, `max_response_bytes`),
//! kept with the client it sends through, and its setters.

use ::std::fmt;
use ::std::ops::Deref;
use ::std::time::Duration;

use super::call::Call;
use super::hooks::Operation;
use super::request::Limits;

/// The limits a request builder sets for its own call (`call_timeout`,
/// `max_response_bytes`); what it leaves unset comes from the client.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CallLimits {
    timeout: Option<Duration>,
    max_response_bytes: Option<usize>,
}

impl CallLimits {
    /// With the call's own timeout.
    pub fn with_timeout(self, timeout: Duration) -> Self {
        Self { timeout: Some(timeout), ..self }
    }

    /// With the call's own largest body.
    pub fn with_max_response_bytes(self, limit: usize) -> Self {
        Self { max_response_bytes: Some(limit), ..self }
    }

    /// The call's limits: its own where set, else `client`'s.
    pub fn or(self, client: Limits) -> Limits {
        Limits {
            timeout: self.timeout.unwrap_or(client.timeout),
            max_response_bytes: self.max_response_bytes.unwrap_or(client.max_response_bytes),
        }
    }
}

/// `call_timeout` and `max_response_bytes` of a request builder with a `client:
/// WithLimits<'_, Client>` field, written once here instead of in every operation:
/// `limit_setters!();` in the builder's `impl`, `limit_setters!(stream);` for an operation
/// with `send_stream`, whose successful body is not limited.
#[allow(unused_macros)]
macro_rules! limit_setters {
    // `stream` only names the method in the note of `send_stream` (`send_` and the word).
    ($($stream:ident)?) => {
        /// How long this call may take, from connecting to the last byte of the answer,
        /// instead of the client's `call_timeout` (30 s unless set there); past it the call
        /// fails with [`Error::Timeout`](super::runtime::Error::Timeout).
        pub fn call_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.client = self.client.with_timeout(timeout);
            self
        }

        /// The largest answer body this call reads, in bytes, instead of the client's
        /// `max_response_bytes` (16 MiB unless set there); a larger one fails the call with
        /// [`Error::ResponseTooLarge`](super::runtime::Error::ResponseTooLarge).
        $(
            ///
            #[doc = ::std::concat!(
                " The successful body of [`send_", ::std::stringify!($stream),
                "`](Self::send_", ::std::stringify!($stream), ") is not limited."
            )]
        )?
        pub fn max_response_bytes(mut self, limit: usize) -> Self {
            self.client = self.client.with_max_response_bytes(limit);
            self
        }
    };
}
#[allow(unused_imports)]
pub(crate) use limit_setters;

/// What a generated `Client` does for its request builders: start the call of an operation,
/// within the call's own limits or else the client's.
pub trait StartCall {
    /// The call of `operation`, to the client's base URL, within `limits` or else the
    /// client's.
    fn start_call(&self, operation: Operation, limits: CallLimits) -> Call<'_>;
}

/// The client a request builder sends through, with the limits set on that one call; it
/// derefs to the client (whose client-level header values a `send` reads).
pub struct WithLimits<'a, C> {
    client: &'a C,
    limits: CallLimits,
}

impl<'a, C: StartCall> WithLimits<'a, C> {
    /// `client`, the call with no limits of its own.
    pub fn new(client: &'a C) -> Self {
        Self { client, limits: CallLimits::default() }
    }

    /// With the call's own timeout.
    pub fn with_timeout(self, timeout: Duration) -> Self {
        Self { limits: self.limits.with_timeout(timeout), ..self }
    }

    /// With the call's own largest body.
    pub fn with_max_response_bytes(self, limit: usize) -> Self {
        Self { limits: self.limits.with_max_response_bytes(limit), ..self }
    }

    /// Starts the call of `operation`: it borrows the client, not the builder, so a
    /// streamed answer outlives the builder.
    pub fn call(&self, operation: Operation) -> Call<'a> {
        self.client.start_call(operation, self.limits)
    }
}

impl<C> Deref for WithLimits<'_, C> {
    type Target = C;

    fn deref(&self) -> &C {
        self.client
    }
}

impl<C> Clone for WithLimits<'_, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for WithLimits<'_, C> {}

impl<C: fmt::Debug> fmt::Debug for WithLimits<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WithLimits").field("client", self.client).field("limits", &self.limits).finish()
    }
}
