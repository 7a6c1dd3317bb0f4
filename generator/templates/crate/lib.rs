//! {{title}}: a client generated from its OpenAPI document.
//!
//! Start with [`Client::builder`]; every operation is a method of [`Client`] that returns a
//! request builder, sent with `.send().await`.
#![deny(missing_docs)]
// rustdoc works out `Send` and `Sync` of every type, following a chain of members one level of
// its recursion each; chains as long as the generator accepts need more than the default 128.
#![recursion_limit = "256"]

// Formatted by the generator (prettyplease), not by rustfmt.
#[rustfmt::skip]
mod generated;

pub use generated::*;
