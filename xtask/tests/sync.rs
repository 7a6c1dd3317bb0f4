//! Comparing targets with a tree and writing them, with hand-made targets (no generator).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use xtask::diff;
use xtask::sync::{self, FileChange, FileState};
use xtask::targets::Target;

fn target(dir: &Path, files: &[(&str, &str)], owned_dirs: &[&str]) -> Target {
    Target {
        name: "crate".to_owned(),
        dir: dir.to_owned(),
        label: "crate".to_owned(),
        files: files.iter().map(|(p, c)| ((*p).to_owned(), (*c).to_owned())).collect::<BTreeMap<_, _>>(),
        owned_dirs: owned_dirs.iter().map(|d| (*d).to_owned()).collect(),
    }
}

fn write(dir: &Path, path: &str, contents: &str) {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, contents).unwrap();
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn compare_finds_modified_missing_and_stale_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "Cargo.toml", "same\n");
    write(root, "src/generated/types.rs", "old\n");
    write(root, "src/generated/old.rs", "stale\n");
    write(root, "src/lib.rs", "hand-written, outside the owned directory\n");
    let target = target(
        root,
        &[("Cargo.toml", "same\n"), ("src/generated/types.rs", "new\n"), ("src/generated/client.rs", "missing\n")],
        &["src/generated"],
    );

    let status = sync::compare(&target).unwrap();

    assert_eq!(status.files, 3);
    assert_eq!(
        status.changes,
        vec![
            FileChange { path: "src/generated/client.rs".to_owned(), state: FileState::Missing },
            FileChange { path: "src/generated/old.rs".to_owned(), state: FileState::Stale },
            FileChange {
                path: "src/generated/types.rs".to_owned(),
                state: FileState::Modified { committed: b"old\n".to_vec() }
            },
        ]
    );
    assert_eq!((status.written(), status.removed()), (2, 1));
}

#[test]
fn apply_writes_only_what_changed_and_deletes_stale_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "Cargo.toml", "same\n");
    write(root, "src/generated/types.rs", "old\n");
    write(root, "src/generated/old.rs", "stale\n");
    write(root, "src/generated/gone/deeper/old.rs", "stale\n");
    write(root, "src/lib.rs", "hand-written\n");
    // An old modification time, so that a rewrite could not go unnoticed.
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    fs::File::options().write(true).open(root.join("Cargo.toml")).unwrap().set_modified(long_ago).unwrap();
    let target = target(
        root,
        &[
            ("Cargo.toml", "same\n"),
            ("src/generated/types.rs", "new\n"),
            ("src/generated/nested/client.rs", "missing\n"),
        ],
        &["src/generated"],
    );

    let status = sync::compare(&target).unwrap();
    sync::apply(&target, &status).unwrap();

    assert_eq!(mtime(&root.join("Cargo.toml")), long_ago);
    assert_eq!(fs::read_to_string(root.join("src/generated/types.rs")).unwrap(), "new\n");
    assert_eq!(fs::read_to_string(root.join("src/generated/nested/client.rs")).unwrap(), "missing\n");
    assert!(!root.join("src/generated/old.rs").exists());
    assert!(!root.join("src/generated/gone").exists(), "emptied directories are removed");
    assert!(root.join("src/generated").is_dir());
    assert_eq!(fs::read_to_string(root.join("src/lib.rs")).unwrap(), "hand-written\n");
    assert!(sync::compare(&target).unwrap().is_clean());
}

#[test]
fn a_wholly_owned_directory_has_no_hand_written_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "mod.rs", "same\n");
    write(root, "extra.rs", "stale\n");
    let target = target(root, &[("mod.rs", "same\n")], &[""]);

    let status = sync::compare(&target).unwrap();
    assert_eq!(status.changes, vec![FileChange { path: "extra.rs".to_owned(), state: FileState::Stale }]);
    sync::apply(&target, &status).unwrap();
    assert!(!root.join("extra.rs").exists());
    assert!(root.join("mod.rs").exists());
}

#[test]
fn a_missing_directory_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("new/crate");
    let target = target(&root, &[("src/generated/mod.rs", "x\n")], &["src/generated"]);
    let status = sync::compare(&target).unwrap();
    sync::apply(&target, &status).unwrap();
    assert_eq!(fs::read_to_string(root.join("src/generated/mod.rs")).unwrap(), "x\n");
}

#[test]
fn paths_that_leave_the_directory_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for path in ["../escape.rs", "/abs.rs", "src/./x.rs", "src//x.rs", ""] {
        let target = target(dir.path(), &[(path, "x")], &[]);
        let error = sync::compare(&target).unwrap_err();
        assert!(error.to_string().contains("not a plain relative path"), "{path}: {error}");
    }
    assert!(!dir.path().parent().unwrap().join("escape.rs").exists());
}

#[test]
fn report_shows_diffs_and_lists_missing_and_stale_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "src/generated/types.rs", "a\nb\nc\nd\ne\nf\ng\nh\n");
    write(root, "src/generated/old.rs", "stale\n");
    let target = target(
        root,
        &[("src/generated/types.rs", "a\nb\nc\nd\nE\nf\ng\nh\n"), ("src/generated/client.rs", "one\ntwo\n")],
        &["src/generated"],
    );
    let status = sync::compare(&target).unwrap();

    let report = diff::report(&[(&target, &status)]);

    let expected = "\
--- a/crate/src/generated/types.rs
+++ b/crate/src/generated/types.rs
@@ -2,7 +2,7 @@
 b
 c
 d
-e
+E
 f
 g
 h
missing (would be written):
  crate/src/generated/client.rs (2 lines)
stale (would be deleted):
  crate/src/generated/old.rs
";
    assert_eq!(report, expected);
}

#[test]
fn each_file_diff_is_capped() {
    let old: String = (0..300).map(|i| format!("line {i}\n")).collect();
    let new: String = (0..300).map(|i| format!("changed {i}\n")).collect();

    let text = diff::unified("big.rs", &old, &new);

    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), diff::MAX_LINES_PER_FILE + 1);
    // 2 header lines + 1 hunk header + 600 changed lines in all.
    assert_eq!(lines.last(), Some(&"... (523 more lines)"));
}

#[test]
fn only_the_first_files_get_a_diff() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<(String, String)> =
        (0..diff::MAX_DIFFED_FILES + 2).map(|i| (format!("f{i:02}.rs"), "new\n".to_owned())).collect();
    for (path, _) in &files {
        write(dir.path(), path, "old\n");
    }
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, c)| (p.as_str(), c.as_str())).collect();
    let target = target(dir.path(), &borrowed, &[]);
    let status = sync::compare(&target).unwrap();

    let report = diff::report(&[(&target, &status)]);

    assert_eq!(report.matches("+++ b/").count(), diff::MAX_DIFFED_FILES);
    assert!(report.contains("modified (diff not shown):\n  crate/f10.rs\n  crate/f11.rs\n"));
}
