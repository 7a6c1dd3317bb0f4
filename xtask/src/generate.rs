//! `cargo xtask generate --spec FILE --out DIR --name CRATE [--config CODEGEN_TOML] [--check]`:
//! the generator's own command line ([`generator::cli`], installed as `openapi-rust-generator`),
//! run from the repository.

pub use generator::cli::{Options, Report};

use crate::Error;

/// Generates a crate from `options.spec` into `options.out` (or compares, with `--check`).
pub fn generate(options: &Options) -> Result<Report, Error> {
    generator::cli::run(options, "cargo xtask generate").map_err(Error::from)
}
