//! The axum extractor of the session (feature `axum`): a handler takes a [`SharedSession`]
//! (or an `Option` of one) as an argument.

use axum_core::extract::{FromRequestParts, OptionalFromRequestParts};
use axum_core::response::{IntoResponse, Response};
use http::request::Parts;
use http::StatusCode;

use super::SharedSession;

impl<S: Send + Sync> FromRequestParts<S> for SharedSession {
    type Rejection = LayerMissing;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<SharedSession>().cloned().ok_or(LayerMissing)
    }
}

/// `Option<SharedSession>`: `None` on routes the layer does not wrap, for handlers that serve
/// both.
impl<S: Send + Sync> OptionalFromRequestParts<S> for SharedSession {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<SharedSession>().cloned())
    }
}

/// A handler took a [`SharedSession`] on a route that
/// [`PersonalizeLayer`](super::PersonalizeLayer) does not wrap: a mistake of the server's
/// setup, answered `500 Internal Server Error` with a short text (and no detail for the visitor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LayerMissing;

/// The body of the rejection.
const MESSAGE: &str = "personalization is not set up for this route";

impl std::fmt::Display for LayerMissing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no Personalize session: the route is not wrapped by `PersonalizeLayer`")
    }
}

impl std::error::Error for LayerMissing {}

impl IntoResponse for LayerMissing {
    fn into_response(self) -> Response {
        #[cfg(feature = "tracing")]
        tracing::error!("{self}");
        (StatusCode::INTERNAL_SERVER_ERROR, MESSAGE).into_response()
    }
}
