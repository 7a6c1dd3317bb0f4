//! One visitor's session: manifest, variants, events, attributes, identity, cookies.

use serde_json::{Map, Value};

use super::manifest::CheckedManifest;
use super::state::{self, AppendedState};
use super::variants::{self, parse_alias};
use super::{Personalize, SessionError};
use crate::types::{
    CustomEvent, CustomEventType, Event, Experience, ImpressionEvent, ImpressionEventType, Manifest,
    MergeUserAttributesRequest,
};

/// The variant an experience has for the visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActiveVariant<'a> {
    /// The short uid of the visitor's variant.
    Active(&'a str),
    /// The experience is in the manifest but inactive, or the visitor fits none of its variants.
    Inactive,
    /// The manifest has no such experience.
    UnknownExperience,
}

/// A visitor's personalization state for one request: the manifest and the user uid, plus
/// events queued for one batched send. Made by [`Personalize::session`].
///
/// Dropping a session with queued events logs a warning (`tracing`): call
/// [`flush`](Self::flush) first.
#[derive(Debug)]
pub struct Session {
    personalize: Personalize,
    manifest: CheckedManifest,
    user_uid: Option<String>,
    queue: Vec<Event>,
    degraded: Option<SessionError>,
}

/// [`Session::flush`] could not deliver the queued events; they stay queued.
#[derive(Debug)]
pub struct FlushError {
    /// How many events are still queued.
    pub pending: usize,
    /// Why the send failed.
    pub source: SessionError,
}

impl std::fmt::Display for FlushError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} queued events were not delivered: {}", self.pending, self.source)
    }
}

impl std::error::Error for FlushError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// The reason a flush failed (the events stay queued in the session all the same).
impl From<FlushError> for SessionError {
    fn from(failed: FlushError) -> Self {
        failed.source
    }
}

impl Session {
    pub(super) fn new(personalize: Personalize, manifest: CheckedManifest, user_uid: Option<String>) -> Self {
        Session { personalize, manifest, user_uid, queue: Vec::new(), degraded: None }
    }

    /// A session without a manifest (no active variant), because of `reason`.
    pub(super) fn without_manifest(personalize: Personalize, user_uid: Option<String>, reason: SessionError) -> Self {
        Session { personalize, manifest: CheckedManifest::empty(), user_uid, queue: Vec::new(), degraded: Some(reason) }
    }

    /// Why the session has no manifest, when it was started with
    /// [`start_fail_open`](super::SessionBuilder::start_fail_open) and the manifest could not be
    /// had: the page gets its base content. `None` for a session with its manifest.
    pub fn degraded(&self) -> Option<&SessionError> {
        self.degraded.as_ref()
    }

    /// The visitor's user uid: the one the Edge API assigned or confirmed, or the last one set.
    pub fn user_uid(&self) -> Option<&str> {
        self.user_uid.as_deref()
    }

    /// The manifest the session was started with (experiences whose short uids are not usable
    /// left out).
    pub fn manifest(&self) -> &Manifest {
        &self.manifest.typed
    }

    /// The manifest as received, in its wire order, with every member the API sent (those the
    /// document does not declare too), less the experiences whose short uids are not usable.
    pub fn manifest_json(&self) -> &Map<String, Value> {
        &self.manifest.json
    }

    /// The manifest's experiences, in priority order.
    pub fn experiences(&self) -> &[Experience] {
        &self.manifest.typed.experiences
    }

    /// Each experience with its variant (`None` when inactive), in manifest order.
    pub fn variants(&self) -> Vec<(&str, Option<&str>)> {
        self.experiences().iter().map(|e| (e.short_uid.as_str(), e.active_variant_short_uid.as_deref())).collect()
    }

    /// The visitor's variant of `experience_short_uid`.
    pub fn active_variant(&self, experience_short_uid: &str) -> ActiveVariant<'_> {
        match self.experiences().iter().find(|e| e.short_uid == experience_short_uid) {
            Some(e) => e.active_variant_short_uid.as_deref().map_or(ActiveVariant::Inactive, ActiveVariant::Active),
            None => ActiveVariant::UnknownExperience,
        }
    }

    /// `cs_personalize_<experience>_<variant>` for each active experience, in manifest order: what
    /// the Content Delivery API takes to return the visitor's variants of entries.
    pub fn variant_aliases(&self) -> Vec<String> {
        self.active_pairs().map(|(e, v)| variants::alias(e, v)).collect()
    }

    /// The active pairs as `<experience>_<variant>` joined by `,` (`0_0,1_1`; empty when none):
    /// what edge code passes to the origin under [`variant_query_param`](Self::variant_query_param).
    pub fn variant_param(&self) -> String {
        self.active_pairs().map(|(e, v)| format!("{e}_{v}")).collect::<Vec<_>>().join(",")
    }

    /// The name of the query parameter for [`variant_param`](Self::variant_param).
    pub fn variant_query_param(&self) -> &str {
        self.personalize.variant_query_param()
    }

    fn active_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.experiences().iter().filter_map(|e| Some((e.short_uid.as_str(), e.active_variant_short_uid.as_deref()?)))
    }

    /// Impressions of the visitor's variants of these experiences; inactive and unknown
    /// experiences are skipped.
    fn impressions<S: AsRef<str>>(&self, experience_short_uids: &[S]) -> Vec<Event> {
        experience_short_uids
            .iter()
            .filter_map(|id| match self.active_variant(id.as_ref()) {
                ActiveVariant::Active(variant) => Some(impression(id.as_ref(), variant)),
                ActiveVariant::Inactive | ActiveVariant::UnknownExperience => None,
            })
            .collect()
    }

    /// Impressions decoded from variant aliases (no manifest lookup); `..._null` aliases are
    /// skipped, an alias that does not parse (or whose short uids are not usable) is an error
    /// naming it.
    fn impressions_from_aliases<S: AsRef<str>>(aliases: &[S]) -> Result<Vec<Event>, SessionError> {
        let mut events = Vec::new();
        for alias in aliases {
            let alias = alias.as_ref();
            match parse_alias(alias) {
                Some((experience, Some(variant))) => events.push(impression(experience, variant)),
                Some((_, None)) => {}
                None => return Err(SessionError::invalid_alias(alias)),
            }
        }
        Ok(events)
    }

    /// Records impressions of the visitor's variants of these experiences in one call. Inactive
    /// and unknown experiences are skipped; when none is left, nothing is sent.
    ///
    /// # Errors
    /// [`SessionError::Api`] when the call fails (a caller that fires and forgets may ignore it);
    /// [`SessionError::NoUserUid`] when the session has no user.
    pub async fn trigger_impressions<S: AsRef<str>>(&self, experience_short_uids: &[S]) -> Result<(), SessionError> {
        self.send_events(self.impressions(experience_short_uids)).await
    }

    /// Records the impression of the visitor's variant of one experience.
    ///
    /// # Errors
    /// As [`trigger_impressions`](Self::trigger_impressions).
    pub async fn trigger_impression(&self, experience_short_uid: &str) -> Result<(), SessionError> {
        self.trigger_impressions(&[experience_short_uid]).await
    }

    /// Records impressions given as variant aliases (`cs_personalize_0_1`), as the origin saw them.
    ///
    /// # Errors
    /// [`SessionError::InvalidAlias`] (nothing is sent), else as
    /// [`trigger_impressions`](Self::trigger_impressions).
    pub async fn trigger_impressions_by_aliases<S: AsRef<str>>(&self, aliases: &[S]) -> Result<(), SessionError> {
        self.send_events(Self::impressions_from_aliases(aliases)?).await
    }

    /// Records a custom event (a conversion) by the key of an event created in Personalize.
    ///
    /// # Errors
    /// As [`trigger_impressions`](Self::trigger_impressions).
    pub async fn trigger_event(&self, event_key: &str) -> Result<(), SessionError> {
        self.send_events(vec![custom_event(event_key)]).await
    }

    /// Queues impressions (as [`trigger_impressions`](Self::trigger_impressions) would send them)
    /// for [`flush`](Self::flush).
    pub fn queue_impressions<S: AsRef<str>>(&mut self, experience_short_uids: &[S]) {
        let events = self.impressions(experience_short_uids);
        self.queue.extend(events);
    }

    /// Queues impressions given as variant aliases.
    ///
    /// # Errors
    /// [`SessionError::InvalidAlias`]; nothing is queued then.
    pub fn queue_impressions_by_aliases<S: AsRef<str>>(&mut self, aliases: &[S]) -> Result<(), SessionError> {
        let events = Self::impressions_from_aliases(aliases)?;
        self.queue.extend(events);
        Ok(())
    }

    /// Queues a custom event.
    pub fn queue_event(&mut self, event_key: &str) {
        self.queue.push(custom_event(event_key));
    }

    /// The events queued and not yet delivered.
    pub fn queued(&self) -> &[Event] {
        &self.queue
    }

    /// Takes the queued events out of the session (to send or store elsewhere).
    pub fn take_queued(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.queue)
    }

    /// Sends every queued event in one `POST /events`; returns how many were sent.
    ///
    /// Any 2xx answer means the API took the events, whatever its body, and the queue is
    /// emptied. On any other outcome (a redirect, which is never followed, a 4xx or 5xx, a
    /// transport failure, the write timeout) every event stays queued. The call is never
    /// retried on its own: when the answer was lost after the API took the events, a retry
    /// sends them again.
    ///
    /// # Errors
    /// [`FlushError`] with the count of events that stay queued and why; call again to retry.
    pub async fn flush(&mut self) -> Result<usize, FlushError> {
        let events = std::mem::take(&mut self.queue);
        let count = events.len();
        match self.send_events(events.clone()).await {
            Ok(()) => Ok(count),
            Err(source) => {
                self.queue = events;
                Err(FlushError { pending: count, source })
            }
        }
    }

    async fn send_events(&self, events: Vec<Event>) -> Result<(), SessionError> {
        send_events(&self.personalize, self.user_uid.as_deref(), events).await
    }

    /// The queued events with whom to send them for, taken out of the session: the tower
    /// layer sends them after the response, while the handler may still hold the session.
    #[cfg(feature = "tower")]
    pub(crate) fn take_outbox(&mut self) -> Outbox {
        Outbox {
            personalize: self.personalize.clone(),
            user_uid: self.user_uid.clone(),
            events: std::mem::take(&mut self.queue),
        }
    }

    /// Sets or updates the visitor's attributes (`PATCH /user-attributes`); an empty map sends
    /// nothing.
    ///
    /// # Errors
    /// [`SessionError::Api`] when the call fails.
    pub async fn set_attributes(&self, attributes: Map<String, Value>) -> Result<(), SessionError> {
        if attributes.is_empty() {
            return Ok(());
        }
        let mut request = self.personalize.client().set_user_attributes().body(attributes);
        if let Some(id) = &self.user_uid {
            request = request.user_uid(id);
        }
        let request = request.call_timeout(self.personalize.write_timeout()).max_response_bytes(WRITE_ANSWER_BYTES);
        request.send().await.map(drop).map_err(SessionError::Api)
    }

    /// Changes the visitor's user uid, in memory only (the JS client's `setUserId(id)`): the
    /// attributes of the previous user stay with it. The manifest is not fetched again.
    pub fn set_user_uid(&mut self, user_uid: impl Into<String>) {
        self.user_uid = Some(user_uid.into());
    }

    /// Changes the visitor's user uid and merges the attributes of the previous user into the
    /// new one (`POST /user-attributes/actions/merge`, the previous user's values winning), as
    /// the JS client's `setUserId(id, {preserveUserAttributes: true})` does when an anonymous
    /// visitor logs in. Nothing is sent when there was no previous user or it is the same one.
    /// The manifest is not fetched again.
    ///
    /// # Errors
    /// [`SessionError::Api`] when the merge fails; the new user uid is kept all the same.
    pub async fn set_user_uid_and_merge(&mut self, user_uid: impl Into<String>) -> Result<(), SessionError> {
        let new = user_uid.into();
        let Some(old) = self.user_uid.replace(new.clone()).filter(|old| *old != new) else { return Ok(()) };
        let body = MergeUserAttributesRequest {
            source_user_uid: old,
            target_user_uid: new,
            additional_properties: Default::default(),
        };
        let request = self.personalize.client().merge_user_attributes().body(body);
        let request = request.call_timeout(self.personalize.write_timeout()).max_response_bytes(WRITE_ANSWER_BYTES);
        request.send().await.map(drop).map_err(SessionError::Api)
    }

    /// Appends the visitor's state to a response as the two `Set-Cookie` headers the JS client
    /// writes and reads, byte for byte: the user cookie
    /// (`cs-personalize-user-uid=<uid>; Max-Age=31536000; Path=/; Secure; SameSite=Lax`), then the
    /// manifest cookie (`cs-personalize-manifest=<compact JSON>; Path=/; Secure; SameSite=Lax`,
    /// the manifest as received, in JavaScript's key order).
    ///
    /// A cookie is only written in a form browsers keep: the user uid and every text of the
    /// manifest made of RFC 6265 cookie-octets, and the whole `Set-Cookie` line at most 4096
    /// bytes. Anything else is left out, never written cut or broken: the returned
    /// [`AppendedState`] says which cookie and why (and `tracing` warns). There is no user
    /// cookie without a user uid (never `null`), and no manifest cookie for a
    /// [`degraded`](Self::degraded) session, whose empty manifest is not the visitor's. A
    /// visitor whose own cookie was unusable gets a fresh, valid one.
    pub fn append_state(&self, headers: &mut http::HeaderMap) -> AppendedState {
        let mut appended = AppendedState::default();
        match &self.user_uid {
            Some(uid) => appended.push(headers, super::USER_COOKIE, state::user_cookie(uid)),
            None => appended.push(headers, super::USER_COOKIE, Err("the session has no user uid".to_owned())),
        }
        let manifest = match &self.degraded {
            None => state::manifest_cookie(&self.manifest.json),
            Some(reason) => Err(format!("the session is degraded and has no manifest ({reason})")),
        };
        appended.push(headers, super::MANIFEST_COOKIE, manifest);
        appended
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !self.queue.is_empty() {
            #[cfg(feature = "tracing")]
            tracing::warn!(
                pending = self.queue.len(),
                user_uid = self.user_uid.as_deref().unwrap_or(""),
                "personalize session dropped with {} queued events that were never sent; call `flush` first",
                self.queue.len()
            );
        }
    }
}

/// Queued events taken out of a session ([`Session::take_outbox`]), sent as its
/// [`flush`](Session::flush) would send them.
#[cfg(feature = "tower")]
#[derive(Debug)]
pub(crate) struct Outbox {
    personalize: Personalize,
    user_uid: Option<String>,
    events: Vec<Event>,
}

#[cfg(feature = "tower")]
impl Outbox {
    /// How many events it holds.
    pub(crate) fn len(&self) -> usize {
        self.events.len()
    }

    /// Sends the events in one `POST /events` (nothing when there are none).
    pub(crate) async fn send(self) -> Result<usize, FlushError> {
        let count = self.events.len();
        match send_events(&self.personalize, self.user_uid.as_deref(), self.events).await {
            Ok(()) => Ok(count),
            Err(source) => Err(FlushError { pending: count, source }),
        }
    }
}

async fn send_events(
    personalize: &Personalize,
    user_uid: Option<&str>,
    events: Vec<Event>,
) -> Result<(), SessionError> {
    if events.is_empty() {
        return Ok(());
    }
    let user_uid = user_uid.ok_or(SessionError::NoUserUid)?;
    let request = personalize.client().track_events().user_uid(user_uid).body(events);
    let request = request.call_timeout(personalize.write_timeout()).max_response_bytes(WRITE_ANSWER_BYTES);
    request.send().await.map(drop).map_err(SessionError::Api)
}

/// How much of a write call's answer is read: its body is not used, and an error body is an
/// `{error, message}` object.
const WRITE_ANSWER_BYTES: usize = 64 * 1024;

fn impression(experience: &str, variant: &str) -> Event {
    Event::Impression(ImpressionEvent {
        experience_short_uid: experience.to_owned(),
        variant_short_uid: variant.to_owned(),
        r#type: ImpressionEventType::Impression,
        additional_properties: Default::default(),
    })
}

fn custom_event(event_key: &str) -> Event {
    Event::Event(CustomEvent {
        event_key: event_key.to_owned(),
        r#type: CustomEventType::Event,
        additional_properties: Default::default(),
    })
}
