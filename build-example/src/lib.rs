//! A client generated at build time: `build.rs` runs the generator on `petstore.yaml` and
//! writes `$OUT_DIR/petstore.rs`, which is included here. Nothing generated is committed; the
//! document is the source.

include!(concat!(env!("OUT_DIR"), "/petstore.rs"));

pub use petstore::*;
