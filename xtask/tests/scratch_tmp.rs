mod common;
#[test]
fn show() {
    let root = tempfile::tempdir().unwrap();
    common::copy_repo(root.path());
    let src = xtask::targets::client_source(root.path()).unwrap();
    let doc = std::fs::read_to_string(&src.spec_path).unwrap();
    let changed = common::change_description(&doc, &root.path().join("generated-client/src/generated"));
    std::fs::write(&src.spec_path, changed).unwrap();
    std::fs::write(root.path().join("generated-client/src/generated/stale.rs"), "x").unwrap();
    std::fs::create_dir_all(root.path().join("fixtures/documents")).unwrap();
    std::fs::write(root.path().join("fixtures/documents/tiny-api.yaml"), common::MINIMAL_DOCUMENT).unwrap();
    let cmd = xtask::Command::Regenerate(xtask::regenerate::Options { check: true, url: None });
    let mut out = Vec::new();
    match xtask::run(root.path(), &cmd, &mut out) {
        Err(xtask::Error::OutOfDate { details, .. }) => eprintln!("{details}"),
        other => eprintln!("{other:?}"),
    }
    let e = xtask::run(root.path(), &cmd, &mut out).unwrap_err();
    eprintln!("error: {e}");
    let cmd = xtask::Command::Regenerate(xtask::regenerate::Options { check: false, url: None });
    xtask::run(root.path(), &cmd, &mut out).unwrap();
    xtask::run(root.path(), &cmd, &mut out).unwrap();
    eprintln!("{}", String::from_utf8_lossy(&out));
    for f in common::snapshot(&root.path().join("fixtures")).keys() { eprintln!("{f}"); }
}
