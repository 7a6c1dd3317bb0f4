use crate::types::ErrorBody;
use crate::Error;

/// Why a session could not be started or a session call failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum SessionError {
    /// The Edge API does not know the project (`404` with
    /// `personalize.MANIFEST.PROJECT_NOT_FOUND`).
    ProjectNotFound {
        /// The project uid that was sent.
        project_uid: String,
    },
    /// The manifest could not be fetched: any failure other than an unknown project (an error
    /// status, an answer that does not decode, a transport failure, a refused request).
    ManifestUnavailable(Error<ErrorBody>),
    /// A write call (attributes, merge, events) failed: a non-2XX answer or a transport error.
    /// The session stays usable; callers that only fire and forget may ignore it.
    Api(Error<ErrorBody>),
    /// A variant alias is not of the form `cs_personalize_<experience>_<variant>`.
    InvalidAlias {
        /// The alias as given.
        alias: String,
    },
    /// A value cannot be carried in a cookie as it is.
    InvalidCookieValue {
        /// The cookie's name.
        cookie: &'static str,
        /// What is wrong with the value.
        reason: String,
    },
    /// The session was started without a user uid and the Edge API returned none: there is no
    /// user to record events for (the JS client would send the text `null`).
    NoUserId,
}

impl SessionError {
    /// The HTTP status of the Edge API's answer, when there was one.
    pub fn status(&self) -> Option<reqwest::StatusCode> {
        match self {
            SessionError::ProjectNotFound { .. } => Some(reqwest::StatusCode::NOT_FOUND),
            SessionError::ManifestUnavailable(e) | SessionError::Api(e) => e.status(),
            _ => None,
        }
    }
}

impl std::fmt::Display for SessionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SessionError::ProjectNotFound { project_uid } => write!(f, "Project not found: {project_uid}"),
            SessionError::ManifestUnavailable(e) => match e.status() {
                Some(status) => write!(f, "Could not fetch manifest: {}: {e}", status.as_u16()),
                None => write!(f, "Could not fetch manifest: {e}"),
            },
            SessionError::Api(e) => write!(f, "Personalize Edge API call failed: {e}"),
            SessionError::InvalidAlias { alias } => {
                write!(f, "invalid variant alias `{alias}`: expected `cs_personalize_<experience>_<variant>`")
            }
            SessionError::InvalidCookieValue { cookie, reason } => {
                write!(f, "cannot write cookie `{cookie}`: the value {reason}")
            }
            SessionError::NoUserId => write!(f, "the session has no user uid"),
        }
    }
}

impl std::error::Error for SessionError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SessionError::ManifestUnavailable(e) | SessionError::Api(e) => Some(e),
            _ => None,
        }
    }
}
