//! OpenAPI 3 document -> Rust client crate.
//!
//! The whole generator is one pure function, [`generate`]: bytes of a document and a
//! [`Config`] in, a set of [`Files`] out. It reads no file, touches no network and keeps no
//! state, so the same input always gives byte-identical output. Reading documents, writing
//! crates and comparing trees is the job of the binaries (this crate's
//! `openapi-rust-generator` and the repository's `xtask`), through [`cli`] and [`disk`].
//!
//! The pipeline (see `ARCHITECTURE.md`):
//! `load` (JSON/YAML, OpenAPI 3.0 or 3.1 -> `openapiv3::OpenAPI`) -> `lower` (-> `model`) -> `emit` (-> tokens)
//! -> `render` (-> formatted files, with the runtime templates copied beside them).

pub mod build_script;
pub mod cli;
mod config;
pub mod disk;
mod emit;
mod error;
mod files;
mod ident;
mod load;
mod lower;
mod model;
mod pointer;
mod render;
mod runtime_crate;
mod runtime_plan;
mod single_file;
pub mod surface;

pub use config::{Config, Formats, RuntimeCrate, TimeFormat, UuidFormat};
pub use error::{Error, ErrorKind};
pub use files::Files;
pub use runtime_plan::{RuntimeFeature, RuntimePlan};

/// Generates the files of a client crate from an OpenAPI document (JSON or YAML bytes).
///
/// Every construct of the document is either mapped to Rust or reported as an [`Error`]
/// naming its JSON pointer; nothing is dropped silently.
pub fn generate(document: &[u8], config: &Config) -> Result<Files, Error> {
    run_pipeline(document, config, drop)
}

/// [`generate`] for a process that exits once the files are written (the
/// `openapi-rust-generator` binary): the trees built on the way (the document as read, the
/// model) are left for the exit to free, as compilers do, since freeing them one node at a
/// time takes about a fifth of a large document's run. Not for a process that goes on.
#[doc(hidden)]
pub fn generate_before_exit(document: &[u8], config: &Config) -> Result<Files, Error> {
    run_pipeline(document, config, std::mem::forget)
}

/// [`generate_here`] on the deep stack.
fn run_pipeline(
    document: &[u8],
    config: &Config,
    dispose: fn((openapiv3::OpenAPI, model::Api)),
) -> Result<Files, Error> {
    on_deep_stack(|| generate_here(document, config, dispose)).unwrap_or_else(|e| Err(no_thread(e)))
}

/// The stack the pipeline runs on. Reading a document recurses once per level of nesting
/// (the parsers, serde, the walks over the tree), and a debug build of the YAML parser takes
/// about 30 KiB a level: the 2 MiB of a test thread or a tokio worker would overflow near 70
/// levels, before the loader's own limit of 256 speaks. Only the pages used are ever touched.
const PIPELINE_STACK: usize = 256 << 20;

/// A thread for the pipeline's work: named, with [`PIPELINE_STACK`].
pub(crate) fn deep_thread() -> std::thread::Builder {
    std::thread::Builder::new().name("openapi-rust-generator".to_owned()).stack_size(PIPELINE_STACK)
}

/// The error of a run that cannot start its thread.
pub(crate) fn no_thread(error: std::io::Error) -> Error {
    Error::new(ErrorKind::Config, "", format!("cannot start the generator's thread: {error}"))
}

/// Runs `work` on a thread of its own with [`PIPELINE_STACK`]; a panic there goes on in the
/// caller's thread as if it had happened there. Fails only when no thread can be started.
pub(crate) fn on_deep_stack<T: Send>(work: impl FnOnce() -> T + Send) -> std::io::Result<T> {
    std::thread::scope(|scope| {
        let handle = deep_thread().spawn_scoped(scope, work)?;
        Ok(handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

/// The pipeline; `dispose` is given the document as read and the model once the files are
/// made (`drop`, or `std::mem::forget` before the process exits).
fn generate_here(
    document: &[u8],
    config: &Config,
    dispose: fn((openapiv3::OpenAPI, model::Api)),
) -> Result<Files, Error> {
    let load::Loaded { document, notes, moves } = load::load(document)?;
    // Errors name the node of the document as written, also where normalization moved it.
    let mut api = lower::lower(&document, config).map_err(|error| moves.restore(error))?;
    // What the document has beyond operations (3.1 webhooks, ...) comes first.
    api.skipped.splice(0..0, notes);
    // The examples are named where the document writes them (a 3.1 `examples` array is
    // read as `example`, a `$defs` entry moves to `components/schemas`).
    for example in &mut api.response_examples {
        example.pointer = moves.original(&example.pointer);
    }
    let files = render::render(&api, config).map_err(|error| moves.restore(error));
    dispose((document, api));
    files
}

/// The runtime as a crate of its own, named and versioned as `config` says
/// (`crate_name`, `version`, `license`, `description`, `regenerate`): `Cargo.toml`,
/// `README.md` and `src/`, for crates generated with [`Config::runtime_crate`] to depend on.
/// It holds the whole runtime, the typed formats' modules behind its features `chrono`,
/// `time` and `uuid`.
pub fn runtime_crate(config: &Config) -> Result<Files, Error> {
    runtime_crate::runtime_crate(config)
}

/// The runtime module that crates generated with [`Config::shared_runtime`] share: the files
/// of `generator/templates/runtime/` that `plan` keeps (the union of the [`Files::runtime_plan`]s of
/// the crates), by name in the module (`mod.rs`, `error.rs`, ...), each with the
/// `@generated` line.
pub fn runtime_module(plan: &RuntimePlan) -> Files {
    render::runtime_module(plan)
}
