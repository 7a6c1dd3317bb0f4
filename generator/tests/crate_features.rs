//! Features and example requirements of the configuration (`[features]` and
//! `[example-features]` of `codegen.toml`): written into the generated manifest as valid TOML
//! beside the generated ones, and refused with an error naming the key when a name is taken
//! or an entry names what the crate does not declare.

use generator::{generate, Config, ErrorKind, Files};

const DOCUMENT: &str = "openapi: 3.0.3
info: {title: Pets, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      responses:
        '204': {description: None.}
";

fn generated(config: &Config) -> Files {
    generate(DOCUMENT.as_bytes(), config).unwrap_or_else(|e| panic!("{e}"))
}

fn manifest(files: &Files) -> toml::Table {
    let text = files.get("Cargo.toml").expect("a manifest");
    text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The configuration error `config` gives, as its message.
fn refused(config: &Config) -> String {
    let error = generate(DOCUMENT.as_bytes(), config).expect_err("refused");
    assert_eq!(error.kind, ErrorKind::Config, "{error}");
    error.to_string()
}

fn strings(value: &toml::Value) -> Vec<&str> {
    value.as_array().expect("an array").iter().map(|v| v.as_str().expect("a string")).collect()
}

fn with_tower(config: Config) -> Config {
    config
        .with_dependency(
            "tower-layer",
            toml::Value::Table(toml::toml! { version = "0.3"
            optional = true }),
        )
        .with_dependency(
            "axum-core",
            toml::Value::Table(toml::toml! { version = "0.5"
            optional = true }),
        )
}

#[test]
fn configured_features_follow_the_generated_ones() {
    let config = with_tower(Config::new("pets"))
        .with_feature("tower", ["dep:tower-layer", "tokio/rt", "tokio?/sync", "tracing"])
        .with_feature("axum", ["tower", "dep:axum-core"])
        .with_feature("a.b", ["reqwest"]);
    let files = generated(&config);
    let features = manifest(&files)["features"].as_table().cloned().expect("[features]");
    assert_eq!(strings(&features["tower"]), ["dep:tower-layer", "tokio/rt", "tokio?/sync", "tracing"]);
    assert_eq!(strings(&features["axum"]), ["tower", "dep:axum-core"]);
    assert_eq!(strings(&features["a.b"]), ["reqwest"], "a name with a dot is quoted, not a dotted key");
    assert_eq!(strings(&features["default"]), ["rustls", "http2", "system-proxy", "tracing"], "generated ones kept");
    let text = files.get("Cargo.toml").expect("manifest");
    assert!(text.find("tracing = [\"dep:tracing\"]") < text.find("tower = ["), "after the generated features:\n{text}");
}

#[test]
fn example_features_are_example_tables() {
    let config = with_tower(Config::new("pets"))
        .with_feature("axum", ["dep:axum-core"])
        .with_example_features("axum_edge", ["axum"])
        .with_example_features("traced", ["tracing", "reqwest"]);
    let examples = manifest(&generated(&config))["example"].as_array().cloned().expect("[[example]]");
    let examples: Vec<(&str, Vec<&str>)> = examples
        .iter()
        .map(|example| (example["name"].as_str().expect("name"), strings(&example["required-features"])))
        .collect();
    assert_eq!(examples, [("axum_edge", vec!["axum"]), ("traced", vec!["tracing", "reqwest"])]);
}

#[test]
fn without_configuration_the_manifest_is_unchanged() {
    let files = generated(&Config::new("pets"));
    let manifest = manifest(&files);
    assert!(!manifest.contains_key("example"));
    let mut names: Vec<&String> = manifest["features"].as_table().expect("[features]").keys().collect();
    names.sort();
    assert_eq!(names, ["default", "http2", "native-tls", "reqwest", "rustls", "system-proxy", "tracing"]);
    assert!(!files.get("Cargo.toml").expect("manifest").contains("codegen.toml's [features]"));
}

#[test]
fn generated_feature_names_are_refused() {
    for taken in
        ["default", "reqwest", "rustls", "native-tls", "http2", "system-proxy", "tracing", "chrono", "time", "uuid"]
    {
        let message = refused(&Config::new("pets").with_feature(taken, ["reqwest"]));
        assert!(message.contains(&format!("`features.{taken}`")), "{message}");
        assert!(message.contains("has a feature of that name already"), "{message}");
    }
    // A tag feature is generated too.
    let message = refused(&Config::new("pets").with_tag_features(true).with_feature("pets", ["reqwest"]));
    assert!(message.contains("`features.pets`") && message.contains("already"), "{message}");
    // A dependency's name would shadow the dependency.
    let message = refused(&Config::new("pets").with_feature("serde_json", ["reqwest"]));
    assert!(message.contains("`features.serde_json`") && message.contains("is a dependency"), "{message}");
    for bad in ["", "-x", "a b", "dep:x", "é"] {
        let message = refused(&Config::new("pets").with_feature(bad, ["reqwest"]));
        assert!(message.contains("is not the name of a feature"), "{bad:?}: {message}");
    }
}

#[test]
fn entries_must_name_declared_dependencies_and_features() {
    let cases = [
        ("dep:tower-layer", "`dep:tower-layer` names `tower-layer`, which is not in the crate's [dependencies]"),
        ("tower-layer/std", "`tower-layer/std` names `tower-layer`, which is not in the crate's [dependencies]"),
        ("tower-layer?/std", "names `tower-layer`, which is not in the crate's [dependencies]"),
        ("dep:serde_json", "`serde_json` is not optional"),
        ("serde_json?/std", "`?` is for optional dependencies"),
        ("tokio", "`tokio` is a dependency, not a feature: write `dep:tokio`"),
        ("nothing", "`nothing` is no feature of the crate, nor a `dep:<dependency>`"),
        ("/std", "is not `<dependency>/<feature>`"),
        ("tokio/", "is not `<dependency>/<feature>`"),
    ];
    for (entry, expected) in cases {
        let message = refused(&Config::new("pets").with_feature("extra", [entry]));
        assert!(message.contains("codegen.toml: `features.extra`"), "{entry}: {message}");
        assert!(message.contains(expected), "{entry}: {message}");
    }
    // Declared in codegen.toml, optional: accepted; so is a dependency's feature of a required one.
    generated(&with_tower(Config::new("pets")).with_feature("extra", ["dep:tower-layer", "serde_json/std"]));
}

#[test]
fn examples_must_require_features_the_crate_has() {
    let message = refused(&Config::new("pets").with_example_features("demo", ["axum"]));
    assert!(message.contains("codegen.toml: `example-features.demo`: `axum` is no feature of the crate"), "{message}");
    let message = refused(&Config::new("pets").with_example_features("demo", Vec::<String>::new()));
    assert!(message.contains("`example-features.demo`: names no feature"), "{message}");
    let message = refused(&Config::new("pets").with_example_features("a.b", ["tracing"]));
    assert!(message.contains("is not the name of an example"), "{message}");
}

#[test]
fn codegen_toml_tables_read_as_the_setters_give() {
    let text = "crate = \"pets\"\n[features]\nextra = [\"reqwest\"]\n[example-features]\ndemo = [\"extra\"]\n";
    let config = Config::from_toml(text).expect("parses");
    assert_eq!(config, Config::new("pets").with_feature("extra", ["reqwest"]).with_example_features("demo", ["extra"]));
    let examples = manifest(&generated(&config))["example"].as_array().cloned().expect("[[example]]");
    assert_eq!(examples[0]["required-features"].as_array().map(Vec::len), Some(1));
}
