//! JSON pointers (RFC 6901), the way every error says where in the document it is.

/// Escapes one reference token: `~` -> `~0`, `/` -> `~1`.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// `base` extended by the given raw (unescaped) tokens.
pub(crate) fn join(base: &str, tokens: &[&str]) -> String {
    let mut out = base.to_owned();
    for token in tokens {
        out.push('/');
        out.push_str(&escape(token));
    }
    out
}

/// The JSON pointer of a local `$ref` (`#/components/schemas/A` -> `/components/schemas/A`),
/// or `None` for a reference to another document.
pub(crate) fn of_ref(reference: &str) -> Option<&str> {
    reference.strip_prefix('#')
}

/// Decodes a pointer into its raw tokens.
pub(crate) fn tokens(pointer: &str) -> Vec<String> {
    pointer.split('/').skip(1).map(|t| t.replace("~1", "/").replace("~0", "~")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_round_trips() {
        let p = join("/paths", &["/user-attributes/{id}", "get"]);
        assert_eq!(p, "/paths/~1user-attributes~1{id}/get");
        assert_eq!(tokens(&p), ["paths", "/user-attributes/{id}", "get"]);
        assert_eq!(escape("a~b"), "a~0b");
        assert_eq!(of_ref("#/components/schemas/A"), Some("/components/schemas/A"));
        assert_eq!(of_ref("other.yaml#/A"), None);
    }
}
