//! Snapshots of the generated files: the Edge document with its real configuration, and
//! every fixture document of `fixtures/documents/` with `Config::new("fixture-<name>")` and
//! the options of `<name>.codegen.toml` beside it (as `cargo xtask regenerate` generates them).
//!
//! The runtime copies (`src/generated/runtime/*`, verbatim from `generator/templates/runtime/`) and
//! `src/lib.rs` (a filled-in template) are left out: they say nothing about the document.
//!
//! Update after an intended change with
//! `INSTA_UPDATE=always cargo test -p openapi-rust-generator --test snapshots` (or
//! `cargo insta review`), and review the diff of `tests/snapshots/`.

use std::path::{Path, PathBuf};

use generator::{generate, Config, Files};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn edge_input() -> (Vec<u8>, Config) {
    let root = root();
    let config_text = std::fs::read_to_string(root.join("generated-client/codegen.toml")).expect("read codegen.toml");
    let config = Config::from_toml(&config_text).unwrap_or_else(|e| panic!("{e}"));
    let document = std::fs::read(root.join("spec/personalize-edge.openapi.yaml")).expect("read the Edge document");
    (document, config)
}

fn fixture(name: &str) -> (Vec<u8>, Config) {
    let path = root().join("fixtures/documents").join(format!("{name}.yaml"));
    let document = std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    // As `cargo xtask regenerate` generates them: with the options beside the document,
    // sharing the fixture crate's runtime.
    let options = std::fs::read_to_string(path.with_extension("codegen.toml")).unwrap_or_default();
    let mut config = Config::from_toml(&format!("crate = \"fixture-{name}\"\n{options}")).expect("fixture options");
    config.shared_runtime = Some("crate::runtime".to_owned());
    (document, config)
}

/// Whether a generated file is snapshotted.
fn snapshotted(path: &str) -> bool {
    !path.starts_with("src/generated/runtime/") && path != "src/lib.rs"
}

fn generate_ok(name: &str, document: &[u8], config: &Config) -> Files {
    generate(document, config).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// One snapshot per generated file, named `<name>__<path with / as _>`.
fn assert_files(name: &str, document: &[u8], config: &Config) {
    let files = generate_ok(name, document, config);
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_description(format!("generated from {name}"));
    settings.bind(|| {
        let mut count = 0;
        for (path, contents) in files.iter().filter(|(path, _)| snapshotted(path)) {
            insta::assert_snapshot!(format!("{name}__{}", path.replace('/', "_")), contents);
            count += 1;
        }
        // Cargo.toml, public-api.toml, README.md (unless hand-written) and the four modules
        // of src/generated/ (and the examples test).
        let examples = usize::from(files.get("tests/examples.rs").is_some());
        let readme = usize::from(!config.hand_written_readme);
        assert_eq!(count, 6 + readme + examples, "{name}: unexpected set of generated files");
    });
}

#[test]
fn edge() {
    let (document, config) = edge_input();
    assert_files("edge", &document, &config);
}

/// The fixture documents, one snapshot test each; `fixture_list_is_complete` keeps the
/// list in step with `fixtures/documents/`.
const FIXTURES: &[&str] = &[
    "all_of",
    "any_json",
    "arrays",
    "bodies",
    "components_refs",
    "deep_chain",
    "derives",
    "discriminator_inheritance",
    "enum_kinds",
    "form_bodies",
    "formats",
    "js_key_order",
    "limits",
    "maps",
    "naming",
    "nullable",
    "object_rules",
    "objects",
    "one_of_discriminator",
    "openapi31",
    "parameter_styles",
    "parameters",
    "path_refs",
    "recursion",
    "recursive_unions",
    "relative_server",
    "replaced_types",
    "response_variants",
    "responses",
    "security",
    "server_variables",
    "shared_types",
    "string_enums",
    "tagged_order",
    "typed_formats_chrono",
    "typed_formats_time",
    "unions",
    "unknown_members",
];

macro_rules! fixture_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                let (document, config) = fixture(stringify!($name));
                assert_files(stringify!($name), &document, &config);
            }
        )*
    };
}

fixture_tests!(
    all_of,
    any_json,
    arrays,
    bodies,
    components_refs,
    deep_chain,
    derives,
    discriminator_inheritance,
    enum_kinds,
    form_bodies,
    formats,
    js_key_order,
    limits,
    maps,
    naming,
    nullable,
    object_rules,
    objects,
    one_of_discriminator,
    openapi31,
    parameter_styles,
    parameters,
    path_refs,
    recursion,
    recursive_unions,
    relative_server,
    replaced_types,
    response_variants,
    responses,
    security,
    server_variables,
    shared_types,
    string_enums,
    tagged_order,
    typed_formats_chrono,
    typed_formats_time,
    unions,
    unknown_members,
);

#[test]
fn fixture_list_is_complete() {
    let dir = root().join("fixtures/documents");
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .map(|path| path.file_stem().expect("file name").to_string_lossy().into_owned())
        .collect();
    found.sort();
    assert_eq!(found, FIXTURES, "add new fixture documents to FIXTURES and fixture_tests!");
}

#[test]
fn generation_is_deterministic() {
    let mut inputs = vec![("edge".to_owned(), edge_input())];
    inputs.extend(FIXTURES.iter().map(|name| ((*name).to_owned(), fixture(name))));
    for (name, (document, config)) in inputs {
        let first = generate_ok(&name, &document, &config);
        let second = generate_ok(&name, &document, &config);
        assert_eq!(first, second, "{name}: two runs differ");
        // The same document as JSON gives the same files (nothing depends on the syntax).
        let value: serde_json::Value =
            serde_saphyr::from_str(std::str::from_utf8(&document).expect("UTF-8")).expect("YAML parses");
        let json = serde_json::to_vec_pretty(&value).expect("serializes");
        let from_json = generate_ok(&name, &json, &config);
        assert_eq!(first, from_json, "{name}: JSON and YAML give different files");
    }
}
