//! The generated modules as one file for `include!` (the `build.rs` mode): every `mod x;` is
//! inlined, and each file's inner attributes stay inner, inside its module.

use generator::{generate, Config};

const DOCUMENT: &str = "\
openapi: 3.0.3
info: {title: Tiny, version: '1', description: The tiny API.}
servers: [{url: 'https://tiny.example.com'}]
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, pattern: '^[a-z]+$'}}
      responses:
        '200':
          description: The item.
          content:
            application/json:
              schema: {type: object, properties: {name: {type: string}}}
";

#[test]
fn every_module_is_inline_and_keeps_its_inner_attributes() {
    let files = generate(DOCUMENT.as_bytes(), &Config::new("tiny")).expect("generates");
    let text = files.single_module("tiny").expect("one file");
    let file = syn::parse_file(&text).expect("parses");
    assert!(file.attrs.is_empty(), "include! takes no inner attributes at the top of the file");
    let [syn::Item::Mod(root)] = file.items.as_slice() else { panic!("one module: {text}") };
    assert_eq!(root.ident, "tiny");
    // No `mod x;` is left anywhere: each module has its items.
    fn all_inline(items: &[syn::Item], path: &str, found: &mut Vec<String>) {
        for item in items {
            if let syn::Item::Mod(module) = item {
                let here = format!("{path}::{}", module.ident);
                let (_, content) = module.content.as_ref().unwrap_or_else(|| panic!("{here} is not inline"));
                found.push(here.clone());
                all_inline(content, &here, found);
            }
        }
    }
    let mut modules = Vec::new();
    all_inline(&file.items, "", &mut modules);
    for expected in
        ["::tiny::builder", "::tiny::client", "::tiny::types", "::tiny::runtime", "::tiny::runtime::pattern"]
    {
        assert!(modules.iter().any(|m| m == expected), "{expected} in {modules:?}");
    }
    // The API's docs are the module's inner docs, the runtime's stay inside the runtime.
    assert!(text.contains("pub mod tiny {\n    //! Tiny"), "{}", &text[..200]);
    assert!(root.attrs.iter().all(|a| matches!(a.style, syn::AttrStyle::Inner(_))));
}
