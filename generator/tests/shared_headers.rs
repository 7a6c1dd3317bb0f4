//! Operations whose successes declare alike response headers share one struct of them (named
//! after the headers), with one `FromHead` and one set of accessors; an operation whose
//! headers no other has keeps a struct of its own name. Behind tag features the shared struct
//! is there with any of its operations' features.

use generator::{generate, Config, Files};

const DOCUMENT: &str = r##"
openapi: 3.0.3
info: { title: Headers, version: "1" }
components:
  headers:
    link: { description: Links to the other pages., schema: { type: string } }
paths:
  /pets:
    get:
      operationId: listPets
      tags: [pets]
      responses:
        "200": { description: pets, headers: { Link: { $ref: "#/components/headers/link" } } }
  /toys:
    get:
      operationId: listToys
      tags: [toys]
      responses:
        "200": { description: toys, headers: { Link: { $ref: "#/components/headers/link" } } }
  /toys/{id}:
    get:
      operationId: getToy
      tags: [toys]
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses:
        "200":
          description: a toy
          headers:
            Link: { $ref: "#/components/headers/link" }
            ETag: { required: true, schema: { type: string } }
"##;

fn generated(tag_features: bool) -> Files {
    let mut config = Config::new("headers");
    config.tag_features = tag_features;
    generate(DOCUMENT.as_bytes(), &config).unwrap_or_else(|e| panic!("{e}"))
}

fn file<'a>(files: &'a Files, name: &str) -> &'a str {
    files.get(&format!("src/generated/{name}")).unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn alike_headers_make_one_struct_named_after_them() {
    let files = generated(false);
    let types = file(&files, "types.rs");
    assert_eq!(types.matches("pub struct LinkResponseHeaders {").count(), 1, "{types}");
    assert!(types.contains("/// Headers of the success responses of `listPets` and `listToys`."), "{types}");
    assert!(!types.contains("ListPetsResponseHeaders") && !types.contains("ListToysResponseHeaders"), "{types}");
    // Other headers, another struct: the operation's own.
    assert!(types.contains("pub struct GetToyResponseHeaders {"), "{types}");

    let builder = file(&files, "builder.rs");
    assert_eq!(builder.matches("impl rt::FromHead for types::LinkResponseHeaders").count(), 1, "{builder}");
    assert_eq!(builder.matches("rt::CallResult<(), (), types::LinkResponseHeaders>").count(), 2, "{builder}");
    let client = file(&files, "client.rs");
    assert_eq!(client.matches("impl<T> rt::ResponseValue<T, types::LinkResponseHeaders>").count(), 1, "{client}");
}

#[test]
fn behind_tag_features_a_shared_struct_needs_any_of_its_operations() {
    let files = generated(true);
    let any = "#[cfg(any(feature = \"pets\", feature = \"toys\"))]";
    let types = file(&files, "types.rs");
    assert!(types.contains(&format!("{any}\n/// Headers of the success responses")), "{types}");
    assert!(file(&files, "builder.rs").contains(&format!("{any}\nimpl rt::FromHead for types::LinkResponseHeaders")));
    let client = file(&files, "client.rs");
    assert!(client.contains(&format!("{any}\nimpl<T> rt::ResponseValue<T, types::LinkResponseHeaders>")), "{client}");
    assert!(types.contains("#[cfg(feature = \"toys\")]\n/// Headers of the `getToy` success response."), "{types}");
}
