//! What the layer does with each request: the session started fail-open from the request, the
//! variant parameter forwarded in the URI, the session handed to the handler, the state cookies
//! appended to the response, and the queued events sent after it.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use tower_service::Service;

use super::flushes::Flushes;
use super::{Configure, SharedSession};
use crate::session::{with_variant_param, Personalize};

/// The future of [`PersonalizeService`]: the inner service's response, with the visitor's
/// state cookies appended.
pub type ResponseFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send + 'static>>;

/// The service [`PersonalizeLayer`](super::PersonalizeLayer) wraps around another.
#[derive(Clone)]
pub struct PersonalizeService<S> {
    pub(super) inner: S,
    pub(super) personalize: Personalize,
    pub(super) flushes: Flushes,
    pub(super) configure: Option<Arc<Configure>>,
}

impl<S: std::fmt::Debug> std::fmt::Debug for PersonalizeService<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonalizeService")
            .field("inner", &self.inner)
            .field("personalize", &self.personalize)
            .field("flushes_in_flight", &self.flushes.in_flight())
            .finish_non_exhaustive()
    }
}

impl<S, B, R> Service<http::Request<B>> for PersonalizeService<S>
where
    S: Service<http::Request<B>, Response = http::Response<R>> + Clone + Send + 'static,
    S::Future: Send,
    S::Error: Send,
    B: Send + 'static,
    R: Send + 'static,
{
    type Response = http::Response<R>;
    type Error = S::Error;
    type Future = ResponseFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        // The service that was made ready is the one to call (tower's contract); the clone
        // stays behind for the next `poll_ready`.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let personalize = self.personalize.clone();
        let flushes = self.flushes.clone();
        let configure = self.configure.clone();
        Box::pin(async move {
            let (mut parts, body) = request.into_parts();
            let mut session = personalize.session().request(&parts);
            if let Some(configure) = &configure {
                session = configure(session, &parts);
            }
            // Fails open: when the Edge API cannot answer within the budget, the page gets its
            // base content (and an empty variant parameter), never an error.
            let session = session.start_fail_open().await;
            // Whatever the visitor sent under the parameter's name is replaced, so the origin
            // only ever sees the variants the Edge API chose.
            parts.uri = with_variant_param(&parts.uri, session.variant_query_param(), &session.variant_param());
            let shared = SharedSession::new(session);
            parts.extensions.insert(shared.clone());
            let answered = inner.call(http::Request::from_parts(parts, body)).await;
            // Events queued by a handler that then failed are sent all the same.
            let outbox = shared.take_outbox();
            let answered = answered.map(|mut response| {
                let state = shared.append_state(response.headers_mut());
                // Each skipped cookie was already warned about by the session (`tracing`).
                drop(state);
                response
            });
            if let Some(unspawned) = flushes.spawn(outbox) {
                unspawned.await;
            }
            answered
        })
    }
}
