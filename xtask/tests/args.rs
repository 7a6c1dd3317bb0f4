//! The command line: parsing, and the exit codes and messages of the binary.

use std::path::PathBuf;
use std::process::Command as Process;

use xtask::args::DEFAULT_URL;
use xtask::{bench, corpus, generate, parse, regenerate, Command, Error};

fn regenerate_options(check: bool, url: Option<&str>) -> Command {
    Command::Regenerate(regenerate::Options { check, url: url.map(str::to_owned), ..Default::default() })
}

fn usage_error(args: &[&str]) -> String {
    match parse(args) {
        Err(error @ Error::Usage(_)) => {
            assert_eq!(error.exit_code(), 2);
            error.to_string()
        }
        other => panic!("{args:?} should be a usage error, got {other:?}"),
    }
}

#[test]
fn regenerate_is_offline_unless_url_is_given() {
    assert_eq!(parse(&["regenerate"]), Ok(regenerate_options(false, None)));
    assert_eq!(parse(&["regenerate", "--check"]), Ok(regenerate_options(true, None)));
}

#[test]
fn a_report_file_takes_a_path() {
    let expected = regenerate::Options { report: Some(PathBuf::from("changes.md")), ..Default::default() };
    assert_eq!(parse(&["regenerate", "--report", "changes.md"]), Ok(Command::Regenerate(expected.clone())));
    assert_eq!(parse(&["regenerate", "--report=changes.md"]), Ok(Command::Regenerate(expected)));
    assert!(usage_error(&["regenerate", "--report"]).contains("--report"));
    assert!(usage_error(&["regenerate", "--report", "a", "--report", "b"]).contains("given twice"));
}

#[test]
fn url_value_is_optional() {
    assert_eq!(parse(&["regenerate", "--url"]), Ok(regenerate_options(false, Some(DEFAULT_URL))));
    assert_eq!(parse(&["regenerate", "--url", "--check"]), Ok(regenerate_options(true, Some(DEFAULT_URL))));
    assert_eq!(
        parse(&["regenerate", "--check", "--url", "http://127.0.0.1:9/openapi"]),
        Ok(regenerate_options(true, Some("http://127.0.0.1:9/openapi")))
    );
    assert_eq!(
        parse(&["regenerate", "--url=https://example.test/openapi"]),
        Ok(regenerate_options(false, Some("https://example.test/openapi")))
    );
}

#[test]
fn default_url_is_the_openapi_path_of_the_aws_na_base_url() {
    assert_eq!(DEFAULT_URL, "https://personalize-edge.contentstack.com/openapi");
}

#[test]
fn generate_takes_its_options_in_any_order() {
    let expected = Command::Generate(generate::Options {
        spec: Some(PathBuf::from("api.yaml")),
        out: PathBuf::from("out"),
        name: Some("my-api".to_owned()),
        config: None,
        check: false,
        report: None,
        runtime_crate: false,
        overrides: Default::default(),
    });
    assert_eq!(parse(&["generate", "--spec", "api.yaml", "--out", "out", "--name", "my-api"]), Ok(expected.clone()));
    assert_eq!(parse(&["generate", "--name=my-api", "--out=out", "--spec=api.yaml"]), Ok(expected));
    // With a codegen.toml, the name and the spec may come from it.
    assert_eq!(
        parse(&["generate", "--config", "codegen.toml", "--out", "out"]),
        Ok(Command::Generate(generate::Options {
            spec: None,
            out: PathBuf::from("out"),
            name: None,
            config: Some(PathBuf::from("codegen.toml")),
            check: false,
            report: None,
            runtime_crate: false,
            overrides: Default::default(),
        }))
    );
}

#[test]
fn corpus_compiles_everything_unless_told_otherwise() {
    assert_eq!(parse(&["corpus"]), Ok(Command::Corpus(corpus::Options::default())));
    assert!(corpus::Options::default().compile);
    assert_eq!(
        parse(&["corpus", "--no-compile", "--only", "3.1/", "--corpus=../c"]),
        Ok(Command::Corpus(corpus::Options {
            only: Some("3.1/".to_owned()),
            compile: false,
            corpus: Some(PathBuf::from("../c")),
            target_dir: None,
        }))
    );
    assert!(usage_error(&["corpus", "--only"]).contains("`--only` needs a value"));
    assert!(usage_error(&["corpus", "--only="]).contains("non-empty"));
    assert!(usage_error(&["corpus", "--only", "a", "--only", "b"]).contains("given twice"));
    assert!(usage_error(&["corpus", "--no-compile", "--no-compile"]).contains("given twice"));
    assert!(usage_error(&["corpus", "--no-compile=1"]).contains("takes no value"));
    assert!(usage_error(&["corpus", "--release"]).contains("unknown option `--release` for `corpus`"));
}

#[test]
fn bench_options_and_their_defaults() {
    let options = |runs, check_runs, only: Option<&str>, check| {
        Ok(Command::Bench(bench::Options { runs, check_runs, only: only.map(str::to_owned), check }))
    };
    assert_eq!(parse(&["bench"]), options(5, 3, None, true));
    assert_eq!(parse(&["bench", "--runs", "3"]), options(3, 3, None, true));
    assert_eq!(parse(&["bench", "--runs=1", "--check-runs", "7"]), options(1, 7, None, true));
    assert_eq!(parse(&["bench", "--only", "nexus", "--no-check"]), options(5, 3, Some("nexus"), false));
    assert!(usage_error(&["bench", "--runs", "0"]).contains("positive number"));
    assert!(usage_error(&["bench", "--check-runs", "x"]).contains("`--check-runs` needs a positive number"));
    assert!(usage_error(&["bench", "--runs", "1", "--runs", "2"]).contains("given twice"));
    assert!(usage_error(&["bench", "--check-runs=1", "--check-runs=2"]).contains("given twice"));
    assert!(usage_error(&["bench", "--only="]).contains("non-empty"));
    assert!(usage_error(&["bench", "--only", "a", "--only", "b"]).contains("given twice"));
    assert!(usage_error(&["bench", "--no-check", "--no-check"]).contains("given twice"));
    assert!(usage_error(&["bench", "--no-check=1"]).contains("takes no value"));
}

#[test]
fn help_in_every_spelling() {
    for args in [&["help"][..], &["--help"], &["-h"], &["regenerate", "--help"]] {
        assert_eq!(parse(args), Ok(Command::Help), "{args:?}");
    }
}

#[test]
fn unknown_flags_and_commands_are_usage_errors() {
    assert!(usage_error(&["regenerate", "--force"]).contains("unknown option `--force`"));
    assert!(usage_error(&["generate", "--spec", "a", "--verbose"]).contains("`--verbose`"));
    assert!(usage_error(&["regen"]).contains("unknown command `regen`"));
    assert!(usage_error(&["regenerate", "extra"]).contains("unexpected argument `extra`"));
    assert!(usage_error(&[]).contains("no command"));
    assert!(usage_error(&["regenerate", "--check", "--check"]).contains("given twice"));
    assert!(usage_error(&["regenerate", "--check=yes"]).contains("takes no value"));
    assert!(usage_error(&["regenerate", "--url", "ftp://host/x"]).contains("http://"));
}

#[test]
fn missing_values_are_usage_errors() {
    assert!(usage_error(&["generate", "--spec"]).contains("`--spec` needs a value"));
    assert!(usage_error(&["generate", "--spec", "--out", "dir"]).contains("`--spec` needs a value"));
    assert!(usage_error(&["generate", "--out="]).contains("non-empty"));
    assert!(usage_error(&["generate", "--spec", "a.yaml", "--name", "x"]).contains("--out"));
    assert!(usage_error(&["generate", "--spec", "a.yaml", "--out", "o"]).contains("--name"));
    assert!(usage_error(&["generate", "--name", "x", "--out", "o"]).contains("--spec"));
}

fn xtask(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("the xtask binary runs")
}

#[test]
fn binary_prints_help_and_exits_0() {
    let output = xtask(&["help"]);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("cargo xtask <COMMAND>"), "{stdout}");
    assert!(stdout.contains("regenerate [--check] [--url [URL]]"));
    assert!(stdout.contains("corpus [--only SUBSTRING] [--no-compile] [--corpus DIR]"));
    assert!(stdout.contains("bench [--runs N] [--check-runs M] [--only SUBSTRING] [--no-check]"));
}

#[test]
fn binary_exits_2_with_usage_on_usage_errors() {
    for args in [&["--bogus"][..], &["frobnicate"], &["generate", "--out"], &[]] {
        let output = xtask(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(stderr.contains("Usage: cargo xtask"), "{stderr}");
    }
}

#[test]
fn binary_exits_1_with_the_error_on_failure() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.yaml");
    let out = dir.path().join("out");
    let output =
        xtask(&["generate", "--spec", missing.to_str().unwrap(), "--out", out.to_str().unwrap(), "--name", "x"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: cannot read "), "{stderr}");
    assert!(stderr.contains("missing.yaml"), "{stderr}");
    assert!(!out.exists());
}
