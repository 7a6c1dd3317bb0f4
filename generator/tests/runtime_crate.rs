//! The runtime as a crate of its own (`generator::runtime_crate`) and generated crates that
//! depend on it (`[runtime-crate]`). That the two build together, with and without default
//! features, is a step of `.ci/run` (a real build needs the registry's crates).

use generator::{generate, runtime_crate, Config, TimeFormat};

const DOCUMENT: &str = "openapi: 3.0.3
info: {title: Clock, version: '1'}
paths:
  /now:
    get:
      operationId: now
      responses:
        '200':
          description: The time.
          content:
            application/json:
              schema:
                type: object
                properties:
                  at: {type: string, format: date-time}
";

fn manifest(text: &str) -> toml::Table {
    text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn runtime_config() -> Config {
    Config::new("api-runtime").with_version("0.3.0")
}

fn with_runtime_crate() -> Config {
    let mut spec = toml::Table::new();
    spec.insert("path".to_owned(), toml::Value::String("../api-runtime".to_owned()));
    Config::new("clock").with_runtime_crate("api-runtime", spec)
}

#[test]
fn the_runtime_crate_holds_the_whole_runtime_with_the_formats_behind_features() {
    let files = runtime_crate(&runtime_config()).expect("a runtime crate");
    let cargo = manifest(files.get("Cargo.toml").expect("a manifest"));
    assert_eq!(cargo["package"]["name"].as_str(), Some("api-runtime"));
    assert_eq!(cargo["package"]["version"].as_str(), Some("0.3.0"));
    let features = cargo["features"].as_table().expect("[features]");
    for (feature, enables) in [("reqwest", "dep:reqwest"), ("tracing", "dep:tracing"), ("chrono", "dep:chrono")] {
        let list = features[feature].as_array().expect("a list");
        assert!(list.iter().any(|f| f.as_str() == Some(enables)), "{feature}: {list:?}");
    }
    let dependencies = cargo["dependencies"].as_table().expect("[dependencies]");
    for optional in ["chrono", "time", "uuid", "reqwest", "tokio", "tracing"] {
        assert_eq!(dependencies[optional]["optional"].as_bool(), Some(true), "{optional}");
    }
    assert!(dependencies.contains_key("regex-lite"), "pattern.rs is always there");
    for module in ["body.rs", "style.rs", "security.rs", "pattern.rs", "chrono.rs", "time.rs", "uuid.rs", "formats.rs"]
    {
        assert!(files.get(&format!("src/{module}")).is_some(), "{module}");
    }
    assert!(files.get("src/mod.rs").is_none(), "mod.rs is the crate root");
    let lib = files.get("src/lib.rs").expect("a crate root");
    assert!(lib.starts_with("// @generated"), "{lib}");
    assert!(lib.contains("#[cfg(feature = \"chrono\")]\npub mod chrono;"), "{lib}");
    assert!(lib.contains("#[cfg(any(feature = \"chrono\", feature = \"time\", feature = \"uuid\"))]\nmod formats;"));
    assert!(!lib.contains("codegen: only with"), "no marks left: {lib}");
    assert!(!lib.contains("use call_limits::limit_setters"), "{lib}");
    let limits = files.get("src/call_limits.rs").expect("call_limits.rs");
    assert!(limits.contains("#[macro_export]\nmacro_rules! limit_setters"), "other crates' builders call it");
    assert!(!limits.contains("pub(crate) use limit_setters"), "{limits}");
}

#[test]
fn a_crate_with_a_runtime_crate_depends_on_it_and_copies_nothing() {
    let files = generate(DOCUMENT.as_bytes(), &with_runtime_crate()).expect("generates");
    assert!(files.iter().all(|(path, _)| !path.starts_with("src/generated/runtime/")), "no copy of the runtime");
    let module = files.get("src/generated/mod.rs").expect("mod.rs");
    assert!(module.contains("pub use ::api_runtime as runtime;"), "{module}");
    let cargo = manifest(files.get("Cargo.toml").expect("a manifest"));
    let runtime = &cargo["dependencies"]["api-runtime"];
    assert_eq!(runtime["path"].as_str(), Some("../api-runtime"));
    assert_eq!(runtime["default-features"].as_bool(), Some(false), "the crate's features choose");
    assert!(runtime.get("features").is_none(), "no typed format: {runtime}");
    let forwards = |feature: &str, to: &str| {
        cargo["features"][feature].as_array().expect("a list").iter().any(|f| f.as_str() == Some(to))
    };
    assert!(forwards("reqwest", "api-runtime/reqwest") && forwards("tracing", "api-runtime/tracing"));
}

#[test]
fn a_typed_format_turns_on_the_runtime_crates_feature_of_its_crate() {
    let config = with_runtime_crate().with_date_time(TimeFormat::Chrono);
    let files = generate(DOCUMENT.as_bytes(), &config).expect("generates");
    let cargo = manifest(files.get("Cargo.toml").expect("a manifest"));
    let features = cargo["dependencies"]["api-runtime"]["features"].as_array().cloned().expect("features");
    assert_eq!(features, [toml::Value::String("chrono".to_owned())]);
    assert!(!cargo["dependencies"].as_table().expect("deps").contains_key("chrono"), "the runtime crate's dependency");
    let types = files.get("src/generated/types.rs").expect("types.rs");
    assert!(types.contains("rt::chrono::DateTime"), "{types}");
}

#[test]
fn a_runtime_crate_is_read_from_codegen_toml_and_excludes_a_shared_runtime() {
    let config =
        Config::from_toml("crate = \"clock\"\n[runtime-crate]\nname = \"api-runtime\"\npath = \"../api-runtime\"\n")
            .expect("parses");
    assert_eq!(config, with_runtime_crate());
    let both = with_runtime_crate().with_shared_runtime("crate::runtime");
    let error = generate(DOCUMENT.as_bytes(), &both).expect_err("two runtimes");
    assert!(error.to_string().contains("choose one"), "{error}");
}

#[test]
fn the_command_line_writes_a_runtime_crate_from_a_name_alone() {
    let options = generator::cli::parse(&["--runtime-crate", "--out", "rt", "--name", "api-runtime"]).expect("parses");
    assert!(options.runtime_crate && options.spec.is_none());
    let error = generator::cli::parse(&["--runtime-crate", "--spec", "a.yaml", "--out", "rt", "--name", "x"])
        .expect_err("no document");
    assert!(error.to_string().contains("--spec"), "{error}");
}
