//! `runtime::Pattern`: compiled once, searched (not fully matched) like ECMA-262, and an error
//! rather than a panic for a pattern it cannot compile.

use codegen_runtime::{Path, Pattern};

static DIGITS: Pattern = Pattern::new(r"^\d{3}$");

#[test]
fn a_matching_value_passes_and_another_is_refused_with_its_name() {
    assert!(DIGITS.check(&"code", "123").is_ok());
    let error = DIGITS.check(&"code", "12a").unwrap_err();
    assert_eq!(error.parameter(), "code");
    assert_eq!(error.reason(), r#""12a" does not match the pattern `^\d{3}$`"#);
    // Compiled once, checked many times.
    assert!(DIGITS.check(&"code", "999").is_ok());
}

#[test]
fn a_body_path_names_the_member() {
    let root = Path::Root("body");
    let field = Path::Field(&root, "items");
    let item = Path::Index(&field, 2);
    assert_eq!(DIGITS.check(&item, "x").unwrap_err().parameter(), "body.items[2]");
}

#[test]
fn an_unanchored_pattern_is_a_search() {
    static WORD: Pattern = Pattern::new("b+");
    assert!(WORD.check(&"q", "abbbc").is_ok());
    assert!(WORD.check(&"q", "ac").is_err());
    assert_eq!(WORD.source(), "b+");
}

#[test]
fn a_pattern_that_does_not_compile_refuses_every_value() {
    static LOOKAHEAD: Pattern = Pattern::new("(?=x)");
    let error = LOOKAHEAD.check(&"q", "x").unwrap_err();
    assert!(error.reason().contains("cannot be checked"), "{error}");
}
