//! `cargo xtask generate`: a crate for any document, into any directory.

mod common;

use std::fs;

use xtask::generate::{generate, Options};
use xtask::Error;

#[test]
fn a_document_the_generator_rejects_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("broken.yaml");
    fs::write(&spec, "openapi: [unclosed\n").unwrap();
    let out = dir.path().join("out");

    let error = generate(&Options {
        spec: Some(spec.clone()),
        out: out.clone(),
        name: Some("broken".to_owned()),
        config: None,
        check: false,
        runtime_crate: false,
        ..Default::default()
    })
    .unwrap_err();

    let message = error.to_string();
    assert!(message.contains("broken.yaml"), "{message}");
    assert!(message.contains(" at "), "the JSON pointer is shown: {message}");
    assert!(!out.exists());
}

#[test]
fn a_missing_document_or_config_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let error = generate(&Options {
        spec: Some(dir.path().join("nope.yaml")),
        out: out.clone(),
        name: Some("x".to_owned()),
        config: None,
        check: false,
        runtime_crate: false,
        ..Default::default()
    })
    .unwrap_err();
    assert!(matches!(&error, Error::Failed(m) if m.starts_with("cannot read ") && m.contains("nope.yaml")), "{error}");

    let error = generate(&Options {
        spec: None,
        out: out.clone(),
        name: None,
        config: Some(dir.path().join("codegen.toml")),
        check: false,
        runtime_crate: false,
        ..Default::default()
    })
    .unwrap_err();
    assert!(error.to_string().contains("codegen.toml"), "{error}");
    assert!(!out.exists());
}

#[test]
fn a_config_without_spec_needs_spec_option() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("codegen.toml");
    fs::write(&config, "crate = \"x\"\n").unwrap();
    let error = generate(&Options {
        spec: None,
        out: dir.path().join("out"),
        name: None,
        config: Some(config),
        check: false,
        runtime_crate: false,
        ..Default::default()
    })
    .unwrap_err();
    assert!(matches!(&error, Error::Usage(m) if m.contains("--spec")), "{error}");
}

/// Needs a working generator and the committed `generated-client/`.
#[test]
fn generating_with_the_client_config_gives_the_committed_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("client");
    let root = common::repo_root();

    let report = generate(&Options {
        spec: None,
        out: out.clone(),
        name: None,
        config: Some(root.join("generated-client/codegen.toml")),
        check: false,
        runtime_crate: false,
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{e}"));

    assert!(report.status.files > 0);
    assert_eq!(report.status.written(), report.status.files);
    for (path, contents) in common::snapshot(&out) {
        let Some(contents) = contents else { continue };
        let committed = fs::read(root.join("generated-client").join(&path))
            .unwrap_or_else(|e| panic!("generated-client/{path}: {e}"));
        assert!(committed == contents, "generated-client/{path} differs");
    }
    // A second run writes nothing, and `--check` finds it up to date.
    let options = Options {
        spec: None,
        out: out.clone(),
        name: None,
        config: Some(root.join("generated-client/codegen.toml")),
        check: false,
        runtime_crate: false,
        ..Default::default()
    };
    let again = generate(&options).unwrap();
    assert!(again.status.is_clean());
    let checked = generate(&Options { check: true, ..options.clone() }).unwrap();
    assert!(checked.to_string().contains(" files, up to date\n"), "{checked}");
    assert!(checked.to_string().contains("No change to the public API"), "{checked}");
    // A changed file fails `--check`, naming it, and is left as it is.
    let types = out.join("src/generated/types.rs");
    fs::write(&types, "// edited\n").unwrap();
    let error = generate(&Options { check: true, ..options }).unwrap_err();
    assert!(matches!(&error, Error::Failed(m) if m.contains("src/generated/types.rs differs")), "{error}");
    assert_eq!(fs::read_to_string(&types).unwrap(), "// edited\n");
}
