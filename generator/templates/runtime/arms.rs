//! What the status arms of `send` do with an answer, one method each: parse the declared
//! response headers, decode the body, and wrap the result as the operation returns it.
//!
//! The body is read once, before the arms, as far as the status needs
//! ([`UnreadResponse::answer`]: whole for a status whose arm decodes a body, else skimmed),
//! so `send` awaits twice whatever the number of statuses, and each arm is a plain call:
//! `200u16 => response.json(),`. An `async fn` with an `.await` per arm made a state per arm
//! in every operation's future, which the compiler checks one by one: for the corpus GitHub
//! description, a quarter of the crate's `cargo check` time.
//!
//! `T`, `H` and `E` (the success body, the typed headers, the error body) come from the
//! return type of `send`. The `_as` forms wrap the decoded body in a variant of the
//! operation's own response enum.

use ::serde::de::DeserializeOwned;

use super::answers::InvalidResponse;
use super::error::Error;
use super::error::Failure;
use super::raw::RawResponse;
use super::read::{ByteStream, UnreadResponse};
use super::response::ResponseValue;

/// The response headers an operation's successes declare, parsed from an answer's head;
/// `()` when it declares none.
pub trait FromHead: Sized {
    /// Parses the declared headers.
    ///
    /// # Errors
    /// A required header is missing, or a header does not parse.
    fn from_head(head: &RawResponse) -> Result<Self, InvalidResponse>;
}

impl FromHead for () {
    fn from_head(_: &RawResponse) -> Result<Self, InvalidResponse> {
        Ok(())
    }
}

impl UnreadResponse {
    /// Reads the body as the arm of its status needs: whole (at most `max_response_bytes`)
    /// when `whole(status)`, that is when the arm decodes a body; else skimmed (the start
    /// kept for a message, and a success without a body reads as one).
    ///
    /// # Errors
    /// For a whole read: the body is too large, or reading it times out or fails.
    pub async fn answer(self, whole: impl FnOnce(u16) -> bool) -> Result<RawResponse, Failure> {
        if whole(self.status_code()) {
            self.read().await
        } else {
            Ok(self.skim().await)
        }
    }

    /// A successful answer's body as a stream (`send_stream`).
    pub fn stream<H: FromHead, E>(self) -> Result<ResponseValue<ByteStream, H>, Error<E>> {
        let typed = H::from_head(&self.head())?;
        Ok(self.into_stream(typed))
    }
}

impl RawResponse {
    /// A success with a JSON body.
    pub fn json<T: DeserializeOwned, H: FromHead, E>(self) -> Result<ResponseValue<T, H>, Error<E>> {
        self.json_as(|body: T| body)
    }

    /// A success with a JSON body, wrapped by `wrap`.
    pub fn json_as<B: DeserializeOwned, T, H: FromHead, E>(
        self,
        wrap: impl FnOnce(B) -> T,
    ) -> Result<ResponseValue<T, H>, Error<E>> {
        let typed = H::from_head(&self)?;
        let body = self.body_json()?;
        Ok(self.into_value(wrap(body), typed))
    }

    /// A success with a text body.
    pub fn text<H: FromHead, E>(self) -> Result<ResponseValue<::std::string::String, H>, Error<E>> {
        self.text_as(|body| body)
    }

    /// A success with a text body, wrapped by `wrap`.
    pub fn text_as<T, H: FromHead, E>(
        self,
        wrap: impl FnOnce(::std::string::String) -> T,
    ) -> Result<ResponseValue<T, H>, Error<E>> {
        let typed = H::from_head(&self)?;
        let body = self.body_text()?;
        Ok(self.into_value(wrap(body), typed))
    }

    /// A success with a binary body.
    pub fn bytes<H: FromHead, E>(self) -> Result<ResponseValue<::bytes::Bytes, H>, Error<E>> {
        self.bytes_as(|body| body)
    }

    /// A success with a binary body, wrapped by `wrap`.
    pub fn bytes_as<T, H: FromHead, E>(
        self,
        wrap: impl FnOnce(::bytes::Bytes) -> T,
    ) -> Result<ResponseValue<T, H>, Error<E>> {
        let typed = H::from_head(&self)?;
        let body = self.body_bytes();
        Ok(self.into_value(wrap(body), typed))
    }

    /// A success without a declared body: whatever the server sent is dropped.
    pub fn empty<H: FromHead, E>(self) -> Result<ResponseValue<(), H>, Error<E>> {
        self.empty_as(())
    }

    /// A success without a declared body, answered as `value`.
    pub fn empty_as<T, H: FromHead, E>(self, value: T) -> Result<ResponseValue<T, H>, Error<E>> {
        let typed = H::from_head(&self)?;
        Ok(self.without_body().into_value(value, typed))
    }

    /// A declared error with a JSON body.
    pub fn error_json<T, E: DeserializeOwned>(self) -> Result<T, Error<E>> {
        self.error_json_as(|body: E| body)
    }

    /// A declared error with a JSON body, wrapped by `wrap`.
    pub fn error_json_as<B: DeserializeOwned, T, E>(self, wrap: impl FnOnce(B) -> E) -> Result<T, Error<E>> {
        let body = self.body_json()?;
        Err(self.into_error(wrap(body)))
    }

    /// A declared error with a text body.
    pub fn error_text<T>(self) -> Result<T, Error<::std::string::String>> {
        self.error_text_as(|body| body)
    }

    /// A declared error with a text body, wrapped by `wrap`.
    pub fn error_text_as<T, E>(self, wrap: impl FnOnce(::std::string::String) -> E) -> Result<T, Error<E>> {
        let body = self.body_text()?;
        Err(self.into_error(wrap(body)))
    }

    /// A declared error with a binary body.
    pub fn error_bytes<T>(self) -> Result<T, Error<::bytes::Bytes>> {
        self.error_bytes_as(|body| body)
    }

    /// A declared error with a binary body, wrapped by `wrap`.
    pub fn error_bytes_as<T, E>(self, wrap: impl FnOnce(::bytes::Bytes) -> E) -> Result<T, Error<E>> {
        let body = self.body_bytes();
        Err(self.into_error(wrap(body)))
    }

    /// A declared error without a body; the start of what the server sent makes the message.
    pub fn error_empty<T>(self) -> Result<T, Error<()>> {
        self.error_empty_as(())
    }

    /// A declared error without a body, answered as `value`.
    pub fn error_empty_as<T, E>(self, value: E) -> Result<T, Error<E>> {
        Err(self.into_error(value))
    }

    /// A status the document does not declare: [`Error::UnexpectedResponse`], with the start
    /// of the body for its message.
    pub fn unexpected<T, E>(self) -> Result<T, Error<E>> {
        Err(self.into_unexpected())
    }
}
