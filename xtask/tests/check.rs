//! `regenerate --check` on the committed tree and on a tree whose document changed.
//! Both need a working generator.

mod common;

use std::fs;

use xtask::regenerate::{regenerate, Options};
use xtask::Error;

fn check() -> Options {
    Options { check: true, ..Options::default() }
}

#[test]
fn check_passes_on_the_committed_tree() {
    // Reads only: the real repository is not written.
    match regenerate(&common::repo_root(), &check(), &mut std::io::sink()) {
        Ok(report) => assert!(report.to_string().starts_with("up to date")),
        Err(Error::OutOfDate { summary, details }) => {
            panic!("{summary}\n{details}\nrun `cargo xtask regenerate`")
        }
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn check_fails_with_a_diff_after_a_change_to_the_document() {
    let root = tempfile::tempdir().unwrap();
    common::copy_repo(root.path());
    let source = xtask::targets::client_source(root.path()).unwrap();
    let document = fs::read_to_string(&source.spec_path).unwrap();
    let changed = common::change_description(&document, &root.path().join("generated-client/src/generated"));
    fs::write(&source.spec_path, changed).unwrap();
    let before = common::snapshot(root.path());

    let error = regenerate(root.path(), &check(), &mut std::io::sink()).unwrap_err();

    let Error::OutOfDate { summary, details } = &error else {
        panic!("expected out of date, got {error}");
    };
    assert!(summary.contains("generated-client"), "{summary}");
    assert!(error.to_string().contains("cargo xtask regenerate"), "{error}");
    assert_eq!(error.exit_code(), 1);
    assert!(details.contains("--- a/generated-client/"), "{details}");
    let added = details
        .lines()
        .filter(|line| line.starts_with('+') && !line.starts_with("+++"))
        .any(|line| line.contains(common::MARKER));
    assert!(added, "the diff does not show the changed description:\n{details}");
    assert!(common::snapshot(root.path()) == before, "--check wrote files");

    // Regenerating makes the check pass.
    regenerate(root.path(), &Options::default(), &mut std::io::sink()).unwrap();
    regenerate(root.path(), &check(), &mut std::io::sink()).unwrap();
}

#[test]
fn check_reports_what_changes_for_users() {
    let root = tempfile::tempdir().unwrap();
    common::copy_repo(root.path());
    let source = xtask::targets::client_source(root.path()).unwrap();
    let document = fs::read_to_string(&source.spec_path).unwrap();
    // An operation removed, a field added to a response.
    let changed = common::without_merge(&document).replacen(
        "      properties:\n        error:\n",
        "      properties:\n        requestId:\n          type: string\n        error:\n",
        1,
    );
    assert_ne!(changed, document);
    fs::write(&source.spec_path, changed).unwrap();
    let report_file = root.path().join("changes.md");

    let options = Options { report: Some(report_file.clone()), ..check() };
    let Err(Error::OutOfDate { details, .. }) = regenerate(root.path(), &options, &mut std::io::sink()) else {
        panic!("expected out of date");
    };

    let report = fs::read_to_string(&report_file).unwrap();
    assert!(details.starts_with(&report), "the diff comes after the report:\n{details}");
    assert!(report.contains("**breaking**: release 0.2.0 (from 0.1.0)."), "{report}");
    assert!(report.contains("- operation `Client::merge_user_attributes` removed"), "{report}");
    assert!(report.contains("- field `ErrorBody::request_id` added"), "{report}");

    // Written, the tree has the new public API: the next report says nothing changed.
    let written = regenerate(root.path(), &Options::default(), &mut std::io::sink()).unwrap();
    assert!(written.to_string().contains(&report), "{written}");
    let again = regenerate(root.path(), &check(), &mut std::io::sink()).unwrap();
    assert!(again.to_string().contains("No change to the public API"), "{again}");
}
