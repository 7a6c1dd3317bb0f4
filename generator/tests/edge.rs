use generator::{generate, Config};

#[test]
fn edge_generates() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let config = Config::from_toml(&std::fs::read_to_string(format!("{root}/generated-client/codegen.toml")).unwrap()).unwrap();
    let doc = std::fs::read(format!("{root}/spec/personalize-edge.openapi.yaml")).unwrap();
    let files = generate(&doc, &config).unwrap_or_else(|e| panic!("{e}"));
    if let Ok(dir) = std::env::var("DUMP_TO") {
        for (path, text) in files.iter() {
            let p = std::path::Path::new(&dir).join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
    }
}
