//! Client of the Contentstack Personalize Edge API.
#![deny(missing_docs)]

mod generated;

pub use generated::*;
