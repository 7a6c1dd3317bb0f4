//! `cargo xtask corpus`: finding documents, the expected-rejections list, cargo's diagnostics
//! attributed to crates, the table, and one real compile of a tiny document.

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use xtask::corpus::compile::{record, Outcome};
use xtask::corpus::report::{Counts, Report, Row, Status};
use xtask::corpus::{corpus, documents, rejections, Options};

/// A small document with one operation and one named type.
const GOOD: &str = "\
openapi: 3.0.3
info:
  title: Tiny pets
  version: 1.0.0
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        '200':
          description: The pet.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
components:
  schemas:
    Pet:
      type: object
      required: [name]
      properties:
        name:
          type: string
        age:
          type: integer
          format: int32
";

/// Rejected by every version of the generator, at `/swagger`.
const SWAGGER: &str = r#"{"swagger": "2.0", "info": {"title": "Old", "version": "1"}, "paths": {}}"#;

const README: &str =
    "# Generator\n\nIt **rejects**, with an error naming the JSON pointer: `Swagger\n2.0` documents, and more.\n";

/// A root (README, optional rejections list) and a corpus of `documents`, in a temporary
/// directory; the corpus is `<root>/corpus`.
fn temp_root(documents: &[(&str, &str)], rejections: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("README.md"), README).unwrap();
    if let Some(list) = rejections {
        fs::create_dir_all(root.join("xtask")).unwrap();
        fs::write(root.join(rejections::FILE), list).unwrap();
    }
    for (name, contents) in documents {
        let path = root.join("corpus").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }
    dir
}

fn run(root: &Path, compile: bool) -> Report {
    let options = Options { compile, corpus: Some(root.join("corpus")), ..Options::default() };
    corpus(root, &options, &mut std::io::sink()).unwrap()
}

fn status<'a>(report: &'a Report, document: &str) -> &'a Status {
    &report.rows.iter().find(|row| row.document == document).unwrap_or_else(|| panic!("no row {document}")).status
}

const LISTED: &str = "\
[\"old/listed.json\"]
error = \"/swagger\"
construct = \"Swagger 2.0\"
";

#[test]
fn an_unlisted_rejection_fails_and_a_listed_one_passes() {
    let root =
        temp_root(&[("good.yaml", GOOD), ("old/listed.json", SWAGGER), ("old/unlisted.json", SWAGGER)], Some(LISTED));

    let report = run(root.path(), false);

    assert_eq!(
        report.rows.iter().map(|row| row.document.as_str()).collect::<Vec<_>>(),
        ["good.yaml", "old/listed.json", "old/unlisted.json"]
    );
    assert_eq!(status(&report, "good.yaml"), &Status::Generated);
    assert!(
        matches!(status(&report, "old/listed.json"), Status::RejectedAsExpected { error } if error.contains("/swagger"))
    );
    assert!(matches!(status(&report, "old/unlisted.json"), Status::Rejected { error } if error.contains("/swagger")));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(!report.passed());
    assert_eq!(report.failures().map(|row| row.document.as_str()).collect::<Vec<_>>(), ["old/unlisted.json"]);
    let good = report.rows.iter().find(|row| row.document == "good.yaml").unwrap();
    let counts = good.counts.expect("counts of a generated crate");
    assert_eq!((counts.operations, counts.types), (1, 1));
    assert!(counts.lines > 20, "{counts:?}");

    // Without the unlisted document the gate passes; the report is written either way.
    fs::remove_file(root.path().join("corpus/old/unlisted.json")).unwrap();
    let report = run(root.path(), false);
    assert!(report.passed(), "{report}");
    let markdown = fs::read_to_string(root.path().join("target/corpus/report.md")).unwrap();
    assert!(markdown.contains("| `old/listed.json` | - | - | - |"), "{markdown}");
    // The generated crate is in the scratch workspace, which names it as a member.
    let workspace = root.path().join("target/corpus");
    assert!(workspace.join("crates/corpus-good/src/generated/types.rs").is_file());
    let manifest = fs::read_to_string(workspace.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("[workspace]") && manifest.contains("\"crates/corpus-good\""), "{manifest}");
}

#[test]
fn a_listed_document_that_generates_fails_as_fixed() {
    let list = format!("{LISTED}\n[\"good.yaml\"]\nerror = \"/paths\"\nconstruct = \"Swagger 2.0\"\n");
    let root = temp_root(&[("good.yaml", GOOD), ("old/listed.json", SWAGGER)], Some(&list));

    let report = run(root.path(), false);

    assert_eq!(status(&report, "good.yaml"), &Status::Fixed);
    assert!(status(&report, "good.yaml").to_string().contains("remove from xtask/corpus-rejections.toml"));
    assert!(matches!(status(&report, "old/listed.json"), Status::RejectedAsExpected { .. }));
    assert!(!report.passed());
}

#[test]
fn a_listed_document_rejected_with_another_error_fails() {
    let list = LISTED.replace("/swagger", "/paths/~1pets");
    let root = temp_root(&[("old/listed.json", SWAGGER)], Some(&list));

    let report = run(root.path(), false);

    let status = status(&report, "old/listed.json");
    assert!(matches!(status, Status::RejectedDifferently { expected, .. } if expected == "/paths/~1pets"), "{status}");
    assert!(!report.passed());
}

#[test]
fn the_list_itself_must_stay_true() {
    let documents = ["a.json".to_owned(), "b.json".to_owned()];
    let entry = |construct: &str| rejections::Expected { error: "/x".to_owned(), construct: construct.to_owned() };
    let mut list = rejections::Rejections::new();
    list.insert("a.json".to_owned(), entry("swagger 2.0"));
    assert_eq!(rejections::problems(&list, &documents, README), Vec::<String>::new());

    list.insert("b.json".to_owned(), entry("server URL variables"));
    list.insert("gone.json".to_owned(), entry("Swagger 2.0"));
    let problems = rejections::problems(&list, &documents, README);
    assert!(problems.iter().any(|p| p.contains("\"server URL variables\", is not named in README.md")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("`gone.json` is not a document of the corpus")), "{problems:?}");
    assert_eq!(problems.len(), 2, "{problems:?}");
    // More entries than allowed: the list says so first.
    let too_many: Vec<String> = (0..=rejections::MAX_REJECTIONS).map(|i| format!("{i}.json")).collect();
    let long: rejections::Rejections = too_many.iter().map(|d| (d.clone(), entry("swagger 2.0"))).collect();
    let problems = rejections::problems(&long, &too_many, README);
    let expected =
        format!("lists {} documents; at most {}", rejections::MAX_REJECTIONS + 1, rejections::MAX_REJECTIONS);
    assert!(problems[0].contains(&expected), "{problems:?}");
    assert_eq!(problems.len(), 1, "{problems:?}");

    // A problem of the list fails the gate even when every document passes.
    let list = format!("{LISTED}\n[\"missing.json\"]\nerror = \"/swagger\"\nconstruct = \"Swagger 2.0\"\n");
    let root = temp_root(&[("old/listed.json", SWAGGER)], Some(&list));
    let report = run(root.path(), false);
    assert!(report.rows.iter().all(|row| row.status.passed()));
    assert!(!report.passed());
    assert!(report.to_string().contains("problem: xtask/corpus-rejections.toml: `missing.json`"), "{report}");
}

#[test]
fn the_list_is_parsed_strictly() {
    assert!(rejections::parse("[\"a.json\"]\nerror = \"/x\"\nconstruct = \"c\"\n").is_ok());
    let unknown = rejections::parse("[\"a.json\"]\nerror = \"/x\"\nconstruct = \"c\"\nwhy = \"?\"\n").unwrap_err();
    assert!(unknown.contains("unknown field"), "{unknown}");
    let empty = rejections::parse("[\"a.json\"]\nerror = \" \"\nconstruct = \"c\"\n").unwrap_err();
    assert!(empty.contains("non-empty `error`"), "{empty}");
    assert!(rejections::parse("[\"a.json\"]\nerror = \"/x\"\n").is_err(), "construct is required");
}

#[test]
fn documents_are_found_recursively_sorted_and_named_uniquely() {
    let root = temp_root(
        &[
            ("b/Param Overrides.json", SWAGGER),
            ("b/param-overrides.yaml", SWAGGER),
            ("a/3.0/x.yml", SWAGGER),
            ("README.md", "not a document"),
            ("LICENSE", "not a document"),
        ],
        None,
    );
    let corpus = root.path().join("corpus");

    let found = documents::find(&corpus, "", None).unwrap();

    let names: Vec<(&str, &str)> = found.iter().map(|d| (d.name.as_str(), d.crate_name.as_str())).collect();
    assert_eq!(
        names,
        [
            ("a/3.0/x.yml", "corpus-a-3-0-x"),
            ("b/Param Overrides.json", "corpus-b-param-overrides-json"),
            ("b/param-overrides.yaml", "corpus-b-param-overrides-yaml"),
        ]
    );
    assert_eq!(found[0].path, corpus.join("a/3.0/x.yml"));
    let only: Vec<String> = documents::find(&corpus, "", Some("b/")).unwrap().into_iter().map(|d| d.name).collect();
    assert_eq!(only, ["b/Param Overrides.json", "b/param-overrides.yaml"]);
    // A second folder: its names and crates carry its label, and `--only` sees the label.
    let labelled = documents::find(&corpus, "apis-guru/", Some("guru/a/")).unwrap();
    let names: Vec<(&str, &str)> = labelled.iter().map(|d| (d.name.as_str(), d.crate_name.as_str())).collect();
    assert_eq!(names, [("apis-guru/a/3.0/x.yml", "corpus-apis-guru-a-3-0-x")]);
}

#[test]
fn a_missing_corpus_is_an_error() {
    let root = tempfile::tempdir().unwrap();
    let options = Options { corpus: Some(root.path().join("nowhere")), ..Options::default() };
    let error = corpus(root.path(), &options, &mut std::io::sink()).unwrap_err();
    assert!(error.to_string().contains("the corpus is not at"), "{error}");
}

#[test]
fn cargo_diagnostics_are_attributed_to_the_crates() {
    let message = |manifest: &str, level: &str, text: &str, spans: &str| {
        format!(
            r#"{{"reason":"compiler-message","package_id":"x","manifest_path":"{manifest}","target":{{"kind":["lib"]}},"message":{{"level":"{level}","message":"{text}","spans":{spans},"rendered":"{level}: {text}\n --> src/lib.rs:1:1\n"}}}}"#
        )
    };
    let span = r#"[{"file_name":"src/lib.rs"}]"#;
    let lines = [
        message("/w/crates/corpus-a/Cargo.toml", "warning", "unused variable: `url`", span),
        message("/w/crates/corpus-a/Cargo.toml", "warning", "1 warning emitted", "[]"),
        message("/w/crates/corpus-b/Cargo.toml", "error", "cannot find type `Foo`", span),
        message("/w/crates/corpus-b/Cargo.toml", "error", "aborting due to 1 previous error", "[]"),
        message("/w/crates/corpus-b/Cargo.toml", "failure-note", "For more information about this error", "[]"),
        // A dependency's message (capped lints would hide it anyway) is nobody's.
        message("/registry/serde-1.0.0/Cargo.toml", "warning", "something", span),
        r#"{"reason":"compiler-artifact","manifest_path":"/w/crates/corpus-a/Cargo.toml","target":{"name":"corpus_a"}}"#
            .to_owned(),
        r#"{"reason":"compiler-artifact","manifest_path":"/registry/serde-1.0.0/Cargo.toml"}"#.to_owned(),
        "not json: cargo prints nothing else on stdout, but a stray line must not break the run".to_owned(),
        r#"{"reason":"build-finished","success":false}"#.to_owned(),
    ];
    let mut outcome = Outcome::default();
    for line in &lines {
        record(line, &mut outcome);
    }

    assert_eq!(outcome.diagnostics.keys().collect::<Vec<_>>(), ["corpus-a", "corpus-b"]);
    let a = &outcome.diagnostics["corpus-a"];
    assert_eq!((a.errors.len(), a.warnings.len()), (0, 1));
    assert!(a.warnings[0].starts_with("warning: unused variable: `url`\n --> src/lib.rs"), "{a:?}");
    let b = &outcome.diagnostics["corpus-b"];
    assert_eq!((b.errors.len(), b.warnings.len()), (1, 0), "{b:?}");
    assert_eq!(outcome.built, ["corpus-a"]);
    assert!(!outcome.success);
}

#[test]
fn a_later_run_adds_its_own_diagnostics_only() {
    let mut build = Outcome { built: vec!["corpus-a".to_owned()], success: true, ..Outcome::default() };
    build.diagnostics.entry("corpus-a".to_owned()).or_default().warnings.push("warning: unused".to_owned());
    let mut clippy = Outcome { built: vec!["corpus-a".to_owned()], success: false, ..Outcome::default() };
    let a = clippy.diagnostics.entry("corpus-a".to_owned()).or_default();
    // Clippy repeats rustc's warning and adds a lint of its own.
    a.warnings.push("warning: unused".to_owned());
    a.warnings.push("warning: needless borrow".to_owned());
    clippy.stderr_tail = "error: could not compile".to_owned();

    build.merge(clippy);

    assert_eq!(build.diagnostics["corpus-a"].warnings, ["warning: unused", "warning: needless borrow"]);
    assert_eq!(build.built, ["corpus-a"]);
    assert!(!build.success, "the merged run fails when the later one does");
    assert_eq!(build.stderr_tail, "error: could not compile");
}

fn row(document: &str, counts: Option<Counts>, millis: u64, status: Status) -> Row {
    Row { document: document.to_owned(), counts, time: Duration::from_millis(millis), status }
}

#[test]
fn the_table_as_text_and_markdown() {
    let counts = Some(Counts { operations: 12, types: 3, lines: 1234 });
    let report = Report {
        rows: vec![
            row("a/petstore.json", counts, 42, Status::Ok),
            row(
                "b.yaml",
                None,
                7,
                Status::RejectedAsExpected { error: "unsupported construct at /x: a | b".to_owned() },
            ),
            row(
                "c.json",
                Some(Counts { operations: 1, types: 0, lines: 80 }),
                1500,
                Status::Warnings { count: 2, first: "warning: unused variable: `url`".to_owned() },
            ),
        ],
        problems: vec![],
        compile: vec![
            ("cargo build --workspace".to_owned(), Duration::from_millis(61_500)),
            ("cargo clippy --workspace".to_owned(), Duration::from_millis(30_000)),
        ],
        examples: Default::default(),
    };

    let text = report.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "document         ops  types  lines  gen ms  result");
    assert_eq!(lines[1], "---------------  ---  -----  -----  ------  ------");
    assert_eq!(lines[2], "a/petstore.json   12      3   1234      42  ok");
    assert_eq!(
        lines[3],
        "b.yaml             -      -      -       7  rejected (expected): unsupported construct at /x: a | b"
    );
    assert_eq!(lines[4], "c.json             1      0     80    1500  warnings: 2 (warning: unused variable: `url`)");
    assert_eq!(
        lines[5],
        "3 documents: 2 generated, 1 rejected as expected, 1 failed; generation 1549 ms; `cargo build --workspace` 61.5 s; `cargo clippy --workspace` 30.0 s"
    );
    assert_eq!(lines.len(), 6);

    let markdown = report.markdown();
    assert!(markdown.starts_with("# Corpus gate\n\n3 documents: 2 generated"), "{markdown}");
    assert!(markdown.contains(
        "\n| document | operations | types | lines | generation (ms) | result |\n|---|---:|---:|---:|---:|---|\n"
    ));
    assert!(markdown.contains("\n| `a/petstore.json` | 12 | 3 | 1234 | 42 | ok |\n"), "{markdown}");
    assert!(
        markdown.contains("| `b.yaml` | - | - | - | 7 | rejected (expected): unsupported construct at /x: a \\| b |")
    );
    assert!(!report.passed());
}

#[test]
fn the_examples_are_counted_in_the_summary_and_their_own_table() {
    use xtask::corpus::examples::Judged;
    let judged = |total, decoded, document_bugs| Judged { total, decoded, document_bugs, problems: vec![] };
    let report = Report {
        rows: vec![row("a.json", None, 1, Status::Ok), row("b.json", None, 1, Status::Ok)],
        problems: vec![],
        compile: vec![],
        examples: [("a.json".to_owned(), judged(3, 2, 1)), ("b.json".to_owned(), judged(4, 4, 0))].into(),
    };
    assert!(report
        .summary()
        .ends_with("; response examples of 2 documents: 6 of 7 decode, 1 are listed document bugs"));
    let markdown = report.markdown();
    assert!(markdown.contains("\n| `a.json` | 3 | 2 | 1 |\n| `b.json` | 4 | 4 | 0 |\n"), "{markdown}");
    assert!(report.passed());
}

#[test]
fn long_results_are_cut_in_the_text_table_only() {
    let error = format!("unsupported construct at /{}", "x".repeat(300));
    let report = Report {
        rows: vec![row("a.json", None, 1, Status::Rejected { error: error.clone() })],
        problems: vec!["the list is wrong".to_owned()],
        compile: vec![],
        examples: Default::default(),
    };
    let text = report.to_string();
    let line = text.lines().nth(2).unwrap();
    assert!(line.ends_with('…') && line.len() < 250, "{line}");
    assert!(text.contains("\nproblem: the list is wrong\n"), "{text}");
    assert!(text.ends_with("1 failed; generation 1 ms; 1 problems with the lists\n"), "{text}");
    assert!(report.markdown().contains(&error));
    assert!(report.markdown().contains("\n- the list is wrong\n"));
}

/// The real thing, on one tiny document: generated, written into the scratch workspace,
/// built by cargo and linted by clippy with no warning. It shares the gate's target directory (and the repository's
/// Cargo.lock), so after the gate has run (as in `.ci/run`) only the tiny crate is compiled.
#[test]
fn a_tiny_document_compiles_without_warnings() {
    // With two examples of its answer: one a pet, one without the required `name`, listed
    // as the document's bug.
    let examples = GOOD.replace(
        "                $ref: '#/components/schemas/Pet'\n",
        "                $ref: '#/components/schemas/Pet'\n              examples:\n                rex:\n                  value: {name: Rex, age: 3}\n                nameless:\n                  value: {age: 3}\n",
    );
    let root = temp_root(&[("tiny.yaml", &examples)], None);
    let nameless = "/paths/~1pets~1{id}/get/responses/200/content/application~1json/examples/nameless/value";
    fs::create_dir_all(root.path().join("xtask")).unwrap();
    fs::write(
        root.path().join("xtask/corpus-examples.toml"),
        format!("[\"tiny.yaml\"]\n\"{nameless}\" = \"`name` is required\"\n"),
    )
    .unwrap();
    fs::copy(common::repo_root().join("Cargo.lock"), root.path().join("Cargo.lock")).unwrap();
    let options = Options {
        corpus: Some(root.path().join("corpus")),
        target_dir: Some(common::repo_root().join("target/corpus/target")),
        ..Options::default()
    };

    let report = corpus(root.path(), &options, &mut std::io::sink()).unwrap();

    assert_eq!(report.rows.len(), 1);
    assert_eq!(report.rows[0].status, Status::Ok, "{report}");
    assert!(report.passed());
    let commands: Vec<&str> = report.compile.iter().map(|(command, _)| command.as_str()).collect();
    assert_eq!(commands.len(), 3, "{commands:?}");
    assert!(commands[0].starts_with("cargo build --workspace"), "{commands:?}");
    assert!(commands[1].starts_with("cargo clippy --workspace"), "{commands:?}");
    assert!(commands[2].starts_with("cargo build --workspace --test examples"), "{commands:?}");
    let judged = &report.examples["tiny.yaml"];
    assert_eq!((judged.total, judged.decoded, judged.document_bugs), (2, 1, 1), "{judged:?}");
    assert!(judged.problems.is_empty(), "{judged:?}");
    assert!(!root.path().join("target/corpus/diagnostics").exists());
}
