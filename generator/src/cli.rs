//! The command line of the generator, shared by its binary (`openapi-rust-generator`) and the
//! repository's `cargo xtask generate`: read a document (and a `codegen.toml`), generate, and
//! write the crate into a directory or, with `--check`, only compare. Like [`disk`]
//! it is for binaries; [`generate`](crate::generate) itself reads and writes nothing.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::disk::{self, FileState, Status, Target};
use crate::{Config, TimeFormat, UuidFormat};

/// The options: `--spec FILE --out DIR --name CRATE [--config CODEGEN_TOML] [--check]`, and
/// the type options of [`Overrides`]. Relative paths are relative to the current directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The document; when absent, the `spec` of the `config` file (relative to that file).
    pub spec: Option<PathBuf>,
    /// The directory to write the crate to (created when missing).
    pub out: PathBuf,
    /// The crate name; overrides the `crate` of the `config` file.
    pub name: Option<String>,
    /// A `codegen.toml` to read the configuration from.
    pub config: Option<PathBuf>,
    /// Compare only: fail when the directory does not hold what would be written.
    pub check: bool,
    /// Also write the change report (Markdown) to this file.
    pub report: Option<PathBuf>,
    /// Write the runtime crate ([`runtime_crate`](crate::runtime_crate)) named `name`
    /// instead of a client: no document is read.
    pub runtime_crate: bool,
    /// Options of the configuration given on the command line.
    pub overrides: Overrides,
}

/// Options of the configuration given on the command line, over those of the `--config`
/// file: `--replace SCHEMA=PATH` and `--derive PATH` (each as often as needed, added to the
/// file's), `--date-time`, `--date` and `--uuid` (each once, replacing the file's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// `--replace SCHEMA=PATH`: [`Config::replace`] entries.
    pub replace: Vec<(String, String)>,
    /// `--derive PATH`: [`Config::derives`] entries.
    pub derives: Vec<String>,
    /// `--date-time string|chrono|time`.
    pub date_time: Option<TimeFormat>,
    /// `--date string|chrono|time`.
    pub date: Option<TimeFormat>,
    /// `--uuid string|uuid`.
    pub uuid: Option<UuidFormat>,
}

impl Overrides {
    /// `config` with these options.
    pub fn apply(&self, mut config: Config) -> Config {
        for (schema, path) in &self.replace {
            config = config.with_replacement(schema.clone(), path.clone());
        }
        for path in &self.derives {
            if !config.derives.contains(path) {
                config = config.with_derive(path.clone());
            }
        }
        if let Some(format) = self.date_time {
            config = config.with_date_time(format);
        }
        if let Some(format) = self.date {
            config = config.with_date(format);
        }
        if let Some(format) = self.uuid {
            config = config.with_uuid(format);
        }
        config
    }

    /// The options as command-line arguments, for the `@generated` line.
    fn args(&self) -> String {
        let mut line = String::new();
        for (schema, path) in &self.replace {
            line.push_str(&format!(" --replace {schema}={path}"));
        }
        for path in &self.derives {
            line.push_str(&format!(" --derive {path}"));
        }
        let time = |f: TimeFormat| match f {
            TimeFormat::Chrono => "chrono",
            TimeFormat::Time => "time",
            _ => "string",
        };
        if let Some(format) = self.date_time {
            line.push_str(&format!(" --date-time {}", time(format)));
        }
        if let Some(format) = self.date {
            line.push_str(&format!(" --date {}", time(format)));
        }
        if let Some(format) = self.uuid {
            line.push_str(if format == UuidFormat::Uuid { " --uuid uuid" } else { " --uuid string" });
        }
        line
    }

    /// Takes `flag`'s `value` when it is one of these options; `Ok(false)` when it is not.
    fn take(&mut self, flag: &str, value: &str) -> Result<bool, Error> {
        let once = |slot: bool| if slot { Err(Error::Usage(format!("option `{flag}` given twice"))) } else { Ok(()) };
        let choice = |e: String| Error::Usage(format!("option `{flag}`: {e}"));
        match flag {
            "--replace" => {
                let Some((schema, path)) = value.split_once('=').filter(|(s, p)| !s.is_empty() && !p.is_empty()) else {
                    return Err(Error::Usage(format!("option `--replace` takes SCHEMA=PATH, not `{value}`")));
                };
                self.replace.push((schema.to_owned(), path.to_owned()));
            }
            "--derive" => self.derives.push(value.to_owned()),
            "--date-time" => {
                once(self.date_time.is_some())?;
                self.date_time = Some(value.parse().map_err(choice)?);
            }
            "--date" => {
                once(self.date.is_some())?;
                self.date = Some(value.parse().map_err(choice)?);
            }
            "--uuid" => {
                once(self.uuid.is_some())?;
                self.uuid = Some(value.parse().map_err(choice)?);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// The usage text of the options, as `--help` prints it.
pub const OPTIONS: &str = "\
  --spec FILE       the OpenAPI 3.0 or 3.1 document (JSON or YAML); default: the
                    `spec` of the --config file
  --out DIR         the crate's directory (created when missing); only changed
                    files are written, stale ones in src/generated/ removed
  --name CRATE      the package name; default: the `crate` of the --config file
  --config FILE     a codegen.toml (every key optional but `crate`)
  --check           write nothing; fail when DIR differs from what would be written
  --report FILE     also write the change report to FILE: what changes for users
                    against the public-api.toml in DIR (printed whenever DIR has one)
  --runtime-crate   write the runtime as a crate of its own named CRATE (no --spec),
                    for clients whose codegen.toml names it under [runtime-crate]
  --replace SCHEMA=PATH
                    the component schema SCHEMA is the Rust type at PATH (as often
                    as needed; added to the --config file's `[replace]`)
  --derive PATH     a derive of every schema type (as often as needed; added to the
                    --config file's `derives`)
  --date-time string|chrono|time, --date string|chrono|time, --uuid string|uuid
                    the type of those string formats (over the --config file's
                    `[formats]`; default: string)
";

/// Why the command did not succeed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The command line is wrong (exit code 2, with the usage text).
    Usage(String),
    /// `--check`: the directory differs; one line per file.
    OutOfDate(String),
    /// A file that cannot be read or written, a document the generator rejects: what and
    /// where.
    Failed(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) | Error::Failed(message) | Error::OutOfDate(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

impl From<disk::Error> for Error {
    fn from(error: disk::Error) -> Self {
        Error::Failed(error.to_string())
    }
}

/// Reads the options from `args` (the arguments after the command).
pub fn parse(args: &[&str]) -> Result<Options, Error> {
    let (mut spec, mut out, mut name, mut config, mut report) = (None, None, None, None, None);
    let (mut check, mut runtime_crate) = (false, false);
    let mut overrides = Overrides::default();
    let mut rest = args.iter();
    while let Some(&arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value)),
            None => (arg, None),
        };
        if flag == "--check" {
            if inline.is_some() || check {
                return Err(Error::Usage("option `--check` takes no value and is given once".to_owned()));
            }
            check = true;
            continue;
        }
        if flag == "--runtime-crate" {
            if inline.is_some() || runtime_crate {
                return Err(Error::Usage("option `--runtime-crate` takes no value and is given once".to_owned()));
            }
            runtime_crate = true;
            continue;
        }
        let known = [
            "--spec",
            "--out",
            "--name",
            "--config",
            "--report",
            "--replace",
            "--derive",
            "--date-time",
            "--date",
            "--uuid",
        ];
        if !known.contains(&flag) {
            return Err(Error::Usage(if flag.starts_with("--") {
                format!("unknown option `{flag}`")
            } else {
                format!("unexpected argument `{flag}`")
            }));
        }
        let value = match inline {
            Some("") => return Err(Error::Usage(format!("option `{flag}` needs a non-empty value"))),
            Some(value) => value,
            None => match rest.as_slice().first() {
                Some(next) if !next.starts_with("--") => rest.next().copied().unwrap_or_default(),
                _ => return Err(Error::Usage(format!("option `{flag}` needs a value"))),
            },
        };
        if value.is_empty() {
            return Err(Error::Usage(format!("option `{flag}` needs a non-empty value")));
        }
        if overrides.take(flag, value)? {
            continue;
        }
        let slot = match flag {
            "--spec" => &mut spec,
            "--out" => &mut out,
            "--name" => &mut name,
            "--report" => &mut report,
            _ => &mut config,
        };
        if slot.is_some() {
            return Err(Error::Usage(format!("option `{flag}` given twice")));
        }
        *slot = Some(value.to_owned());
    }
    let Some(out) = out else { return Err(Error::Usage("needs `--out DIR`".to_owned())) };
    if name.is_none() && config.is_none() {
        return Err(Error::Usage("needs `--name CRATE` (or a `--config` naming the crate)".to_owned()));
    }
    if spec.is_some() && runtime_crate {
        return Err(Error::Usage("`--runtime-crate` reads no document: leave out `--spec`".to_owned()));
    }
    if spec.is_none() && config.is_none() && !runtime_crate {
        return Err(Error::Usage("needs `--spec FILE` (or a `--config` naming the spec)".to_owned()));
    }
    Ok(Options {
        spec: spec.map(PathBuf::from),
        out: PathBuf::from(out),
        name,
        config: config.map(PathBuf::from),
        check,
        report: report.map(PathBuf::from),
        runtime_crate,
        overrides,
    })
}

/// What a run wrote (or, with `--check`, found the same).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The output directory, as given.
    pub out: PathBuf,
    /// The files generated, with what was done to the tree.
    pub status: Status,
    /// Whether this was `--check`.
    pub check: bool,
    /// What changes for users against the `public-api.toml` found in the directory, as
    /// Markdown; `None` when there was none (a new crate, a runtime crate).
    pub changes: Option<String>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.check {
            writeln!(f, "{}: {} files, up to date", self.out.display(), self.status.files)?;
            return self.changes.as_ref().map_or(Ok(()), |changes| write!(f, "\n{changes}"));
        }
        for change in &self.status.changes {
            let path = self.out.join(&change.path);
            match change.state {
                FileState::Modified { .. } | FileState::Missing => writeln!(f, "wrote {}", path.display())?,
                FileState::Stale => writeln!(f, "removed stale {}", path.display())?,
            }
        }
        writeln!(
            f,
            "{}: {} files, {} written, {} unchanged",
            self.out.display(),
            self.status.files,
            self.status.written(),
            self.status.files - self.status.written()
        )?;
        self.changes.as_ref().map_or(Ok(()), |changes| write!(f, "\n{changes}"))
    }
}

/// Generates a crate from `options.spec` into `options.out`, or compares with `--check`.
/// `command` is how the files' `@generated` line tells to write them again, when the
/// configuration does not say (`openapi-rust-generator`, `cargo xtask generate`).
pub fn run(options: &Options, command: &str) -> Result<Report, Error> {
    run_with(options, command, crate::generate)
}

/// [`run`] in a process that exits when it returns (the binary): see
/// [`generate_before_exit`](crate::generate_before_exit).
#[doc(hidden)]
pub fn run_before_exit(options: &Options, command: &str) -> Result<Report, Error> {
    run_with(options, command, crate::generate_before_exit)
}

fn run_with(
    options: &Options,
    command: &str,
    generate: fn(&[u8], &Config) -> Result<crate::Files, crate::Error>,
) -> Result<Report, Error> {
    let (files, changes) = if options.runtime_crate {
        let mut config = match (&options.config, &options.name) {
            (Some(_), _) => read_config(options)?,
            (None, Some(name)) => Config::new(name.clone()),
            (None, None) => return Err(Error::Usage("needs `--name CRATE`".to_owned())),
        };
        if config.regenerate.is_none() {
            config.regenerate = Some(reproduce(options, command));
        }
        let files =
            crate::runtime_crate(&config).map_err(|e| Error::Failed(format!("cannot write the runtime crate: {e}")))?;
        (files, None)
    } else {
        let (mut config, spec) = config_and_spec(options)?;
        if config.regenerate.is_none() {
            config.regenerate = Some(reproduce(options, command));
        }
        let document = fs::read(&spec).map_err(|e| Error::Failed(format!("cannot read {}: {e}", spec.display())))?;
        let files = generate(&document, &config)
            .map_err(|e| Error::Failed(format!("cannot generate from {}: {e}", spec.display())))?;
        let changes = changes_against(&options.out, &files, &config)?;
        (files, changes)
    };
    if let (Some(path), Some(text)) = (&options.report, &changes) {
        fs::write(path, text).map_err(|e| Error::Failed(format!("cannot write {}: {e}", path.display())))?;
    }
    let label = options.out.to_string_lossy().replace('\\', "/");
    let target = Target::of_files(&files, options.out.clone(), label);
    let status = disk::compare(&target)?;
    if options.check {
        if status.is_clean() {
            return Ok(Report { out: options.out.clone(), status, check: true, changes });
        }
        let lines: Vec<String> = status
            .changes
            .iter()
            .map(|change| {
                let how = match change.state {
                    FileState::Modified { .. } => "differs",
                    FileState::Missing => "is missing",
                    FileState::Stale => "is stale (the generator would remove it)",
                };
                format!("  {} {how}", target.display_path(&change.path))
            })
            .collect();
        let report = changes.map(|changes| format!("\n\n{changes}")).unwrap_or_default();
        return Err(Error::OutOfDate(format!(
            "{} of {} files are not what the generator writes:\n{}{report}",
            status.changes.len(),
            status.files,
            lines.join("\n")
        )));
    }
    fs::create_dir_all(&options.out)
        .map_err(|e| Error::Failed(format!("cannot create {}: {e}", options.out.display())))?;
    disk::apply(&target, &status)?;
    Ok(Report { out: options.out.clone(), status, check: false, changes })
}

/// The change report from the public API the crate in `out` was generated with (its
/// `public-api.toml`) to that of `files`, as Markdown; `None` without such a file.
fn changes_against(out: &Path, files: &crate::Files, config: &Config) -> Result<Option<String>, Error> {
    let Some(old) = committed_surface(out)? else { return Ok(None) };
    Ok(Some(old.changes(files.surface()).to_markdown(&config.crate_name, &config.version)))
}

/// The public API kept beside the crate in `dir` (its `public-api.toml`), if it has one.
pub fn committed_surface(dir: &Path) -> Result<Option<crate::surface::Surface>, Error> {
    let path = dir.join(crate::surface::SURFACE_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::Failed(format!("cannot read {}: {e}", path.display()))),
    };
    let surface =
        crate::surface::Surface::from_toml(&text).map_err(|e| Error::Failed(format!("{}: {e}", path.display())))?;
    Ok(Some(surface))
}

/// The command line that writes the same files again, for the `@generated` line.
fn reproduce(options: &Options, command: &str) -> String {
    let mut line = command.to_owned();
    let path = |p: &Path| p.to_string_lossy().replace('\\', "/");
    if let Some(spec) = &options.spec {
        line.push_str(&format!(" --spec {}", path(spec)));
    }
    line.push_str(&format!(" --out {}", path(&options.out)));
    if let Some(name) = &options.name {
        line.push_str(&format!(" --name {name}"));
    }
    if let Some(config) = &options.config {
        line.push_str(&format!(" --config {}", path(config)));
    }
    if options.runtime_crate {
        line.push_str(" --runtime-crate");
    }
    line.push_str(&options.overrides.args());
    line
}

/// The `--config` file's configuration (there must be one), with `--name` over its crate name.
fn read_config(options: &Options) -> Result<Config, Error> {
    let Some(config_path) = &options.config else { return Err(Error::Usage("needs `--config FILE`".to_owned())) };
    let text = fs::read_to_string(config_path)
        .map_err(|e| Error::Failed(format!("cannot read {}: {e}", config_path.display())))?;
    let mut config = Config::from_toml(&text).map_err(|e| Error::Failed(format!("{}: {e}", config_path.display())))?;
    if let Some(name) = &options.name {
        config.crate_name = name.clone();
    }
    Ok(config)
}

fn config_and_spec(options: &Options) -> Result<(Config, PathBuf), Error> {
    let Some(config_path) = &options.config else {
        let (Some(name), Some(spec)) = (&options.name, &options.spec) else {
            return Err(Error::Usage("needs `--spec FILE` and `--name CRATE` when no `--config` is given".to_owned()));
        };
        return Ok((options.overrides.apply(Config::new(name.clone())), spec.clone()));
    };
    let config = read_config(options)?;
    let spec = match (&options.spec, &config.spec) {
        (Some(spec), _) => spec.clone(),
        (None, Some(spec)) => config_path.parent().unwrap_or(Path::new("")).join(spec),
        (None, None) => {
            return Err(Error::Usage(format!("needs `--spec FILE`: {} names no `spec`", config_path.display())))
        }
    };
    Ok((options.overrides.apply(config), spec))
}
