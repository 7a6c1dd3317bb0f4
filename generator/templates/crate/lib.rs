//! {{title}}: a client generated from its OpenAPI document.
//!
//! Start with [`Client::builder`]; every operation is a method of [`Client`] that returns a
//! request builder, sent with `.send().await`.
#![deny(missing_docs)]

// Formatted by the generator (prettyplease), not by rustfmt.
#[rustfmt::skip]
mod generated;

pub use generated::*;
