//! Which types check their limits (`runtime::Validate`): the ones a request can send, each
//! through the types inside it; a type only answers hold has limits nobody checks, so it
//! gets no impl. A member whose checks are all its type's is one line.

use generator::{generate, Config};

const DOCUMENT: &str = "openapi: 3.0.3
info: {title: Checked, version: '1'}
paths:
  /orders:
    post:
      operationId: placeOrder
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
      required: [name, lines]
      properties:
        name: {type: string, maxLength: 5}
        lines: {type: array, items: {$ref: '#/components/schemas/Line'}}
        gift: {$ref: '#/components/schemas/Line'}
    Line:
      type: object
      required: [code]
      properties:
        code: {type: string, minLength: 1}
    Receipt:
      type: object
      required: [note, lines, summary]
      properties:
        note: {type: string, maxLength: 3}
        lines: {type: array, items: {$ref: '#/components/schemas/Line'}}
        summary: {$ref: '#/components/schemas/Summary'}
    Summary:
      type: object
      properties:
        title: {type: string, maxLength: 2}
";

fn types() -> String {
    let files = generate(DOCUMENT.as_bytes(), &Config::new("checked")).unwrap_or_else(|e| panic!("{e}"));
    files.get("src/generated/types.rs").expect("types.rs").to_owned()
}

#[test]
fn what_requests_send_checks_its_limits_and_what_only_answers_hold_does_not() {
    let types = types();
    for sent in ["Order", "Line"] {
        assert!(types.contains(&format!("impl rt::Validate for {sent} {{")), "{sent}:\n{types}");
    }
    for answered in ["Receipt", "Summary"] {
        assert!(!types.contains(&format!("impl rt::Validate for {answered} {{")), "{answered}:\n{types}");
    }
}

#[test]
fn a_member_checked_only_by_its_type_is_one_line_through_vec_and_option() {
    let types = types();
    for line in [
        "rt::Validate::validate(&self.lines, &rt::Path::Field(path, \"lines\"))?;",
        "rt::Validate::validate(&self.gift, &rt::Path::Field(path, \"gift\"))?;",
    ] {
        assert!(types.contains(line), "{line}:\n{types}");
    }
    assert!(!types.contains("for (index, item)"), "{types}");
}
