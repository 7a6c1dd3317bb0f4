//! Variant aliases and the variant parameter: how edge code tells the origin (and the Content
//! Delivery API) which variants a visitor gets.

use super::manifest::is_short_uid;

/// Prefix of every variant alias.
pub const ALIAS_PREFIX: &str = "cs_personalize";
/// Default name of the URL query parameter that carries the variant parameter to the origin.
pub const DEFAULT_VARIANT_QUERY_PARAM: &str = "personalize_variants";

/// `cs_personalize_<experience>_<variant>`
pub(crate) fn alias(experience: &str, variant: &str) -> String {
    format!("{ALIAS_PREFIX}_{experience}_{variant}")
}

/// Turns a variant parameter (`0_0,1_1`) back into variant aliases
/// (`["cs_personalize_0_0", "cs_personalize_1_1"]`), as the origin needs them for the Content
/// Delivery API.
///
/// The parameter arrives in a URL, which the visitor can write: a part that is not
/// `<experience>_<variant>` with short uids that pass [`is_short_uid`] (the variant may be
/// `null`) is skipped, so `""` gives no alias (the JS client returns `["cs_personalize_"]`) and
/// `0_0&x=1` none either.
///
/// ```
/// use contentstack_personalize_edge::session::variant_param_to_aliases;
/// assert_eq!(variant_param_to_aliases("0_0,1_1"), ["cs_personalize_0_0", "cs_personalize_1_1"]);
/// assert!(variant_param_to_aliases("").is_empty());
/// assert_eq!(variant_param_to_aliases("0_0,1_1_cs,2_x y"), ["cs_personalize_0_0"]);
/// ```
pub fn variant_param_to_aliases(param: &str) -> Vec<String> {
    param.split(',').filter(|part| parse_pair(part).is_some()).map(|part| format!("{ALIAS_PREFIX}_{part}")).collect()
}

/// `(experience, variant)` of an alias; the variant is `None` for `..._null` (no variant).
pub(crate) fn parse_alias(alias: &str) -> Option<(&str, Option<&str>)> {
    parse_pair(alias.strip_prefix(ALIAS_PREFIX)?.strip_prefix('_')?)
}

/// `(experience, variant)` of `<experience>_<variant>`, both short uids or the variant `null`.
fn parse_pair(pair: &str) -> Option<(&str, Option<&str>)> {
    let (experience, variant) = pair.split_once('_')?;
    if !is_short_uid(experience) || !(variant == "null" || is_short_uid(variant)) {
        return None;
    }
    Some((experience, (variant != "null").then_some(variant)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_parse_and_reject() {
        assert_eq!(parse_alias("cs_personalize_0_1"), Some(("0", Some("1"))));
        assert_eq!(parse_alias("cs_personalize_4_null"), Some(("4", None)));
        for bad in [
            "",
            "cs_personalize_",
            "cs_personalize_1",
            "cs_personalize__1",
            "cs_personalize_1_",
            "x_personalize_1_2",
            "cs_personalize_1_2_3",
            "cs_personalize_1&x=1_2",
            "cs_personalize_1_2\r\n",
            "cs_personalize_1_2,3",
        ] {
            assert_eq!(parse_alias(bad), None, "{bad}");
        }
    }
}
