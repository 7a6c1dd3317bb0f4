//! Which `pattern`s the generated client checks before sending.
//!
//! Documents write ECMA-262 patterns; the client checks them with `regex-lite`, whose syntax
//! agrees with ECMA-262 on the common part (classes, `\d`, `\w`, anchors, repetition, groups)
//! and lacks the rest (look-around, back-references, Unicode property classes). A pattern is
//! checked only when `regex-lite` reads it here, at generation time, so the generated client
//! never meets one it cannot compile; any other pattern is said to be unchecked in the docs of
//! the value, never dropped silently.

/// A pattern's fate: `Ok` with the note for a checked pattern, `Err` with the note saying
/// why it is not checked.
pub(super) fn admit(pattern: &str, what: &str) -> Result<String, String> {
    match regex_lite::Regex::new(pattern) {
        Ok(_) => Ok(format!("{what} must match `{pattern}` (checked before sending).")),
        Err(error) => {
            // regex-lite's message spans lines (the pattern, a caret, the reason): the last
            // line is the reason.
            let message = error.to_string();
            let reason = message.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or("unreadable").trim();
            Err(format!("{what} must match `{pattern}`; not checked by this client ({reason})."))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::admit;

    #[test]
    fn ecma_patterns_in_the_common_syntax_are_checked() {
        for pattern in [r"^[A-Z0-9]+$", r"^\d{3}-\d{4}$", r"^[\w.+-]+@[\w-]+\.[\w.]+$", r"^(?:a|b)*\/x$", r"\u00e9"] {
            assert!(admit(pattern, "The value").is_ok(), "{pattern}");
        }
    }

    #[test]
    fn patterns_regex_lite_cannot_read_are_documented_as_unchecked() {
        for pattern in [r"^(?=.*\d).{8,}$", r"^(a)\1$", r"^\p{L}+$"] {
            let note = admit(pattern, "The value").unwrap_err();
            assert!(note.contains("not checked by this client"), "{note}");
            assert!(note.contains(pattern), "{note}");
        }
    }
}
