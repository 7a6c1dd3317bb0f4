//! The builders' `setters!` tables and the client's `operations!` laid out an entry a line,
//! each after its docs, written `///` again (prettyplease gives the attributes,
//! `#[doc = "..."]`, and fills the entries).
//!
//! ```text
//! rt::setters! {
//!     /// Results per page.
//!     per_page(value: i64) = value,
//! }
//! rt::operations! {
//!     /// Sends `GET /repos/{owner}/{repo}`.
//!     repos_get(owner: impl Into<String>, repo: impl Into<String>) -> builder::ReposGet { page },
//! }
//! ```

use super::{closing, entry_end, opens, split_entries, tight};

/// The lists laid out so: the builders' setters and the client's operations.
const LISTS: [&str; 2] = ["setters! {", "operations! {"];

/// `text` with each `setters! { .. }` and `operations! { .. }` laid out as above; the rest
/// of it untouched.
pub(super) fn lay_out_setters(text: &str) -> String {
    if !LISTS.iter().any(|list| text.contains(list)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut block: Vec<&str> = Vec::new();
    let mut indent = String::new();
    for line in text.split_inclusive('\n') {
        if block.is_empty() {
            if !LISTS.iter().any(|list| opens(line, list)) {
                out.push_str(line);
                continue;
            }
            indent = line.chars().take_while(|c| c.is_whitespace()).collect();
        }
        block.push(line);
        // The list's own closing brace: at its indent, or on its first line.
        let first_closed = block.len() == 1 && line.find('{').and_then(|at| closing(&line[at..], '{', '}')).is_some();
        if line.trim_end() == format!("{indent}}}") || first_closed {
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
            None => out.push_str(&entry_lines(indent, &tight(item.trim()))),
        }
        rest = after.trim_start().strip_prefix(',').unwrap_or(after.trim_start()).trim_start();
    }
    out.push_str(&format!("{indent}}}\n"));
    Some(out)
}

/// The widest line an entry is written on, as rustfmt's.
const WIDTH: usize = 100;

/// One entry's lines: on one line when it fits in [`WIDTH`], else with its arguments (its
/// first parentheses) one a line, as rustfmt writes a long signature, and a list in braces
/// that still does not fit (the fields an operation leaves unset) filled on lines of its own.
fn entry_lines(indent: &str, entry: &str) -> String {
    let fits = |line: &str| line.len() <= WIDTH;
    let mut out = String::new();
    let mut last = entry;
    if !fits(&format!("{indent}    {entry},")) {
        let parentheses = entry.find('(').and_then(|open| Some((open, open + closing(&entry[open..], '(', ')')?)));
        if let Some((open, close)) = parentheses {
            let arguments = split_entries(&entry[open + 1..close]);
            if !arguments.is_empty() {
                out.push_str(&format!("{indent}    {}\n", &entry[..=open]));
                for argument in arguments {
                    out.push_str(&format!("{indent}        {argument},\n"));
                }
                last = &entry[close..];
            }
        }
    }
    let braces = last.strip_suffix('}').and_then(|text| Some((text, text.rfind('{')?)));
    match braces {
        Some((text, open)) if !fits(&format!("{indent}    {last},")) => {
            out.push_str(&format!("{indent}    {}\n", text[..=open].trim_end()));
            let mut line = String::new();
            for name in split_entries(&text[open + 1..]) {
                if !line.is_empty() && !fits(&format!("{indent}        {line} {name},")) {
                    out.push_str(&format!("{indent}        {line}\n"));
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(name);
                line.push(',');
            }
            out.push_str(&format!("{indent}        {line}\n{indent}    }},\n"));
        }
        _ => out.push_str(&format!("{indent}    {last},\n")),
    }
    out
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
             labels(\n            value: impl IntoIterator<Item = impl Into<String>>,\n        \
             ) = value.into_iter().map(Into::into).collect(),\n    }\n    rt::limit_setters!();\n}\n"
        );
    }

    #[test]
    fn operations_fit_in_a_hundred_columns_where_they_can() {
        let text = "impl Client {\n    rt::operations! {\n        #[doc = \" Get.\"] meta_root() -> MetaRoot, \
                    #[cfg(feature = \"repos\")] repos_get(owner : impl Into < String >, repo : impl Into <\n        \
                    String >) -> ReposGet { page }, issues_list_for_repo(owner : impl Into < String >, repo : impl\n        \
                    Into < String >) -> IssuesListForRepo { milestone, state, assignee, creator, mentioned, labels,\n        \
                    sort, direction, since, per_page, page },\n    }\n}\n";
        assert_eq!(
            tidy_macro_input(text),
            "impl Client {\n    rt::operations! {\n        /// Get.\n        meta_root() -> MetaRoot,\n        \
             #[cfg(feature = \"repos\")]\n        \
             repos_get(owner: impl Into<String>, repo: impl Into<String>) -> ReposGet { page },\n        \
             issues_list_for_repo(\n            owner: impl Into<String>,\n            repo: impl Into<String>,\n        \
             ) -> IssuesListForRepo {\n            \
             milestone, state, assignee, creator, mentioned, labels, sort, direction, since,\n            \
             per_page, page,\n        },\n    }\n}\n"
        );
    }
}
