//! The macro calls of a formatted file, whose input prettyplease writes like text: it fills
//! it, parting `optional macos = "MACOS"` across lines, and spaces its tokens (`Minus1(- 1)`,
//! `403..= 404`, `Vec < String >`).
//!
//! The runtime's tables after the types are laid out again from their text (`tables.rs`), and
//! so are the builders' `setters!` (`setters.rs`); in the status patterns of
//! `matches!(status, ..)`, `403..= 404` is written `403..=404`. What both layouts share is
//! here: reading an entry's text (strings skipped) and taking prettyplease's spaces out of it.

mod setters;
mod tables;

/// `text` with every table and setter list laid out and every status pattern joined as
/// above; the rest of it untouched.
pub(super) fn tidy_macro_input(text: &str) -> String {
    tables::lay_out_tables(&setters::lay_out_setters(&joined_status_ranges(text)))
}

/// `matches!(status, 200 | 403..=404)` for prettyplease's `403..= 404`, on the lines of the
/// status patterns only (a range elsewhere is written by prettyplease itself).
fn joined_status_ranges(text: &str) -> String {
    if !text.contains("..= ") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        match line.find("matches!(status, ") {
            Some(at) if !line.trim_start().starts_with("//") => {
                out.push_str(&line[..at]);
                out.push_str(&line[at..].replace("..= ", "..="));
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Whether a line opens the call of `name` (`object_impls!(`, `setters! {`) as a statement
/// or an item `path::to::name`, not a comment or a string that names it.
fn opens(line: &str, name: &str) -> bool {
    let code = line.trim_start();
    code.find(name).is_some_and(|at| code[..at].chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'))
}

/// Where the `open`..`close` bracket that `text` starts with closes (strings skipped).
fn closing(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => skip_string(&mut chars),
            c if c == open => depth += 1,
            c if c == close => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// Where an entry ends: at its first comma outside strings and brackets, or at the end.
fn entry_end(text: &str) -> usize {
    let mut depth = 0usize;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => skip_string(&mut chars),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => return at,
            _ => {}
        }
    }
    text.len()
}

/// The entries of a list, split at the commas outside strings and brackets.
fn split_entries(mut text: &str) -> Vec<&str> {
    let mut entries = Vec::new();
    while !text.trim().is_empty() {
        let end = entry_end(text);
        entries.push(text[..end].trim());
        text = text.get(end + 1..).unwrap_or_default();
    }
    entries.retain(|entry| !entry.is_empty());
    entries
}

/// Past the rest of a string literal whose opening quote was just read.
fn skip_string(chars: &mut std::str::CharIndices<'_>) {
    while let Some((_, c)) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '"' => return,
            _ => {}
        }
    }
}

/// An entry's text without the spaces prettyplease puts inside tokens, outside strings:
/// `id: Vec<String>` for `id : Vec < String >`, `f(value: i64)` for `f( value : i64 )`
/// (a line break joined back), `Minus1(-1)` for `Minus1(- 1)`. An entry has no comparison
/// and no subtraction.
fn tight(entry: &str) -> String {
    let mut out = String::with_capacity(entry.len());
    let mut chars = entry.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => in_string = !in_string,
            '\\' if in_string => {
                out.push(c);
                if let Some(escaped) = chars.next() {
                    out.push(escaped);
                }
                continue;
            }
            ' ' if !in_string => {
                let next = chars.peek().copied();
                let after_opening = out.ends_with('<') || out.ends_with('(') || out.ends_with("(-");
                let before_closing = matches!(next, Some('<' | '>' | ')'));
                // `id : u64`, a lone colon (a path's `::` is written joined).
                let lone_colon = next == Some(':') && chars.clone().nth(1) == Some(' ');
                if after_opening || before_closing || lone_colon {
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tidy_macro_input;

    #[test]
    fn status_ranges_are_joined_in_status_patterns_only() {
        let text = "let r = call.send(|status| matches!(status, 200 | 403..= 404)).await?;\n\
                    /// matches!(status, 1..= 2)\nlet s = \"..= \";\n";
        assert_eq!(
            tidy_macro_input(text),
            "let r = call.send(|status| matches!(status, 200 | 403..=404)).await?;\n\
             /// matches!(status, 1..= 2)\nlet s = \"..= \";\n"
        );
    }
}
