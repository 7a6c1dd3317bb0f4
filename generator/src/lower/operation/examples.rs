//! The examples a media type object gives of its body: `example`, and the `value` of each
//! of its `examples` (a `$ref` to `components/examples` followed), and the `example` of its
//! schema (of the component a `$ref` names). An `externalValue` is another document, which
//! the generator does not read.

use openapiv3::{Example, MediaType, OpenAPI, ReferenceOr};
use serde_json::Value;

use crate::pointer;

/// `(pointer, value)` of each example of `media` (written at `at`), in document order.
pub(super) fn of_media(doc: &OpenAPI, media: &MediaType, at: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(schema) = &media.schema {
        let schema_at = pointer::join(at, &["schema"]);
        if let Ok(resolved) = crate::lower::refs::resolve(doc, schema, &schema_at) {
            if let Some(value) = &resolved.item.schema_data.example {
                out.push((pointer::join(&resolved.pointer, &["example"]), value.clone()));
            }
        }
    }
    if let Some(value) = &media.example {
        out.push((pointer::join(at, &["example"]), value.clone()));
    }
    for (name, example) in &media.examples {
        let written = pointer::join(at, &["examples", name]);
        if let Some((example_at, Example { value: Some(value), .. })) = resolve(doc, example, written) {
            out.push((pointer::join(&example_at, &["value"]), value.clone()));
        }
    }
    out
}

/// The example a `$ref` chain ends at, and where it is written; `None` for a reference the
/// document cannot resolve (the examples are documentation: a broken one is not generated
/// code's business, and the document's other checks name it).
fn resolve<'d>(
    doc: &'d OpenAPI,
    mut example: &'d ReferenceOr<Example>,
    mut at: String,
) -> Option<(String, &'d Example)> {
    for _ in 0..crate::lower::refs::MAX_REF_CHAIN {
        match example {
            ReferenceOr::Item(item) => return Some((at, item)),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/examples/")?;
                let name = pointer::tokens(&format!("/{name}")).pop()?;
                example = doc.components.as_ref()?.examples.get(&name)?;
                at = pointer::join("/components/examples", &[&name]);
            }
        }
    }
    None
}
