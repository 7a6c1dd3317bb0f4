//! Deep documents: chains of thousands of components (`S0 -> S1 -> ... -> S9999`) of every
//! kind finish, either generated or with an `Unsupported` error naming where the chain
//! starts, never a stack overflow (an abort); and by-value chains deeper than rustc
//! compiles are boxed into pieces it takes.

use generator::{generate, Config, ErrorKind, Files};

/// How component `i` of a chain of `n` refers to component `i + 1`.
#[derive(Clone, Copy, Debug)]
enum Link {
    /// A required property.
    Required,
    /// An optional property.
    Optional,
    /// An optional array property of the next.
    Array,
    /// `Si: $ref Si+1`.
    Alias,
    /// `oneOf: [string, $ref Si+1]`.
    OneOf,
    /// `anyOf: [integer, $ref Si+1]`.
    AnyOf,
}

fn chain(link: Link, n: usize) -> String {
    let leaf = r#"{"type":"object","properties":{"v":{"type":"integer"}}}"#.to_owned();
    let schemas: Vec<String> = (0..n)
        .map(|i| {
            let next = format!(r##"{{"$ref":"#/components/schemas/S{}"}}"##, i + 1);
            let body = if i + 1 == n {
                leaf.clone()
            } else {
                match link {
                    Link::Required => format!(
                        r#"{{"type":"object","required":["next"],"properties":{{"v":{{"type":"integer"}},"next":{next}}}}}"#
                    ),
                    Link::Optional => format!(r#"{{"type":"object","properties":{{"v":{{"type":"integer"}},"next":{next}}}}}"#),
                    Link::Array => format!(
                        r#"{{"type":"object","properties":{{"v":{{"type":"integer"}},"next":{{"type":"array","items":{next}}}}}}}"#
                    ),
                    Link::Alias => next,
                    Link::OneOf => format!(r#"{{"oneOf":[{{"type":"string"}},{next}]}}"#),
                    Link::AnyOf => format!(r#"{{"anyOf":[{{"type":"integer"}},{next}]}}"#),
                }
            };
            format!(r#""S{i}":{body}"#)
        })
        .collect();
    format!(
        r##"{{"openapi":"3.0.3","info":{{"title":"deep","version":"1"}},"paths":{{"/a":{{"get":{{"operationId":"getA","responses":{{"200":{{"description":"ok","content":{{"application/json":{{"schema":{{"$ref":"#/components/schemas/S0"}}}}}}}}}}}}}}}},"components":{{"schemas":{{{}}}}}}}"##,
        schemas.join(",")
    )
}

fn run(document: &str) -> Result<Files, generator::Error> {
    generate(document.as_bytes(), &Config::new("deep"))
}

fn types_of(files: &Files) -> &str {
    files.get("src/generated/types.rs").expect("types.rs")
}

#[test]
fn chains_of_ten_thousand_of_every_kind_end_in_an_error_naming_where_they_start() {
    let cases = [
        (Link::Required, "nest 153 optional, array, map or boxed members deep; rustc compiles at most 100"),
        (Link::Optional, "rustc compiles at most 100"),
        (Link::Array, "rustc compiles at most 100"),
        (Link::OneOf, "nest 153 optional, array, map or boxed members deep"),
        (Link::AnyOf, "nest 153 optional, array, map or boxed members deep"),
        (Link::Alias, "`$ref` chain is longer than 32 references"),
    ];
    // In threads of their own, with the default (small) stack of a spawned thread.
    std::thread::scope(|scope| {
        for (link, fragment) in cases {
            scope.spawn(move || {
                let error = run(&chain(link, 10_000)).expect_err("too deep for rustc");
                assert_eq!(error.kind, ErrorKind::Unsupported, "{link:?}: {error}");
                assert_eq!(error.pointer, "/components/schemas/S0", "{link:?}: {error}");
                assert!(error.message.contains(fragment), "{link:?}: {error}");
            });
        }
    });
}

#[test]
fn a_required_chain_is_boxed_every_65th_link_from_its_end() {
    // S299 holds nothing; S234's `next` would hold S235 .. S299 65 levels deep.
    let files = run(&chain(Link::Required, 300)).expect("boxed, not refused");
    let types = types_of(&files);
    assert_eq!(types.matches("pub next: Box<S").count(), 4, "{types}");
    for boxed in ["S235", "S170", "S105", "S40"] {
        assert!(types.contains(&format!("pub next: Box<{boxed}>,")), "{boxed} boxed");
    }
    assert!(types.contains("pub next: S236,"), "links within the bound stay by value");
}

#[test]
fn an_optional_link_counts_two_levels() {
    // Option<S> is laid out around S: the bound of 64 levels is reached every 32 links.
    let files = run(&chain(Link::Optional, 80)).expect("boxed, not refused");
    let types = types_of(&files);
    assert_eq!(types.matches("Box<S").count(), 2, "{types}");
    assert!(types.contains("Option<Box<S47>>"), "{types}");
    assert!(types.contains("Option<Box<S14>>"), "{types}");
}

#[test]
fn chains_within_the_bounds_are_generated_without_boxes() {
    for (link, n) in [(Link::Required, 64), (Link::Optional, 32), (Link::Array, 40), (Link::OneOf, 64)] {
        let files = run(&chain(link, n)).unwrap_or_else(|e| panic!("{link:?} {n}: {e}"));
        assert!(!types_of(&files).contains("Box<S"), "{link:?} {n}");
    }
}

#[test]
fn a_chain_through_more_than_100_optional_members_is_refused_at_its_start() {
    let error = run(&chain(Link::Array, 60)).expect_err("60 optional arrays are 120 generic types");
    assert_eq!((error.kind, error.pointer.as_str()), (ErrorKind::Unsupported, "/components/schemas/S0"));
    assert!(error.message.contains("nest 118 optional, array, map or boxed members deep"), "{error}");
    run(&chain(Link::Array, 50)).expect("50 optional arrays are 98 generic types");
}

#[test]
fn an_alias_chain_is_followed_32_references_deep() {
    let files = run(&chain(Link::Alias, 33)).expect("S0 .. S32: 32 references");
    assert!(types_of(&files).contains("pub type S0 = S1;"));
    let error = run(&chain(Link::Alias, 34)).expect_err("33 references");
    assert_eq!((error.kind, error.pointer.as_str()), (ErrorKind::Unsupported, "/components/schemas/S0"));
    assert!(error.message.contains("`$ref` chain is longer than 32 references"), "{error}");
}

/// A response schema nesting `levels` inline object schemas (each holds the next as its only
/// property `a`), written as JSON or as block YAML.
fn inline_nesting(levels: usize, yaml: bool) -> String {
    let mut schema = serde_json::json!({"type": "string"});
    for _ in 0..levels {
        schema = serde_json::json!({"type": "object", "properties": {"a": schema}});
    }
    let document = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "nested", "version": "1"},
        "paths": {"/x": {"get": {"operationId": "getX", "responses": {"200": {
            "description": "ok", "content": {"application/json": {"schema": schema}}}}}}},
    });
    if !yaml {
        return document.to_string();
    }
    fn block(value: &serde_json::Value, indent: usize, out: &mut String) {
        for (name, member) in value.as_object().expect("objects only") {
            out.push_str(&" ".repeat(indent));
            out.push_str(&serde_json::to_string(name).expect("a name"));
            if member.is_object() {
                out.push_str(":\n");
                block(member, indent + 1, out);
            } else {
                out.push_str(&format!(": {member}\n"));
            }
        }
    }
    let mut out = String::new();
    block(&document, 0, &mut out);
    out
}

#[test]
fn json_and_yaml_nest_equally_deep_on_a_test_threads_stack() {
    // The root and the 8 objects down to the response's schema, then 2 levels a schema (it and
    // its `properties`): 120 schemas nest 249 levels, within 256; 130 nest 269.
    for yaml in [false, true] {
        let files = run(&inline_nesting(120, yaml)).unwrap_or_else(|e| panic!("yaml {yaml}: {e}"));
        assert!(types_of(&files).contains("pub a: "), "yaml {yaml}");
        // Refused at the deepest object reached, the 257th: (256 - 8) / 2 schemas down.
        let e = run(&inline_nesting(130, yaml)).expect_err("too deep");
        assert_eq!(e.kind, ErrorKind::Syntax, "yaml {yaml}: {e}");
        assert!(e.message.contains("more than 256 arrays and objects deep"), "yaml {yaml}: {e}");
        assert!(e.pointer.starts_with("/paths/~1x/get/responses/200/content/application~1json/schema/properties/a/"));
        assert_eq!(e.pointer.matches("/properties/a").count(), 124, "yaml {yaml}: the deepest pointer reached");
    }
}
