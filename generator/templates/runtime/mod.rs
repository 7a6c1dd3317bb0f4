//! The runtime shared by every operation of this client: the [`Error`] type, the
//! [`ResponseValue`] wrapper that keeps status and headers beside a decoded body, and the
//! encoding and request helpers the generated code calls.
//!
//! Every call is bounded: a timeout from connecting to the last byte ([`DEFAULT_TIMEOUT`]),
//! a largest body ([`DEFAULT_MAX_RESPONSE_BYTES`]) read only by the status that needs it, and
//! no redirects followed by the default HTTP client. Errors are short sentences with bounded
//! excerpts of what the server sent, in `Display` and `Debug` alike.
//!
//! This module is hand-written and copied verbatim into each generated crate, so it refers
//! to its own files through `super::` only, never from the crate root. The one exception to
//! "verbatim": the optional modules (`body.rs`, `style.rs`, `security.rs`, `pattern.rs`,
//! `wire_enums.rs`) are copied only into crates whose document uses what they do (forms and
//! multipart bodies, styled parameters and cookies, credentials, `pattern` checks, enums),
//! and so are the types of the typed string formats (`chrono.rs`, `time.rs`, `uuid.rs` and
//! their grammar, `formats.rs`, in crates whose configuration chooses them and whose document
//! uses them), and the lines of this file marked `codegen: only with <feature>` go with them (the
//! generator's `runtime_plan.rs`).
//! What only the generated code calls is `#[doc(hidden)]`: the documented API is the error
//! types, [`ResponseValue`], [`ByteStream`], the file parts of multipart bodies, the types
//! of typed formats, the limits' defaults, and the seam around each call: the [`Transport`]
//! requests go through (`ReqwestTransport` with the `reqwest` feature) and the [`Hook`]s
//! that see each [`Operation`].
//!
//! With the `tracing` feature (on by default) each call runs in an `info` span named `call`
//! with the fields `operation` (the `operationId`), `method`, `path` (the path template),
//! and, once the answer's head arrives, `status` and `duration_ms` (or `error`). The span
//! never holds the URL or a header value: paths and queries may identify a visitor, and
//! headers carry credentials.

mod answers;
mod arms;
mod body; // codegen: only with bodies
mod call;
mod call_limits;
pub mod chrono; // codegen: only with chrono
mod encode;
mod error;
mod formats; // codegen: only with formats
mod hooks;
mod js_order;
mod object;
mod operations;
mod pattern; // codegen: only with patterns
mod raw;
mod read;
mod request;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
mod response;
mod security; // codegen: only with credentials
mod sender;
mod serde_helpers;
mod setters;
mod style; // codegen: only with styles
mod text;
pub mod time; // codegen: only with time
mod transport;
mod untagged;
pub mod uuid; // codegen: only with uuid
mod validate;
mod wire_enums; // codegen: only with enums

/// The map of typed `additionalProperties` (`IndexMap<String, T>`): members keep the order
/// they came in, as in a JavaScript object, so decoding then encoding gives them back.
pub use ::indexmap::IndexMap;
/// Any JSON object (`serde_json::Map<String, Value>`, in the order its members came): the
/// type of a free-form object schema and of the members a struct does not declare.
pub type JsonObject = ::serde_json::Map<::std::string::String, ::serde_json::Value>;
pub use answers::{ErrorResponse, InvalidResponse, ResponseTooLarge, Timeout, UnexpectedResponse};
pub use body::FilePart; // codegen: only with bodies
pub use error::{BuildError, Error, InvalidRequest};
pub use formats::ParseError; // codegen: only with formats
pub use hooks::{Hook, Operation, Outcome};
pub use js_order::to_json_js_order;
pub use read::ByteStream;
pub use request::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT};
#[cfg(feature = "reqwest")]
pub use reqwest_transport::{default_http_client, ReqwestTransport};
pub use response::{CallResult, ResponseValue};
pub use transport::{BoxFuture, ResponseBody, Transport, TransportError, TransportErrorKind};

// In a group of its own, which sorting imports leaves alone. // codegen: only with patterns
#[doc(hidden)] // codegen: only with patterns
pub use pattern::Pattern; // codegen: only with patterns

// Helpers for the generated code; not part of the documented API.
#[doc(hidden)]
pub use arms::{Binary, Decode, Empty, FromHead, Json, Statuses, Text};
#[doc(hidden)] // codegen: only with bodies
pub use body::{form_body, EncodedBody, FormField, Multipart}; // codegen: only with bodies
#[doc(hidden)]
pub use call::{client_header, require, Call};
#[doc(hidden)]
#[allow(unused_imports)]
pub(crate) use call_limits::limit_setters;
#[doc(hidden)]
pub use call_limits::{CallLimits, StartCall, WithLimits};
#[doc(hidden)]
pub use encode::{
    check_max_items, check_max_length, check_maximum_f64, check_maximum_i64, check_min_items, check_min_length,
    check_minimum_f64, check_minimum_i64, encode_path_segment, header_value, insert_header, is_cookie_octet,
    json_ascii, required, Bounded, QueryWriter,
};
#[doc(hidden)]
pub use error::Failure;
#[doc(hidden)]
#[allow(unused_imports)]
pub(crate) use object::object_impls;
#[doc(hidden)]
pub use object::{Members, Object, Presence};
#[doc(hidden)]
#[allow(unused_imports)]
pub(crate) use operations::operations;
#[doc(hidden)]
pub use raw::RawResponse;
#[doc(hidden)]
pub use read::UnreadResponse;
#[doc(hidden)]
pub use request::{json_body, normalize_base_url, Limits};
#[doc(hidden)] // codegen: only with credentials
pub use security::{basic_header, bearer_header, cookie_credential, credential_header, missing_credentials, Secret}; // codegen: only with credentials
#[doc(hidden)]
pub use sender::{Sender, SenderBuilder};
#[doc(hidden)]
pub use serde_helpers::{double_option, nullable, serialize_entries};
#[doc(hidden)]
#[allow(unused_imports)]
pub(crate) use setters::setters;
#[doc(hidden)] // codegen: only with styles
pub use style::{header_text, path_param, query_param, to_value, CookieWriter, Style}; // codegen: only with styles
#[doc(hidden)]
#[allow(unused_imports)]
pub(crate) use untagged::untagged_impls;
#[doc(hidden)]
pub use untagged::{decode_untagged, untagged_order, Shape, Shaped};
#[doc(hidden)]
pub use validate::{check_items, check_length, check_range_f64, check_range_i64, Path, Validate};
#[doc(hidden)] // codegen: only with enums
#[allow(unused_imports)] // codegen: only with enums
pub(crate) use wire_enums::{int_enum_impls, string_enum_impls}; // codegen: only with enums
