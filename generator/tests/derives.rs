//! The configuration's derives (`Config::derives`): standard ones worked out per type and
//! left off, with the reason in the docs, where a field cannot have them; others on every
//! type; a list that cannot be written is an error naming the derive.

use generator::{generate, Config, ErrorKind, TimeFormat, UuidFormat};

const DOCUMENT: &str = "openapi: 3.0.3
info: {title: Derives, version: '1'}
paths: {}
components:
  schemas:
    Stamp:
      type: object
      additionalProperties: false
      required: [at]
      properties:
        at: {type: string, format: date-time}
        id: {type: string, format: uuid}
    Alias: {$ref: '#/components/schemas/Stamp'}
    Holder:
      type: object
      additionalProperties: false
      properties:
        stamp: {$ref: '#/components/schemas/Alias'}
    Shape:
      oneOf:
        - {type: string}
        - {type: number}
";

fn types(config: &Config) -> String {
    let files = generate(DOCUMENT.as_bytes(), config).unwrap_or_else(|e| panic!("{e}"));
    files.get("src/generated/types.rs").expect("types.rs").to_owned()
}

#[test]
fn typed_formats_and_aliases_are_looked_through() {
    let chrono = Config::new("d")
        .with_date_time(TimeFormat::Chrono)
        .with_uuid(UuidFormat::Uuid)
        .with_derive("Default")
        .with_derive("Copy");
    let text = types(&chrono);
    assert!(
        text.contains("#[derive(::std::marker::Copy, ::std::default::Default)]\n/// The `Stamp` schema."),
        "{text}"
    );
    assert!(text.contains(
        "pub type Alias = Stamp;\n#[derive(::std::marker::Copy, ::std::default::Default)]\n/// The `Holder`"
    ));
    // The holder reaches `Stamp` through the alias.
    assert!(
        text.contains("#[derive(::std::marker::Copy, ::std::default::Default)]\n/// The `Holder` schema."),
        "{text}"
    );
    let time = types(&chrono.clone().with_date_time(TimeFormat::Time));
    assert!(time.contains("/// Not `Default`: the field `at` holds a `time` value."), "{time}");
    assert!(time.contains("#[derive(::std::marker::Copy)]\n/// The `Stamp` schema."), "{time}");
    // An optional field is an `Option`, which is `Default` whatever it holds.
    assert!(
        time.contains("#[derive(::std::marker::Copy, ::std::default::Default)]\n/// The `Holder` schema."),
        "{time}"
    );
    assert!(time.contains("/// Not `Copy`: the variant `String` holds a `String`."), "{time}");
    assert!(time.contains("/// Not `Default`: an enum has no default variant."), "{time}");
}

#[test]
fn other_derives_go_on_every_type_and_known_ones_once() {
    let config = Config::new("d")
        .with_derive("schemars::JsonSchema")
        .with_derive("Debug")
        .with_derive("serde::Serialize")
        .with_derive("std::hash::Hash");
    let text = types(&config);
    assert_eq!(text.matches("::schemars::JsonSchema").count(), 3, "Stamp, Holder, Shape: {text}");
    assert!(text.contains("#[derive(::std::hash::Hash, ::schemars::JsonSchema)]"), "{text}");
    assert!(text.contains("/// Not `Hash`: the variant `Number` holds an `f64`."), "{text}");
    assert_eq!(text.matches("derive(Debug").count(), 3, "Debug is not derived twice: {text}");
}

#[test]
fn derives_that_cannot_be_written_are_errors_naming_them() {
    for (derive, fragment) in [
        ("Ord", "`Ord` needs `Eq` too"),
        ("not a path", "`not a path` is not a path"),
        ("JsonSchema", "`JsonSchema` names no crate"),
    ] {
        let config = Config::new("d").with_derive("PartialOrd").with_derive(derive);
        let error = generate(DOCUMENT.as_bytes(), &config).expect_err(derive);
        assert_eq!(error.kind, ErrorKind::Config, "{error}");
        assert!(error.message.starts_with("derives: ") && error.message.contains(fragment), "{error}");
    }
}
