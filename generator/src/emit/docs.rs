//! Document text -> `#[doc]` attributes that rustdoc renders and never runs.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Docs;

/// `#[doc = "..."]` lines (prettyplease prints them as `///`), plus `#[deprecated]`.
pub(crate) fn attrs(docs: &Docs) -> TokenStream {
    let lines = sanitize(&docs.text);
    let deprecated = docs.deprecated.then(|| quote!(#[deprecated]));
    quote! {
        #( #[doc = #lines] )*
        #deprecated
    }
}

/// Inner `//!` docs for a module.
pub(crate) fn inner_attrs(text: &str) -> TokenStream {
    let lines = sanitize(text);
    quote! { #( #![doc = #lines] )* }
}

/// Markdown from a document, made safe for rustdoc: code fences without a language (and
/// indented code blocks) would be compiled as Rust doctests, so fences get `text` and
/// indentation of four or more spaces outside fences is reduced to three.
pub(crate) fn sanitize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for raw in text.replace("\r\n", "\n").replace('\t', "    ").lines() {
        let trimmed = raw.trim_start();
        let line = if trimmed.starts_with("```") {
            let info = trimmed.trim_start_matches('`').trim();
            let opening = !in_fence;
            in_fence = !in_fence;
            if opening && (info.is_empty() || info == "rust") {
                "```text".to_owned()
            } else if opening {
                format!("```{info}")
            } else {
                "```".to_owned()
            }
        } else if in_fence {
            raw.to_owned()
        } else {
            let indent = raw.len() - trimmed.len();
            format!("{}{}", " ".repeat(indent.min(3)), trimmed.trim_end())
        };
        out.push(if line.is_empty() { String::new() } else { format!(" {line}") });
    }
    if in_fence {
        out.push(" ```".to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_and_indentation_never_become_doctests() {
        let lines = sanitize("Example:\n```\nlet x = 1;\n```\n\n    indented code\n```json\n{}");
        assert_eq!(
            lines,
            [" Example:", " ```text", " let x = 1;", " ```", "", "    indented code", " ```json", " {}", " ```"]
        );
    }
}
