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
fn unknown_openapi_versions_are_unsupported_and_named() {
    for version in ["4.0.0", "3.2.0", "2.5.0", "2.0"] {
        let text = format!("openapi: {version}\ninfo: {{title: t, version: v}}\npaths: {{}}\n");
        let error = assert_rejected(&text, ErrorKind::Unsupported, "/openapi", version);
        assert!(error.message.contains("3.0.x and 3.1.x"), "{error}");
    }
    // 3.1 is read (`paths` may be left out there).
    run("openapi: 3.1.0\ninfo:\n  title: New\n  version: '1'\n").expect("OpenAPI 3.1 generates");
}

#[test]
fn openapi_3_1_errors_name_the_node_as_written() {
    // The `$defs` entry is hoisted to `components/schemas/B` to be lowered; the error (and the
    // pointer its message quotes) still name where it is written.
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents:\n  schemas:\n    A:\n      properties:\n        b:\n          $ref: '#/components/schemas/A/$defs/B'\n      $defs:\n        B:\n          allOf:\n            - type: string\n            - type: integer\n";
    let error = assert_rejected(text, ErrorKind::Invalid, "/components/schemas/A/$defs/B/allOf/1", "cannot both hold");
    assert!(error.message.contains("`/components/schemas/A/$defs/B`"), "{error}");
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
fn refs_inside_a_component_must_point_at_a_node() {
    // A reference into a component is followed (the schema gets a name of its own)...
    let schemas = "  schemas:\n    A:\n      type: object\n      properties:\n        b:\n          $ref: '#/components/schemas/B/properties/c'\n    B:\n      type: object\n      properties:\n        c:\n          type: string\n";
    run(&doc("", schemas)).expect("a reference into a component generates");
    // ...when it points at something.
    let text = doc("", &schemas.replace("properties/c'", "properties/d'"));
    assert_rejected(&text, ErrorKind::Reference, "/components/schemas/A/properties/b", "points at nothing");
    // ...at a schema.
    let text = doc("", &schemas.replace("properties/c'", "type'"));
    assert_rejected(&text, ErrorKind::Reference, "/components/schemas/A/properties/b", "does not point at a schema");
}

// ---------------------------------------------------------------------------------------
// unsupported constructs

#[test]
fn all_of_with_two_types_is_invalid() {
    let text = schema_a("      allOf:\n        - type: string\n        - type: integer\n");
    assert_rejected(&text, ErrorKind::Invalid, "/components/schemas/A/allOf/1", "`type: string` and `type: integer`");
}

#[test]
fn all_of_giving_a_property_two_types_is_invalid() {
    let text = doc(
        "",
        "  schemas:\n    A:\n      allOf:\n        - $ref: '#/components/schemas/B'\n        - type: object\n          properties:\n            c:\n              type: integer\n    B:\n      type: object\n      properties:\n        c:\n          type: string\n",
    );
    let error = assert_rejected(
        &text,
        ErrorKind::Invalid,
        "/components/schemas/A/allOf/1/properties/c",
        "property `c` two types",
    );
    // The message names where the first declaration is.
    assert!(error.message.contains("/components/schemas/B/properties/c"), "{error}");
}

#[test]
fn all_of_including_itself_is_a_reference_error() {
    let text = doc(
        "",
        "  schemas:\n    A:\n      allOf:\n        - $ref: '#/components/schemas/B'\n    B:\n      allOf:\n        - $ref: '#/components/schemas/A'\n        - type: object\n          properties:\n            c:\n              type: string\n",
    );
    assert_rejected(&text, ErrorKind::Reference, "/components/schemas/B/allOf/0", "within itself");
}

#[test]
fn two_unions_in_one_schema_are_unsupported() {
    let text = schema_a(
        "      allOf:\n        - oneOf:\n            - type: string\n            - type: integer\n        - anyOf:\n            - type: boolean\n            - type: number\n",
    );
    assert_rejected(&text, ErrorKind::Unsupported, "/components/schemas/A/allOf/1/anyOf", "second `oneOf`/`anyOf`");
}

#[test]
fn unknown_schema_type_is_invalid() {
    let text = schema_a("      type: object\n      properties:\n        f:\n          type: file\n");
    assert_rejected(&text, ErrorKind::Invalid, "/components/schemas/A/properties/f", "`type: file`");
}

#[test]
fn inline_one_of_member_without_a_tag_value_is_unsupported() {
    // The discriminator's value of an inline member comes from an `enum` on its property.
    let text = schema_a(
        "      oneOf:\n        - type: object\n          properties:\n            kind:\n              type: string\n      discriminator:\n        propertyName: kind\n",
    );
    assert_rejected(
        &text,
        ErrorKind::Unsupported,
        "/components/schemas/A/oneOf/0",
        "no value of the discriminator `kind`",
    );
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
fn parameters_of_every_location_style_and_shape_are_mapped() {
    // Cookies, deepObject, object values, aliases of arrays and objects, matrix and label.
    let components = "  schemas:\n    Filter:\n      type: object\n      properties:\n        a:\n          type: string\n    Tags:\n      type: array\n      items:\n        type: string\n";
    let text = doc(
        "  /a/{id}/{tag}:\n    get:\n      parameters:\n        - {name: id, in: path, required: true, style: matrix, schema: {type: string}}\n        - {name: tag, in: path, required: true, style: label, explode: true, schema: {$ref: '#/components/schemas/Tags'}}\n        - {name: session, in: cookie, schema: {type: string}}\n        - {name: q, in: query, style: deepObject, schema: {$ref: '#/components/schemas/Filter'}}\n        - {name: f, in: query, schema: {type: object, properties: {a: {type: string}}}}\n        - {name: t, in: query, schema: {$ref: '#/components/schemas/Tags'}}\n        - {name: p, in: query, style: pipeDelimited, schema: {type: array, items: {type: integer}}}\n      responses:\n        '200':\n          description: ok\n",
        components,
    );
    let files = run(&text).expect("parameters generate");
    let builder = files.get("src/generated/builder.rs").expect("builder.rs");
    for expected in ["call.cookie(", "Style::DeepObject", "Style::Matrix", "Style::Label", "Style::PipeDelimited"] {
        assert!(builder.contains(expected), "{expected} in {builder}");
    }
}

#[test]
fn invalid_cookie_and_header_parameter_names_are_invalid() {
    let text = get_a(
        "      parameters:\n        - name: 'a b'\n          in: cookie\n          schema:\n            type: string\n",
    );
    assert_rejected(&text, ErrorKind::Invalid, "/paths/~1a/get/parameters/0/name", "not a valid cookie name");
    let text = get_a(
        "      parameters:\n        - name: 'a:b'\n          in: header\n          schema:\n            type: string\n",
    );
    assert_rejected(&text, ErrorKind::Invalid, "/paths/~1a/get/parameters/0/name", "not a valid HTTP header name");
}

#[test]
fn form_and_multipart_bodies_are_mapped() {
    let text = doc(
        "  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {type: object, properties: {a: {type: string}}}\n          application/x-www-form-urlencoded:\n            schema: {type: object}\n          multipart/form-data:\n            schema: {type: object, properties: {file: {type: string, format: binary}}}\n      responses:\n        '204':\n          description: ok\n",
        "",
    );
    let files = run(&text).expect("bodies generate");
    let builder = files.get("src/generated/builder.rs").expect("builder.rs");
    for expected in ["pub fn body(", "pub fn body_form(", "pub fn body_multipart(", "pub struct PostAMultipart"] {
        assert!(builder.contains(expected), "{expected} in {builder}");
    }
}

#[test]
fn media_types_that_cannot_be_a_header_are_invalid() {
    let text = doc(
        "  /a:\n    post:\n      requestBody:\n        content:\n          \"application/x\\u0001\":\n            schema:\n              type: string\n      responses:\n        '204':\n          description: ok\n",
        "",
    );
    assert_rejected(
        &text,
        ErrorKind::Invalid,
        "/paths/~1a/post/requestBody/content/application~1x\u{1}",
        "not a media type",
    );
}

#[test]
fn security_requirements_naming_undeclared_schemes_are_skipped_and_said_so() {
    let schemes = "  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: X-Key\n";
    let mut text = doc(
        "  /a:\n    get:\n      security:\n        - key: []\n        - nope: []\n      responses:\n        '200':\n          description: ok\n  /b:\n    get:\n      responses:\n        '200':\n          description: ok\n",
        schemes,
    );
    text.push_str("security:\n  - other: []\n");
    let files = run(&text).expect("undeclared schemes are skipped");
    let module = files.get("src/generated/mod.rs").expect("mod.rs");
    for note in ["`/paths/~1a/get/security/1`: `nope` is not declared", "`/security/0`: `other` is not declared"] {
        assert!(module.contains(note), "{note} in {module}");
    }
}

#[test]
fn api_key_names_must_fit_their_location() {
    let bad = "  securitySchemes:\n    key:\n      type: apiKey\n      in: header\n      name: 'X Key'\n";
    let text = doc("  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n", bad);
    assert_rejected(
        &text,
        ErrorKind::Invalid,
        "/components/securitySchemes/key/name",
        "cannot be the name of a header",
    );
}

#[test]
fn servers_are_never_rejected() {
    // Variables take their defaults; a variable without an entry, a relative server beside
    // absolute ones and other schemes are left out and said so in the crate's docs.
    let mut text = doc("", "");
    text.push_str("servers:\n  - url: https://{region}.example.com\n    variables:\n      region:\n        default: eu\n  - url: https://{nope}.example.com\n  - url: /v1\n  - url: ws://example.com\n");
    let files = run(&text).expect("servers generate");
    let client = files.get("src/generated/client.rs").expect("client.rs");
    assert!(client.contains("\"https://eu.example.com\""), "{client}");
    let module = files.get("src/generated/mod.rs").expect("mod.rs");
    for skipped in
        ["`https://{nope}.example.com` (`/servers/1`)", "`/v1` (`/servers/2`)", "`ws://example.com` (`/servers/3`)"]
    {
        assert!(module.contains(skipped), "{skipped} in {module}");
    }
}

#[test]
fn responses_with_different_bodies_get_an_enum_per_operation() {
    let text = doc(
        "  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: string\n        '201':\n          description: created\n          content:\n            application/json:\n              schema:\n                type: integer\n        '404':\n          description: missing\n        '500':\n          description: fault\n          content:\n            text/plain:\n              schema:\n                type: string\n",
        "",
    );
    let files = run(&text).expect("different bodies generate");
    let builder = files.get("src/generated/builder.rs").expect("builder.rs");
    for expected in ["pub enum GetAResponse", "Ok200(String)", "Created201(i64)", "pub enum GetAError", "NotFound404,"]
    {
        assert!(builder.contains(expected), "{expected} in {builder}");
    }
}

#[test]
fn path_item_refs_must_resolve_in_the_document() {
    let text = doc("  /a:\n    $ref: '#/paths/~1b'\n", "");
    assert_rejected(&text, ErrorKind::Reference, "/paths/~1a", "points at nothing");
    let text = doc("  /a:\n    $ref: 'other.yaml#/paths/~1b'\n", "");
    assert_rejected(&text, ErrorKind::Reference, "/paths/~1a", "references to other documents are not supported");
    let text = doc("  /a:\n    $ref: '#/paths/~1b'\n  /b:\n    get:\n      responses:\n        '200':\n          description: ok\n", "");
    run(&text).expect("a path item reference is followed");
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
fn operation_without_responses_takes_any_2xx() {
    let text = doc("  /a:\n    get:\n      responses: {}\n", "");
    let files = run(&text).expect("an operation without responses generates");
    let client = files.get("src/generated/client.rs").expect("client.rs");
    assert!(client.contains("any 2xx status is a success"), "{client}");
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

/// `S0: allOf [S1, {own}]`, `S1: allOf [S2, {own}]`, ... `S{n-1}` an object, as JSON.
fn all_of_chain(n: usize) -> String {
    let schemas: Vec<String> = (0..n)
        .map(|i| {
            let own = format!(r#"{{"type":"object","properties":{{"p{i}":{{"type":"string"}}}}}}"#);
            let body = if i + 1 < n {
                format!(r##"{{"allOf":[{{"$ref":"#/components/schemas/S{}"}},{own}]}}"##, i + 1)
            } else {
                own
            };
            format!(r#""S{i}":{body}"#)
        })
        .collect();
    format!(
        r#"{{"openapi":"3.0.3","info":{{"title":"deep","version":"1"}},"paths":{{}},"components":{{"schemas":{{{}}}}}}}"#,
        schemas.join(",")
    )
}

#[test]
fn an_all_of_chain_of_thousands_is_an_error_naming_where_it_stops_not_a_stack_overflow() {
    // 3,000 components: without a bound this overflowed the stack (an abort) from about
    // 10,000, and took time quadratic in the length.
    assert_rejected(
        &all_of_chain(3000),
        ErrorKind::Unsupported,
        "/components/schemas/S63/allOf/0",
        "`allOf` of `S0` includes components more than 64 deep",
    );
}

#[test]
fn an_all_of_chain_within_the_bound_is_merged() {
    let files = run(&all_of_chain(64)).expect("64 components deep is accepted");
    let types =
        files.iter().find(|(path, _)| path.ends_with("types.rs")).map(|(_, text)| text.to_owned()).expect("types");
    assert!(types.contains("pub p0:") && types.contains("pub p63:"), "S0 has every member of the chain");
}

/// `paths:` holding one `GET` at `key` with the given parameters (YAML flow mappings).
fn get_at(key: &str, parameters: &[&str]) -> String {
    let parameters: String = parameters.iter().map(|p| format!("\n        - {p}")).collect();
    let parameters = if parameters.is_empty() { " []".to_owned() } else { parameters };
    doc(&format!("  '{key}':\n    get:\n      parameters:{parameters}\n      responses:\n        '204':\n          description: ok\n"), "")
}

#[test]
fn a_query_string_in_a_path_key_is_read_as_the_query_parameters_it_names() {
    // Declared `in: path` (as some documents do) or `in: query`: sent as `city=...&lat=...`.
    let document = get_at(
        "/current?city={city}&lat={lat}",
        &[
            "{name: city, in: path, required: true, schema: {type: string}}",
            "{name: lat, in: query, schema: {type: number}}",
        ],
    );
    let files = run(&document).expect("generates");
    let builder = files.get("src/generated/builder.rs").expect("builder.rs");
    assert!(builder.contains(r#"call.query("city", self.city.as_ref());"#), "{builder}");
    assert!(builder.contains(r#"call.query("lat", self.lat.as_ref());"#), "{builder}");
    // The template keeps the path key as written (hooks see it); the runtime writes the URL's
    // path from it up to the `?` (runtime/tests/call.rs), and no parameter is a segment.
    assert!(builder.contains(r#""/current?city={city}&lat={lat}""#) && !builder.contains("segment("), "{builder}");
    // A fragment is never sent: `/cookies#form` is `/cookies` (the runtime stops at `#`).
    let files = run(&get_at("/cookies#form", &[])).expect("generates");
    assert!(files.get("src/generated/builder.rs").expect("builder.rs").contains(r#""/cookies#form""#));
}

#[test]
fn a_query_string_that_names_no_parameter_is_invalid_and_named() {
    let e = assert_rejected(
        &get_at("/uploads?convert={convert}", &[]),
        ErrorKind::Invalid,
        "/paths/~1uploads?convert={convert}",
        "holds a query string",
    );
    assert!(
        e.message.contains("names `{convert}`, which the operation does not declare")
            && e.message.contains("`in: query`"),
        "{e}"
    );
    let e = assert_rejected(
        &get_at("/search?{kind}=1", &["{name: kind, in: path, required: true, schema: {type: string}}"]),
        ErrorKind::Invalid,
        "/paths/~1search?{kind}=1",
        "not `name={parameter}`",
    );
    assert!(e.message.contains("gives `{kind}=1`"), "{e}");
}

#[test]
fn a_duplicate_name_in_json_is_a_syntax_error_at_its_object() {
    let document = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"204": {"description": "ok"}}}},
                  "/a": {"put": {"responses": {"204": {"description": "ok"}}}}}}"#;
    assert_rejected(document, ErrorKind::Syntax, "/paths", "the name `/a` is given twice");
}
