//! Rust names from OpenAPI names.
//!
//! Rules (stated once, applied everywhere):
//! - types and variants are `UpperCamelCase`, fields, methods and parameters `snake_case` (heck);
//! - characters that cannot appear in an identifier split words; a name that is left empty
//!   becomes the fallback the caller gives (`Value3`, `field_2`, ...);
//! - a name starting with a digit gets a prefix (`V` for types, `_` for snake names);
//! - Rust keywords are escaped as raw identifiers (`r#type`), except those that cannot be
//!   raw (`self`, `super`, `crate`), which get a trailing `_`, and the type name `Self`,
//!   which is `SelfValue`;
//! - collisions in one scope are resolved by [`Scope::claim`]: the first claimant keeps the
//!   name, later ones get `2`, `3`, ... (`_2`, `_3` for snake names), in document order.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Words of a wire name: everything that is not alphanumeric separates words.
fn words(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// `UpperCamelCase` name, or `fallback` when `name` has no usable characters.
pub(crate) fn type_name(name: &str, fallback: &str) -> String {
    let mut out = words(name).to_upper_camel_case();
    if out.is_empty() {
        out = fallback.to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if out == "Self" {
        // `Self` cannot be an identifier, even raw; `Self_` could, but its collision
        // `Self_2` is not camel case (a `self` and a `Self` in one enum).
        out.push_str("Value");
    }
    out
}

/// `snake_case` name, or `fallback` when `name` has no usable characters.
pub(crate) fn snake_name(name: &str, fallback: &str) -> String {
    let mut out = words(name).to_snake_case();
    if out.is_empty() {
        out = fallback.to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// The identifier tokens for a name produced above (raw when it is a keyword).
pub(crate) fn ident(name: &str) -> proc_macro2::Ident {
    if NOT_RAW.contains(&name) {
        proc_macro2::Ident::new(&format!("{name}_"), proc_macro2::Span::call_site())
    } else if KEYWORDS.contains(&name) {
        proc_macro2::Ident::new_raw(name, proc_macro2::Span::call_site())
    } else {
        proc_macro2::Ident::new(name, proc_macro2::Span::call_site())
    }
}

/// One namespace (a module's types, a struct's fields, an enum's variants, ...).
#[derive(Debug, Default, Clone)]
pub(crate) struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` names are already taken.
    pub(crate) fn with_reserved(reserved: &[&str]) -> Self {
        Scope { taken: reserved.iter().map(|s| (*s).to_owned()).collect() }
    }

    /// Takes `name`, or the first free `name2`, `name3`, ... (`name_2` for snake names).
    pub(crate) fn claim(&mut self, name: &str) -> String {
        let snake = name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c == '_');
        let mut candidate = name.to_owned();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = if snake { format!("{name}_{n}") } else { format!("{name}{n}") };
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }

    /// Gives back a name claimed for a type that turned out not to be needed (it was the
    /// same as another), so the next claim of it gets it, as if it had never been taken.
    pub(crate) fn release(&mut self, name: &str) {
        self.taken.remove(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(type_name("activeVariants", "X"), "ActiveVariants");
        assert_eq!(type_name("IMPRESSION", "X"), "Impression");
        assert_eq!(type_name("2fa-method", "X"), "V2faMethod");
        assert_eq!(type_name("+", "Value1"), "Value1");
        assert_eq!(type_name("self", "X"), "SelfValue");
        assert_eq!(type_name("Self", "X"), "SelfValue");
        assert_eq!(snake_name("tags[]", "p"), "tags");
        assert_eq!(snake_name("x-cs-personalize-user-uid", "p"), "x_cs_personalize_user_uid");
        assert_eq!(snake_name("activeVariantShortUid", "p"), "active_variant_short_uid");
        assert_eq!(snake_name("1st", "p"), "_1st");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("plain").to_string(), "plain");
    }

    #[test]
    fn collisions_get_numbers_in_claim_order() {
        let mut s = Scope::with_reserved(&["send"]);
        assert_eq!(s.claim("send"), "send_2");
        assert_eq!(s.claim("foo_bar"), "foo_bar");
        assert_eq!(s.claim("foo_bar"), "foo_bar_2");
        assert_eq!(s.claim("Item"), "Item");
        assert_eq!(s.claim("Item"), "Item2");
        assert_eq!(s.claim("Item"), "Item3");
    }
}
