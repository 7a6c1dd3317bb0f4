//! {{title}}: a client generated from its OpenAPI document.
//!
//! Start with [`Client::builder`]; every operation is a method of [`Client`] that returns a
//! request builder, sent with `.send().await`.
#![deny(missing_docs)]

mod generated;

pub use generated::*;
