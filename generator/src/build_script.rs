//! For build scripts: generate a client into `OUT_DIR` and `include!` it, so the generated
//! code is never committed.
//!
//! ```ignore
//! // build.rs, with `openapi-rust-generator` in [build-dependencies]:
//! fn main() {
//!     let config = generator::Config::new("petstore");
//!     if let Err(error) = generator::build_script::generate("petstore.yaml", &config) {
//!         panic!("{error}");
//!     }
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs: the module `petstore` (the crate name in snake case).
//! include!(concat!(env!("OUT_DIR"), "/petstore.rs"));
//! pub use petstore::*;
//! ```
//!
//! The crate needs the dependencies of the generated code in its own `[dependencies]` (the
//! list is `templates/crate/dependencies.toml` of this package: `bytes`, `http`, `http-body`,
//! `httpdate`, `indexmap` with `serde`, `percent-encoding`, `serde`, `serde_json` with
//! `preserve_order`, `url`, `web-time`; `reqwest`, `tokio` with `time` and `tracing` as
//! optional ones; `regex-lite` when the document has patterns) and the features the
//! generated code tests, `reqwest = ["dep:reqwest", "dep:tokio"]` and
//! `tracing = ["dep:tracing"]`, on by default for reqwest's transport and the span per call
//! (`build-example/Cargo.toml` has them all).
//! Like [`cli`](crate::cli) and [`disk`](crate::disk), this module does I/O; `generate`
//! itself stays pure.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::Error;
use crate::Config;

/// Generates the client of the document at `spec` (relative to the package, where cargo runs
/// build scripts) into `$OUT_DIR/<module>.rs`, `<module>` being the crate name in snake case,
/// and tells cargo to run the script again when the document changes. The file is written only
/// when it changed. Returns its path.
pub fn generate(spec: impl AsRef<Path>, config: &Config) -> Result<PathBuf, Error> {
    let spec = spec.as_ref();
    println!("cargo:rerun-if-changed={}", spec.display());
    let out_dir = std::env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| Error::Failed("OUT_DIR is not set: call this from a build script".to_owned()))?;
    let document = fs::read(spec).map_err(|e| Error::Failed(format!("cannot read {}: {e}", spec.display())))?;
    let files = crate::generate(&document, config)
        .map_err(|e| Error::Failed(format!("cannot generate from {}: {e}", spec.display())))?;
    let module = config.crate_name.replace('-', "_");
    let text = files.single_module(&module).map_err(|e| Error::Failed(e.to_string()))?;
    let path = out_dir.join(format!("{module}.rs"));
    if fs::read(&path).ok().as_deref() != Some(text.as_bytes()) {
        fs::write(&path, text).map_err(|e| Error::Failed(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(path)
}
