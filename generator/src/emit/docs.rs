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

/// [`attrs`] of `docs` followed by `note` (a sentence the generator adds: the parameter's
/// name, the status): on the same line when the docs are one line, so each costs no lines of
/// its own; else a paragraph of its own.
pub(crate) fn with_note(docs: &Docs, note: &str) -> TokenStream {
    let text = docs.text.trim_end();
    let single = !text.is_empty() && !text.contains('\n') && !text.starts_with(['#', '>', '-', '*', '|', '`']);
    let text = if text.is_empty() {
        note.to_owned()
    } else if single {
        let stop = if text.ends_with(['.', '!', '?', ':']) { "" } else { "." };
        format!("{text}{stop} {note}")
    } else {
        format!("{text}\n\n{note}")
    };
    attrs(&Docs { text, deprecated: docs.deprecated })
}

/// Inner `//!` docs for a module.
pub(crate) fn inner_attrs(text: &str) -> TokenStream {
    let lines = sanitize(text);
    quote! { #( #![doc = #lines] )* }
}

/// Markdown from a document, made safe for rustdoc: code fences without a language (and
/// indented code blocks) would be compiled as Rust doctests, so fences get `text` and
/// indentation of four or more spaces outside fences is reduced to three. Lines that clippy's
/// doc lints take for a careless list or quote are made what they render as: a line right
/// after a block quote or a list item with no indentation gets a blank line before it (a
/// paragraph of its own); a line continuing a list item is indented to the item's text
/// (`doc_lazy_continuation` when less, `doc_overindented_list_items` when more).
pub(crate) fn sanitize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    // Whether the previous line outside fences opened or lazily continued a quote.
    let mut quote_open = false;
    // The column of the text of the list item the lines belong to, while they do.
    let mut item_text: Option<usize> = None;
    let mut after_blank = false;
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
        } else if trimmed.is_empty() {
            after_blank = true;
            quote_open = false;
            String::new()
        } else {
            let mut indent = (raw.len() - trimmed.len()).min(3);
            let marker = list_marker(trimmed);
            if trimmed.starts_with('>') {
                quote_open = true;
                item_text = None;
            } else if let Some(width) = marker {
                quote_open = false;
                item_text = Some(indent + width);
            } else if quote_open && indent == 0 {
                out.push(String::new());
                quote_open = false;
            } else if let Some(column) = item_text {
                match (after_blank, indent) {
                    // Not indented: the list is over, a paragraph begins.
                    (false, 0) => {
                        out.push(String::new());
                        item_text = None;
                    }
                    (true, 0) => item_text = None,
                    // After a blank line, less than the item's text: a paragraph after the list.
                    (true, indent_now) if indent_now < column => {
                        indent = 0;
                        item_text = None;
                    }
                    // A continuation of the item, lazy or not.
                    _ => indent = column,
                }
            }
            after_blank = false;
            format!("{}{}", " ".repeat(indent), trimmed.trim_end())
        };
        out.push(if line.is_empty() { String::new() } else { format!(" {line}") });
    }
    if in_fence {
        out.push(" ```".to_owned());
    }
    out
}

/// The width of the marker of a list item and the spaces after it (`- a` 2, `10. a` 4),
/// or `None` when the line is no list item.
fn list_marker(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    let marker = if digits > 0 {
        (rest.starts_with(". ") || rest.starts_with(") ")).then_some(digits + 1)?
    } else {
        (line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ")).then_some(1)?
    };
    // The text starts after one to four spaces; five or more make an indented code block of
    // the item, whose text then starts after one space.
    let spaces = line[marker..].bytes().take_while(|&b| b == b' ').count();
    Some(marker + if spaces > 4 { 1 } else { spaces })
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

    #[test]
    fn continuations_of_list_items_are_indented_to_the_items_text() {
        // Lazy (less than the text's column), then overindented after a blank line.
        assert_eq!(sanitize("  - a: |\n   more of a"), ["   - a: |", "     more of a"]);
        assert_eq!(sanitize("- a\n\n   \"uri\""), [" - a", "", "   \"uri\""]);
        assert_eq!(sanitize("1. a\n b"), [" 1. a", "    b"]);
        // After a blank line, less than the text's column: a paragraph after the list.
        assert_eq!(sanitize("10. a\n\n  b"), [" 10. a", "", " b"]);
        // A nested item is an item; its continuation follows it.
        assert_eq!(sanitize("- a\n  - b\n   c"), [" - a", "   - b", "     c"]);
    }
}
