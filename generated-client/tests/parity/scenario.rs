//! What a parity scenario is: an incoming request, init options, the manifest the fake Edge API
//! answers with, and the actions run after init.

use serde_json::{json, Value};

/// The JS client's test manifest: experience 0 -> variant 0, 1 -> 1, 2 inactive.
pub const MANIFEST: &str = r#"{"experiences":[{"shortUid":"0","activeVariantShortUid":"0"},{"shortUid":"1","activeVariantShortUid":"1"},{"shortUid":"2","activeVariantShortUid":null}]}"#;

pub struct Scenario {
    pub url: &'static str,
    pub headers: Vec<(&'static str, &'static str)>,
    /// The JS client's `init` options (`userId`, `liveAttributes`, `tags`, `lyticsIdField`, ...).
    pub options: Value,
    /// What the fake Edge server answers in `x-cs-personalize-user-uid`.
    pub assigned_user: &'static str,
    /// The body of the fake Edge server's `GET /manifest` answer, sent as is.
    pub manifest: &'static str,
    /// Run in order after init, each by both clients.
    pub actions: Vec<Action>,
}

/// One call after init, as the JS client and the Rust session make it.
#[derive(Debug)]
pub enum Action {
    /// `sdk.triggerImpressions({experienceShortUids})` / `session.trigger_impressions(&[...])`.
    Impressions(&'static [&'static str]),
    /// `sdk.triggerImpressions({aliases})` / `session.trigger_impressions_by_aliases(&[...])`.
    ImpressionsByAliases(&'static [&'static str]),
    /// `sdk.triggerEvent(key)` / `session.trigger_event(key)`.
    Event(&'static str),
    /// `sdk.set(obj)` / `session.set_attributes(map)`, from this JSON object text: JS parses it
    /// into an object (JS key order: integer-like keys first, ascending), Rust into a `Map` (text
    /// order), as a caller of each would write it.
    SetAttributes(&'static str),
    /// `sdk.setUserId(id, {preserveUserAttributes: true})` / `session.set_user_uid_and_merge(id)`, or
    /// without the merge: `sdk.setUserId(id)` / `session.set_user_uid(id)`.
    ChangeUser { id: &'static str, merge: bool },
    /// The action, where the Rust session departs from the JS client on purpose: the JS request
    /// is checked against [`Departure::js_request`] and the Rust session must send nothing.
    Departs(Departure, &'static Action),
}

/// A documented departure of the Rust session (its module docs, `tests/session_departures.rs`):
/// each is a request the JS client makes and the Rust session does not.
#[derive(Debug, Clone, Copy)]
pub enum Departure {
    /// Nothing empty is sent: when no impression is left, the JS client POSTs `[]`.
    NoImpressionLeft,
    /// Nothing empty is sent: the JS client PATCHes `{}`.
    NoAttributes,
    /// The merge is skipped when the old user is the new one; the JS client merges a user into itself.
    MergeIntoTheSameUser,
}

impl Departure {
    /// Method, path and body of the one request the JS client makes for `action`.
    pub fn js_request(self, action: &Action) -> (&'static str, &'static str, String) {
        match (self, action) {
            (Departure::NoImpressionLeft, Action::Impressions(_) | Action::ImpressionsByAliases(_)) => {
                ("POST", "/events", "[]".to_owned())
            }
            (Departure::NoAttributes, Action::SetAttributes(_)) => ("PATCH", "/user-attributes", "{}".to_owned()),
            (Departure::MergeIntoTheSameUser, Action::ChangeUser { id, merge: true }) => (
                "POST",
                "/user-attributes/actions/merge",
                json!({"sourceUserUid": id, "targetUserUid": id}).to_string(),
            ),
            _ => panic!("harness: {self:?} does not apply to {action:?}"),
        }
    }
}

impl Action {
    /// The action the clients run (a departure's own action).
    pub fn call(&self) -> &Action {
        match self {
            Action::Departs(_, action) => action.call(),
            action => action,
        }
    }

    /// The action as `js-client.mjs` reads it.
    pub fn to_js(&self) -> Value {
        match self.call() {
            Action::Impressions(ids) => json!({"kind": "impressions", "experienceShortUids": ids}),
            Action::ImpressionsByAliases(aliases) => json!({"kind": "aliases", "aliases": aliases}),
            Action::Event(key) => json!({"kind": "event", "eventKey": key}),
            Action::SetAttributes(text) => json!({"kind": "set", "attributes": text}),
            Action::ChangeUser { id, merge } => json!({"kind": "setUserId", "userId": id, "merge": merge}),
            Action::Departs(..) => unreachable!("call() unwraps departures"),
        }
    }

    /// A short label for the report.
    pub fn label(&self) -> String {
        match self {
            Action::Impressions(ids) => format!("triggerImpressions({{experienceShortUids: {ids:?}}})"),
            Action::ImpressionsByAliases(aliases) => format!("triggerImpressions({{aliases: {aliases:?}}})"),
            Action::Event(key) => format!("triggerEvent({key:?})"),
            Action::SetAttributes(text) => format!("set({text})"),
            Action::ChangeUser { id, merge: true } => format!("setUserId({id:?}, {{preserveUserAttributes: true}})"),
            Action::ChangeUser { id, merge: false } => format!("setUserId({id:?})"),
            Action::Departs(departure, action) => format!("{} [departure: {departure:?}]", action.label()),
        }
    }
}
