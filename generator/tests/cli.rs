//! The installable binary, `openapi-rust-generator`, run as a user runs it: a crate written
//! from a document, `--check` against it, and the errors (exit 2 with the usage for a wrong
//! command line, exit 1 naming the pointer for a document it cannot map).

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const DOCUMENT: &str = "\
openapi: 3.0.3
info: {title: Tiny, version: '1'}
servers: [{url: 'https://tiny.example.com'}]
paths:
  /items:
    get:
      operationId: listItems
      responses:
        '200':
          description: The items.
          content:
            application/json:
              schema: {type: array, items: {type: string}}
";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_openapi-rust-generator"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn it_writes_a_crate_then_checks_it() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    fs::write(dir.join("tiny.yaml"), DOCUMENT).unwrap();
    let args = ["--spec", "tiny.yaml", "--out", "tiny", "--name", "tiny-client"];
    let written = run(dir, &args);
    assert!(written.status.success(), "{}", text(&written.stderr));
    assert!(text(&written.stdout).contains("tiny: "), "{}", text(&written.stdout));
    let types = fs::read_to_string(dir.join("tiny/src/generated/builder.rs")).unwrap();
    // The `@generated` line names the command that writes the files again.
    let first = types.lines().next().unwrap();
    assert!(first.contains("run `openapi-rust-generator --spec tiny.yaml --out tiny --name tiny-client`"), "{first}");
    assert!(fs::read_to_string(dir.join("tiny/Cargo.toml")).unwrap().contains("name = \"tiny-client\""));

    let checked = run(dir, &[&args[..], &["--check"]].concat());
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    assert!(text(&checked.stdout).contains("files, up to date\n"), "{}", text(&checked.stdout));

    fs::write(dir.join("tiny/src/generated/types.rs"), "edited").unwrap();
    let stale = run(dir, &[&args[..], &["--check"]].concat());
    assert_eq!(stale.status.code(), Some(1));
    assert!(text(&stale.stderr).contains("tiny/src/generated/types.rs differs"), "{}", text(&stale.stderr));
    assert_eq!(
        fs::read_to_string(dir.join("tiny/src/generated/types.rs")).unwrap(),
        "edited",
        "--check writes nothing"
    );
}

#[test]
fn errors_say_what_and_where() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let usage = run(dir, &["--spec", "x.yaml"]);
    assert_eq!(usage.status.code(), Some(2));
    assert!(text(&usage.stderr).contains("needs `--out DIR`") && text(&usage.stderr).contains("Usage:"));

    fs::write(dir.join("bad.yaml"), DOCUMENT.replace("type: array", "type: arrays")).unwrap();
    let rejected = run(dir, &["--spec", "bad.yaml", "--out", "bad", "--name", "bad"]);
    assert_eq!(rejected.status.code(), Some(1));
    let message = text(&rejected.stderr);
    assert!(message.contains("bad.yaml") && message.contains("/paths/~1items/get/responses/200"), "{message}");
    assert!(!dir.join("bad").exists(), "nothing is written for a rejected document");

    let help = run(dir, &["--help"]);
    assert!(help.status.success() && text(&help.stdout).contains("--check"));
}

#[test]
fn type_options_on_the_command_line_go_over_the_config_file() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let document = DOCUMENT.replace(
        "schema: {type: array, items: {type: string}}",
        "schema: {$ref: '#/components/schemas/Item'}\ncomponents:\n  schemas:\n    Item:\n      type: object\n      properties:\n        id: {type: string, format: uuid}\n        at: {type: string, format: date-time}\n        price: {$ref: '#/components/schemas/Money'}\n    Money: {type: string}",
    );
    fs::write(dir.join("tiny.yaml"), document).unwrap();
    fs::write(dir.join("codegen.toml"), "crate = \"tiny\"\nspec = \"tiny.yaml\"\n[formats]\ndate-time = \"time\"\n")
        .unwrap();
    let args = [
        "--config",
        "codegen.toml",
        "--out",
        "tiny",
        "--replace",
        "Money=rust_decimal::Decimal",
        "--derive=Hash",
        "--date-time",
        "chrono",
        "--uuid",
        "uuid",
    ];
    let written = run(dir, &args);
    assert!(written.status.success(), "{}", text(&written.stderr));
    let types = fs::read_to_string(dir.join("tiny/src/generated/types.rs")).unwrap();
    assert!(types.contains("pub price: Option<rust_decimal::Decimal>"), "{types}");
    assert!(types.contains("rt::chrono::DateTime"), "the command line wins: {types}");
    assert!(types.contains("rt::uuid::Uuid") && types.contains("#[derive(::std::hash::Hash)]"), "{types}");
    let first = types.lines().next().unwrap();
    let again =
        "--config codegen.toml --replace Money=rust_decimal::Decimal --derive Hash --date-time chrono --uuid uuid";
    assert!(first.contains(again), "{first}");

    for (wrong, fragment) in [
        (&["--replace", "Money"][..], "takes SCHEMA=PATH"),
        (&["--date-time", "jiff"][..], "`jiff` is none of `string`, `chrono`, `time`"),
        (&["--uuid", "uuid", "--uuid", "string"][..], "`--uuid` given twice"),
    ] {
        let usage = run(dir, &[&["--config", "codegen.toml", "--out", "x"][..], wrong].concat());
        assert_eq!(usage.status.code(), Some(2), "{wrong:?}");
        assert!(text(&usage.stderr).contains(fragment), "{}", text(&usage.stderr));
    }
}

#[test]
fn a_new_document_is_reported_against_the_crate_it_replaces() {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    fs::write(dir.join("api.yaml"), DOCUMENT).unwrap();
    let args = ["--spec", "api.yaml", "--out", "tiny", "--name", "tiny-client"];
    let first = run(dir, &args);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(dir.join("tiny/public-api.toml").is_file());
    // A new operation, and the old one's answer changed.
    let changed = DOCUMENT.replace("items: {type: string}", "items: {type: integer}")
        + "  /health:\n    get:\n      operationId: health\n      responses:\n        '204': {description: Up.}\n";
    fs::write(dir.join("api.yaml"), changed).unwrap();

    let check = run(dir, &[&args[..], &["--check", "--report", "changes.md"]].concat());
    assert_eq!(check.status.code(), Some(1), "{}", text(&check.stdout));
    let report = fs::read_to_string(dir.join("changes.md")).expect("the report is written");
    assert!(report.contains("**breaking**: release 0.2.0 (from 0.1.0)."), "{report}");
    assert!(report.contains("operation `Client::health` added"), "{report}");
    assert!(report.contains("operation `Client::list_items`: `Vec<String>` -> `Vec<i64>`"), "{report}");
    assert!(text(&check.stderr).contains(&report), "--check shows the report:\n{}", text(&check.stderr));

    let written = run(dir, &args);
    assert!(written.status.success(), "{}", text(&written.stderr));
    assert!(text(&written.stdout).contains(&report), "{}", text(&written.stdout));
    let again = run(dir, &[&args[..], &["--check"]].concat());
    assert!(text(&again.stdout).contains("No change to the public API"), "{}", text(&again.stdout));
}
