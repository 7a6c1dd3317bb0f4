//! Which operations end in one line (`call.answer(..)`, `call.answer_or_error(..)`) and which
//! in the `match` of their status arms: a declared error is never left out of either.

use generator::{generate, Config};

/// `errors`: the error statuses of one operation, all answered with `Problem` unless `other`
/// names one answered with `Other` instead.
fn send_of(errors: &[u16], other: Option<u16>) -> String {
    let cases: String = errors
        .iter()
        .map(|status| {
            let schema = if Some(*status) == other { "Other" } else { "Problem" };
            format!(
                "        '{status}':\n          description: refused\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/{schema}'}}\n"
            )
        })
        .collect();
    let document = format!(
        "openapi: 3.0.3
info: {{title: Answers, version: '1'}}
paths:
  /things:
    get:
      operationId: getThing
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{type: string}}
{cases}components:
  schemas:
    Problem: {{type: object, properties: {{message: {{type: string}}}}}}
    Other: {{type: object, properties: {{code: {{type: integer}}}}}}
"
    );
    let files = generate(document.as_bytes(), &Config::new("answers")).unwrap_or_else(|e| panic!("{e}\n{document}"));
    let builder = files.get("src/generated/builder.rs").expect("builder.rs");
    let start = builder.find("pub async fn send").expect("a send");
    builder[start..].to_owned()
}

#[test]
fn errors_of_one_type_whose_statuses_one_value_says_are_one_line() {
    assert!(send_of(&[], None).contains("call.answer(rt::Json(200)).await"));
    assert!(send_of(&[404], None).contains("call.answer_or_error(rt::Json(200), rt::Json(404)).await"));
    assert!(send_of(&[403, 404], None).contains("call.answer_or_error(rt::Json(200), rt::Json(403..=404)).await"));
    let send = send_of(&[400, 404], None);
    assert!(send.contains("call.answer_or_error(rt::Json(200), rt::Json([400, 404])).await"), "{send}");
}

#[test]
fn errors_one_value_cannot_say_go_to_the_match() {
    // 400 on its own and 403..=404 joined: no single `Statuses`.
    let send = send_of(&[400, 403, 404], None);
    assert!(!send.contains("call.answer"), "{send}");
    assert!(send.contains("400 | 403..=404 => response.error_json(),"), "{send}");
    // Errors of two types: a response enum, matched status by status.
    let send = send_of(&[401, 403, 404, 422], Some(422));
    assert!(!send.contains("call.answer"), "{send}");
    assert!(send.contains("E::UnprocessableContent422"), "{send}");
}
