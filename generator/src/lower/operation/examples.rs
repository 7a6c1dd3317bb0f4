//! The examples a media type object gives of its body: `example`, and the `value` of each
//! of its `examples` (a `$ref` to `components/examples` followed), and the `example` of its
//! schema (of the component a `$ref` names). An `externalValue` is another document, which
//! the generator does not read.

use openapiv3::{MediaType, OpenAPI};
use serde_json::Value;

use crate::lower::refs;
use crate::pointer;

/// `(pointer, value)` of each example of `media` (written at `at`), in document order.
pub(super) fn of_media(doc: &OpenAPI, media: &MediaType, at: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(schema) = &media.schema {
        let schema_at = pointer::join(at, &["schema"]);
        if let Ok(resolved) = refs::resolve(doc, schema, &schema_at) {
            if let Some(value) = &resolved.item.schema_data.example {
                out.push((pointer::join(&resolved.pointer, &["example"]), value.clone()));
            }
        }
    }
    if let Some(value) = &media.example {
        out.push((pointer::join(at, &["example"]), value.clone()));
    }
    for (name, example) in &media.examples {
        // A reference the document cannot resolve gives no example: examples are
        // documentation, and a broken one is no business of the generated code.
        let Ok(resolved) = refs::resolve(doc, example, &pointer::join(at, &["examples", name])) else { continue };
        if let Some(value) = &resolved.item.value {
            out.push((pointer::join(&resolved.pointer, &["value"]), value.clone()));
        }
    }
    out
}
