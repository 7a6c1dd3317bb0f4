//! Which parts of the runtime a crate needs: decided from the model, so a crate copies only
//! the runtime modules its operations and types use (the Edge crate has no form, multipart,
//! styled parameter, cookie or credential, and gets none of `body.rs`, `style.rs`,
//! `security.rs`, `pattern.rs`).
//!
//! The runtime's `mod.rs` marks the lines that belong to an optional module with
//! `// codegen: only with <feature>`; [`RuntimePlan::mod_rs`] leaves out the lines of the
//! features a crate does not need.

use std::collections::BTreeSet;

use crate::model::{Api, BodyKind, Location, ParamEncoding, SchemeKind, TypeKind, Typed};

/// An optional part of the runtime: one module file and the `mod.rs` lines marked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RuntimeFeature {
    /// `body.rs`: form and multipart bodies, and a body chosen among several media types.
    Bodies,
    /// `style.rs`: parameters laid out in an OpenAPI `style`, and the `Cookie` header.
    Styles,
    /// `security.rs`: credentials of security schemes.
    Credentials,
    /// `pattern.rs`: `pattern` checks (and the regex engine in `Cargo.toml`).
    Patterns,
    /// `formats.rs`: the text of the typed string formats.
    Formats,
    /// `chrono.rs`: `date-time` and `date` over `chrono` (and the crate in `Cargo.toml`).
    Chrono,
    /// `time.rs`: `date-time` and `date` over `time` (and the crate in `Cargo.toml`).
    Time,
    /// `uuid.rs`: `uuid` over `uuid` (and the crate in `Cargo.toml`).
    Uuid,
    /// `wire_enums.rs`: the traits of string and integer enums.
    Enums,
}

impl RuntimeFeature {
    /// Every optional part, in the order of their names.
    pub const ALL: [RuntimeFeature; 9] = [
        RuntimeFeature::Bodies,
        RuntimeFeature::Chrono,
        RuntimeFeature::Credentials,
        RuntimeFeature::Enums,
        RuntimeFeature::Formats,
        RuntimeFeature::Patterns,
        RuntimeFeature::Styles,
        RuntimeFeature::Time,
        RuntimeFeature::Uuid,
    ];

    /// The word of the `// codegen: only with <feature>` mark.
    pub fn name(self) -> &'static str {
        match self {
            RuntimeFeature::Bodies => "bodies",
            RuntimeFeature::Styles => "styles",
            RuntimeFeature::Credentials => "credentials",
            RuntimeFeature::Patterns => "patterns",
            RuntimeFeature::Formats => "formats",
            RuntimeFeature::Chrono => "chrono",
            RuntimeFeature::Time => "time",
            RuntimeFeature::Uuid => "uuid",
            RuntimeFeature::Enums => "enums",
        }
    }

    /// The runtime file that only crates with this feature hold.
    pub fn file(self) -> &'static str {
        match self {
            RuntimeFeature::Bodies => "body.rs",
            RuntimeFeature::Styles => "style.rs",
            RuntimeFeature::Credentials => "security.rs",
            RuntimeFeature::Patterns => "pattern.rs",
            RuntimeFeature::Formats => "formats.rs",
            RuntimeFeature::Chrono => "chrono.rs",
            RuntimeFeature::Time => "time.rs",
            RuntimeFeature::Uuid => "uuid.rs",
            RuntimeFeature::Enums => "wire_enums.rs",
        }
    }

    /// The features this one's module uses (`body.rs` encodes form fields with `style.rs`,
    /// the format types read and write through `formats.rs`).
    fn requires(self) -> &'static [RuntimeFeature] {
        match self {
            RuntimeFeature::Bodies => &[RuntimeFeature::Styles],
            RuntimeFeature::Chrono | RuntimeFeature::Time | RuntimeFeature::Uuid => &[RuntimeFeature::Formats],
            _ => &[],
        }
    }

    /// Whether the crate's `Cargo.toml` gets dependencies with this feature: the table
    /// `[with-<name>]` of `generator/templates/crate/dependencies.toml`.
    pub(crate) fn has_dependencies(self) -> bool {
        matches!(self, RuntimeFeature::Patterns | RuntimeFeature::Chrono | RuntimeFeature::Time | RuntimeFeature::Uuid)
    }
}

/// The optional runtime parts one crate (or, as a union, several) needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuntimePlan {
    features: BTreeSet<RuntimeFeature>,
}

impl RuntimePlan {
    /// The parts `api` uses.
    pub(crate) fn of(api: &Api) -> Self {
        let mut plan = RuntimePlan::default();
        let bodies = api.operations.iter().filter_map(|op| op.body.as_ref()).any(|body| {
            // One media type of JSON, text or bytes is sent without `body.rs`.
            !body.alternatives.is_empty() || matches!(body.kind, BodyKind::Form { .. } | BodyKind::Multipart(_))
        });
        let params = api.operations.iter().flat_map(|op| &op.params);
        let styles = params
            .into_iter()
            .any(|p| p.location == Location::Cookie || matches!(p.encoding, ParamEncoding::Styled { .. }))
            || api
                .security_schemes
                .iter()
                .any(|s| matches!(s.kind, SchemeKind::ApiKey { location: Location::Cookie, .. }));
        let typed = api.typed_formats();
        let pairs = [
            (RuntimeFeature::Bodies, bodies),
            (RuntimeFeature::Styles, styles),
            (RuntimeFeature::Credentials, !api.security_schemes.is_empty()),
            (RuntimeFeature::Patterns, api.checks_patterns()),
            (RuntimeFeature::Chrono, typed.iter().any(|t| matches!(t, Typed::ChronoDateTime | Typed::ChronoDate))),
            (RuntimeFeature::Time, typed.iter().any(|t| matches!(t, Typed::TimeDateTime | Typed::TimeDate))),
            (RuntimeFeature::Uuid, typed.contains(&Typed::Uuid)),
            (
                RuntimeFeature::Enums,
                api.types.values().any(|t| matches!(t.kind, TypeKind::StringEnum { .. } | TypeKind::IntEnum { .. })),
            ),
        ];
        for (feature, used) in pairs {
            if used {
                plan.add(feature);
            }
        }
        plan
    }

    /// A plan with every optional part: the runtime as `generator/templates/runtime/` holds it.
    pub fn full() -> Self {
        let mut plan = RuntimePlan::default();
        for feature in RuntimeFeature::ALL {
            plan.add(feature);
        }
        plan
    }

    fn add(&mut self, feature: RuntimeFeature) {
        if self.features.insert(feature) {
            for required in feature.requires() {
                self.add(*required);
            }
        }
    }

    /// Adds the parts of `other` (the runtime shared by several crates needs all of theirs).
    pub fn extend(&mut self, other: &RuntimePlan) {
        self.features.extend(other.features.iter().copied());
    }

    /// Whether the plan includes `feature`.
    pub fn has(&self, feature: RuntimeFeature) -> bool {
        self.features.contains(&feature)
    }

    /// Whether the runtime file `name` (`body.rs`) is copied.
    pub(crate) fn keeps_file(&self, name: &str) -> bool {
        RuntimeFeature::ALL.iter().all(|f| f.file() != name || self.has(*f))
    }

    /// The runtime's `mod.rs` without the lines marked for features the plan leaves out.
    pub(crate) fn mod_rs(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut blank = false;
        for line in text.lines().filter(|line| self.keeps_line(line)) {
            // A group left empty would leave two blank lines in a row.
            if !(blank && line.is_empty()) {
                out.push_str(line);
                out.push('\n');
            }
            blank = line.is_empty();
        }
        out
    }

    fn keeps_line(&self, line: &str) -> bool {
        match line.rsplit_once(MARK) {
            Some((_, word)) => RuntimeFeature::ALL.iter().any(|f| f.name() == word.trim() && self.has(*f)),
            None => true,
        }
    }
}

/// The typed string formats' parts, which a runtime crate has as cargo features of their
/// names (see `runtime_crate.rs`).
pub(crate) const TYPED_FORMATS: [RuntimeFeature; 3] =
    [RuntimeFeature::Chrono, RuntimeFeature::Time, RuntimeFeature::Uuid];

/// Starts the end of a `mod.rs` line kept only with a feature: `// codegen: only with styles`.
pub(crate) const MARK: &str = "// codegen: only with ";

#[cfg(test)]
mod tests {
    use super::{RuntimeFeature, RuntimePlan, MARK};

    const MOD_RS: &str = include_str!("../templates/runtime/mod.rs");

    #[test]
    fn every_optional_module_has_its_lines_marked() {
        for feature in RuntimeFeature::ALL {
            let module = feature.file().trim_end_matches(".rs");
            let mark = format!("{MARK}{}", feature.name());
            let marked: Vec<&str> = MOD_RS.lines().filter(|line| line.ends_with(&mark)).collect();
            let declared = |line: &&&str| line.trim_start_matches("pub ").starts_with(&format!("mod {module};"));
            assert!(marked.iter().any(|line| declared(&line)), "{marked:?}");
            // No unmarked line names the module.
            for line in MOD_RS.lines().filter(|line| !line.starts_with("//") && !line.ends_with(&mark)) {
                assert!(!line.contains(&format!("{module}::")), "unmarked: {line}");
            }
        }
    }

    #[test]
    fn marks_name_known_features() {
        for line in MOD_RS.lines() {
            if let Some((_, word)) = line.rsplit_once(MARK) {
                assert!(RuntimeFeature::ALL.iter().any(|f| f.name() == word.trim()), "unknown mark: {line}");
            }
        }
    }

    #[test]
    fn a_runtime_without_optional_parts_mentions_none_of_them() {
        let text = RuntimePlan::default().mod_rs(MOD_RS);
        for line in text.lines().filter(|line| !line.starts_with("//")) {
            for module in ["body", "style", "security", "pattern", "formats", "chrono", "time", "uuid"] {
                assert!(!line.contains(&format!("{module};")) && !line.contains(&format!("{module}::")), "{line}");
            }
        }
        assert!(!text.contains("\n\n\n"), "no doubled blank lines");
        assert_eq!(RuntimePlan::full().mod_rs(MOD_RS), MOD_RS);
    }

    #[test]
    fn bodies_bring_styles() {
        let mut plan = RuntimePlan::default();
        plan.add(RuntimeFeature::Bodies);
        assert!(plan.has(RuntimeFeature::Styles));
        assert!(plan.keeps_file("style.rs") && plan.keeps_file("body.rs") && !plan.keeps_file("security.rs"));
    }
}
