//! The runtime's tables (`object_impls!` after each struct, `untagged_impls!`,
//! `string_enum_impls!` and `int_enum_impls!` after each enum), laid out again from their
//! text: on one line when it fits, else their entries filled between a line with the name and
//! a line with what follows the entries, never an entry parted.
//!
//! ```text
//! rt::object_impls!(Breakdown {
//!     optional ubuntu = "UBUNTU", optional macos = "MACOS", optional windows = "WINDOWS",
//! } rest additional_properties);
//! ```

use super::{closing, opens, split_entries, tight};

/// Lines are kept within this width where their entries allow (rustfmt's default).
const WIDTH: usize = 100;

const MACROS: &[&str] = &["object_impls!(", "untagged_impls!(", "string_enum_impls!(", "int_enum_impls!("];

/// `text` with every table laid out as above; the rest of it untouched.
pub(super) fn lay_out_tables(text: &str) -> String {
    if !MACROS.iter().any(|name| text.contains(name)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut table: Vec<&str> = Vec::new();
    for line in text.split_inclusive('\n') {
        if table.is_empty() && !MACROS.iter().any(|name| opens(line, name)) {
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

/// One table, given as its formatted lines: `None` when its text is not the shape the
/// runtime's macros take (then it is left as it was).
fn lay_out(lines: &[&str]) -> Option<String> {
    let indent: String = lines[0].chars().take_while(|c| c.is_whitespace()).collect();
    let joined = lines.iter().map(|line| line.trim()).collect::<Vec<_>>().join(" ");
    let open = joined.find('(')?;
    let (call, input) = (&joined[..=open], joined[open + 1..].strip_suffix(");")?.trim());
    let brace = input.find('{')?;
    let name = input[..brace].trim();
    let close = brace + closing(&input[brace..], '{', '}')?;
    let (inner, tail) = (&input[brace + 1..close], &input[close + 1..]);
    let entries: Vec<String> = split_entries(inner).iter().map(|entry| tight(entry)).collect();
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

#[cfg(test)]
mod tests {
    use super::super::tidy_macro_input;

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
    fn the_types_of_a_table_lose_prettyplease_s_spaces_and_its_strings_keep_theirs() {
        let text = "rt::object_impls!(\n    T { required a : Vec < Option < Box < A > > >, required b : IndexMap < String, rt::X > = \"a < b : c\" }\n);\n";
        assert_eq!(
            tidy_macro_input(text),
            "rt::object_impls!(T {\n    required a: Vec<Option<Box<A>>>, required b: IndexMap<String, rt::X> = \"a < b : c\",\n});\n"
        );
    }

    #[test]
    fn an_empty_table_and_an_indented_one_keep_their_place() {
        let text = "    super::runtime::object_impls!(\n        Empty {  }\n    );\nfn f() {}\n";
        assert_eq!(tidy_macro_input(text), "    super::runtime::object_impls!(Empty {});\nfn f() {}\n");
    }
}
