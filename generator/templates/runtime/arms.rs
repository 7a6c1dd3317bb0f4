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
//!
//! Most operations answer in one way for their successes and at most one for their errors;
//! their `send` ends in one line instead of a `match`:
//! `call.answer_or_error(rt::Json(200), rt::Json(400..=599)).await`, a [`Decode`] per side
//! naming its statuses ([`Statuses`]).

use ::serde::de::DeserializeOwned;

use ::std::ops::{RangeFull, RangeInclusive};

use super::answers::InvalidResponse;
use super::call::Call;
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

/// The statuses a [`Decode`] covers: one (`200`), a range (`400..=599`), a few
/// (`[200, 201]`), or every status the successes leave (`..`, a `default` error).
pub trait Statuses {
    /// Whether `status` is one of them.
    fn covers(&self, status: u16) -> bool;
}

impl Statuses for u16 {
    fn covers(&self, status: u16) -> bool {
        *self == status
    }
}

impl Statuses for RangeInclusive<u16> {
    fn covers(&self, status: u16) -> bool {
        self.contains(&status)
    }
}

impl<const N: usize> Statuses for [u16; N] {
    fn covers(&self, status: u16) -> bool {
        self.contains(&status)
    }
}

impl Statuses for RangeFull {
    fn covers(&self, _: u16) -> bool {
        true
    }
}

/// How the answers of some statuses are decoded into a `T`, in [`Call::answer`] and
/// [`Call::answer_or_error`]: [`Json`], [`Text`], [`Binary`] or [`Empty`], each holding its
/// [`Statuses`].
pub trait Decode<T> {
    /// Whether the body is read whole (at most `max_response_bytes`); else it is skimmed.
    const READS: bool = true;

    /// Whether the answer of `status` is decoded this way.
    fn covers(&self, status: u16) -> bool;

    /// The answer as a success.
    ///
    /// # Errors
    /// The body or the declared headers do not decode.
    fn success<H: FromHead, E>(response: RawResponse) -> Result<ResponseValue<T, H>, Error<E>>;

    /// The answer as a declared error.
    ///
    /// # Errors
    /// Always: the declared error, or the failure to decode it.
    fn error<U>(response: RawResponse) -> Result<U, Error<T>>;
}

/// A JSON body, for the statuses `S`.
#[derive(Debug, Clone, Copy)]
pub struct Json<S>(pub S);

/// A text body, for the statuses `S`.
#[derive(Debug, Clone, Copy)]
pub struct Text<S>(pub S);

/// A binary body, for the statuses `S`.
#[derive(Debug, Clone, Copy)]
pub struct Binary<S>(pub S);

/// No declared body, for the statuses `S`: whatever the server sent is dropped (a success)
/// or makes the message (an error).
#[derive(Debug, Clone, Copy)]
pub struct Empty<S>(pub S);

impl<T: DeserializeOwned, S: Statuses> Decode<T> for Json<S> {
    fn covers(&self, status: u16) -> bool {
        self.0.covers(status)
    }

    fn success<H: FromHead, E>(response: RawResponse) -> Result<ResponseValue<T, H>, Error<E>> {
        response.json()
    }

    fn error<U>(response: RawResponse) -> Result<U, Error<T>> {
        response.error_json()
    }
}

impl<S: Statuses> Decode<::std::string::String> for Text<S> {
    fn covers(&self, status: u16) -> bool {
        self.0.covers(status)
    }

    fn success<H: FromHead, E>(response: RawResponse) -> Result<ResponseValue<::std::string::String, H>, Error<E>> {
        response.text()
    }

    fn error<U>(response: RawResponse) -> Result<U, Error<::std::string::String>> {
        response.error_text()
    }
}

impl<S: Statuses> Decode<::bytes::Bytes> for Binary<S> {
    fn covers(&self, status: u16) -> bool {
        self.0.covers(status)
    }

    fn success<H: FromHead, E>(response: RawResponse) -> Result<ResponseValue<::bytes::Bytes, H>, Error<E>> {
        response.bytes()
    }

    fn error<U>(response: RawResponse) -> Result<U, Error<::bytes::Bytes>> {
        response.error_bytes()
    }
}

impl<S: Statuses> Decode<()> for Empty<S> {
    const READS: bool = false;

    fn covers(&self, status: u16) -> bool {
        self.0.covers(status)
    }

    fn success<H: FromHead, E>(response: RawResponse) -> Result<ResponseValue<(), H>, Error<E>> {
        response.empty()
    }

    fn error<U>(response: RawResponse) -> Result<U, Error<()>> {
        response.error_empty()
    }
}

impl Call<'_> {
    /// Sends the request and decodes the answer as `success` says; a status it does not
    /// cover is [`Error::UnexpectedResponse`].
    ///
    /// # Errors
    /// As [`send`](Self::send), and the answer does not decode or has an undeclared status.
    pub async fn answer<T, H: FromHead, E, D: Decode<T>>(self, success: D) -> Result<ResponseValue<T, H>, Error<E>> {
        let response = self.send(|status| D::READS && success.covers(status)).await?;
        if success.covers(response.status_code()) {
            D::success(response)
        } else {
            response.unexpected()
        }
    }

    /// Sends the request and decodes the answer as `success` says, or, for the statuses it
    /// does not cover, as the declared error `error`; any other status is
    /// [`Error::UnexpectedResponse`].
    ///
    /// # Errors
    /// The declared error; as [`send`](Self::send); the answer does not decode or has an
    /// undeclared status.
    pub async fn answer_or_error<T, H: FromHead, E, D: Decode<T>, F: Decode<E>>(
        self,
        success: D,
        error: F,
    ) -> Result<ResponseValue<T, H>, Error<E>> {
        let whole = |status| if success.covers(status) { D::READS } else { F::READS && error.covers(status) };
        let response = self.send(whole).await?;
        let status = response.status_code();
        if success.covers(status) {
            D::success(response)
        } else if error.covers(status) {
            F::error(response)
        } else {
            response.unexpected()
        }
    }
}
