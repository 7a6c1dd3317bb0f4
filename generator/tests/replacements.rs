//! Schemas replaced by Rust types (`Config::replace`, `x-rust-type`): the schema gets no
//! type, every use is the given path, the crate `x-rust-type` names becomes a dependency,
//! and what cannot be used is an error naming what and where.

use generator::{generate, Config, Error, ErrorKind, Files};

/// A document whose `Invoice` holds `Money` in a field, in an array and as a request body
/// and an answer; `money` is the schema of `Money`, indented under it.
fn document(money: &str) -> String {
    format!(
        "openapi: 3.0.3
info: {{title: Replace, version: '1'}}
paths:
  /invoices:
    post:
      operationId: createInvoice
      requestBody:
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Money'}}
      responses:
        '200':
          description: Stored.
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Invoice'}}
components:
  schemas:
    Money:
{money}
    Invoice:
      type: object
      required: [total]
      properties:
        total: {{$ref: '#/components/schemas/Money'}}
        lines: {{type: array, items: {{$ref: '#/components/schemas/Money'}}}}
"
    )
}

fn generated(document: &str, config: &Config) -> Files {
    generate(document.as_bytes(), config).unwrap_or_else(|e| panic!("{e}"))
}

fn rejected(document: &str, config: &Config) -> Error {
    match generate(document.as_bytes(), config) {
        Ok(_) => panic!("accepted:\n{document}"),
        Err(error) => error,
    }
}

#[test]
fn a_replaced_schema_has_no_type_and_every_use_is_the_path() {
    let money = "      type: string\n      maxLength: 12\n      pattern: '^[0-9.]+$'";
    let config = Config::new("replace").with_replacement("Money", "rust_decimal::Decimal");
    let files = generated(&document(money), &config);
    let types = files.get("src/generated/types.rs").expect("types.rs");
    assert!(!types.contains("Money"), "no type of its own:\n{types}");
    assert!(types.contains("pub total: rust_decimal::Decimal,"), "{types}");
    assert!(types.contains("Vec<rust_decimal::Decimal>"), "{types}");
    // The string's limits are the text's: nothing checks them on a Decimal.
    assert!(!types.contains("check_length") && !types.contains("PATTERN"), "{types}");
    let builder = files.get("src/generated/builder.rs").expect("builder.rs");
    assert!(builder.contains("        body(value: rust_decimal::Decimal) = value,"), "the body's setter: {builder}");
    // The configuration's path names no crate to add: that is `[dependencies]`' job.
    assert!(!files.get("Cargo.toml").expect("Cargo.toml").contains("rust_decimal"));
    assert!(!files.runtime_plan().has(generator::RuntimeFeature::Patterns), "no pattern is checked");
}

#[test]
fn x_rust_type_replaces_the_schema_and_adds_its_crate() {
    let money =
        "      type: string\n      x-rust-type: {crate: rust-decimal, version: '1.36', path: rust_decimal::Decimal}";
    let files = generated(&document(money), &Config::new("replace"));
    let types = files.get("src/generated/types.rs").expect("types.rs");
    assert!(!types.contains("Money") && types.contains("pub total: rust_decimal::Decimal,"), "{types}");
    let cargo = files.get("Cargo.toml").expect("Cargo.toml");
    assert!(cargo.contains("rust-decimal = \"1.36\"\n"), "{cargo}");
    // The configuration wins, and then the document's crate is not added.
    let config = Config::new("replace").with_replacement("Money", "crate::Money");
    let files = generated(&document(money), &config);
    assert!(files.get("src/generated/types.rs").expect("types.rs").contains("pub total: crate::Money,"));
    assert!(!files.get("Cargo.toml").expect("Cargo.toml").contains("rust-decimal"));
}

#[test]
fn an_inline_x_rust_type_is_the_type_where_it_is_written() {
    let money = "      type: object\n      properties:\n        at: {type: string, nullable: true, x-rust-type: {path: std::net::Ipv4Addr}}";
    let files = generated(&document(money), &Config::new("replace"));
    let types = files.get("src/generated/types.rs").expect("types.rs");
    assert!(types.contains("pub at: Option<Option<std::net::Ipv4Addr>>"), "{types}");
}

#[test]
fn the_configuration_names_schemas_that_exist_with_type_paths() {
    let money = "      type: string";
    let error = rejected(&document(money), &Config::new("x").with_replacement("Mony", "rust_decimal::Decimal"));
    assert_eq!(error.kind, ErrorKind::Config);
    assert!(error.message.contains("`Mony` is not a schema of `components/schemas`"), "{error}");
    for (path, fragment) in [
        ("rust decimal", "is not a Rust type path"),
        ("Decimal", "names no crate"),
        ("super::Money", "relative to a module"),
    ] {
        let error = rejected(&document(money), &Config::new("x").with_replacement("Money", path));
        assert_eq!((error.kind, error.pointer.as_str()), (ErrorKind::Config, "/components/schemas/Money"), "{error}");
        assert!(error.message.contains(fragment) && error.message.contains("replace `Money`"), "{error}");
    }
}

#[test]
fn an_x_rust_type_of_the_wrong_shape_is_an_error_at_its_pointer() {
    let at = "/components/schemas/Money/x-rust-type";
    for (extension, pointer, fragment) in [
        ("rust_decimal::Decimal", at.to_owned(), "must be an object"),
        ("{crate: rust_decimal, version: '1'}", at.to_owned(), "needs a `path`"),
        ("{path: 12}", format!("{at}/path"), "`path` must be a non-empty string"),
        ("{path: 'a b'}", format!("{at}/path"), "is not a Rust type path"),
        ("{crate: rust_decimal, path: rust_decimal::Decimal}", at.to_owned(), "`crate` needs a `version`"),
        ("{version: '1', path: rust_decimal::Decimal}", at.to_owned(), "`version` needs the `crate`"),
        (
            "{crate: uuid, version: '1', path: rust_decimal::Decimal}",
            format!("{at}/path"),
            "does not start with the crate `uuid`",
        ),
        ("{crate: 'a b', version: '1', path: rust_decimal::Decimal}", format!("{at}/crate"), "is not a crate name"),
        ("{crate: uuid, version: '1\"', path: uuid::Uuid}", format!("{at}/version"), "is not a version requirement"),
        ("{path: uuid::Uuid, parameters: []}", format!("{at}/parameters"), "not `parameters`"),
    ] {
        let money = format!("      type: string\n      x-rust-type: {extension}");
        let error = rejected(&document(&money), &Config::new("x"));
        assert_eq!(error.pointer, pointer, "{extension}: {error}");
        assert!(error.message.contains(fragment), "{extension}: {error}");
    }
}

#[test]
fn one_crate_asked_for_in_two_versions_is_an_error_naming_both() {
    let money = "      type: object
      properties:
        a: {type: string, x-rust-type: {crate: uuid, version: '1', path: uuid::Uuid}}
        b: {type: string, x-rust-type: {crate: uuid, version: '2', path: uuid::Uuid}}";
    let error = rejected(&document(money), &Config::new("x"));
    assert_eq!(error.pointer, "/components/schemas/Money/properties/b/x-rust-type/version", "{error}");
    assert!(error.message.contains("as `2` here and as `1` at /components/schemas/Money/properties/a"), "{error}");
}

#[test]
fn a_union_that_would_copy_a_replaced_component_is_refused() {
    let text = "openapi: 3.0.3
info: {title: Replace, version: '1'}
paths: {}
components:
  schemas:
    Cat:
      type: object
      required: [kind]
      properties: {kind: {type: string}, lives: {type: integer}}
    Dog:
      type: object
      properties: {kind: {type: string, enum: [dog]}, bark: {type: boolean}}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator: {propertyName: kind}
";
    let error = rejected(text, &Config::new("x").with_replacement("Dog", "crate::Dog"));
    assert_eq!(error.pointer, "/components/schemas/Pet/oneOf/1", "{error}");
    assert!(error.message.contains("`Dog` is replaced by a Rust type"), "{error}");
    // Each member a component that declares the tag: the variants hold the replacement.
    let carried = text.replace(
        "properties: {kind: {type: string, enum: [dog]}",
        "required: [kind]\n      properties: {kind: {type: string}",
    );
    let files = generated(&carried, &Config::new("x").with_replacement("Dog", "crate::Dog"));
    let types = files.get("src/generated/types.rs").expect("types.rs");
    assert!(types.contains("Dog(crate::Dog)"), "{types}");
}
