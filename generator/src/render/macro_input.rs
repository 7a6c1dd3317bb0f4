//! The macro calls of a formatted file, whose input prettyplease writes like text: it fills
//! it, parting `optional macos = "MACOS"` across lines, and spaces its tokens (`Minus1(- 1)`,
//! `403..= 404`).
//!
//! The runtime's tables (`object_impls!` after each struct, `untagged_impls!`,
//! `string_enum_impls!` and `int_enum_impls!` after each enum) are laid out again from their
//! text: on one line when it fits, else their entries filled between a line with the name and
//! a line with what follows the entries, never an entry parted. In the status patterns of
//! `matches!(status, ..)`, `403..= 404` is written `403..=404`.
//!
//! ```text
//! rt::object_impls!(Breakdown {
//!     optional ubuntu = "UBUNTU", optional macos = "MACOS", optional windows = "WINDOWS",
//! } rest additional_properties);
//! ```

/// Lines are kept within this width where their entries allow (rustfmt's default).
const WIDTH: usize = 100;

const MACROS: &[&str] = &["object_impls!(", "untagged_impls!(", "string_enum_impls!(", "int_enum_impls!("];

/// `text` with every table laid out and every status pattern joined as above; the rest of
/// it untouched.
pub(super) fn tidy_macro_input(text: &str) -> String {
    let text = lay_out_setters(&joined_status_ranges(text));
    if !MACROS.iter().any(|name| text.contains(name)) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut table: Vec<&str> = Vec::new();
    for line in text.split_inclusive('\n') {
        if table.is_empty() && !starts_table(line) {
            out.push_str(line);
            continue;
        }
        table.push(line);
        if line.trim_end().ends_with(");") {
            out.push_str(&lay_out(&table).unwrap_or_else(|| table.concat()));
            table.clear();
        }
    }
    out.push_str(&table.concat());
    out
}

/// `text` with each builder's `setters! { .. }` laid out a setter a line, each after its
/// docs, written `///` again (prettyplease gives the attributes, `#[doc = "..."]`).
fn lay_out_setters(text: &str) -> String {
    if !text.contains("setters! {") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut block: Vec<&str> = Vec::new();
    for line in text.split_inclusive('\n') {
        if block.is_empty() && !starts_setters(line) {
            out.push_str(line);
            continue;
        }
        block.push(line);
        let indent: String = block[0].chars().take_while(|c| c.is_whitespace()).collect();
        if line.trim_end() == format!("{indent}}}") || (block.len() == 1 && line.trim_end().ends_with('}')) {
            out.push_str(&setters_block(&indent, &block).unwrap_or_else(|| block.concat()));
            block.clear();
        }
    }
    out.push_str(&block.concat());
    out
}

/// A line that opens a `setters!` table (`rt::setters! {`), not a comment that names one.
fn starts_setters(line: &str) -> bool {
    let code = line.trim_start();
    code.find("setters! {")
        .is_some_and(|at| code[..at].chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'))
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
            None => out.push_str(&format!("{indent}    {},\n", tight_parentheses(&tight_generics(item.trim())))),
        }
        rest = after.trim_start().strip_prefix(',').unwrap_or(after.trim_start()).trim_start();
    }
    out.push_str(&format!("{indent}}}\n"));
    Some(out)
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
                depth -= 1;
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

/// `f(value: i64)` where a line break joined back gave `f( value: i64 )`, outside strings.
fn tight_parentheses(entry: &str) -> String {
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
            ' ' if !in_string && (out.ends_with('(') || chars.peek() == Some(&')')) => continue,
            _ => {}
        }
        out.push(c);
    }
    out
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

/// A line that opens a table: a statement `path::to::object_impls!(`, not a comment or a
/// string that names one.
fn starts_table(line: &str) -> bool {
    let code = line.trim_start();
    MACROS.iter().any(|name| {
        code.find(name).is_some_and(|at| code[..at].chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'))
    })
}

/// One table, given as its formatted lines: `None` when its text is not the shape the
/// runtime's macros take (then it is left as it was).
fn lay_out(lines: &[&str]) -> Option<String> {
    let indent: String = lines[0].chars().take_while(|c| c.is_whitespace()).collect();
    let joined = lines.iter().map(|line| line.trim()).collect::<Vec<_>>().join(" ");
    let open = joined.find('(')?;
    let (call, input) = (&joined[..=open], joined[open + 1..].strip_suffix(");")?.trim());
    let brace = input.find('{')?;
    let name = input[..brace].trim();
    let (inner, tail) = split_at_closing_brace(&input[brace + 1..])?;
    let entries: Vec<String> =
        split_entries(inner).iter().map(|entry| tight_generics(&joined_negative(entry))).collect();
    let tail = match tail.trim() {
        "" => String::new(),
        tail => format!(" {tail}"),
    };
    let one_line = match entries.is_empty() {
        true => format!("{indent}{call}{name} {{}}{tail});\n"),
        false => format!("{indent}{call}{name} {{ {} }}{tail});\n", entries.join(", ")),
    };
    if entries.is_empty() || one_line.trim_end().chars().count() <= WIDTH {
        return Some(one_line);
    }
    let mut out = format!("{indent}{call}{name} {{\n");
    let inner_indent = format!("{indent}    ");
    let mut line = String::new();
    for entry in &entries {
        let piece = format!("{entry},");
        if !line.is_empty() && inner_indent.len() + line.chars().count() + 1 + piece.chars().count() > WIDTH {
            out.push_str(&format!("{inner_indent}{line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    out.push_str(&format!("{inner_indent}{line}\n{indent}}}{tail});\n"));
    Some(out)
}

/// The text up to the `}` that closes the entries, and the text after it.
fn split_at_closing_brace(text: &str) -> Option<(&str, &str)> {
    let mut depth = 0usize;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => skip_string(&mut chars),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            '}' if depth == 0 => return Some((&text[..at], &text[at + 1..])),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The entries between the braces, split at the commas outside strings and parentheses.
fn split_entries(text: &str) -> Vec<&str> {
    let mut entries = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => skip_string(&mut chars),
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                entries.push(text[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    entries.push(text[start..].trim());
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

/// `id: Vec<String>` for prettyplease's `id : Vec < String >` (the type of a `new`
/// parameter), outside strings: a table has no comparisons.
fn tight_generics(entry: &str) -> String {
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
            ' ' if !in_string && (out.ends_with('<') || matches!(chars.peek(), Some('<' | '>'))) => continue,
            // `id : u64`, a lone colon (a path's `::` is written joined).
            ' ' if !in_string && chars.peek() == Some(&':') && chars.clone().nth(1) == Some(' ') => continue,
            _ => {}
        }
        out.push(c);
    }
    out
}

/// `Minus1(-1)` for prettyplease's `Minus1(- 1)`, outside strings.
fn joined_negative(entry: &str) -> String {
    match entry.find('"') {
        None => entry.replace("(- ", "(-"),
        Some(_) => entry.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::tidy_macro_input;

    #[test]
    fn a_short_table_is_one_line_and_a_long_one_fills_whole_entries() {
        let text = "rt::object_impls!(\n    Short { required id, optional note\n    = \"Note\" } rest extra\n);\n\
                    /// rt::object_impls!(Doc { } )\n\
                    rt::string_enum_impls!(\n    Long { AlphaAlpha(\"alpha, alpha\"), BetaBeta(\"beta\"),\n    \
                    GammaGamma(\"gamma\"), DeltaDelta(\"delta\"), EpsilonEpsilon(\"epsilon\") } else Unknown\n);\n";
        assert_eq!(
            tidy_macro_input(text),
            "rt::object_impls!(Short { required id, optional note = \"Note\" } rest extra);\n\
             /// rt::object_impls!(Doc { } )\n\
             rt::string_enum_impls!(Long {\n    \
             AlphaAlpha(\"alpha, alpha\"), BetaBeta(\"beta\"), GammaGamma(\"gamma\"), DeltaDelta(\"delta\"),\n    \
             EpsilonEpsilon(\"epsilon\"),\n} else Unknown);\n"
        );
    }

    #[test]
    fn negative_values_of_an_integer_enum_s_table_are_joined_and_strings_are_not_touched() {
        let text = "rt::int_enum_impls!(Offset { Minus1(- 1), V0(0) } else Unknown);\n\
                    const A: &str = \"(- 1)\";\nx!((- 2));\n\
                    rt::object_impls!(Odd { required a = \"(- 1)\" });\n";
        assert_eq!(
            tidy_macro_input(text),
            "rt::int_enum_impls!(Offset { Minus1(-1), V0(0) } else Unknown);\n\
             const A: &str = \"(- 1)\";\nx!((- 2));\n\
             rt::object_impls!(Odd { required a = \"(- 1)\" });\n"
        );
    }

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

    #[test]
    fn the_types_of_a_table_lose_prettyplease_s_spaces_and_its_strings_keep_theirs() {
        let text = "rt::object_impls!(\n    T { required a : Vec < Option < Box < A > > >, required b : IndexMap < String, rt::X > = \"a < b : c\" }\n);\n";
        assert_eq!(
            tidy_macro_input(text),
            "rt::object_impls!(T {\n    required a: Vec<Option<Box<A>>>, required b: IndexMap<String, rt::X> = \"a < b : c\",\n});\n"
        );
    }

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

    #[test]
    fn an_empty_table_and_an_indented_one_keep_their_place() {
        let text = "    super::runtime::object_impls!(\n        Empty {  }\n    );\nfn f() {}\n";
        assert_eq!(tidy_macro_input(text), "    super::runtime::object_impls!(Empty {});\nfn f() {}\n");
    }
}
