//! The variant parameter in a request URI: how edge code hands the visitor's variants to the
//! origin (`?personalize_variants=0_0%2C1_1`), and how the origin reads them back.
//!
//! The query string is the visitor's to write, so the edge must make sure the origin never
//! sees a value the visitor chose: every pair whose name *decodes* to the parameter's name is
//! removed (`personalize%5Fvariants=9_9` and `personalize_variants` without `=` included, as
//! a form decoder such as axum's `Query` would read them), and the edge's own pair is appended
//! last. Everything else is left byte for byte.

use percent_encoding::{percent_decode, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What is percent-encoded in the name and value written: everything but RFC 3986's
/// unreserved characters, so `0_0,1_1` goes out as `0_0%2C1_1`, which no query parser
/// splits or reads differently.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// `uri` with `name=value` (both percent-encoded) as its last query pair, and every pair the
/// visitor sent under `name` removed; the other pairs are kept byte for byte and in order
/// (empty ones, `a&&b`, are dropped). An empty `value` still writes `name=`, so the origin
/// can tell "no variant" from a visitor's value.
///
/// A URI with no path to carry a query (`*`, or the authority form of `CONNECT`) is returned
/// unchanged. Never panics: should the rebuilt URI not parse (it always does, being made of a
/// parsed URI's parts and percent-encoded text), the query is dropped rather than kept.
///
/// ```
/// use contentstack_personalize_edge::session::{variant_param_of, with_variant_param};
/// let uri: http::Uri = "/products?id=1&personalize_variants=9_9&q=a%20b".parse()?;
/// let forwarded = with_variant_param(&uri, "personalize_variants", "0_0,1_1");
/// assert_eq!(forwarded, "/products?id=1&q=a%20b&personalize_variants=0_0%2C1_1");
/// assert_eq!(variant_param_of(&forwarded, "personalize_variants").as_deref(), Some("0_0,1_1"));
/// # Ok::<(), http::uri::InvalidUri>(())
/// ```
pub fn with_variant_param(uri: &http::Uri, name: &str, value: &str) -> http::Uri {
    let path = uri.path();
    if uri.path_and_query().is_none() || !path.starts_with('/') {
        return uri.clone();
    }
    let ours = format!("{}={}", utf8_percent_encode(name, COMPONENT), utf8_percent_encode(value, COMPONENT));
    let mut query: Vec<&str> = pairs(uri).filter(|pair| !names(pair, name)).collect();
    query.push(&ours);
    let rebuilt = with_path_and_query(uri, &format!("{path}?{}", query.join("&")));
    // The fallbacks never keep a pair of the visitor's: ours alone, then no query at all.
    rebuilt
        .or_else(|| with_path_and_query(uri, &format!("{path}?{ours}")))
        .unwrap_or_else(|| with_path_and_query(uri, path).unwrap_or_else(|| http::Uri::from_static("/")))
}

/// The decoded value of the query pair `name` of `uri` (the last one, when there are several:
/// [`with_variant_param`] appends the edge's last), `None` without one. Decoding is a form
/// decoder's (`+` is a space, `%XX` a byte); bytes that are not UTF-8 become U+FFFD.
///
/// What the origin reads the variant parameter with, before
/// [`variant_param_to_aliases`](super::variant_param_to_aliases) checks its parts.
pub fn variant_param_of(uri: &http::Uri, name: &str) -> Option<String> {
    let pair = pairs(uri).filter(|pair| names(pair, name)).last()?;
    let value = pair.split_once('=').map_or("", |(_, value)| value);
    Some(String::from_utf8_lossy(&decode(value)).into_owned())
}

/// The non-empty `&`-separated pairs of the query.
fn pairs(uri: &http::Uri) -> impl Iterator<Item = &str> {
    uri.query().unwrap_or("").split('&').filter(|pair| !pair.is_empty())
}

/// Whether `pair`'s name decodes to `name`.
fn names(pair: &str, name: &str) -> bool {
    let raw = pair.split_once('=').map_or(pair, |(raw, _)| raw);
    decode(raw) == name.as_bytes()
}

/// A form decoder's reading of a query component: `+` is a space, then `%XX` escapes.
fn decode(text: &str) -> Vec<u8> {
    let spaced = text.replace('+', " ");
    percent_decode(spaced.as_bytes()).collect()
}

fn with_path_and_query(uri: &http::Uri, path_and_query: &str) -> Option<http::Uri> {
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(path_and_query.parse().ok()?);
    http::Uri::from_parts(parts).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NAME: &str = "personalize_variants";

    fn uri(text: &str) -> http::Uri {
        text.parse().expect("a valid URI")
    }

    #[test]
    fn the_visitors_pairs_go_and_ours_is_last() {
        let cases = [
            ("/", "/?personalize_variants=0_0%2C1_1"),
            ("/p?personalize_variants=9_9", "/p?personalize_variants=0_0%2C1_1"),
            ("/p?a=1&personalize_variants=9_9&b=%2C", "/p?a=1&b=%2C&personalize_variants=0_0%2C1_1"),
            ("/p?personalize%5Fvariants=9_9&personalize%5fvariants=8", "/p?personalize_variants=0_0%2C1_1"),
            ("/p?personalize_variants&x", "/p?x&personalize_variants=0_0%2C1_1"),
            ("/p?personalize_variants=1&personalize_variants=2", "/p?personalize_variants=0_0%2C1_1"),
            ("/p?a=1&&b=2&", "/p?a=1&b=2&personalize_variants=0_0%2C1_1"),
            (
                "/p?personalize_variantsX=1&Personalize_variants=2",
                "/p?personalize_variantsX=1&Personalize_variants=2&personalize_variants=0_0%2C1_1",
            ),
            (
                "https://shop.example.com:8443/p?x=1",
                "https://shop.example.com:8443/p?x=1&personalize_variants=0_0%2C1_1",
            ),
        ];
        for (before, after) in cases {
            assert_eq!(with_variant_param(&uri(before), NAME, "0_0,1_1"), after, "{before}");
        }
        assert_eq!(with_variant_param(&uri("/p?personalize_variants=9_9"), NAME, ""), "/p?personalize_variants=");
        let spaced = with_variant_param(&uri("/?my+param=1&my%20param=2&k=v"), "my param", "a&b=c+d");
        assert_eq!(spaced, "/?k=v&my%20param=a%26b%3Dc%2Bd");
        assert_eq!(variant_param_of(&spaced, "my param").as_deref(), Some("a&b=c+d"));
    }

    #[test]
    fn uris_without_a_path_stay_as_they_are() {
        for text in ["*", "example.com:443"] {
            assert_eq!(with_variant_param(&uri(text), NAME, "0_0"), uri(text), "{text}");
        }
    }

    #[test]
    fn the_value_is_decoded_from_the_last_pair() {
        assert_eq!(variant_param_of(&uri("/"), NAME), None);
        assert_eq!(variant_param_of(&uri("/?other=1"), NAME), None);
        assert_eq!(variant_param_of(&uri("/?personalize_variants"), NAME).as_deref(), Some(""));
        assert_eq!(
            variant_param_of(&uri("/?personalize_variants=1&personalize_variants=0_0%2C1_1"), NAME).as_deref(),
            Some("0_0,1_1")
        );
        assert_eq!(variant_param_of(&uri("/?personalize_variants=a+b%FF"), NAME).as_deref(), Some("a b\u{FFFD}"));
    }

    /// Query text a visitor could send (pairs and separators, escapes, our name among them).
    fn visitor_query() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just(NAME.to_owned()),
            Just("personalize%5Fvariants".to_owned()),
            Just("personalize%5fvariants".to_owned()),
            Just("=".to_owned()),
            Just("&".to_owned()),
            Just("+".to_owned()),
            "%[0-9A-Fa-f]{2}",
            "[a-zA-Z0-9_.~,;:@!$'()*/?-]{0,6}",
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn round_trips_and_no_visitor_value_survives(query in visitor_query(), value in "\\PC{0,16}") {
            let Ok(incoming) = format!("/page?{query}").parse::<http::Uri>() else { return Ok(()) };
            let forwarded = with_variant_param(&incoming, NAME, &value);
            prop_assert_eq!(variant_param_of(&forwarded, NAME), Some(value.clone()));
            // Exactly one pair decodes to the name: ours, last.
            let ours: Vec<&str> = pairs(&forwarded).filter(|pair| names(pair, NAME)).collect();
            prop_assert_eq!(ours.len(), 1);
            prop_assert_eq!(pairs(&forwarded).last(), ours.first().copied());
            // The visitor's other pairs are kept, byte for byte and in order.
            let kept: Vec<&str> = pairs(&incoming).filter(|pair| !names(pair, NAME)).collect();
            let others: Vec<&str> = pairs(&forwarded).filter(|pair| !names(pair, NAME)).collect();
            prop_assert_eq!(kept, others);
            prop_assert_eq!(forwarded.path(), "/page");
        }
    }
}
