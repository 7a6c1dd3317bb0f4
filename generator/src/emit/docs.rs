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
/// indentation of four or more spaces outside fences is reduced to three. A line right after
/// a block quote or a list item that continues it lazily (clippy's `doc_lazy_continuation`)
/// gets a blank line before it.
pub(crate) fn sanitize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    // Whether the previous line outside fences opened a quote or list item.
    let mut lazy_open = false;
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
            let quote_or_item = trimmed.starts_with('>') || is_list_item(trimmed);
            if lazy_open && indent == 0 && !trimmed.is_empty() && !quote_or_item {
                out.push(String::new());
                lazy_open = false;
            } else {
                lazy_open = quote_or_item || (lazy_open && !trimmed.is_empty());
            }
            format!("{}{}", " ".repeat(indent.min(3)), trimmed.trim_end())
        };
        out.push(if line.is_empty() { String::new() } else { format!(" {line}") });
    }
    if in_fence {
        out.push(" ```".to_owned());
    }
    out
}

/// `- a`, `* a`, `+ a`, `1. a`, `1) a`.
fn is_list_item(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 {
        rest.starts_with(". ") || rest.starts_with(") ")
    } else {
        line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ")
    }
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

    #[test]
    fn lazy_continuations_of_quotes_and_lists_become_paragraphs() {
        assert_eq!(sanitize("> Note\nText"), [" > Note", "", " Text"]);
        assert_eq!(sanitize("* a\n* b\nText\n  more"), [" * a", " * b", "", " Text", "   more"]);
        assert_eq!(sanitize("1. a\n   b"), [" 1. a", "    b"]);
        assert_eq!(sanitize("Plain\ntext"), [" Plain", " text"]);
    }
}
