use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{Error, ErrorKind};

/// How a crate is generated: its identity and the names the document cannot give.
///
/// Read from a crate's `codegen.toml` (see [`Config::from_toml`]); every field has a default,
/// so `Config::new("my-api")` is enough for any document, and the `with_*` setters change
/// one thing each:
///
/// ```
/// let config = generator::Config::new("petstore").with_version("1.2.0").with_tag_features(true);
/// assert_eq!(config.version, "1.2.0");
/// ```
///
/// New options come as new fields with defaults, so the struct is `#[non_exhaustive]`: build
/// it with [`Config::new`], [`Config::default`] or [`Config::from_toml`], never as a literal.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
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
    /// `true` when `README.md` is written by hand (the Edge crate's leads with its session
    /// layer), so the generator must not emit one. Otherwise a README listing the
    /// operations, servers and features is emitted.
    #[serde(default)]
    pub hand_written_readme: bool,
    /// The package's `repository` URL (Cargo metadata, shown by crates.io).
    #[serde(default)]
    pub repository: Option<String>,
    /// The package's `documentation` URL (crates.io links docs.rs without it).
    #[serde(default)]
    pub documentation: Option<String>,
    /// The package's `homepage` URL.
    #[serde(default)]
    pub homepage: Option<String>,
    /// The package's `keywords` (crates.io takes at most five).
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The package's `categories`, as crates.io spells them (`api-bindings`, `web-programming::http-client`).
    #[serde(default)]
    pub categories: Vec<String>,
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
    /// Header parameters (by wire name) that the client builder holds, set once for every
    /// operation that declares them. Without this list a header is held by the client when
    /// every operation declares it; naming it keeps it there when an operation without it
    /// is added, which would otherwise remove the builder's setter (a breaking change).
    /// A name no operation declares, or one declared with different types or limits, is
    /// a configuration error.
    #[serde(default)]
    pub client_headers: Vec<String>,
    /// Extra `[dependencies]` of the generated crate, as TOML values.
    #[serde(default)]
    pub dependencies: BTreeMap<String, toml::Value>,
    /// `[dev-dependencies]` of the generated crate, as TOML values.
    #[serde(default)]
    pub dev_dependencies: BTreeMap<String, toml::Value>,
    /// Extra `[features]` of the generated crate, by feature name to its entries as cargo
    /// writes them (`"dep:tower-layer"`, `"tokio/rt"`, `"serde_json?/std"`, another feature):
    /// for hand-written modules behind features of their own, such as the Edge crate's tower
    /// layer. A name the generated manifest already has (`default`, `reqwest`, `tracing`, a
    /// tag feature, ...) or an entry naming a dependency the crate does not declare (or a
    /// `dep:` of one that is not optional) is a configuration error naming the key.
    #[serde(default)]
    pub features: BTreeMap<String, Vec<String>>,
    /// The features each example needs (`[example-features]`: example name to feature
    /// names), written as `[[example]]` tables with `required-features`, so `cargo test`
    /// without them skips the example instead of failing to build it. Every feature named
    /// must be one the manifest has.
    #[serde(default)]
    pub example_features: BTreeMap<String, Vec<String>>,
    /// The path of a runtime module shared with other generated modules of the same crate
    /// (`crate::runtime`), made with [`runtime_module`](crate::runtime_module): no
    /// `runtime/` is written, and the generated module's `runtime` re-exports this one. For
    /// crates that hold several generated clients side by side, as the fixtures do.
    #[serde(default)]
    pub shared_runtime: Option<String>,
    /// The runtime taken from a crate of its own (made with
    /// [`runtime_crate`](crate::runtime_crate)) instead of a copy in `src/generated/runtime/`:
    /// `[runtime-crate]` with its package `name` and the rest of its dependency spec
    /// (`path`, `version`, `git`, ...). The crate's `reqwest` and `tracing` features turn on
    /// the runtime's, and the typed formats the document uses turn on theirs.
    #[serde(default)]
    pub runtime_crate: Option<RuntimeCrate>,
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
    /// Component schemas replaced by Rust types of the caller's choice, by schema name (the
    /// key under `components/schemas`) to a type path (`rust_decimal::Decimal`,
    /// `crate::money::Money`): the schema gets no type and every use of it is that type,
    /// which must implement `Serialize`, `Deserialize`, `Debug`, `Clone` and `PartialEq`.
    /// The document can say the same with `x-rust-type` (see `ARCHITECTURE.md`); this
    /// table wins over it. The crate the path names is a `[dependencies]` entry to add.
    #[serde(default)]
    pub replace: BTreeMap<String, String>,
    /// Derives added to every type of the document's schemas (`"Eq"`, `"Hash"`,
    /// `"schemars::JsonSchema"`). Of the standard ones (`Eq`, `Hash`, `PartialOrd`, `Ord`,
    /// `Copy`, `Default`), each is left off the types whose fields cannot have it (an `f64`
    /// has no `Eq`), and the type's docs and the crate docs say which field prevents it.
    /// A struct's wire names are in its `object_impls!` table, not in serde attributes, so a
    /// derive that reads those (`schemars::JsonSchema`) sees the fields' Rust names.
    #[serde(default)]
    pub derives: Vec<String>,
    /// The Rust types of the `date-time`, `date` and `uuid` string formats: strings unless
    /// chosen here (see [`Formats`]).
    #[serde(default)]
    pub formats: Formats,
}

/// A runtime crate a generated crate depends on ([`Config::runtime_crate`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RuntimeCrate {
    /// The package name (`api-runtime`); the generated `runtime` module is `::api_runtime`.
    pub name: String,
    /// The rest of the dependency's spec, as `[dependencies]` would write it
    /// (`path = "../api-runtime"`, `version = "0.3"`).
    #[serde(flatten)]
    pub dependency: toml::Table,
}

/// The types of string formats (`[formats]` of `codegen.toml`): each `string` by default,
/// or a type of the named crate, which the generated crate then depends on (only when a
/// schema uses it). The choice is made here, not by a cargo feature of the generated crate:
/// features must be additive, and one that changed a field's type would break the other
/// crates depending on it.
///
/// ```
/// let config = generator::Config::from_toml("crate = \"x\"\n[formats]\ndate-time = \"chrono\"\nuuid = \"uuid\"\n")?;
/// assert_eq!(config.formats.date_time, generator::TimeFormat::Chrono);
/// # Ok::<(), generator::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[non_exhaustive]
pub struct Formats {
    /// `format: date-time`: `runtime::chrono::DateTime` (over `chrono::DateTime<Utc>`) or
    /// `runtime::time::DateTime` (over `time::OffsetDateTime`), RFC 3339 on the wire.
    #[serde(default)]
    pub date_time: TimeFormat,
    /// `format: date`: `runtime::chrono::Date` (over `chrono::NaiveDate`) or
    /// `runtime::time::Date` (over `time::Date`), `YYYY-MM-DD` on the wire.
    #[serde(default)]
    pub date: TimeFormat,
    /// `format: uuid`: `runtime::uuid::Uuid` (over `uuid::Uuid`), hyphenated lowercase on
    /// the wire.
    #[serde(default)]
    pub uuid: UuidFormat,
}

/// The type of `date-time` and `date` strings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum TimeFormat {
    /// `String`, the text as it came.
    #[default]
    String,
    /// A type over the `chrono` crate.
    Chrono,
    /// A type over the `time` crate.
    Time,
}

/// The type of `uuid` strings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum UuidFormat {
    /// `String`, the text as it came.
    #[default]
    String,
    /// A type over the `uuid` crate.
    Uuid,
}

impl std::str::FromStr for TimeFormat {
    type Err = String;
    /// `string`, `chrono` or `time`, as in `codegen.toml`.
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "string" => Ok(TimeFormat::String),
            "chrono" => Ok(TimeFormat::Chrono),
            "time" => Ok(TimeFormat::Time),
            other => Err(format!("`{other}` is none of `string`, `chrono`, `time`")),
        }
    }
}

impl std::str::FromStr for UuidFormat {
    type Err = String;
    /// `string` or `uuid`, as in `codegen.toml`.
    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "string" => Ok(UuidFormat::String),
            "uuid" => Ok(UuidFormat::Uuid),
            other => Err(format!("`{other}` is none of `string`, `uuid`")),
        }
    }
}

impl Default for Config {
    /// Every default, for a crate named `openapi-client`.
    fn default() -> Self {
        Config::new("openapi-client")
    }
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
            hand_written_readme: false,
            repository: None,
            documentation: None,
            homepage: None,
            keywords: Vec::new(),
            categories: Vec::new(),
            servers_enum: default_servers_enum(),
            server_names: BTreeMap::new(),
            parameter_names: BTreeMap::new(),
            client_headers: Vec::new(),
            dependencies: BTreeMap::new(),
            dev_dependencies: BTreeMap::new(),
            features: BTreeMap::new(),
            example_features: BTreeMap::new(),
            shared_runtime: None,
            runtime_crate: None,
            tag_features: false,
            example_tests: false,
            regenerate: None,
            replace: BTreeMap::new(),
            derives: Vec::new(),
            formats: Formats::default(),
        }
    }

    /// With the package name `crate_name`.
    pub fn with_crate_name(self, crate_name: impl Into<String>) -> Self {
        Config { crate_name: crate_name.into(), ..self }
    }

    /// With the package version `version`.
    pub fn with_version(self, version: impl Into<String>) -> Self {
        Config { version: version.into(), ..self }
    }

    /// With the package description `description` (else the document's title).
    pub fn with_description(self, description: impl Into<String>) -> Self {
        Config { description: Some(description.into()), ..self }
    }

    /// With the license expression `license`.
    pub fn with_license(self, license: impl Into<String>) -> Self {
        Config { license: license.into(), ..self }
    }

    /// With a hand-written `src/lib.rs` (none generated) when `yes`.
    pub fn with_hand_written_lib(self, yes: bool) -> Self {
        Config { hand_written_lib: yes, ..self }
    }

    /// With a hand-written `README.md` (none generated) when `yes`.
    pub fn with_hand_written_readme(self, yes: bool) -> Self {
        Config { hand_written_readme: yes, ..self }
    }

    /// With the package's `repository` URL.
    pub fn with_repository(self, url: impl Into<String>) -> Self {
        Config { repository: Some(url.into()), ..self }
    }

    /// With the package's `documentation` URL.
    pub fn with_documentation(self, url: impl Into<String>) -> Self {
        Config { documentation: Some(url.into()), ..self }
    }

    /// With the package's `homepage` URL.
    pub fn with_homepage(self, url: impl Into<String>) -> Self {
        Config { homepage: Some(url.into()), ..self }
    }

    /// With `keyword` among the package's `keywords`.
    pub fn with_keyword(mut self, keyword: impl Into<String>) -> Self {
        self.keywords.push(keyword.into());
        self
    }

    /// With `category` among the package's `categories`.
    pub fn with_category(mut self, category: impl Into<String>) -> Self {
        self.categories.push(category.into());
        self
    }

    /// With `name` for the enum of the document's servers.
    pub fn with_servers_enum(self, name: impl Into<String>) -> Self {
        Config { servers_enum: name.into(), ..self }
    }

    /// With the variant name `name` for the server at `url`.
    pub fn with_server_name(mut self, url: impl Into<String>, name: impl Into<String>) -> Self {
        self.server_names.insert(url.into(), name.into());
        self
    }

    /// With the Rust name `name` for the parameter whose wire name is `wire`.
    pub fn with_parameter_name(mut self, wire: impl Into<String>, name: impl Into<String>) -> Self {
        self.parameter_names.insert(wire.into(), name.into());
        self
    }

    /// With the header parameter `wire` held by the client builder (see
    /// [`Config::client_headers`]).
    pub fn with_client_header(mut self, wire: impl Into<String>) -> Self {
        self.client_headers.push(wire.into());
        self
    }

    /// With an extra `[dependencies]` entry of the generated crate.
    pub fn with_dependency(mut self, name: impl Into<String>, spec: toml::Value) -> Self {
        self.dependencies.insert(name.into(), spec);
        self
    }

    /// With an extra `[dev-dependencies]` entry of the generated crate.
    pub fn with_dev_dependency(mut self, name: impl Into<String>, spec: toml::Value) -> Self {
        self.dev_dependencies.insert(name.into(), spec);
        self
    }

    /// With the extra feature `name` turning on `entries` (`"dep:tower-layer"`, `"tokio/rt"`,
    /// another feature).
    pub fn with_feature(
        mut self,
        name: impl Into<String>,
        entries: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.features.insert(name.into(), entries.into_iter().map(Into::into).collect());
        self
    }

    /// With the example `example` built only with `features` (its `required-features`).
    pub fn with_example_features(
        mut self,
        example: impl Into<String>,
        features: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.example_features.insert(example.into(), features.into_iter().map(Into::into).collect());
        self
    }

    /// With the runtime taken from the module at `path` instead of a copy of its own.
    pub fn with_shared_runtime(self, path: impl Into<String>) -> Self {
        Config { shared_runtime: Some(path.into()), ..self }
    }

    /// With the runtime from the crate `name`, depended on as `dependency` says (a TOML
    /// table such as `{ path = "../api-runtime" }`), instead of a copy of its own.
    pub fn with_runtime_crate(self, name: impl Into<String>, dependency: toml::Table) -> Self {
        Config { runtime_crate: Some(RuntimeCrate { name: name.into(), dependency }), ..self }
    }

    /// With one cargo feature per tag when `yes`.
    pub fn with_tag_features(self, yes: bool) -> Self {
        Config { tag_features: yes, ..self }
    }

    /// With `tests/examples.rs` decoding the document's response examples when `yes`.
    pub fn with_example_tests(self, yes: bool) -> Self {
        Config { example_tests: yes, ..self }
    }

    /// With `command` named in the `@generated` line as the way to write the files again.
    pub fn with_regenerate(self, command: impl Into<String>) -> Self {
        Config { regenerate: Some(command.into()), ..self }
    }

    /// With the component schema `schema` replaced by the Rust type at `path`.
    pub fn with_replacement(mut self, schema: impl Into<String>, path: impl Into<String>) -> Self {
        self.replace.insert(schema.into(), path.into());
        self
    }

    /// With `path` (`"Hash"`, `"schemars::JsonSchema"`) derived by every schema type.
    pub fn with_derive(mut self, path: impl Into<String>) -> Self {
        self.derives.push(path.into());
        self
    }

    /// With `date-time` strings as `format`'s type.
    pub fn with_date_time(mut self, format: TimeFormat) -> Self {
        self.formats.date_time = format;
        self
    }

    /// With `date` strings as `format`'s type.
    pub fn with_date(mut self, format: TimeFormat) -> Self {
        self.formats.date = format;
        self
    }

    /// With `uuid` strings as `format`'s type.
    pub fn with_uuid(mut self, format: UuidFormat) -> Self {
        self.formats.uuid = format;
        self
    }

    /// Parses a `codegen.toml` text. Pure: the caller reads the file.
    pub fn from_toml(text: &str) -> Result<Self, Error> {
        toml::from_str(text).map_err(|e| Error::new(ErrorKind::Config, "", format!("codegen.toml: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setters_give_what_codegen_toml_gives() {
        let text = r#"
            crate = "pets"
            version = "2.0.0"
            description = "Pets."
            servers-enum = "Region"
            tag-features = true
            example-tests = true
            regenerate = "make client"
            derives = ["Hash", "Eq"]
            hand-written-readme = true
            repository = "https://github.com/example/pets"
            documentation = "https://docs.rs/pets"
            homepage = "https://pets.example.com"
            keywords = ["pets", "api"]
            categories = ["api-bindings"]
            client-headers = ["x-api-version"]
            [server-names]
            "https://pets.example.com" = "Main"
            [parameter-names]
            "x-api-version" = "api_version"
            [replace]
            Money = "rust_decimal::Decimal"
            [formats]
            date-time = "time"
            date = "chrono"
            uuid = "uuid"
            [features]
            extras = ["tracing"]
            [example-features]
            demo = ["extras"]
        "#;
        let from_toml = Config::from_toml(text).expect("parses");
        let built = Config::new("pets")
            .with_version("2.0.0")
            .with_description("Pets.")
            .with_servers_enum("Region")
            .with_tag_features(true)
            .with_example_tests(true)
            .with_regenerate("make client")
            .with_hand_written_readme(true)
            .with_repository("https://github.com/example/pets")
            .with_documentation("https://docs.rs/pets")
            .with_homepage("https://pets.example.com")
            .with_keyword("pets")
            .with_keyword("api")
            .with_category("api-bindings")
            .with_server_name("https://pets.example.com", "Main")
            .with_parameter_name("x-api-version", "api_version")
            .with_client_header("x-api-version")
            .with_derive("Hash")
            .with_derive("Eq")
            .with_replacement("Money", "rust_decimal::Decimal")
            .with_date_time(TimeFormat::Time)
            .with_date(TimeFormat::Chrono)
            .with_uuid(UuidFormat::Uuid)
            .with_feature("extras", ["tracing"])
            .with_example_features("demo", ["extras"]);
        assert_eq!(from_toml, built);
        assert_eq!(Config::default(), Config::new("openapi-client"));
        assert!(Config::from_toml("crate = \"x\"\nunknown = 1\n").is_err(), "unknown keys are refused");
        let wrong = Config::from_toml("crate = \"x\"\n[formats]\ndate-time = \"jiff\"\n").expect_err("no such choice");
        assert!(wrong.to_string().contains("jiff"), "{wrong}");
        assert_eq!("time".parse(), Ok(TimeFormat::Time));
        assert_eq!("uuid".parse(), Ok(UuidFormat::Uuid));
        assert!("chrono".parse::<UuidFormat>().is_err());
    }
}
