//! A tower [`Layer`](tower_layer::Layer) that personalizes every request a service answers
//! (feature `tower`), with an axum extractor of the session (feature `axum`).
//!
//! For each request, [`PersonalizeLayer`]:
//!
//! 1. starts the visitor's [`Session`](crate::session::Session) from the request (cookies,
//!    user agent, referer, forwarded IP, page URL) with
//!    [`start_fail_open`](crate::session::SessionBuilder::start_fail_open): when the Edge API
//!    does not answer within the manifest budget, the page gets its base content;
//! 2. forwards the variant parameter to the inner service in the request URI
//!    ([`with_variant_param`](crate::session::with_variant_param):
//!    `?personalize_variants=0_0%2C1_1`, whatever the visitor sent under that name removed;
//!    empty when degraded), which the origin reads with
//!    [`variant_param_of`](crate::session::variant_param_of);
//! 3. puts a [`SharedSession`] in the request's extensions (an axum handler takes it as an
//!    argument), through which the handler reads the variants and queues impressions and
//!    events;
//! 4. appends the visitor's state cookies to the response;
//! 5. sends the queued events on a task of their own, so the response is never delayed.
//!    [`PersonalizeLayer::drain`] waits for those still in flight at graceful shutdown.
//!
//! ```no_run
//! # #[cfg(feature = "axum")]
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use std::time::Duration;
//! use contentstack_personalize_edge::layer::{PersonalizeLayer, SharedSession};
//! use contentstack_personalize_edge::session::Personalize;
//!
//! async fn page(session: SharedSession) -> String {
//!     session.queue_impressions(&["0", "1"]); // sent after the response
//!     format!("variants: {}", session.variant_param())
//! }
//!
//! let personalize = Personalize::builder("0123456789abcdef01234567").build()?;
//! let layer = PersonalizeLayer::new(personalize);
//! let app = axum::Router::new().route("/", axum::routing::get(page)).layer(layer.clone());
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//! axum::serve(listener, app).with_graceful_shutdown(async { let _ = tokio::signal::ctrl_c().await; }).await?;
//! // The events of the last responses are still on their way.
//! layer.drain(Duration::from_secs(5)).await?;
//! # Ok(())
//! # }
//! ```

#[cfg(feature = "axum")]
mod extract;
mod flushes;
mod service;
mod shared;

use std::sync::Arc;
use std::time::Duration;

#[cfg(feature = "axum")]
pub use extract::LayerMissing;
pub use service::{PersonalizeService, ResponseFuture};
pub use shared::SharedSession;

use crate::session::{Personalize, SessionBuilder};

/// What [`PersonalizeLayer::configure`] does to each session before it starts.
type Configure = dyn for<'p> Fn(SessionBuilder<'p>, &http::request::Parts) -> SessionBuilder<'p> + Send + Sync;

/// Personalizes every request of the service it wraps (see the [module docs](self)).
///
/// Cheap to clone; clones share the flushes in flight, so keep one to
/// [`drain`](Self::drain) at shutdown.
#[derive(Clone)]
pub struct PersonalizeLayer {
    personalize: Personalize,
    flushes: flushes::Flushes,
    configure: Option<Arc<Configure>>,
}

impl std::fmt::Debug for PersonalizeLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonalizeLayer")
            .field("personalize", &self.personalize)
            .field("flushes_in_flight", &self.flushes.in_flight())
            .field("configured", &self.configure.is_some())
            .finish()
    }
}

impl PersonalizeLayer {
    /// A layer starting the sessions of `personalize`'s project.
    pub fn new(personalize: Personalize) -> Self {
        PersonalizeLayer { personalize, flushes: flushes::Flushes::default(), configure: None }
    }

    /// Sets options of each session from its request before it starts (tags by section, live
    /// attributes, a user uid the server knows), after the request's own headers are read.
    ///
    /// ```
    /// # #[cfg(feature = "tower")] {
    /// # let personalize = contentstack_personalize_edge::session::Personalize::builder("p").build().unwrap();
    /// use contentstack_personalize_edge::layer::PersonalizeLayer;
    /// let layer = PersonalizeLayer::new(personalize).configure(|session, request| {
    ///     if request.uri.path().starts_with("/shop") { session.tags(["section:shop"]) } else { session }
    /// });
    /// # }
    /// ```
    pub fn configure(
        mut self,
        f: impl for<'p> Fn(SessionBuilder<'p>, &http::request::Parts) -> SessionBuilder<'p> + Send + Sync + 'static,
    ) -> Self {
        self.configure = Some(Arc::new(f));
        self
    }

    /// The handle sessions are started with.
    pub fn personalize(&self) -> &Personalize {
        &self.personalize
    }

    /// How many flushes of queued events are on their way.
    pub fn flushes_in_flight(&self) -> usize {
        self.flushes.in_flight()
    }

    /// Waits, at most `timeout`, until every flush of queued events started so far (and any
    /// started meanwhile) has ended: call it after the server's graceful shutdown, before the
    /// process exits, so the last responses' events are not lost.
    ///
    /// # Errors
    /// [`DrainTimedOut`] with how many flushes were still in flight.
    ///
    /// # Panics
    /// Only inside a tokio runtime built without its timer (`enable_time`), as any tokio
    /// timer does. Outside a runtime no flush is ever spawned, so it returns at once.
    pub async fn drain(&self, timeout: Duration) -> Result<(), DrainTimedOut> {
        if tokio::runtime::Handle::try_current().is_err() {
            return match self.flushes.in_flight() {
                0 => Ok(()),
                pending => Err(DrainTimedOut { pending, timeout }),
            };
        }
        match tokio::time::timeout(timeout, self.flushes.idle()).await {
            Ok(()) => Ok(()),
            Err(_) => Err(DrainTimedOut { pending: self.flushes.in_flight(), timeout }),
        }
    }
}

impl<S> tower_layer::Layer<S> for PersonalizeLayer {
    type Service = PersonalizeService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        PersonalizeService {
            inner,
            personalize: self.personalize.clone(),
            flushes: self.flushes.clone(),
            configure: self.configure.clone(),
        }
    }
}

/// [`PersonalizeLayer::drain`] ran out of time with flushes still in flight; their events may
/// be lost when the process exits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrainTimedOut {
    /// How many flushes were still in flight.
    pub pending: usize,
    /// The time that ran out.
    pub timeout: Duration,
}

impl std::fmt::Display for DrainTimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} flushes of Personalize events were still in flight after {} ms",
            self.pending,
            self.timeout.as_millis()
        )
    }
}

impl std::error::Error for DrainTimedOut {}
