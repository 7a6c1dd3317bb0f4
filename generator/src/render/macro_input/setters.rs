//! The builders' `setters!` tables laid out a setter a line, each after its docs, written
//! `///` again (prettyplease gives the attributes, `#[doc = "..."]`, and fills the entries).
//!
//! ```text
//! rt::setters! {
//!     /// Results per page.
//!     per_page(value: i64) = value,
//! }
//! ```

use super::{closing, entry_end, opens, tight};

/// `text` with each `setters! { .. }` laid out as above; the rest of it untouched.
pub(super) fn lay_out_setters(text: &str) -> String {
    if !text.contains("setters! {") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut block: Vec<&str> = Vec::new();
    let mut indent = String::new();
    for line in text.split_inclusive('\n') {
        if block.is_empty() {
            if !opens(line, "setters! {") {
                out.push_str(line);
                continue;
            }
            indent = line.chars().take_while(|c| c.is_whitespace()).collect();
        }
        block.push(line);
        if line.trim_end() == format!("{indent}}}") || (block.len() == 1 && line.trim_end().ends_with('}')) {
            out.push_str(&setters_block(&indent, &block).unwrap_or_else(|| block.concat()));
            block.clear();
        }
    }
    out.push_str(&block.concat());
    out
}

/// One `setters!` table laid out; `None` when its text is not the shape the macro takes.
fn setters_block(indent: &str, lines: &[&str]) -> Option<String> {
    let mut joined = String::new();
    for line in lines {
        let line = line.trim();
        // A chained call parted by prettyplease before its `.`.
        if !joined.is_empty() && !line.starts_with('.') {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    let open = joined.find('{')?;
    let close = joined.rfind('}')?;
    let (head, content) = (&joined[..=open], joined.get(open + 1..close)?);
    let mut out = format!("{indent}{head}\n");
    let mut rest = content.trim_start();
    while !rest.is_empty() {
        let end = if rest.starts_with("#[") { closing(rest, '[', ']')? + 1 } else { entry_end(rest) };
        let (item, after) = rest.split_at(end);
        // `////` would be a plain comment: such a line keeps its attribute.
        let doc = item.strip_prefix("#[doc = \"").and_then(|doc| doc.strip_suffix("\"]")).and_then(unescaped);
        match doc.filter(|doc| !doc.split('\n').any(|line| line.starts_with('/'))) {
            Some(doc) => {
                for line in doc.split('\n') {
                    out.push_str(&format!("{indent}    ///{line}\n"));
                }
            }
            None if item.starts_with("#[") => out.push_str(&format!("{indent}    {item}\n")),
            None => out.push_str(&format!("{indent}    {},\n", tight(item.trim()))),
        }
        rest = after.trim_start().strip_prefix(',').unwrap_or(after.trim_start()).trim_start();
    }
    out.push_str(&format!("{indent}}}\n"));
    Some(out)
}

/// The text of a string literal's contents, `None` for an escape other than the ones a
/// doc string has (then the attribute is kept as it is).
fn unescaped(literal: &str) -> Option<String> {
    let mut out = String::with_capacity(literal.len());
    let mut chars = literal.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                _ => return None,
            },
            '"' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::tidy_macro_input;

    #[test]
    fn setters_are_laid_out_a_line_each_after_their_docs() {
        let text = "impl A<'_> {\n    rt::setters! {\n        #[doc = \" Per \\\"page\\\".\"] per_page(value : i64) = value,\n        \
                    #[deprecated] cursor(value : impl Into < String >) = value.into(), labels(value : impl\n        \
                    IntoIterator < Item = impl Into < String >>) = value.into_iter().map(Into::into)\n        .collect(),\n    }\n    \
                    rt::limit_setters!();\n}\n";
        assert_eq!(
            tidy_macro_input(text),
            "impl A<'_> {\n    rt::setters! {\n        /// Per \"page\".\n        per_page(value: i64) = value,\n        \
             #[deprecated]\n        cursor(value: impl Into<String>) = value.into(),\n        \
             labels(value: impl IntoIterator<Item = impl Into<String>>) = value.into_iter().map(Into::into).collect(),\n    \
             }\n    rt::limit_setters!();\n}\n"
        );
    }
}
