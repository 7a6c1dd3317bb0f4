//! The command line: a hand-rolled parser for the few commands and options there are.

use std::path::PathBuf;

use crate::{bench, corpus, generate, msrv, regenerate, semver, Error};

/// Where `regenerate --url` downloads the document from when no URL is given: the `/openapi`
/// path of the AWS NA base URL of the Personalize Edge API.
pub const DEFAULT_URL: &str = "https://personalize-edge.contentstack.com/openapi";

/// The usage text, printed by `cargo xtask help` and after every usage error.
pub const USAGE: &str = "\
Usage: cargo xtask <COMMAND> [OPTIONS]

Commands:
  regenerate [--check] [--url [URL]] [--report FILE]
      Regenerate every committed generated target from the committed documents:
      generated-client/ (from the document its codegen.toml names) and
      fixtures/src/<name>/ (one per fixtures/documents/<name>.yaml|json).
      Prints what changes for users of generated-client (its public API against
      the committed public-api.toml): each change breaking, compatible or wire
      only, and the version to release.
      --check      compare with the tree instead of writing; print a diff and
                   exit 1 when anything differs
      --url [URL]  first download the document (default:
                   https://personalize-edge.contentstack.com/openapi); it is
                   written to the spec path only if the generator accepts it and
                   generated-client, hand-written code included, still builds
                   (cargo check --all-targets in a scratch copy)
      --report FILE  also write the change report (Markdown) to FILE

  generate --spec FILE --out DIR --name CRATE [--config CODEGEN_TOML] [--check]
      Generate a client crate for any OpenAPI document into DIR.
      --config reads a codegen.toml; --name then overrides its crate name, and
      --spec may be left out when the codegen.toml names a spec. --check writes
      nothing and fails when DIR differs. The same as the installable binary
      (cargo install --path generator; openapi-rust-generator --help).

  corpus [--only SUBSTRING] [--no-compile] [--corpus DIR]
      The corpus gate: generate every document of ../shared/corpus (or DIR),
      build the crates in one workspace (target/corpus/), lint them with clippy,
      and print a table; exit 1 when a crate does not compile, has warnings or
      clippy lints, or a document is rejected other than as
      xtask/corpus-rejections.toml says.
      --only       only the documents whose path contains SUBSTRING
      --no-compile generate and judge rejections only

  bench [--runs N] [--check-runs M] [--only SUBSTRING] [--no-check]
      Ours (a release build) against `cargo progenitor` (installed into
      target/tools/ when missing) on the Edge document and the corpus
      documents progenitor might take: generation time (median of N runs,
      default 5) and peak memory, generated lines, and `cargo check` time
      (median of M runs, default 3) and peak memory of each crate both
      generate, its dependencies prebuilt (target/bench/<generator>/); the
      corpus GitHub description in a section of its own. Writes
      target/bench/report.md.
      --only       only the documents whose path contains SUBSTRING
      --no-check   generation and lines only

  msrv [--manifest-path PATH]
      Check that every normal and build dependency (the whole tree, at the
      lockfile's versions) of each workspace member that declares a
      rust-version declares one no newer; exit 1 naming each that does.
      --manifest-path  another package or workspace than this one

  semver [--semver-checks PATH] [--only SUBSTRING]
      The change report against cargo-semver-checks: each kind of change of
      xtask/src/semver/cases.rs applied to the Edge document, the crates before
      and after compared by both; exit 1 when they disagree other than where the
      case says what cargo-semver-checks cannot see. Prints the table.
      --semver-checks  the cargo-semver-checks binary (default: on PATH)
      --only           only the cases whose name contains SUBSTRING

  help
      Print this text.
";

/// A parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `help`, `--help` or `-h`.
    Help,
    /// `regenerate [--check] [--url [URL]] [--report FILE]`.
    Regenerate(regenerate::Options),
    /// `generate --spec FILE --out DIR --name CRATE [--config CODEGEN_TOML]`.
    Generate(generate::Options),
    /// `corpus [--only SUBSTRING] [--no-compile] [--corpus DIR]`.
    Corpus(corpus::Options),
    /// `bench [--runs N] [--check-runs M] [--only SUBSTRING] [--no-check]`.
    Bench(bench::Options),
    /// `msrv [--manifest-path PATH]`.
    Msrv(msrv::Options),
    /// `semver [--semver-checks PATH] [--only SUBSTRING]`.
    Semver(semver::Options),
}

/// Parses the arguments that follow the program name.
///
/// Options take their value as the next argument or after `=` (`--url=URL`).
pub fn parse<S: AsRef<str>>(args: &[S]) -> Result<Command, Error> {
    let args: Vec<&str> = args.iter().map(AsRef::as_ref).collect();
    if args.iter().any(|a| matches!(*a, "--help" | "-h")) {
        return Ok(Command::Help);
    }
    let Some((&command, rest)) = args.split_first() else {
        return Err(usage("no command given"));
    };
    match command {
        "help" => match rest.first() {
            None => Ok(Command::Help),
            Some(extra) => Err(usage(format!("unexpected argument `{extra}` after `help`"))),
        },
        "regenerate" => parse_regenerate(rest).map(Command::Regenerate),
        "generate" => parse_generate(rest).map(Command::Generate),
        "corpus" => parse_corpus(rest).map(Command::Corpus),
        "bench" => parse_bench(rest).map(Command::Bench),
        "msrv" => parse_msrv(rest).map(Command::Msrv),
        "semver" => parse_semver(rest).map(Command::Semver),
        other => Err(usage(format!("unknown command `{other}`"))),
    }
}

fn parse_regenerate(args: &[&str]) -> Result<regenerate::Options, Error> {
    let mut options = regenerate::Options::default();
    let mut args = Arguments::new("regenerate", args);
    while let Some((flag, inline)) = args.next_flag()? {
        match flag {
            "--check" => {
                if inline.is_some() {
                    return Err(usage("option `--check` takes no value"));
                }
                if options.check {
                    return Err(usage("option `--check` given twice"));
                }
                options.check = true;
            }
            "--url" => {
                if options.url.is_some() {
                    return Err(usage("option `--url` given twice"));
                }
                // The value is optional: `--url`, `--url URL` and `--url=URL` all work.
                let url = match inline {
                    Some(value) => value,
                    None => args.optional_value().unwrap_or(DEFAULT_URL),
                };
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(usage(format!("option `--url` needs an http:// or https:// URL, got `{url}`")));
                }
                options.url = Some(url.to_owned());
            }
            "--report" => {
                let value = match inline {
                    Some(value) => value,
                    None => args.required_value(flag)?,
                };
                if value.is_empty() {
                    return Err(usage("option `--report` needs a file path"));
                }
                if options.report.replace(PathBuf::from(value)).is_some() {
                    return Err(usage("option `--report` given twice"));
                }
            }
            other => return Err(unknown_option(other, "regenerate")),
        }
    }
    Ok(options)
}

fn parse_generate(args: &[&str]) -> Result<generate::Options, Error> {
    generator::cli::parse(args).map_err(|error| match error {
        generator::cli::Error::Usage(message) => usage(format!("`generate` {message}")),
        other => Error::from(other),
    })
}

fn parse_corpus(args: &[&str]) -> Result<corpus::Options, Error> {
    let mut options = corpus::Options::default();
    let mut args = Arguments::new("corpus", args);
    while let Some((flag, inline)) = args.next_flag()? {
        match flag {
            "--no-compile" => {
                if inline.is_some() {
                    return Err(usage("option `--no-compile` takes no value"));
                }
                if !options.compile {
                    return Err(usage("option `--no-compile` given twice"));
                }
                options.compile = false;
            }
            "--only" | "--corpus" => {
                let value = match inline {
                    Some(value) => value,
                    None => args.required_value(flag)?,
                };
                if value.is_empty() {
                    return Err(usage(format!("option `{flag}` needs a non-empty value")));
                }
                let given_twice = if flag == "--only" {
                    options.only.replace(value.to_owned()).is_some()
                } else {
                    options.corpus.replace(PathBuf::from(value)).is_some()
                };
                if given_twice {
                    return Err(usage(format!("option `{flag}` given twice")));
                }
            }
            other => return Err(unknown_option(other, "corpus")),
        }
    }
    Ok(options)
}

fn parse_semver(args: &[&str]) -> Result<semver::Options, Error> {
    let mut options = semver::Options::default();
    let mut args = Arguments::new("semver", args);
    while let Some((flag, inline)) = args.next_flag()? {
        let value = match inline {
            Some(value) => value,
            None => args.required_value(flag)?,
        };
        if value.is_empty() {
            return Err(usage(format!("option `{flag}` needs a non-empty value")));
        }
        let given_twice = match flag {
            "--semver-checks" => options.semver_checks.replace(PathBuf::from(value)).is_some(),
            "--only" => options.only.replace(value.to_owned()).is_some(),
            other => return Err(unknown_option(other, "semver")),
        };
        if given_twice {
            return Err(usage(format!("option `{flag}` given twice")));
        }
    }
    Ok(options)
}

fn parse_msrv(args: &[&str]) -> Result<msrv::Options, Error> {
    let mut options = msrv::Options::default();
    let mut args = Arguments::new("msrv", args);
    while let Some((flag, inline)) = args.next_flag()? {
        match flag {
            "--manifest-path" => {
                let value = match inline {
                    Some(value) => value,
                    None => args.required_value(flag)?,
                };
                if options.manifest_path.replace(PathBuf::from(value)).is_some() {
                    return Err(usage("option `--manifest-path` given twice"));
                }
            }
            other => return Err(unknown_option(other, "msrv")),
        }
    }
    Ok(options)
}

fn parse_bench(args: &[&str]) -> Result<bench::Options, Error> {
    let mut options = bench::Options::default();
    let (mut runs_given, mut check_runs_given) = (false, false);
    let mut args = Arguments::new("bench", args);
    while let Some((flag, inline)) = args.next_flag()? {
        match flag {
            "--runs" | "--check-runs" => {
                let given = if flag == "--runs" { &mut runs_given } else { &mut check_runs_given };
                if std::mem::replace(given, true) {
                    return Err(usage(format!("option `{flag}` given twice")));
                }
                let value = match inline {
                    Some(value) => value,
                    None => args.required_value(flag)?,
                };
                let runs = match value.parse::<usize>() {
                    Ok(runs) if runs > 0 => runs,
                    _ => return Err(usage(format!("option `{flag}` needs a positive number, got `{value}`"))),
                };
                if flag == "--runs" {
                    options.runs = runs;
                } else {
                    options.check_runs = runs;
                }
            }
            "--only" => {
                let value = match inline {
                    Some(value) => value,
                    None => args.required_value(flag)?,
                };
                if value.is_empty() {
                    return Err(usage("option `--only` needs a non-empty value"));
                }
                if options.only.replace(value.to_owned()).is_some() {
                    return Err(usage("option `--only` given twice"));
                }
            }
            "--no-check" => {
                if inline.is_some() {
                    return Err(usage("option `--no-check` takes no value"));
                }
                if !std::mem::replace(&mut options.check, false) {
                    return Err(usage("option `--no-check` given twice"));
                }
            }
            other => return Err(unknown_option(other, "bench")),
        }
    }
    Ok(options)
}

/// The arguments of one command, consumed front to back.
struct Arguments<'a> {
    command: &'static str,
    rest: std::slice::Iter<'a, &'a str>,
}

impl<'a> Arguments<'a> {
    fn new(command: &'static str, args: &'a [&'a str]) -> Self {
        Arguments { command, rest: args.iter() }
    }

    /// The next option, split at `=` into flag and inline value.
    fn next_flag(&mut self) -> Result<Option<(&'a str, Option<&'a str>)>, Error> {
        let Some(&arg) = self.rest.next() else {
            return Ok(None);
        };
        if !arg.starts_with("--") {
            return Err(usage(format!("unexpected argument `{arg}` for `{}`", self.command)));
        }
        Ok(Some(match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value)),
            None => (arg, None),
        }))
    }

    /// The next argument when it is not an option.
    fn optional_value(&mut self) -> Option<&'a str> {
        match self.rest.as_slice().first() {
            Some(next) if !next.starts_with('-') => self.rest.next().copied(),
            _ => None,
        }
    }

    fn required_value(&mut self, flag: &str) -> Result<&'a str, Error> {
        self.optional_value().ok_or_else(|| usage(format!("option `{flag}` needs a value")))
    }
}

fn unknown_option(flag: &str, command: &str) -> Error {
    usage(format!("unknown option `{flag}` for `{command}`"))
}

fn usage(message: impl Into<String>) -> Error {
    Error::Usage(message.into())
}
