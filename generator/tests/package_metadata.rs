//! The package's Cargo metadata and README: what the configuration gives goes into the
//! manifest as valid TOML, and a hand-written README is left alone.

use generator::{generate, Config, Files};

const DOCUMENT: &str = "openapi: 3.0.3
info: {title: Pets, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
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

#[test]
fn metadata_the_configuration_gives_is_in_the_package_table() {
    let config = Config::new("pets")
        .with_repository("https://github.com/example/pets")
        .with_documentation("https://docs.rs/pets")
        .with_homepage("https://pets.example.com/\"quoted\"")
        .with_keyword("pets")
        .with_keyword("api")
        .with_category("api-bindings");
    let package = manifest(&generated(&config))["package"].as_table().cloned().expect("[package]");
    assert_eq!(package["repository"].as_str(), Some("https://github.com/example/pets"));
    assert_eq!(package["documentation"].as_str(), Some("https://docs.rs/pets"));
    assert_eq!(package["homepage"].as_str(), Some("https://pets.example.com/\"quoted\""), "escaped, not broken");
    let keywords: Vec<&str> =
        package["keywords"].as_array().expect("array").iter().filter_map(|k| k.as_str()).collect();
    assert_eq!(keywords, ["pets", "api"]);
    assert_eq!(package["categories"].as_array().map(Vec::len), Some(1));
    assert_eq!(package["readme"].as_str(), Some("README.md"));
}

#[test]
fn without_metadata_the_package_table_has_none() {
    let package = manifest(&generated(&Config::new("pets")))["package"].as_table().cloned().expect("[package]");
    for key in ["repository", "documentation", "homepage", "keywords", "categories"] {
        assert!(!package.contains_key(key), "{key}");
    }
}

#[test]
fn a_hand_written_readme_is_not_generated() {
    assert!(generated(&Config::new("pets")).get("README.md").is_some());
    let files = generated(&Config::new("pets").with_hand_written_readme(true));
    assert!(files.get("README.md").is_none());
    assert_eq!(manifest(&files)["package"]["readme"].as_str(), Some("README.md"), "the hand-written one is packaged");
}
