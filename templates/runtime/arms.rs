//! What the status arms of `send` do with an answer, one method each: read the body as far
//! as the arm needs (`read` for a declared body, `discard` for a success without one,
//! `skim` for an error without one or an undeclared status), parse the declared response
//! headers, decode, and wrap the result as the operation returns it.
//!
//! `T`, `H` and `E` (the success body, the typed headers, the error body) come from the
//! return type of `send`, so an arm reads `200u16 => response.json().await,`. The `_as`
//! forms wrap the decoded body in a variant of the operation's own response enum.

use ::serde::de::DeserializeOwned;

use super::answers::InvalidResponse;
use super::error::Error;
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
    /// A success with a JSON body.
    pub async fn json<T: DeserializeOwned, H: FromHead, E>(self) -> Result<ResponseValue<T, H>, Error<E>> {
        self.json_as(|body: T| body).await
    }

    /// A success with a JSON body, wrapped by `wrap`.
    pub async fn json_as<B: DeserializeOwned, T, H: FromHead, E>(
        self,
        wrap: impl FnOnce(B) -> T,
    ) -> Result<ResponseValue<T, H>, Error<E>> {
        let raw = self.read().await?;
        let typed = H::from_head(&raw)?;
        let body = raw.json()?;
        Ok(raw.into_value(wrap(body), typed))
    }

    /// A success with a text body.
    pub async fn text<H: FromHead, E>(self) -> Result<ResponseValue<::std::string::String, H>, Error<E>> {
        self.text_as(|body| body).await
    }

    /// A success with a text body, wrapped by `wrap`.
    pub async fn text_as<T, H: FromHead, E>(
        self,
        wrap: impl FnOnce(::std::string::String) -> T,
    ) -> Result<ResponseValue<T, H>, Error<E>> {
        let raw = self.read().await?;
        let typed = H::from_head(&raw)?;
        let body = raw.text()?;
        Ok(raw.into_value(wrap(body), typed))
    }

    /// A success with a binary body.
    pub async fn bytes<H: FromHead, E>(self) -> Result<ResponseValue<::bytes::Bytes, H>, Error<E>> {
        self.bytes_as(|body| body).await
    }

    /// A success with a binary body, wrapped by `wrap`.
    pub async fn bytes_as<T, H: FromHead, E>(
        self,
        wrap: impl FnOnce(::bytes::Bytes) -> T,
    ) -> Result<ResponseValue<T, H>, Error<E>> {
        let raw = self.read().await?;
        let typed = H::from_head(&raw)?;
        let body = raw.bytes();
        Ok(raw.into_value(wrap(body), typed))
    }

    /// A success without a declared body: whatever the server sent is discarded.
    pub async fn empty<H: FromHead, E>(self) -> Result<ResponseValue<(), H>, Error<E>> {
        self.empty_as(()).await
    }

    /// A success without a declared body, answered as `value`.
    pub async fn empty_as<T, H: FromHead, E>(self, value: T) -> Result<ResponseValue<T, H>, Error<E>> {
        let raw = self.discard().await;
        let typed = H::from_head(&raw)?;
        Ok(raw.into_value(value, typed))
    }

    /// A successful answer's body as a stream (`send_stream`).
    pub fn stream<H: FromHead, E>(self) -> Result<ResponseValue<ByteStream, H>, Error<E>> {
        let typed = H::from_head(&self.head())?;
        Ok(self.into_stream(typed))
    }

    /// A declared error with a JSON body.
    pub async fn error_json<T, E: DeserializeOwned>(self) -> Result<T, Error<E>> {
        self.error_json_as(|body: E| body).await
    }

    /// A declared error with a JSON body, wrapped by `wrap`.
    pub async fn error_json_as<B: DeserializeOwned, T, E>(self, wrap: impl FnOnce(B) -> E) -> Result<T, Error<E>> {
        let raw = self.read().await?;
        let body = raw.json()?;
        Err(raw.into_error(wrap(body)))
    }

    /// A declared error with a text body.
    pub async fn error_text<T>(self) -> Result<T, Error<::std::string::String>> {
        self.error_text_as(|body| body).await
    }

    /// A declared error with a text body, wrapped by `wrap`.
    pub async fn error_text_as<T, E>(self, wrap: impl FnOnce(::std::string::String) -> E) -> Result<T, Error<E>> {
        let raw = self.read().await?;
        let body = raw.text()?;
        Err(raw.into_error(wrap(body)))
    }

    /// A declared error with a binary body.
    pub async fn error_bytes<T>(self) -> Result<T, Error<::bytes::Bytes>> {
        self.error_bytes_as(|body| body).await
    }

    /// A declared error with a binary body, wrapped by `wrap`.
    pub async fn error_bytes_as<T, E>(self, wrap: impl FnOnce(::bytes::Bytes) -> E) -> Result<T, Error<E>> {
        let raw = self.read().await?;
        let body = raw.bytes();
        Err(raw.into_error(wrap(body)))
    }

    /// A declared error without a body; the start of what the server sent makes the message.
    pub async fn error_empty<T>(self) -> Result<T, Error<()>> {
        self.error_empty_as(()).await
    }

    /// A declared error without a body, answered as `value`.
    pub async fn error_empty_as<T, E>(self, value: E) -> Result<T, Error<E>> {
        Err(self.skim().await.into_error(value))
    }

    /// A status the document does not declare: [`Error::UnexpectedResponse`], with the start
    /// of the body for its message.
    pub async fn unexpected<T, E>(self) -> Result<T, Error<E>> {
        Err(self.skim().await.into_unexpected())
    }
}
