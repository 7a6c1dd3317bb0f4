use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{Error, ErrorKind};

/// How a crate is generated: its identity and the names the document cannot give.
///
/// Read from a crate's `codegen.toml` (see [`Config::from_toml`]); every field has a default,
/// so `Config::new("my-api")` is enough for any document.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Path of the OpenAPI document, relative to the `codegen.toml` that names it.
    /// Used by `xtask` only; the generator itself receives the document's bytes.
    #[serde(default)]
    pub spec: Option<String>,
    /// Package name of the generated crate (`[package] name`).
    #[serde(rename = "crate")]
    pub crate_name: String,
    /// Package version of the generated crate.
    #[serde(default = "default_version")]
    pub version: String,
    /// Package description; defaults to the document's `info.title`.
    #[serde(default)]
    pub description: Option<String>,
    /// Package license expression.
    #[serde(default = "default_license")]
    pub license: String,
    /// `true` when `src/lib.rs` is written by hand (as in `generated-client`), so the
    /// generator must not emit one. Otherwise a `src/lib.rs` re-exporting everything is emitted.
    #[serde(default)]
    pub hand_written_lib: bool,
    /// Name of the enum made from the document's `servers`.
    #[serde(default = "default_servers_enum")]
    pub servers_enum: String,
    /// Variant names for servers, by server URL. Unnamed servers are named from their
    /// description, else `Server<index>`.
    #[serde(default)]
    pub server_names: BTreeMap<String, String>,
    /// Rust names for parameters, by wire name (`"x-project-uid" = "project_uid"`).
    #[serde(default)]
    pub parameter_names: BTreeMap<String, String>,
    /// Extra `[dependencies]` of the generated crate, as TOML values.
    #[serde(default)]
    pub dependencies: BTreeMap<String, toml::Value>,
    /// `[dev-dependencies]` of the generated crate, as TOML values.
    #[serde(default)]
    pub dev_dependencies: BTreeMap<String, toml::Value>,
    /// The path of a runtime module shared with other generated modules of the same crate
    /// (`crate::runtime`), made with [`runtime_module`](crate::runtime_module): no
    /// `runtime/` is written, and the generated module's `runtime` re-exports this one. For
    /// crates that hold several generated clients side by side, as the fixtures do.
    #[serde(default)]
    pub shared_runtime: Option<String>,
    /// One cargo feature per tag (`code-scanning` for the tag `Code Scanning`), all on by
    /// default: an operation is compiled only with the feature of its first tag (untagged
    /// ones always), and so are the types only such operations use. For big documents, whose
    /// users need a few endpoints.
    #[serde(default)]
    pub tag_features: bool,
    /// `tests/examples.rs`: a test decoding each of the document's examples of JSON response
    /// bodies into the type its response decodes to (see `emit::examples`).
    #[serde(default)]
    pub example_tests: bool,
    /// The command that writes the crate again (`cargo xtask regenerate`), named in the
    /// `@generated` line of every file; without it the line says to generate it again.
    #[serde(default)]
    pub regenerate: Option<String>,
}

fn default_version() -> String {
    "0.1.0".to_owned()
}
fn default_license() -> String {
    "MIT OR Apache-2.0".to_owned()
}
fn default_servers_enum() -> String {
    "Server".to_owned()
}

impl Config {
    /// A configuration with every default, for a crate named `crate_name`.
    pub fn new(crate_name: impl Into<String>) -> Self {
        Config {
            spec: None,
            crate_name: crate_name.into(),
            version: default_version(),
            description: None,
            license: default_license(),
            hand_written_lib: false,
            servers_enum: default_servers_enum(),
            server_names: BTreeMap::new(),
            parameter_names: BTreeMap::new(),
            dependencies: BTreeMap::new(),
            dev_dependencies: BTreeMap::new(),
            shared_runtime: None,
            tag_features: false,
            example_tests: false,
            regenerate: None,
        }
    }

    /// Parses a `codegen.toml` text. Pure: the caller reads the file.
    pub fn from_toml(text: &str) -> Result<Self, Error> {
        toml::from_str(text).map_err(|e| Error::new(ErrorKind::Config, "", format!("codegen.toml: {e}")))
    }
}
