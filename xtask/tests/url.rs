//! `regenerate --url` against servers on the loopback interface.

mod common;

use std::fs;
use std::path::Path;

use common::{snapshot, synthetic_root, Server};
use xtask::regenerate::{regenerate, Options, Report};
use xtask::Error;

fn regenerate_from(root: &Path, url: &str, check: bool) -> Result<Report, Error> {
    let options = Options {
        check,
        url: Some(url.to_owned()),
        target_dir: Some(common::repo_root().join("target")),
        ..Options::default()
    };
    regenerate(root, &options, &mut std::io::sink())
}

/// Runs `regenerate --url` (and `--check --url`) expecting a failure that leaves the tree as
/// it was; returns the message.
fn fails_untouched(root: &Path, url: &str) -> String {
    let before = snapshot(root);
    let message = match regenerate_from(root, url, false) {
        Err(error @ Error::Failed(_)) => {
            assert_eq!(error.exit_code(), 1);
            error.to_string()
        }
        other => panic!("expected a failure, got {other:?}"),
    };
    assert!(snapshot(root) == before, "a failed `regenerate --url` changed the tree");
    message
}

#[test]
fn unreachable_url_is_reported_and_nothing_is_written() {
    let root = synthetic_root();
    let url = common::unreachable_url();

    let message = fails_untouched(root.path(), &url);

    assert!(message.contains(&url), "{message}");
    assert!(message.starts_with("cannot download the document from "), "{message}");

    // Combined with --check it fails the same way.
    let before = snapshot(root.path());
    let error = regenerate_from(root.path(), &url, true).unwrap_err();
    assert!(error.to_string().contains(&url), "{error}");
    assert!(snapshot(root.path()) == before);
}

#[test]
fn error_status_is_reported_and_nothing_is_written() {
    let root = synthetic_root();
    let server = Server::start("500 Internal Server Error", b"upstream exploded".to_vec());

    let message = fails_untouched(root.path(), &server.url);

    assert_eq!(server.request_line(), "GET /openapi HTTP/1.1");
    assert!(message.contains(&server.url), "{message}");
    assert!(message.contains("500"), "{message}");
}

#[test]
fn a_body_that_is_not_a_document_is_reported_and_nothing_is_written() {
    let root = synthetic_root();
    let server = Server::start("200 OK", b"<!doctype html><html><body>Maintenance</body></html>\n".to_vec());

    let message = fails_untouched(root.path(), &server.url);

    server.request_line();
    assert!(message.contains(&server.url), "{message}");
    // The generator's error names the JSON pointer of what it rejects.
    assert!(message.contains("at (document root)") || message.contains(" at /"), "{message}");
    assert!(message.contains("no file was written"), "{message}");
}

#[test]
fn a_body_that_is_not_utf8_is_reported_and_nothing_is_written() {
    let root = synthetic_root();
    let server = Server::start("200 OK", vec![0xff, 0xfe, 0x00, 0x41]);

    let message = fails_untouched(root.path(), &server.url);

    server.request_line();
    assert!(message.contains("not UTF-8"), "{message}");
    assert!(message.contains(&server.url), "{message}");
}

#[test]
fn an_empty_body_is_reported_and_nothing_is_written() {
    let root = synthetic_root();
    let server = Server::start("200 OK", Vec::new());

    let message = fails_untouched(root.path(), &server.url);

    server.request_line();
    assert!(message.contains("empty body"), "{message}");
}

/// Needs a working generator and the committed `spec/` and `generated-client/`.
#[test]
fn downloaded_document_is_written_and_the_crate_regenerated() {
    let root = tempfile::tempdir().unwrap();
    common::copy_repo(root.path());
    let source = xtask::targets::client_source(root.path()).unwrap();
    let committed = fs::read_to_string(&source.spec_path).unwrap();
    let generated_dir = root.path().join("generated-client/src/generated");
    let served = common::change_description(&committed, &generated_dir);
    let before = snapshot(&generated_dir);
    let server = Server::start("200 OK", served.clone().into_bytes());

    let report =
        regenerate_from(root.path(), &server.url, false).unwrap_or_else(|e| panic!("regenerate --url failed: {e}"));

    assert_eq!(server.request_line(), "GET /openapi HTTP/1.1");
    assert_eq!(fs::read_to_string(&source.spec_path).unwrap(), served);
    assert_eq!(report.downloaded, Some((server.url.clone(), served.len())));
    let after = snapshot(&generated_dir);
    assert!(after != before, "the generated files did not change");
    assert!(
        after.values().flatten().any(|bytes| String::from_utf8_lossy(bytes).contains(common::MARKER)),
        "no generated file holds the changed description"
    );
    // The tree is now exactly what the downloaded (now committed) document generates.
    let check = Options { check: true, ..Options::default() };
    if let Err(error) = regenerate(root.path(), &check, &mut std::io::sink()) {
        panic!("--check after --url: {error}\n{error:?}");
    }
}

/// Needs the committed `generated-client/` and a cargo that can build it (its dependencies
/// come from the repository's target directory when already built there).
#[test]
fn a_document_the_hand_written_code_does_not_fit_is_refused_and_nothing_is_written() {
    let root = tempfile::tempdir().unwrap();
    common::copy_repo(root.path());
    let source = xtask::targets::client_source(root.path()).unwrap();
    let committed = fs::read_to_string(&source.spec_path).unwrap();
    // The merge operation goes away, and the session layer calls it.
    let served = common::without_merge(&committed);
    let server = Server::start("200 OK", served.into_bytes());

    let message = fails_untouched(root.path(), &server.url);

    server.request_line();
    assert!(message.contains("the downloaded document was not used; no file was written"), "{message}");
    assert!(message.contains("- src/session/visit.rs:"), "the misfit names the hand-written file:\n{message}");
    assert!(
        message.contains("  after operation `Client::merge_user_attributes` removed"),
        "the misfit names the change:\n{message}"
    );
    assert!(message.contains("**breaking**"), "the report follows:\n{message}");
}
