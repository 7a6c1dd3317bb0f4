//! The session a handler gets from the layer: one visitor's [`Session`] behind a lock, so the
//! handler and the layer (which writes the cookies and sends the queued events after the
//! response) share it.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::session::{AppendedState, Session, SessionError};
use crate::types::Event;

/// The visitor's session of the current request, as [`PersonalizeLayer`](super::PersonalizeLayer)
/// started it: in the request's extensions, and taken by axum handlers as an extractor
/// (feature `axum`). Cheap to clone; every clone is the same session.
///
/// Events are queued, never sent from the handler: the layer sends them in one call once the
/// response is on its way, so they cost the page no time. Events queued after the layer has
/// taken the queue (by a task the handler spawned and that outlives the request) are not
/// sent; the session warns (`tracing`) when it is dropped with them.
///
/// For what the methods here do not cover, [`with`](Self::with) and
/// [`with_mut`](Self::with_mut) lend the [`Session`] itself (not across an `.await`: write
/// calls such as [`Session::set_attributes`] go through
/// [`Personalize::client`](crate::session::Personalize::client) with [`user_uid`](Self::user_uid)).
#[derive(Debug, Clone)]
pub struct SharedSession {
    inner: Arc<Mutex<Session>>,
}

impl SharedSession {
    /// Shares `session` (for servers that start sessions themselves, and tests).
    pub fn new(session: Session) -> Self {
        SharedSession { inner: Arc::new(Mutex::new(session)) }
    }

    /// The session, locked. A handler that panicked while holding it leaves it usable: the
    /// session's state is valid between any two of its calls, so the poison is ignored.
    fn lock(&self) -> MutexGuard<'_, Session> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` with the session.
    pub fn with<R>(&self, f: impl FnOnce(&Session) -> R) -> R {
        f(&self.lock())
    }

    /// Runs `f` with the session, mutably (to queue events, change the user uid).
    pub fn with_mut<R>(&self, f: impl FnOnce(&mut Session) -> R) -> R {
        f(&mut self.lock())
    }

    /// `cs_personalize_<experience>_<variant>` for each active experience, in manifest order
    /// ([`Session::variant_aliases`]).
    pub fn variant_aliases(&self) -> Vec<String> {
        self.lock().variant_aliases()
    }

    /// The variant parameter (`0_0,1_1`; empty when none), as the layer forwarded it
    /// ([`Session::variant_param`]).
    pub fn variant_param(&self) -> String {
        self.lock().variant_param()
    }

    /// The name of the query parameter the layer forwards the variant parameter under.
    pub fn variant_query_param(&self) -> String {
        self.lock().variant_query_param().to_owned()
    }

    /// Each experience with its variant (`None` when inactive), in manifest order.
    pub fn variants(&self) -> Vec<(String, Option<String>)> {
        let session = self.lock();
        session.variants().into_iter().map(|(e, v)| (e.to_owned(), v.map(str::to_owned))).collect()
    }

    /// The visitor's variant of `experience_short_uid`, when the experience is active for them.
    pub fn active_variant(&self, experience_short_uid: &str) -> Option<String> {
        match self.lock().active_variant(experience_short_uid) {
            crate::session::ActiveVariant::Active(variant) => Some(variant.to_owned()),
            _ => None,
        }
    }

    /// The visitor's user uid.
    pub fn user_uid(&self) -> Option<String> {
        self.lock().user_uid().map(str::to_owned)
    }

    /// Whether the session started without its manifest (the page gets its base content).
    pub fn is_degraded(&self) -> bool {
        self.lock().degraded().is_some()
    }

    /// Why the session started without its manifest, as a sentence ([`Session::degraded`]).
    pub fn degraded_reason(&self) -> Option<String> {
        self.lock().degraded().map(SessionError::to_string)
    }

    /// Queues impressions of the visitor's variants of these experiences (inactive and
    /// unknown ones skipped): the JS client's `triggerImpressions`, sent after the response.
    pub fn queue_impressions<S: AsRef<str>>(&self, experience_short_uids: &[S]) {
        self.lock().queue_impressions(experience_short_uids);
    }

    /// Queues the impression of the visitor's variant of one experience.
    pub fn queue_impression(&self, experience_short_uid: &str) {
        self.lock().queue_impressions(&[experience_short_uid]);
    }

    /// Queues impressions given as variant aliases (`cs_personalize_0_1`).
    ///
    /// # Errors
    /// [`SessionError::InvalidAlias`]; nothing is queued then.
    pub fn queue_impressions_by_aliases<S: AsRef<str>>(&self, aliases: &[S]) -> Result<(), SessionError> {
        self.lock().queue_impressions_by_aliases(aliases)
    }

    /// Queues a custom event (a conversion): the JS client's `triggerEvent`, sent after the
    /// response.
    pub fn queue_event(&self, event_key: &str) {
        self.lock().queue_event(event_key);
    }

    /// The events queued and not yet taken by the layer.
    pub fn queued(&self) -> Vec<Event> {
        self.lock().queued().to_vec()
    }

    /// Appends the state cookies to `headers` ([`Session::append_state`]).
    pub(crate) fn append_state(&self, headers: &mut http::HeaderMap) -> AppendedState {
        self.lock().append_state(headers)
    }

    /// The queued events, taken out to be sent.
    pub(crate) fn take_outbox(&self) -> crate::session::Outbox {
        self.lock().take_outbox()
    }
}
