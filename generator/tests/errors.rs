//! What the generator rejects, and how it says so: every error has a kind, the JSON pointer
//! of the node at fault, and a message naming the problem. Nothing panics.

use std::panic::{catch_unwind, AssertUnwindSafe};

use generator::{generate, Config, Error, ErrorKind, Files};

fn config() -> Config {
    Config::new("errors-test")
}

/// Runs the generator, turning a panic into a test failure that names the input.
fn run(document: &str) -> Result<Files, Error> {
    catch_unwind(AssertUnwindSafe(|| generate(document.as_bytes(), &config())))
        .unwrap_or_else(|_| panic!("the generator panicked on:\n{document}"))
}

/// Asserts that `document` is rejected with `kind`, at `pointer`, with `fragment` in the message.
#[track_caller]
fn assert_rejected(document: &str, kind: ErrorKind, pointer: &str, fragment: &str) -> Error {
    let error = match run(document) {
        Ok(_) => panic!("expected an error {kind:?} at {pointer:?}, the document was accepted:\n{document}"),
        Err(error) => error,
    };
    assert_eq!(error.kind, kind, "kind of: {error}");
    assert_eq!(error.pointer, pointer, "pointer of: {error}");
    assert!(error.message.contains(fragment), "message of `{error}` should contain `{fragment}`");
    // Display names the pointer too.
    let shown = error.to_string();
    assert!(shown.contains(if pointer.is_empty() { "(document root)" } else { pointer }), "{shown}");
    error
}

/// A valid OpenAPI 3.0 document with the given `paths` and `components` (YAML, indented
/// by two spaces under their keys) and optional extra top-level YAML.
fn doc(paths: &str, components: &str) -> String {
    let mut text = String::from("openapi: 3.0.3\ninfo:\n  title: Errors\n  version: '1'\n");
    if paths.trim().is_empty() {
        text.push_str("paths: {}\n");
    } else {
        text.push_str("paths:\n");
        text.push_str(paths);
    }
    if !components.trim().is_empty() {
        text.push_str("components:\n");
        text.push_str(components);
    }
    text
}

/// `components:` holding one schema `A` with the given body (indented by six spaces).
fn schema_a(body: &str) -> String {
    doc("", &format!("  schemas:\n    A:\n{body}"))
}

/// `paths:` holding `GET /a` with the given extra keys (indented by six spaces) and a 200.
fn get_a(extra: &str) -> String {
    doc(&format!("  /a:\n    get:\n{extra}      responses:\n        '200':\n          description: ok\n"), "")
}

#[test]
fn the_minimal_document_is_accepted() {
    let files = run(&doc("", "")).expect("a document without paths generates");
    assert!(files.get("src/generated/types.rs").is_some());
    run(&get_a("")).expect("one operation generates");
    run(&schema_a("      type: object\n      properties:\n        b:\n          type: string\n")).expect("one schema");
}

// ---------------------------------------------------------------------------------------
// syntax, version and shape

#[test]
fn broken_yaml_is_a_syntax_error() {
    assert_rejected("openapi: 3.0.3\ninfo: [unclosed\n", ErrorKind::Syntax, "", "invalid YAML");
    assert_rejected("openapi: 3.0.3\n  info: bad indentation\n x: y\n", ErrorKind::Syntax, "", "invalid YAML");
}

#[test]
fn broken_json_is_a_syntax_error() {
    assert_rejected("{\"openapi\": \"3.0.3\", \"info\": ", ErrorKind::Syntax, "", "invalid JSON");
    assert_rejected("{\"openapi\": \"3.0.3\",}", ErrorKind::Syntax, "", "invalid JSON");
}

#[test]
fn bytes_that_are_not_utf8_are_a_syntax_error() {
    let error = catch_unwind(|| generate(b"openapi: \xff\xfe", &config())).expect("no panic").unwrap_err();
    assert_eq!(error.kind, ErrorKind::Syntax);
    assert_eq!(error.pointer, "");
    assert!(error.message.contains("UTF-8"), "{error}");
}

#[test]
fn a_document_that_is_not_an_object_is_invalid() {
    for text in ["- openapi\n- 3.0.3\n", "just a string\n", "[1, 2]", "42", ""] {
        assert_rejected(text, ErrorKind::Invalid, "", "not a JSON/YAML object");
    }
}

#[test]
fn swagger_2_is_unsupported() {
    let text = "swagger: '2.0'\ninfo:\n  title: Old\n  version: '1'\npaths: {}\n";
    assert_rejected(text, ErrorKind::Unsupported, "/swagger", "Swagger 2.0");
    assert_rejected(r#"{"swagger": "2.0", "info": {}}"#, ErrorKind::Unsupported, "/swagger", "convert to OpenAPI 3.0");
}

#[test]
fn openapi_3_1_is_unsupported_and_named() {
    let text = "openapi: 3.1.0\ninfo:\n  title: New\n  version: '1'\npaths: {}\n";
    let error = assert_rejected(text, ErrorKind::Unsupported, "/openapi", "3.1.0");
    assert!(error.message.contains("3.0.x"), "{error}");
    assert_rejected(
        "openapi: 2.5.0\ninfo: {title: t, version: v}\npaths: {}\n",
        ErrorKind::Unsupported,
        "/openapi",
        "2.5.0",
    );
}

#[test]
fn missing_openapi_field_is_invalid() {
    assert_rejected(
        "info:\n  title: t\n  version: v\npaths: {}\n",
        ErrorKind::Invalid,
        "/openapi",
        "missing `openapi`",
    );
}

#[test]
fn missing_info_is_a_shape_error() {
    assert_rejected("openapi: 3.0.3\npaths: {}\n", ErrorKind::Invalid, "", "missing field `info`");
    assert_rejected(
        "openapi: 3.0.3\ninfo:\n  title: t\npaths: {}\n",
        ErrorKind::Invalid,
        "/info",
        "missing field `version`",
    );
}

#[test]
fn shape_errors_name_the_nested_pointer() {
    let text = doc("  /a:\n    get:\n      responses: 7\n", "");
    assert_rejected(&text, ErrorKind::Invalid, "/paths/~1a/get/responses", "");
    let text = doc("", "  schemas:\n    A:\n      type: object\n      required: yes-please\n");
    // A schema is one flattened struct, so its own keywords are reported at the schema.
    assert_rejected(&text, ErrorKind::Invalid, "/components/schemas/A", "expected a sequence");
    let text = get_a("      parameters:\n        - name: q\n          in: query\n          required: maybe\n          schema:\n            type: string\n");
    assert_rejected(&text, ErrorKind::Invalid, "/paths/~1a/get/parameters/0", "");
}

// ---------------------------------------------------------------------------------------
// references

#[test]
fn dangling_schema_ref_points_at_the_referencing_node() {
    let text =
        schema_a("      type: object\n      properties:\n        b:\n          $ref: '#/components/schemas/Missing'\n");
    assert_rejected(&text, ErrorKind::Reference, "/components/schemas/A/properties/b", "#/components/schemas/Missing");
    let text = schema_a("      type: array\n      items:\n        $ref: '#/components/schemas/Nope'\n");
    assert_rejected(&text, ErrorKind::Reference, "/components/schemas/A/items", "points at nothing");
}

#[test]
fn schema_ref_of_the_wrong_kind_is_a_reference_error() {
    let text =
        schema_a("      type: object\n      properties:\n        b:\n          $ref: '#/components/parameters/B'\n");
    assert_rejected(&text, ErrorKind::Reference, "/components/schemas/A/properties/b", "#/components/schemas/");
}

#[test]
fn dangling_parameter_ref() {
    let text = get_a("      parameters:\n        - $ref: '#/components/parameters/Missing'\n");
    assert_rejected(&text, ErrorKind::Reference, "/paths/~1a/get/parameters/0", "points at nothing");
}

#[test]
fn dangling_response_ref() {
    let text = doc(
        "  /a:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/Missing'\n",
        "",
    );
    assert_rejected(&text, ErrorKind::Reference, "/paths/~1a/get/responses/200", "#/components/responses/Missing");
}

#[test]
fn dangling_request_body_ref() {
    let text = doc(
        "  /a:\n    post:\n      requestBody:\n        $ref: '#/components/requestBodies/Missing'\n      responses:\n        '204':\n          description: ok\n",
        "",
    );
    assert_rejected(&text, ErrorKind::Reference, "/paths/~1a/post/requestBody", "points at nothing");
}

#[test]
fn dangling_header_ref() {
    let text = doc(
        "  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          headers:\n            X-A:\n              $ref: '#/components/headers/Missing'\n",
        "",
    );
    assert_rejected(&text, ErrorKind::Reference, "/paths/~1a/get/responses/200/headers/X-A", "points at nothing");
}

#[test]
fn external_refs_are_rejected() {
    let text = schema_a("      type: object\n      properties:\n        b:\n          $ref: 'other.yaml#/X'\n");
    assert_rejected(&text, ErrorKind::Reference, "/components/schemas/A/properties/b", "other documents");
    let text = get_a("      parameters:\n        - $ref: 'common.yaml#/components/parameters/P'\n");
    assert_rejected(&text, ErrorKind::Reference, "/paths/~1a/get/parameters/0", "other documents");
}

#[test]
fn circular_alias_chain_is_a_reference_error() {
    let text = doc(
        "",
        "  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n",
    );
    assert_rejected(&text, ErrorKind::Reference, "/components/schemas/A", "circular");
    let text = doc("", "  schemas:\n    Self:\n      $ref: '#/components/schemas/Self'\n");
    assert_rejected(&text, ErrorKind::Reference, "/components/schemas/Self", "circular");
}

#[test]
fn refs_inside_a_component_are_unsupported() {
    let text = doc(
        "",
        "  schemas:\n    A:\n      type: object\n      properties:\n        b:\n          $ref: '#/components/schemas/B/properties/c'\n    B:\n      type: object\n      properties:\n        c:\n          type: string\n",
    );
    assert_rejected(&text, ErrorKind::Unsupported, "/components/schemas/A/properties/b", "inside a component");
}

// ---------------------------------------------------------------------------------------
// unsupported constructs

#[test]
fn all_of_is_unsupported() {
    let text = doc(
        "",
        "  schemas:\n    A:\n      allOf:\n        - $ref: '#/components/schemas/B'\n    B:\n      type: object\n      properties:\n        c:\n          type: string\n",
    );
    assert_rejected(&text, ErrorKind::Unsupported, "/components/schemas/A/allOf", "`allOf`");
}

#[test]
fn all_of_next_to_a_type_is_unsupported() {
    let text = schema_a("      type: object\n      allOf:\n        - type: object\n          properties:\n            c:\n              type: string\n");
    assert_rejected(&text, ErrorKind::Unsupported, "/components/schemas/A/allOf", "`allOf`");
}

#[test]
fn any_of_is_unsupported() {
    let text = schema_a("      anyOf:\n        - type: string\n        - type: integer\n");
    assert_rejected(&text, ErrorKind::Unsupported, "/components/schemas/A/anyOf", "`anyOf`");
}

#[test]
fn not_is_unsupported() {
    let text = schema_a("      not:\n        type: string\n");
    assert_rejected(&text, ErrorKind::Unsupported, "/components/schemas/A/not", "`not`");
}

#[test]
fn one_of_without_discriminator_is_unsupported() {
    let text = schema_a("      oneOf:\n        - type: string\n        - type: integer\n");
    assert_rejected(&text, ErrorKind::Unsupported, "/components/schemas/A/oneOf", "without a `discriminator`");
}

#[test]
fn one_of_with_discriminator_and_inline_member_is_unsupported() {
    let text = schema_a(
        "      oneOf:\n        - type: object\n          properties:\n            kind:\n              type: string\n      discriminator:\n        propertyName: kind\n",
    );
    assert_rejected(&text, ErrorKind::Unsupported, "/components/schemas/A/oneOf/0", "inline `oneOf` members");
}

#[test]
fn discriminator_mapping_to_a_non_member_is_a_reference_error() {
    let text = doc(
        "",
        "  schemas:\n    A:\n      oneOf:\n        - $ref: '#/components/schemas/B'\n      discriminator:\n        propertyName: kind\n        mapping:\n          b: '#/components/schemas/B'\n          c: '#/components/schemas/C'\n    B:\n      type: object\n      properties:\n        kind:\n          type: string\n    C:\n      type: object\n      properties:\n        kind:\n          type: string\n",
    );
    assert_rejected(&text, ErrorKind::Reference, "/components/schemas/A/discriminator/mapping", "not a member");
}

#[test]
fn integer_enum_is_unsupported() {
    let text = schema_a("      type: integer\n      enum: [1, 2, 3]\n");
    assert_rejected(&text, ErrorKind::Unsupported, "/components/schemas/A", "integer enums");
    let text = schema_a(
        "      type: object\n      properties:\n        level:\n          type: integer\n          enum: [1, 2]\n",
    );
    assert_rejected(&text, ErrorKind::Unsupported, "/components/schemas/A/properties/level", "integer enums");
}

#[test]
fn number_enum_is_unsupported() {
    let text = schema_a("      type: number\n      enum: [0.5, 1.5]\n");
    assert_rejected(&text, ErrorKind::Unsupported, "/components/schemas/A", "number enums");
}

#[test]
fn cookie_parameter_is_unsupported() {
    let text = get_a("      parameters:\n        - name: session\n          in: cookie\n          schema:\n            type: string\n");
    assert_rejected(&text, ErrorKind::Unsupported, "/paths/~1a/get/parameters/0", "cookie parameters");
}

#[test]
fn deep_object_query_style_is_unsupported() {
    let text = get_a(
        "      parameters:\n        - name: q\n          in: query\n          style: deepObject\n          schema:\n            type: object\n            properties:\n              a:\n                type: string\n",
    );
    assert_rejected(&text, ErrorKind::Unsupported, "/paths/~1a/get/parameters/0/style", "query styles");
}

#[test]
fn object_valued_query_parameter_is_unsupported() {
    let text = get_a(
        "      parameters:\n        - name: filter\n          in: query\n          schema:\n            type: object\n            properties:\n              a:\n                type: string\n",
    );
    assert_rejected(&text, ErrorKind::Unsupported, "/paths/~1a/get/parameters/0/schema", "object-valued parameters");
}

#[test]
fn query_parameter_referencing_an_object_or_array_schema_is_unsupported() {
    let components = "  schemas:\n    Filter:\n      type: object\n      properties:\n        a:\n          type: string\n    Tags:\n      type: array\n      items:\n        type: string\n    Id:\n      type: string\n";
    let param = |schema: &str| {
        doc(
            &format!("  /a:\n    get:\n      parameters:\n        - name: p\n          in: query\n          schema:\n            $ref: '#/components/schemas/{schema}'\n      responses:\n        '200':\n          description: ok\n"),
            components,
        )
    };
    for schema in ["Filter", "Tags"] {
        assert_rejected(&param(schema), ErrorKind::Unsupported, "/paths/~1a/get/parameters/0/schema", "object-valued");
    }
    // An alias of a scalar is fine.
    run(&param("Id")).expect("a string alias is a plain parameter");
}

#[test]
fn matrix_path_style_is_unsupported() {
    let text = doc(
        "  /a/{id}:\n    get:\n      parameters:\n        - name: id\n          in: path\n          required: true\n          style: matrix\n          schema:\n            type: string\n      responses:\n        '200':\n          description: ok\n",
        "",
    );
    assert_rejected(&text, ErrorKind::Unsupported, "/paths/~1a~1{id}/get/parameters/0/style", "path styles");
}

#[test]
fn multipart_body_is_unsupported() {
    let text = doc(
        "  /a:\n    post:\n      requestBody:\n        content:\n          multipart/form-data:\n            schema:\n              type: object\n      responses:\n        '204':\n          description: ok\n",
        "",
    );
    assert_rejected(&text, ErrorKind::Unsupported, "/paths/~1a/post/requestBody/content", "multipart/form-data");
}

#[test]
fn form_urlencoded_body_is_unsupported() {
    let text = doc(
        "  /a:\n    post:\n      requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema:\n              type: object\n      responses:\n        '204':\n          description: ok\n",
        "",
    );
    assert_rejected(&text, ErrorKind::Unsupported, "/paths/~1a/post/requestBody/content", "x-www-form-urlencoded");
}

#[test]
fn server_url_variables_are_unsupported() {
    let mut text = doc("", "");
    text.push_str("servers:\n  - url: https://api.example.com\n  - url: https://{region}.example.com\n    variables:\n      region:\n        default: eu\n");
    assert_rejected(&text, ErrorKind::Unsupported, "/servers/1", "server URL variables");
}

#[test]
fn relative_server_url_is_unsupported() {
    let mut text = doc("", "");
    text.push_str("servers:\n  - url: /v1\n");
    assert_rejected(&text, ErrorKind::Unsupported, "/servers/0/url", "relative server URL");
}

#[test]
fn success_responses_with_different_bodies_are_unsupported() {
    let text = doc(
        "  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: string\n        '201':\n          description: created\n          content:\n            application/json:\n              schema:\n                type: integer\n",
        "",
    );
    assert_rejected(&text, ErrorKind::Unsupported, "/paths/~1a/get/responses", "different bodies");
}

#[test]
fn path_item_refs_are_unsupported() {
    let text = doc("  /a:\n    $ref: '#/paths/~1b'\n", "");
    assert_rejected(&text, ErrorKind::Unsupported, "/paths/~1a", "`$ref` path items");
}

// ---------------------------------------------------------------------------------------
// paths and their parameters

#[test]
fn undeclared_path_parameter_is_invalid() {
    let text = doc("  /a/{id}:\n    get:\n      responses:\n        '200':\n          description: ok\n", "");
    assert_rejected(
        &text,
        ErrorKind::Invalid,
        "/paths/~1a~1{id}/get",
        "path parameter `id` of `/a/{id}` is not declared",
    );
}

#[test]
fn path_parameter_missing_from_the_template_is_invalid() {
    let text = get_a("      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n");
    assert_rejected(&text, ErrorKind::Invalid, "/paths/~1a/get", "path parameter `id` does not appear in `/a`");
}

#[test]
fn unclosed_brace_in_path_is_invalid() {
    let text = doc("  /a/{id:\n    get:\n      responses:\n        '200':\n          description: ok\n", "");
    assert_rejected(&text, ErrorKind::Invalid, "/paths/~1a~1{id/get", "unclosed");
}

#[test]
fn operation_without_responses_is_invalid() {
    let text = doc("  /a:\n    get:\n      responses: {}\n", "");
    assert_rejected(&text, ErrorKind::Invalid, "/paths/~1a/get/responses", "at least one response");
}

// ---------------------------------------------------------------------------------------
// configuration

#[test]
fn unknown_config_key_is_a_config_error() {
    let error = Config::from_toml("crate = \"x\"\nno-such-key = 1\n").unwrap_err();
    assert_eq!(error.kind, ErrorKind::Config);
    assert_eq!(error.pointer, "");
    assert!(error.message.contains("no-such-key"), "{error}");
    let error = Config::from_toml("version = \"1\"\n").unwrap_err();
    assert!(error.message.contains("crate"), "{error}");
}

// ---------------------------------------------------------------------------------------
// robustness

/// Every prefix of a real document is either generated or rejected; none panics.
#[test]
fn truncated_edge_documents_never_panic() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/personalize-edge.openapi.yaml");
    let document = std::fs::read(path).expect("read the Edge document");
    let mut outcomes = (0, 0);
    for end in (0..200).map(|i| i * document.len() / 200) {
        let prefix = &document[..end];
        match catch_unwind(|| generate(prefix, &config())) {
            Ok(Ok(_)) => outcomes.0 += 1,
            Ok(Err(error)) => {
                assert!(!error.message.is_empty(), "empty message at {end} bytes");
                outcomes.1 += 1;
            }
            Err(_) => panic!("the generator panicked on the first {end} bytes of the Edge document"),
        }
    }
    assert_eq!(outcomes.0 + outcomes.1, 200);
    // Early prefixes lack `info`/`paths`, so some must be rejected.
    assert!(outcomes.1 > 0, "{outcomes:?}");
}

/// Small byte-level damage (a byte dropped or flipped) at many places never panics either.
#[test]
fn damaged_edge_documents_never_panic() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/personalize-edge.openapi.yaml");
    let document = std::fs::read(path).expect("read the Edge document");
    let step = document.len().div_ceil(100);
    for at in (0..document.len()).step_by(step) {
        let mut dropped = document.clone();
        dropped.remove(at);
        let mut flipped = document.clone();
        flipped[at] = match flipped[at] {
            b' ' => b'\t',
            b':' => b' ',
            b'\n' => b'{',
            _ => b'-',
        };
        for damaged in [dropped, flipped] {
            if catch_unwind(|| generate(&damaged, &config())).is_err() {
                panic!("the generator panicked on the Edge document damaged at byte {at}");
            }
        }
    }
}
