use std::collections::BTreeMap;

use crate::runtime_plan::RuntimePlan;
use crate::surface::Surface;

/// The files of a generated crate: relative path (with `/` separators) to contents.
///
/// Ordered by path so iteration, and therefore everything written from it, is deterministic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Files {
    files: BTreeMap<String, String>,
    runtime: RuntimePlan,
    surface: Surface,
}

impl Files {
    pub(crate) fn insert(&mut self, path: impl Into<String>, contents: String) {
        self.files.insert(path.into(), contents);
    }

    pub(crate) fn set_runtime_plan(&mut self, plan: RuntimePlan) {
        self.runtime = plan;
    }

    pub(crate) fn set_surface(&mut self, surface: Surface) {
        self.surface = surface;
    }

    /// The public API of the generated crate, to compare with another version's
    /// ([`Surface::changes`]).
    pub fn surface(&self) -> &Surface {
        &self.surface
    }

    /// The optional runtime parts the generated code uses (also when the runtime is shared,
    /// and so not among the files: see [`Config::shared_runtime`](crate::Config::shared_runtime)).
    pub fn runtime_plan(&self) -> &RuntimePlan {
        &self.runtime
    }

    /// The contents of the file at `path`, if the generator produced it.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// All files, ordered by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(p, c)| (p.as_str(), c.as_str()))
    }

    /// The generated modules (`src/generated/`, the runtime included) as one file holding
    /// `pub mod <module> { ... }`, for a build script to write and a crate to `include!`
    /// (see [`build_script`](crate::build_script)).
    pub fn single_module(&self, module: &str) -> Result<String, crate::Error> {
        crate::single_file::single_file(self, module)
    }

    /// Directories (relative, `/`-separated) whose whole contents belong to the generator:
    /// a file found there that is not in this set is stale and may be deleted.
    pub fn owned_dirs(&self) -> &'static [&'static str] {
        &["src/generated"]
    }
}
