//! `tag-features = true`: one cargo feature per tag, all on by default; operations, their
//! client methods and the types only they use behind the feature of their first tag.

use generator::{generate, Config, Files};

const DOCUMENT: &str = r#"
openapi: 3.0.3
info: { title: Tags, version: "1" }
components:
  securitySchemes:
    petKey: { type: apiKey, in: header, name: x-pet-key }
  schemas:
    Pet:
      type: object
      properties:
        name: { type: string }
        owner: { $ref: '#/components/schemas/Owner' }
    Owner:
      type: object
      required: [name]
      properties:
        name: { type: string, default: nobody }
    Store:
      type: object
      properties:
        open: { type: boolean }
    Shared:
      type: object
      properties:
        id: { type: string }
    Health:
      type: object
      properties:
        ok: { type: boolean }
    Unused:
      type: object
      properties:
        store: { $ref: '#/components/schemas/Store' }
paths:
  /pets:
    get:
      operationId: listPets
      tags: [Pets, Store]
      security: [{ petKey: [] }]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { type: array, items: { $ref: '#/components/schemas/Pet' } }
        default:
          description: error
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Shared' }
  /stores:
    get:
      operationId: listStores
      tags: [Store Front]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Shared' }
  /health:
    get:
      operationId: health
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Health' }
"#;

fn generated(tag_features: bool) -> Files {
    let mut config = Config::new("tags");
    config.tag_features = tag_features;
    generate(DOCUMENT.as_bytes(), &config).unwrap_or_else(|e| panic!("{e}"))
}

/// The item declared by the line holding `needle`, with the attributes above it.
fn attributes_of<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|line| line.contains(needle)).unwrap_or_else(|| panic!("no `{needle}`"));
    lines[..at].iter().rev().take_while(|line| line.trim_start().starts_with(['#', '/'])).copied().collect()
}

fn cfg_of(text: &str, needle: &str) -> Option<String> {
    attributes_of(text, needle).into_iter().find(|line| line.contains("#[cfg(")).map(|line| line.trim().to_owned())
}

#[test]
fn the_cargo_toml_lists_one_feature_per_first_tag_all_on_by_default() {
    let files = generated(true);
    let cargo = files.get("Cargo.toml").expect("Cargo.toml");
    assert!(
        cargo.contains("default = [\"rustls\", \"http2\", \"system-proxy\", \"tracing\", \"pets\", \"store-front\"]"),
        "{cargo}"
    );
    assert!(cargo.contains("\npets = []\n") && cargo.contains("\nstore-front = []\n"), "{cargo}");
    // `Store` is only a second tag.
    assert!(!cargo.contains("\nstore = []"), "{cargo}");
    let readme = files.get("README.md").expect("README.md");
    assert!(
        readme.contains("| `pets` | 1 |")
            && readme.contains("features = [\"rustls\", \"http2\", \"system-proxy\", \"tracing\", \"pets\"]"),
        "{readme}"
    );
    let plain = generated(false);
    let cargo = plain.get("Cargo.toml").expect("Cargo.toml");
    assert!(
        cargo.contains("default = [\"rustls\", \"http2\", \"system-proxy\", \"tracing\"]") && !cargo.contains("pets"),
        "{cargo}"
    );
    assert!(!plain.get("README.md").expect("README.md").contains("## Features"));
}

#[test]
fn operations_and_their_client_methods_are_behind_their_tag() {
    let files = generated(true);
    let builder = files.get("src/generated/builder.rs").expect("builder.rs");
    assert_eq!(cfg_of(builder, "pub struct ListPets<").as_deref(), Some("#[cfg(feature = \"pets\")]"));
    assert_eq!(cfg_of(builder, "impl ListPets<'_>").as_deref(), Some("#[cfg(feature = \"pets\")]"));
    assert_eq!(cfg_of(builder, "pub struct ListStores<").as_deref(), Some("#[cfg(feature = \"store-front\")]"));
    assert_eq!(cfg_of(builder, "pub struct Health<"), None);
    let client = files.get("src/generated/client.rs").expect("client.rs");
    assert_eq!(cfg_of(client, "    list_pets() -> builder::ListPets").as_deref(), Some("#[cfg(feature = \"pets\")]"));
    assert_eq!(cfg_of(client, "    health() -> builder::Health"), None);
    // The credential only a gated operation needs goes with it.
    assert_eq!(cfg_of(client, "pub fn pet_key(").as_deref(), Some("#[cfg(feature = \"pets\")]"));
}

#[test]
fn types_are_behind_the_features_of_the_operations_that_reach_them() {
    let files = generated(true);
    let types = files.get("src/generated/types.rs").expect("types.rs");
    // Reached through `Pet` only.
    assert_eq!(cfg_of(types, "pub struct Owner {").as_deref(), Some("#[cfg(feature = \"pets\")]"));
    assert_eq!(cfg_of(types, "pub struct Pet {").as_deref(), Some("#[cfg(feature = \"pets\")]"));
    // Its default-value function goes with it.
    let default = types.lines().find(|line| line.starts_with("fn ")).expect("a default function");
    assert_eq!(cfg_of(types, default).as_deref(), Some("#[cfg(feature = \"pets\")]"));
    assert_eq!(
        cfg_of(types, "pub struct Shared {").as_deref(),
        Some("#[cfg(any(feature = \"pets\", feature = \"store-front\"))]")
    );
    // An untagged operation's type, an unused component and what it reaches: always there.
    assert_eq!(cfg_of(types, "pub struct Health {"), None);
    assert_eq!(cfg_of(types, "pub struct Unused {"), None);
    assert_eq!(cfg_of(types, "pub struct Store {"), None);
}

#[test]
fn without_the_option_nothing_is_gated() {
    let files = generated(false);
    // Only by the features every crate has: the default transport and the span per call.
    for (path, text) in files.iter() {
        let gated = text.matches("#[cfg(feature").count();
        let by_runtime_features = text.matches("#[cfg(feature = \"reqwest\")]").count()
            + text.matches("#[cfg(feature = \"tracing\")]").count();
        assert_eq!(gated, by_runtime_features, "{path}");
    }
}
