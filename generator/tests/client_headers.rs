//! `client-headers`: header parameters the client builder holds even where an operation does
//! not declare them, and the configuration errors when the list cannot be followed.

use generator::{generate, Config, ErrorKind};

/// `x-tenant` on `listPets` only (with `limit`), and `getPet`'s own `x-tenant` when `other`
/// gives one.
fn document(other: &str) -> String {
    format!(
        "openapi: 3.0.3
info: {{title: Pets, version: '1'}}
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {{name: x-tenant, in: header, required: true, schema: {{type: string, maxLength: 8}}}}
      responses:
        '204': {{description: None.}}
  /pets/{{id}}:
    get:
      operationId: getPet
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: string}}}}
{other}      responses:
        '204': {{description: None.}}
"
    )
}

fn client_of(document: &str, config: &Config) -> Result<String, generator::Error> {
    let files = generate(document.as_bytes(), config)?;
    Ok(files.get("src/generated/client.rs").expect("client.rs").to_owned())
}

#[test]
fn a_named_header_stays_on_the_client_where_an_operation_lacks_it() {
    let doc = document("");
    let without = client_of(&doc, &Config::new("pets")).unwrap();
    assert!(!without.contains("pub fn x_tenant("), "only one operation declares it:\n{without}");
    let with = client_of(&doc, &Config::new("pets").with_client_header("X-Tenant")).unwrap();
    assert!(with.contains("pub fn x_tenant("), "named, the builder holds it:\n{with}");
}

#[test]
fn a_named_header_no_operation_declares_is_an_error() {
    let error = client_of(&document(""), &Config::new("pets").with_client_header("x-region")).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Config);
    assert!(error.message.contains("no operation declares a string header parameter `x-region`"), "{error}");
}

#[test]
fn a_named_header_declared_with_other_limits_is_an_error() {
    let other = "        - {name: x-tenant, in: header, schema: {type: string, maxLength: 99}}\n";
    let error = client_of(&document(other), &Config::new("pets").with_client_header("x-tenant")).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Config);
    assert!(error.message.contains("`x-tenant` is declared by `getPet` with another type, name or limits"), "{error}");
}

#[test]
fn a_named_header_whose_setter_name_is_taken_is_an_error() {
    let config = Config::new("pets").with_client_header("x-tenant").with_parameter_name("x-tenant", "base_url");
    let error = client_of(&document(""), &config).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Config);
    assert!(error.message.contains("would be the client builder's `base_url`"), "{error}");
}
