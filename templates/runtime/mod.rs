//! The runtime shared by every operation of this client: the [`Error`] type, the
//! [`ResponseValue`] wrapper that keeps status and headers beside a decoded body, and the
//! encoding and request helpers the generated code calls.
//!
//! This module is hand-written and copied verbatim into each generated crate, so it refers
//! to its own files through `super::` only, never from the crate root.

mod encode;
mod error;
mod request;
mod response;

pub use error::{BuildError, Error, InvalidRequest, InvalidResponse, UnexpectedResponse};
pub use request::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use response::ResponseValue;

// Helpers for the generated code; not part of the documented API.
#[doc(hidden)]
pub use encode::{
    check_max_items, check_max_length, check_maximum_f64, check_maximum_i64, check_min_items, check_min_length,
    check_minimum_f64, check_minimum_i64, encode_path_segment, header_value, insert_header, json_ascii, required,
    QueryWriter,
};
#[doc(hidden)]
pub use request::{default_http_client, execute, json_body, normalize_base_url, RawResponse};
