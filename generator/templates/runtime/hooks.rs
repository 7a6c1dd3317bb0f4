//! What code of the caller's own sees of each call: the [`Operation`] it belongs to, and
//! [`Hook`]s run before the request is sent and after its answer's head arrives.
//!
//! Hooks see the request (to add a request id, sign it, log it) and the outcome (to count,
//! time, alert); what runs *around* the sending (retries, a circuit breaker, a cache) is a
//! [`Transport`](super::Transport) wrapping another.

use ::std::time::Duration;

use ::bytes::Bytes;
use ::http::header::HeaderMap;
use ::http::{Method, StatusCode};

use super::transport::TransportError;

/// The operation of the API document a request belongs to: its `operationId`, method and
/// path template (`/users/{id}`, never the path with the values in it). Also in each
/// request's extensions, for transports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    id: &'static str,
    method: Method,
    path_template: &'static str,
}

/// `Operation::get(id, path_template)` and the like, for each method: one short line in
/// generated code.
macro_rules! method_constructors {
    ($($name:ident => $method:ident),* $(,)?) => {
        impl Operation {
            $(
                #[doc(hidden)]
                pub const fn $name(id: &'static str, path_template: &'static str) -> Self {
                    Self::new(id, Method::$method, path_template)
                }
            )*
        }
    };
}

method_constructors!(
    get => GET,
    put => PUT,
    post => POST,
    delete => DELETE,
    options => OPTIONS,
    head => HEAD,
    patch => PATCH,
    trace => TRACE,
);

impl Operation {
    /// The operation `id` (as the document spells it), sent as `method` to `path_template`.
    /// Made by the generated code.
    #[doc(hidden)]
    pub const fn new(id: &'static str, method: Method, path_template: &'static str) -> Self {
        Self { id, method, path_template }
    }

    /// The `operationId` as the document spells it.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path template, as the document writes it (`/users/{id}`).
    pub fn path_template(&self) -> &'static str {
        self.path_template
    }
}

/// How a call ended, as far as [`Hook::after`] is told: when the answer's head arrived, or
/// when the transport failed. The body is read afterwards, only as far as the status's
/// declared response needs.
#[derive(Debug)]
#[non_exhaustive]
pub enum Outcome<'a> {
    /// The server answered with `status` and `headers`, `elapsed` after the call started.
    Answered {
        /// The answer's status.
        status: StatusCode,
        /// The answer's headers.
        headers: &'a HeaderMap,
        /// From the call's start to the answer's head.
        elapsed: Duration,
    },
    /// The request could not be sent or no answer arrived (including the call's timeout).
    Failed {
        /// Why.
        error: &'a TransportError,
        /// From the call's start to the failure.
        elapsed: Duration,
    },
}

/// Code run on every call of a client, given the operation. Added with
/// `ClientBuilder::hook`; hooks run in the order they were added.
///
/// Both methods do nothing unless implemented. They run on the request's path, so keep them
/// quick and never block.
pub trait Hook: Send + Sync + 'static {
    /// Runs before the request is sent: it may add or change headers (a request id, a
    /// signature) or look at the URL. Credentials the client adds are already in it.
    fn before(&self, operation: &Operation, request: &mut ::http::Request<Bytes>) {
        let _ = (operation, request);
    }

    /// Runs when the answer's head has arrived or the transport failed.
    fn after(&self, operation: &Operation, outcome: &Outcome<'_>) {
        let _ = (operation, outcome);
    }
}

/// A hook shared with code of the caller's own (which reads what it collected) is the hook.
impl<T: Hook + ?Sized> Hook for ::std::sync::Arc<T> {
    fn before(&self, operation: &Operation, request: &mut ::http::Request<Bytes>) {
        (**self).before(operation, request);
    }

    fn after(&self, operation: &Operation, outcome: &Outcome<'_>) {
        (**self).after(operation, outcome);
    }
}
