//! Names the generated code gives itself: a document's parameter, client-level header or
//! response header of the same name gets the collision suffix instead of clashing.

use generator::{generate, Config};

/// One operation with a query parameter `call_timeout`, a header `max_response_bytes` (on
/// every operation, so a client setting), a response header `body_bytes`, and a security
/// scheme `call_timeout` (a client builder setter).
const DOCUMENT: &str = r#"
openapi: 3.0.3
info: {title: Reserved, version: '1'}
servers: [{url: 'https://reserved.example.com'}]
paths:
  /items:
    get:
      operationId: listItems
      parameters:
        - {name: call_timeout, in: query, description: A name the builder's setter has., schema: {type: string}}
        - {name: max_response_bytes, in: header, description: A name the client builder's setter has., schema: {type: string}}
      responses:
        '200':
          description: ok
          headers:
            body_bytes: {description: A name ResponseValue's accessor has., schema: {type: string}}
          content:
            application/json: {schema: {type: string}}
security: [{call_timeout: []}]
components:
  securitySchemes:
    call_timeout: {type: apiKey, in: header, name: X-Key}
"#;

/// An operation named like a method of `Client`.
const OPERATION: &str = r#"
openapi: 3.0.3
info: {title: Reserved, version: '1'}
servers: [{url: 'https://reserved.example.com'}]
paths:
  /limits:
    get:
      operationId: maxResponseBytes
      responses:
        '204': {description: done}
"#;

fn generated(document: &str, path: &str) -> String {
    let files = generate(document.as_bytes(), &Config::new("reserved")).expect("generates");
    files.get(path).unwrap_or_else(|| panic!("no {path}")).to_owned()
}

fn file(path: &str) -> String {
    generated(DOCUMENT, path)
}

#[test]
fn a_parameter_named_like_a_limit_setter_gets_a_suffix() {
    let builder = file("src/generated/builder.rs");
    // The parameters' setters are entries of the builder's `setters!` table.
    assert!(builder.contains("        call_timeout_2(value: "), "the parameter's setter: {builder}");
    assert!(builder.contains("        max_response_bytes_2(value: "), "the header's setter: {builder}");
    // The limits' own setters come from the runtime's macro, once per builder.
    assert_eq!(builder.matches("rt::limit_setters!();").count(), builder.matches("pub struct").count());
}

#[test]
fn a_header_named_like_a_client_limit_keeps_its_suffix_on_the_client() {
    let client = file("src/generated/client.rs");
    // On every operation, the header is a client setting, under the builder's name for it.
    assert_eq!(client.matches("pub fn max_response_bytes(mut self, limit: usize)").count(), 1, "{client}");
    assert!(client.contains("pub fn max_response_bytes_2("), "{client}");
}

#[test]
fn a_response_header_named_like_body_bytes_gets_a_suffix() {
    let client = file("src/generated/client.rs");
    assert!(client.contains("pub fn body_bytes_2(&self)"), "{client}");
}

#[test]
fn a_security_scheme_named_like_a_client_limit_gets_a_suffix() {
    let client = file("src/generated/client.rs");
    assert_eq!(client.matches("pub fn call_timeout(mut self, timeout: std::time::Duration)").count(), 1, "{client}");
    assert!(client.contains("pub fn call_timeout_2("), "{client}");
}

#[test]
fn an_operation_named_like_a_client_accessor_gets_a_suffix() {
    let client = generated(OPERATION, "src/generated/client.rs");
    assert!(client.contains("pub fn max_response_bytes(&self) -> usize"), "{client}");
    assert!(
        client.contains("        max_response_bytes_2() -> builder::MaxResponseBytes,"),
        "the operation's method: {client}"
    );
}

/// A security scheme named `default` (as a real document has it) and a parameter and an
/// operation named `clone`: trait methods of the client types that an inherent method of the
/// name would shadow (`ClientBuilder::default()` then needed two arguments).
const TRAIT_METHODS: &str = r#"
openapi: 3.0.3
info: {title: Reserved, version: '1'}
servers: [{url: 'https://reserved.example.com'}]
security: [{default: []}]
paths:
  /clone:
    post:
      operationId: clone
      parameters:
        - {name: clone, in: query, schema: {type: string}}
      responses:
        '204': {description: done}
components:
  securitySchemes:
    default: {type: apiKey, in: query, name: apikey}
"#;

#[test]
fn names_of_trait_methods_of_the_client_types_get_a_suffix() {
    let client = generated(TRAIT_METHODS, "src/generated/client.rs");
    assert!(client.contains("pub fn default_2("), "the scheme's setter: {client}");
    assert!(!client.contains("pub fn default("), "{client}");
    assert!(client.contains("        clone_2() -> builder::Clone"), "the operation's method: {client}");
    let builder = generated(TRAIT_METHODS, "src/generated/builder.rs");
    assert!(builder.contains("        clone_2(value: "), "the parameter's setter: {builder}");
}
