use std::time::Duration;

use crate::types::ErrorBody;
use crate::Error;

/// Why a session could not be started or a session call failed.
///
/// Messages are one short sentence each, with the status of the Edge API's answer at most once
/// and never more than an excerpt of its body. Manifest failures start as the JS client's do
/// (`Project not found: <uid>`, `Could not fetch manifest: ...`).
#[derive(Debug)]
#[non_exhaustive]
pub enum SessionError {
    /// The Edge API does not know the project (`404` with
    /// `personalize.MANIFEST.PROJECT_NOT_FOUND`).
    ProjectNotFound {
        /// The project uid that was sent.
        project_uid: String,
    },
    /// The manifest could not be fetched within its latency budget
    /// ([`PersonalizeBuilder::manifest_timeout`](super::PersonalizeBuilder::manifest_timeout)).
    ManifestTimedOut {
        /// The budget that ran out.
        budget: Duration,
        /// How many attempts were made.
        attempts: u32,
        /// The failure of the last attempt.
        last: Error<ErrorBody>,
    },
    /// No manifest call was made: after a run of failed calls, manifest calls pause
    /// ([`PersonalizeBuilder::pause_after_failures`](super::PersonalizeBuilder::pause_after_failures)).
    ManifestPaused {
        /// How long the pause still lasts.
        resumes_in: Duration,
    },
    /// The manifest could not be fetched: any failure other than an unknown project or the
    /// budget running out (an error status, an answer that does not decode, a transport
    /// failure, a refused request).
    ManifestUnavailable(Error<ErrorBody>),
    /// A write call (attributes, merge, events) failed: a non-2xx answer (a redirect included),
    /// a transport error or a timeout. The session stays usable; callers that only fire and
    /// forget may ignore it.
    Api(Error<ErrorBody>),
    /// A variant alias is not of the form `cs_personalize_<experience>_<variant>` with short
    /// uids that pass [`is_short_uid`](super::is_short_uid).
    InvalidAlias {
        /// The alias as given, cut to 64 characters.
        alias: String,
    },
    /// The session was started without a user uid and the Edge API returned none: there is no
    /// user to record events for (the JS client would send the text `null`).
    NoUserUid,
}

impl SessionError {
    /// The HTTP status of the Edge API's answer, when there was one.
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            SessionError::ProjectNotFound { .. } => Some(http::StatusCode::NOT_FOUND),
            SessionError::ManifestUnavailable(e) | SessionError::Api(e) => e.status(),
            SessionError::ManifestTimedOut { last, .. } => last.status(),
            _ => None,
        }
    }

    /// How long to wait before calling again, when the API said so (`Retry-After` of a 429 or
    /// 503 answer) or manifest calls are paused.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            SessionError::ManifestUnavailable(e) | SessionError::Api(e) => e.retry_after(),
            SessionError::ManifestTimedOut { last, .. } => last.retry_after(),
            SessionError::ManifestPaused { resumes_in } => Some(*resumes_in),
            _ => None,
        }
    }

    /// Whether this manifest failure says the Edge API is unavailable (rather than that this
    /// request was wrong): no answer in time, no connection, 429 or 5xx.
    pub(crate) fn edge_unavailable(&self) -> bool {
        match self {
            SessionError::ManifestTimedOut { .. } => true,
            SessionError::ManifestUnavailable(e) => match e.status() {
                Some(status) => status.as_u16() == 429 || status.is_server_error(),
                None => matches!(e, Error::Transport(_) | Error::Timeout(_)),
            },
            _ => false,
        }
    }

    pub(crate) fn invalid_alias(alias: &str) -> Self {
        SessionError::InvalidAlias { alias: alias.chars().take(64).collect() }
    }
}

impl std::fmt::Display for SessionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SessionError::ProjectNotFound { project_uid } => write!(f, "Project not found: {project_uid}"),
            SessionError::ManifestTimedOut { budget, attempts, last } => {
                let tries = if *attempts == 1 { "1 attempt".to_owned() } else { format!("{attempts} attempts") };
                write!(f, "Could not fetch manifest: timed out after {} ms ({tries}; last: {last})", budget.as_millis())
            }
            SessionError::ManifestPaused { resumes_in } => write!(
                f,
                "no manifest call was made: the Edge API failed repeatedly, calls resume in {} ms",
                resumes_in.as_millis()
            ),
            SessionError::ManifestUnavailable(e) => write!(f, "Could not fetch manifest: {e}"),
            SessionError::Api(e) => write!(f, "the Personalize Edge API call failed: {e}"),
            SessionError::InvalidAlias { alias } => {
                write!(f, "invalid variant alias {alias:?}: expected `cs_personalize_<experience>_<variant>`")
            }
            SessionError::NoUserUid => write!(f, "the session has no user uid"),
        }
    }
}

impl std::error::Error for SessionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SessionError::ManifestUnavailable(e) | SessionError::Api(e) => Some(e),
            SessionError::ManifestTimedOut { last, .. } => Some(last),
            _ => None,
        }
    }
}
