//! The paths of generated code as a person writes them (`render/short_paths.rs`), and spelled
//! out in full where an item of the file takes the short name.

use generator::{generate, Config};

const DOCUMENT: &str = "openapi: 3.0.3
info: {title: Paths, version: '1'}
paths:
  /strings/{id}:
    get:
      operationId: string
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: q, in: query, schema: {type: string}}
      responses:
        '200':
          description: the value
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Option'}
components:
  schemas:
    Option:
      type: object
      properties:
        name: {type: string}
";

fn file(path: &str) -> String {
    let files = generate(DOCUMENT.as_bytes(), &Config::new("paths")).unwrap_or_else(|e| panic!("{e}"));
    files.get(path).unwrap_or_else(|| panic!("no {path}")).to_owned()
}

#[test]
fn prelude_names_and_sibling_modules_are_short_where_nothing_takes_them() {
    let client = file("src/generated/client.rs");
    assert!(client.contains("use super::runtime as rt;"), "{client}");
    assert!(client.contains("string(id: impl Into<String>) -> builder::String { q },"), "{client}");
    assert!(!client.contains("super::builder::"), "{client}");
    // `Option` is a schema, but `client.rs` has no item of that name.
    assert!(client.contains("Option<") && !client.contains("::std::option::Option"), "{client}");
}

#[test]
fn a_name_an_item_of_the_file_takes_keeps_its_full_path() {
    // The builder of `string` is `String`: its setters spell the prelude's `String` out.
    let builder = file("src/generated/builder.rs");
    assert!(builder.contains("pub struct String<'a>"), "{builder}");
    assert!(builder.contains("impl Into<::std::string::String>"), "{builder}");
    assert!(!builder.contains("impl Into<String>"), "{builder}");
    // The schema `Option` is a struct of `types.rs`: its optional fields keep the std path.
    let types = file("src/generated/types.rs");
    assert!(types.contains("pub struct Option {"), "{types}");
    assert!(types.contains("pub name: ::std::option::Option<String>"), "{types}");
}
