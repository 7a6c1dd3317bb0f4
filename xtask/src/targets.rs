//! The committed generated targets of the repository, generated in memory.
//!
//! Nothing here writes: a [`Target`] is the set of files a directory should hold, and
//! [`crate::sync`] compares it with the tree or writes it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use generator::surface::Surface;
use generator::{Config, RuntimePlan};

use crate::Error;

/// The generated client crate, relative to the repository root.
pub const CLIENT_DIR: &str = "generated-client";
/// Its configuration, relative to [`CLIENT_DIR`].
pub const CLIENT_CONFIG: &str = "codegen.toml";
/// The fixture documents, relative to the repository root.
pub const FIXTURE_DOCUMENTS: &str = "fixtures/documents";
/// Where the code of each fixture goes (`<dir>/<name>/`), relative to the repository root.
pub const FIXTURE_SOURCES: &str = "fixtures/src";
/// The runtime the fixtures share (`fixtures/src/runtime/`), relative to the repository root:
/// written once with the parts any of them uses, instead of a copy in every fixture.
pub const FIXTURE_RUNTIME: &str = "fixtures/src/runtime";
/// How the fixtures' generated code reaches it (`Config::shared_runtime`).
const FIXTURE_RUNTIME_PATH: &str = "crate::runtime";
/// The module name a fixture may not take, since the shared runtime has it.
const FIXTURE_RUNTIME_MODULE: &str = "runtime";
/// The prefix of the generator's output that fixtures keep.
const GENERATED_PREFIX: &str = "src/generated/";

pub use generator::disk::Target;

/// The generated client's configuration and where its document lives.
#[derive(Debug, Clone)]
pub struct ClientSource {
    /// The parsed `generated-client/codegen.toml`.
    pub config: Config,
    /// The document's path (the config's `spec`, joined to the client directory).
    pub spec_path: PathBuf,
    /// The document's path relative to the repository root, for messages.
    pub spec_label: String,
}

/// Reads `generated-client/codegen.toml` under `root`.
pub fn client_source(root: &Path) -> Result<ClientSource, Error> {
    let config_path = root.join(CLIENT_DIR).join(CLIENT_CONFIG);
    let text = fs::read_to_string(&config_path).map_err(|e| Error::io("read", &config_path, e))?;
    let config = Config::from_toml(&text).map_err(|e| Error::Failed(format!("{CLIENT_DIR}/{CLIENT_CONFIG}: {e}")))?;
    let Some(spec) = config.spec.as_deref() else {
        return Err(Error::Failed(format!(
            "{CLIENT_DIR}/{CLIENT_CONFIG} names no `spec` (the path of the OpenAPI document)"
        )));
    };
    let relative = Path::new(CLIENT_DIR).join(spec);
    Ok(ClientSource { spec_path: root.join(&relative), spec_label: label(&relative), config })
}

/// Generates `generated-client/` from `document`, with the public API of what it generates;
/// `origin` says where the document came from (a path or a URL) in the error message.
pub fn client_target(
    root: &Path,
    source: &ClientSource,
    document: &[u8],
    origin: &str,
) -> Result<(Target, Surface), Error> {
    let files = generator::generate(document, &source.config)
        .map_err(|e| Error::Failed(format!("{CLIENT_DIR}: cannot generate from {origin}: {e}")))?;
    let target = Target {
        name: CLIENT_DIR.to_owned(),
        dir: root.join(CLIENT_DIR),
        label: CLIENT_DIR.to_owned(),
        owned_dirs: files.owned_dirs().iter().map(|d| (*d).to_owned()).collect(),
        files: files.iter().map(|(path, contents)| (path.to_owned(), contents.to_owned())).collect(),
    };
    Ok((target, files.surface().clone()))
}

/// The committed document as a target of its own, holding `document`: used by
/// `regenerate --url` to write (or check) the downloaded document like any generated file.
pub fn spec_target(source: &ClientSource, document: String, origin: &str) -> Result<Target, Error> {
    let (Some(dir), Some(file)) = (source.spec_path.parent(), source.spec_path.file_name()) else {
        return Err(Error::Failed(format!("{CLIENT_DIR}/{CLIENT_CONFIG}: `spec` is not a file path")));
    };
    let label =
        Path::new(&source.spec_label).parent().map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
    Ok(Target {
        name: format!("{} (from {origin})", source.spec_label),
        dir: dir.to_owned(),
        label,
        files: BTreeMap::from([(file.to_string_lossy().into_owned(), document)]),
        owned_dirs: Vec::new(),
    })
}

/// One document of `fixtures/documents/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixture {
    /// The file stem, as written (`-` and `_` kept).
    pub name: String,
    /// The document.
    pub path: PathBuf,
}

impl Fixture {
    /// The Rust module the fixture's code goes to: the name with `-` replaced by `_`.
    pub fn module(&self) -> String {
        self.name.replace('-', "_")
    }
}

/// The fixture documents (`*.yaml`, `*.yml`, `*.json`) under `root`, sorted by name.
/// No documents directory means no fixtures.
pub fn fixtures(root: &Path) -> Result<Vec<Fixture>, Error> {
    let dir = root.join(FIXTURE_DOCUMENTS);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io("list", &dir, e)),
    };
    let mut fixtures: Vec<Fixture> = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io("list", &dir, e))?.path();
        let is_document = matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json"));
        if !is_document || !path.is_file() {
            continue;
        }
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            return Err(Error::Failed(format!("{}: a fixture name must be UTF-8", path.display())));
        };
        let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !valid {
            return Err(Error::Failed(format!(
                "{FIXTURE_DOCUMENTS}/{}: a fixture name must start with a letter and hold only \
                 letters, digits, `-` and `_` (it becomes a module name)",
                path.file_name().unwrap_or_default().to_string_lossy()
            )));
        }
        fixtures.push(Fixture { name: name.to_owned(), path });
    }
    if let Some(taken) = fixtures.iter().find(|f| f.module() == FIXTURE_RUNTIME_MODULE) {
        return Err(Error::Failed(format!(
            "{}: a fixture cannot be called `{FIXTURE_RUNTIME_MODULE}`: {FIXTURE_RUNTIME}/ holds the runtime the fixtures share",
            taken.path.display()
        )));
    }
    fixtures.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.path.cmp(&b.path)));
    for pair in fixtures.windows(2) {
        if pair[0].module() == pair[1].module() {
            return Err(Error::Failed(format!(
                "{} and {} would both be generated into {FIXTURE_SOURCES}/{}/",
                pair[0].path.display(),
                pair[1].path.display(),
                pair[0].module()
            )));
        }
    }
    Ok(fixtures)
}

/// Generates one fixture: the `src/generated/` part of the crate generated with
/// `Config::new("fixture-<name>")` and the shared runtime at `crate::runtime`, moved to
/// `fixtures/src/<module>/`; and the runtime parts it uses (see [`fixture_runtime_target`]).
pub fn fixture_target(root: &Path, fixture: &Fixture) -> Result<(Target, RuntimePlan), Error> {
    let document = fs::read(&fixture.path).map_err(|e| Error::io("read", &fixture.path, e))?;
    let config = fixture_config(fixture)?;
    let document_label =
        format!("{FIXTURE_DOCUMENTS}/{}", fixture.path.file_name().unwrap_or_default().to_string_lossy());
    let files = generator::generate(&document, &config).map_err(|e| {
        Error::Failed(format!("fixture `{}`: cannot generate from {document_label}: {e}", fixture.name))
    })?;
    let label = format!("{FIXTURE_SOURCES}/{}", fixture.module());
    let target = Target {
        name: label.clone(),
        dir: root.join(FIXTURE_SOURCES).join(fixture.module()),
        label,
        files: files
            .iter()
            .filter_map(|(path, contents)| {
                let inner = path.strip_prefix(GENERATED_PREFIX)?;
                Some((inner.to_owned(), contents.to_owned()))
            })
            .collect(),
        owned_dirs: vec![String::new()],
    };
    Ok((target, files.runtime_plan().clone()))
}

/// The configuration a fixture is generated with: the options of `<name>.codegen.toml`
/// beside its document when there is one (without `crate`: the name is the fixture's),
/// else the defaults; and the shared runtime.
pub fn fixture_config(fixture: &Fixture) -> Result<Config, Error> {
    let path = fixture.path.with_extension("codegen.toml");
    let options = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io("read", &path, e)),
    };
    let text = format!("crate = \"fixture-{}\"\n{options}", fixture.name);
    let mut config = Config::from_toml(&text).map_err(|e| Error::Failed(format!("{}: {e}", path.display())))?;
    config.shared_runtime = Some(FIXTURE_RUNTIME_PATH.to_owned());
    config.regenerate = Some("cargo xtask regenerate".to_owned());
    Ok(config)
}

/// The runtime the fixtures share, with `plan`: the union of the parts the fixtures use.
pub fn fixture_runtime_target(root: &Path, plan: &RuntimePlan) -> Target {
    let files = generator::runtime_module(plan);
    Target {
        name: FIXTURE_RUNTIME.to_owned(),
        dir: root.join(FIXTURE_RUNTIME),
        label: FIXTURE_RUNTIME.to_owned(),
        files: files.iter().map(|(path, contents)| (path.to_owned(), contents.to_owned())).collect(),
        owned_dirs: vec![String::new()],
    }
}

/// A relative path written with `/` and with `..` resolved lexically
/// (`generated-client/../spec/x.yaml` -> `spec/x.yaml`), for messages.
pub fn label(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::RootDir => parts.push(String::new()),
            Component::ParentDir => {
                if parts.last().is_some_and(|p| p != ".." && !p.is_empty()) {
                    parts.pop();
                } else {
                    parts.push("..".to_owned());
                }
            }
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    parts.join("/")
}
