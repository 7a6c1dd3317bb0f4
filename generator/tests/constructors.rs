//! How each struct is made: `new` with the required fields for what requests send,
//! `Default` for what only answers hold when every field has a default value (and for any
//! struct without required fields). The generated crates that use them compile in the
//! fixtures (`fixtures/tests/`).

use generator::{generate, Config};

const DOCUMENT: &str = "openapi: 3.0.3
info: {title: Constructors, version: '1'}
paths:
  /orders:
    post:
      operationId: createOrder
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Order'}
      responses:
        '200':
          description: the receipt
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Receipt'}
components:
  schemas:
    Order:
      type: object
      required: [item, address]
      properties:
        item: {type: string}
        address: {$ref: '#/components/schemas/Address'}
    Address:
      type: object
      required: [city]
      properties:
        city: {type: string}
    Receipt:
      type: object
      required: [number, lines, address, state, loop]
      properties:
        number: {type: integer}
        lines: {type: array, items: {$ref: '#/components/schemas/Line'}}
        address: {$ref: '#/components/schemas/Address'}
        state: {$ref: '#/components/schemas/State'}
        loop: {$ref: '#/components/schemas/Loop'}
    Line:
      type: object
      required: [total, extra]
      properties:
        total: {type: number}
        extra: {$ref: '#/components/schemas/Extra'}
    Extra:
      type: object
      required: [note]
      properties:
        note: {$ref: '#/components/schemas/Note'}
    Note: {type: string}
    State:
      type: string
      enum: [open, paid]
    Loop:
      type: object
      required: [next]
      properties:
        next: {$ref: '#/components/schemas/Loop'}
";

fn types() -> String {
    let files = generate(DOCUMENT.as_bytes(), &Config::new("constructors")).unwrap_or_else(|e| panic!("{e}"));
    files.get("src/generated/types.rs").expect("types.rs").to_owned()
}

/// The text of the struct `name`, its derives to the end of its impls.
fn item<'a>(types: &'a str, name: &str) -> &'a str {
    let start = types.find(&format!("pub struct {name} ")).unwrap_or_else(|| panic!("no {name}:\n{types}"));
    let derive = types[..start].rfind("#[derive").expect("derives before the struct");
    let end = types[start..].find("\n/// ").map_or(types.len(), |end| start + end);
    &types[derive..end]
}

/// Whether the struct's table (`object_impls!`) ends in `new`, which makes the constructor.
fn has_new(types: &str, name: &str) -> bool {
    item(types, name).contains(", new);")
}

fn derives_default(types: &str, name: &str) -> bool {
    let text = item(types, name);
    text[..text.find('\n').unwrap_or(text.len())].contains("Default")
}

#[test]
fn what_requests_send_is_made_with_new() {
    let types = types();
    for name in ["Order", "Address"] {
        assert!(has_new(&types, name) && !derives_default(&types, name), "{}", item(&types, name));
    }
    // `new`'s parameters: the entries that give a type, the required fields.
    let order = item(&types, "Order");
    assert!(order.contains("required item: String, required address: Address"), "{order}");
}

#[test]
fn what_only_answers_hold_is_made_with_default_when_every_field_has_one() {
    let types = types();
    // `Line` and `Extra` through a list and an alias of a string.
    for name in ["Line", "Extra"] {
        assert!(derives_default(&types, name) && !has_new(&types, name), "{}", item(&types, name));
    }
}

#[test]
fn an_answer_with_an_enum_a_sent_type_or_a_cycle_keeps_new() {
    let types = types();
    // `Receipt` holds a `State` (an enum has no value for "not set") and an `Address`, which
    // requests send; `Loop` would be its own default.
    for name in ["Receipt", "Loop"] {
        assert!(has_new(&types, name) && !derives_default(&types, name), "{}", item(&types, name));
    }
}
