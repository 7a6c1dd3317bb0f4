//! Which runtime a generated crate gets: only the modules its document uses, or none when
//! it shares one (`Config::shared_runtime`).

use std::path::{Path, PathBuf};

use generator::{generate, runtime_module, Config, Files, RuntimeFeature, RuntimePlan};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn edge() -> Files {
    let root = root();
    let config_text = std::fs::read_to_string(root.join("generated-client/codegen.toml")).expect("read codegen.toml");
    let config = Config::from_toml(&config_text).unwrap_or_else(|e| panic!("{e}"));
    let document = std::fs::read(root.join("spec/personalize-edge.openapi.yaml")).expect("read the Edge document");
    generate(&document, &config).unwrap_or_else(|e| panic!("{e}"))
}

fn fixture(name: &str, config: &Config) -> Files {
    let path = root().join("fixtures/documents").join(format!("{name}.yaml"));
    let document = std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    generate(&document, config).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn runtime_files(files: &Files) -> Vec<&str> {
    files.iter().filter_map(|(path, _)| path.strip_prefix("src/generated/runtime/")).collect()
}

const OPTIONAL: [&str; 8] =
    ["body.rs", "style.rs", "security.rs", "pattern.rs", "formats.rs", "chrono.rs", "time.rs", "uuid.rs"];

#[test]
fn the_edge_crate_gets_only_the_wire_enum_runtime_module() {
    let files = edge();
    let runtime = runtime_files(&files);
    for optional in OPTIONAL {
        assert!(!runtime.contains(&optional), "{optional} in {runtime:?}");
    }
    assert!(runtime.contains(&"mod.rs") && runtime.contains(&"request.rs"), "{runtime:?}");
    let module = files.get("src/generated/runtime/mod.rs").expect("runtime/mod.rs");
    for name in ["body", "style", "security", "pattern", "formats", "chrono", "time", "uuid"] {
        assert!(!module.contains(&format!("mod {name};")), "mod {name} declared");
        assert!(!module.contains(&format!("use {name}::")), "{name} re-exported");
    }
    // Its string enums' impls are the one optional part it uses.
    assert!(runtime.contains(&"wire_enums.rs"), "{runtime:?}");
    let code = module.lines().filter(|line| !line.starts_with("//"));
    let marked = code.filter_map(|line| line.rsplit_once("codegen: only with ")).map(|(_, word)| word);
    assert!(marked.clone().all(|word| word == "enums"), "a line of a left-out part is kept");
    assert!(marked.count() > 0, "the wire enums' lines are left out");
    let cargo = files.get("Cargo.toml").expect("Cargo.toml");
    assert!(!cargo.contains("regex-lite"), "{cargo}");
    let plan = files.runtime_plan();
    for feature in RuntimeFeature::ALL {
        assert_eq!(plan.has(feature), feature == RuntimeFeature::Enums, "{}", feature.name());
    }
}

#[test]
fn a_document_with_forms_gets_the_body_and_style_modules() {
    let files = fixture("form_bodies", &Config::new("forms"));
    let runtime = runtime_files(&files);
    assert!(runtime.contains(&"body.rs") && runtime.contains(&"style.rs"), "{runtime:?}");
    assert!(!runtime.contains(&"security.rs"), "{runtime:?}");
    let module = files.get("src/generated/runtime/mod.rs").expect("runtime/mod.rs");
    assert!(module.contains("mod body;") && module.contains("pub use body::FilePart;"), "{module}");
    assert!(files.runtime_plan().has(RuntimeFeature::Bodies));
}

#[test]
fn a_document_with_credentials_gets_the_security_module() {
    let files = fixture("security", &Config::new("security"));
    assert!(runtime_files(&files).contains(&"security.rs"));
    assert!(files.runtime_plan().has(RuntimeFeature::Credentials));
}

#[test]
fn styled_parameters_get_the_style_module_alone() {
    let files = fixture("parameter_styles", &Config::new("styles"));
    let runtime = runtime_files(&files);
    assert!(runtime.contains(&"style.rs"), "{runtime:?}");
    assert!(!runtime.contains(&"body.rs") && !runtime.contains(&"security.rs"), "{runtime:?}");
}

#[test]
fn a_shared_runtime_is_reexported_instead_of_copied() {
    let mut config = Config::new("shared");
    config.shared_runtime = Some("crate::runtime".to_owned());
    let files = fixture("form_bodies", &config);
    assert!(runtime_files(&files).is_empty());
    let module = files.get("src/generated/mod.rs").expect("mod.rs");
    assert!(module.contains("pub use crate::runtime;"), "{module}");
    assert!(!module.contains("pub mod runtime;"), "{module}");
    // The plan still says what the shared runtime must hold.
    assert!(files.runtime_plan().has(RuntimeFeature::Bodies));

    config.shared_runtime = Some("crate::shared::rt".to_owned());
    let module = fixture("form_bodies", &config).get("src/generated/mod.rs").expect("mod.rs").to_owned();
    assert!(module.contains("pub use crate::shared::rt as runtime;"), "{module}");

    config.shared_runtime = Some("not a path".to_owned());
    let path = root().join("fixtures/documents/form_bodies.yaml");
    let error = generate(&std::fs::read(path).expect("read"), &config).expect_err("not a path");
    assert!(error.to_string().contains("shared-runtime"), "{error}");
}

#[test]
fn the_shared_runtime_module_holds_the_union_of_the_plans() {
    let mut plan = fixture("form_bodies", &Config::new("a")).runtime_plan().clone();
    plan.extend(fixture("security", &Config::new("b")).runtime_plan());
    let module = runtime_module(&plan);
    let names: Vec<&str> = module.iter().map(|(path, _)| path).collect();
    for expected in ["mod.rs", "body.rs", "style.rs", "security.rs", "pattern.rs", "error.rs"] {
        assert!(names.contains(&expected), "{expected} not in {names:?}");
    }
    let none = runtime_module(&RuntimePlan::default());
    assert!(none.get("body.rs").is_none() && none.get("mod.rs").is_some());
    assert!(none.iter().all(|(_, text)| text.starts_with("// @generated")));
}
