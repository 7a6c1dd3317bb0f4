//! Typed string formats (`Config::formats`): strings unless chosen; a chosen crate's type,
//! runtime module and dependency only where a schema has the format.

use generator::{generate, Config, Files, RuntimeFeature, TimeFormat, UuidFormat};

const DOCUMENT: &str = "openapi: 3.0.3
info: {title: Formats, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: since, in: query, schema: {type: string, format: date-time, maxLength: 30}}
      responses:
        '200':
          description: The things.
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: {type: string, format: uuid, pattern: '^[0-9a-f-]+$'}
                  on: {type: string, format: date}
                  name: {type: string, format: email}
";

fn generated(config: &Config) -> Files {
    generate(DOCUMENT.as_bytes(), config).unwrap_or_else(|e| panic!("{e}"))
}

fn file<'f>(files: &'f Files, path: &str) -> &'f str {
    files.get(path).unwrap_or_else(|| panic!("no {path}"))
}

#[test]
fn formats_are_strings_unless_chosen() {
    let files = generated(&Config::new("formats"));
    let types = file(&files, "src/generated/types.rs");
    assert!(types.contains("pub id: Option<String>"), "{types}");
    assert!(!types.contains("runtime::chrono") && !types.contains("runtime::uuid"), "{types}");
    let cargo = file(&files, "Cargo.toml");
    assert!(!cargo.contains("chrono") && !cargo.contains("uuid") && !cargo.contains("\ntime ="), "{cargo}");
    assert!(files.get("src/generated/runtime/formats.rs").is_none());
    // The string keeps its `pattern`.
    assert!(files.runtime_plan().has(RuntimeFeature::Patterns));
}

#[test]
fn a_chosen_crate_is_a_dependency_with_its_runtime_module() {
    let config = Config::new("formats")
        .with_date_time(TimeFormat::Time)
        .with_date(TimeFormat::Chrono)
        .with_uuid(UuidFormat::Uuid);
    let files = generated(&config);
    let types = file(&files, "src/generated/types.rs");
    assert!(types.contains("pub id: Option<rt::uuid::Uuid>"), "{types}");
    assert!(types.contains("pub on: Option<rt::chrono::Date>"), "{types}");
    assert!(types.contains("pub name: Option<String>"), "other formats stay strings");
    let builder = file(&files, "src/generated/builder.rs");
    assert!(builder.contains("value: impl Into<rt::time::DateTime>"), "{builder}");
    assert!(!builder.contains("check_length"), "a date-time's `maxLength` is its text's: {builder}");
    let cargo = file(&files, "Cargo.toml");
    for line in [
        "chrono = { default-features = false, version = \"0.4.20\" }",
        "time = { default-features = false, version = \"0.3.30\" }",
        "uuid = { default-features = false, version = \"1\" }",
    ] {
        assert!(cargo.contains(line), "{line} in {cargo}");
    }
    for module in ["formats.rs", "chrono.rs", "time.rs", "uuid.rs"] {
        assert!(files.get(&format!("src/generated/runtime/{module}")).is_some(), "{module}");
    }
    let runtime = file(&files, "src/generated/runtime/mod.rs");
    assert!(runtime.contains("pub mod chrono;") && runtime.contains("pub use formats::ParseError;"), "{runtime}");
    // The uuid's `pattern` is its text's too: nothing is left to check.
    assert!(!files.runtime_plan().has(RuntimeFeature::Patterns));
}

#[test]
fn a_chosen_crate_no_schema_uses_is_not_a_dependency() {
    let files = generated(&Config::new("formats").with_date_time(TimeFormat::Chrono));
    let cargo = file(&files, "Cargo.toml");
    assert!(cargo.contains("chrono =") && !cargo.contains("uuid") && !cargo.contains("\ntime ="), "{cargo}");
    assert!(
        files.get("src/generated/runtime/time.rs").is_none() && files.get("src/generated/runtime/uuid.rs").is_none()
    );
    let plain = DOCUMENT.replace("format: date-time", "format: password").replace("format: date}", "format: byte}");
    let files = generate(plain.as_bytes(), &Config::new("formats").with_date_time(TimeFormat::Chrono)).unwrap();
    assert!(!file(&files, "Cargo.toml").contains("chrono"), "no date in the document, no chrono");
    assert!(!files.runtime_plan().has(RuntimeFeature::Formats));
}
