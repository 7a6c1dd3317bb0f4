//! The manifest as the session keeps it: the JSON the Edge API (or the manifest cookie) gave,
//! with every experience and variant short uid checked, and its typed view.
//!
//! Short uids end up in variant aliases (`cs_personalize_<experience>_<variant>`), in the variant
//! parameter the origin receives (`<experience>_<variant>,...`), in events and in a cookie. The
//! manifest cookie is visitor input and an answer may come from a misconfigured proxy, so a short
//! uid is only taken when it is made of the characters the API uses ([`is_short_uid`]); anything
//! else is dropped here, before it can reach an alias, a parameter or an event.

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::types::Manifest;

/// The longest short uid taken. The API's short uids are small decimal numbers (`"0"`, `"12"`).
const MAX_SHORT_UID_BYTES: usize = 64;

/// Whether `value` can be an experience or variant short uid: 1 to 64 ASCII letters, digits
/// or `-`. The API's short uids are decimal numbers; letters and `-` leave room for other forms,
/// while `_` (which separates the parts of an alias), `,` (which separates the pairs of the
/// variant parameter), `&`, `=`, spaces, quotes and control characters can never get through.
pub fn is_short_uid(value: &str) -> bool {
    (1..=MAX_SHORT_UID_BYTES).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A checked manifest: the JSON object as received (minus what failed the checks), in its wire
/// order, and the typed [`Manifest`] read from it.
#[derive(Debug, Clone)]
pub(crate) struct CheckedManifest {
    pub(crate) json: Map<String, Value>,
    pub(crate) typed: Manifest,
}

impl CheckedManifest {
    /// The manifest of a session that has none (a degraded session): no experiences.
    pub(crate) fn empty() -> Self {
        let mut json = Map::new();
        json.insert("experiences".to_owned(), Value::Array(Vec::new()));
        Self::with_typed_view(json).expect("an empty manifest decodes")
    }

    /// The manifest `json` and its typed view, read without copying it; `None` when it is not a
    /// manifest.
    fn with_typed_view(json: Map<String, Value>) -> Option<Self> {
        let json = Value::Object(json);
        let typed = Manifest::deserialize(&json).ok()?;
        let Value::Object(json) = json else { return None };
        Some(CheckedManifest { json, typed })
    }

    /// Checks a manifest answer of the Edge API. `None` when it is not a manifest at all.
    pub(crate) fn from_answer(body: &[u8]) -> Option<Self> {
        let json = serde_json::from_slice(body).ok()?;
        Self::check(json, "the Edge API's answer", Unusable::Drop)
    }

    /// Reads a manifest cookie in either format the JS client knows: the current one
    /// (`{"experiences":[...]}`) or the old one (`{"activeVariants":{"<exp>":"<variant>"}}`),
    /// whose experiences are rebuilt from the map in key order. `None` when it is neither, or
    /// when any short uid in it is not usable: a cookie we (or the JS client) wrote never has
    /// one, so it was forged or broken, and a fresh manifest is better than what is left of it.
    pub(crate) fn from_cookie(value: &str) -> Option<Self> {
        let mut json: Value = serde_json::from_str(value).ok()?;
        let object = json.as_object_mut()?;
        if !object.contains_key("experiences") {
            // The JS client walks the map in its own key order (integer-like keys first,
            // ascending), which is the order `to_json_js_order` writes: read that back.
            let active = crate::runtime::to_json_js_order(object.get("activeVariants")?.as_object()?).ok()?;
            let experiences: Vec<Value> = serde_json::from_str::<Map<String, Value>>(&active)
                .ok()?
                .iter()
                .map(|(exp, variant)| serde_json::json!({ "shortUid": exp, "activeVariantShortUid": variant }))
                .collect();
            object.insert("experiences".to_owned(), Value::Array(experiences));
        }
        Self::check(json, "the manifest cookie", Unusable::Refuse)
    }

    // Without `tracing` `source` only names what is dropped in a log line that is not written.
    #[cfg_attr(not(feature = "tracing"), allow(unused_variables))]
    fn check(json: Value, source: &str, unusable: Unusable) -> Option<Self> {
        let Value::Object(mut json) = json else { return None };
        let mut dropped = false;
        if let Some(Value::Array(experiences)) = json.get_mut("experiences") {
            experiences.retain(|experience| {
                let usable = usable_experience(experience);
                if !usable {
                    #[cfg(feature = "tracing")]
                    tracing::debug!("dropping an experience of {source} whose short uids are not usable: {experience}");
                    dropped = true;
                }
                usable
            });
        }
        if let Some(Value::Object(active)) = json.get_mut("activeVariants") {
            active.retain(|experience, variant| {
                let usable = is_short_uid(experience) && usable_variant(variant);
                if !usable {
                    #[cfg(feature = "tracing")]
                    tracing::debug!("dropping an `activeVariants` entry of {source} that is not usable: {experience}");
                    dropped = true;
                }
                usable
            });
        }
        if dropped && unusable == Unusable::Refuse {
            return None;
        }
        Self::with_typed_view(json)
    }
}

/// What to do with a manifest that has unusable short uids.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unusable {
    /// Keep the manifest without them (an answer of the API: there is no other manifest).
    Drop,
    /// Refuse the whole manifest (a cookie: the API can be asked instead).
    Refuse,
}

fn usable_experience(experience: &Value) -> bool {
    let short_uid = experience.get("shortUid").and_then(Value::as_str);
    short_uid.is_some_and(is_short_uid) && experience.get("activeVariantShortUid").is_some_and(usable_variant)
}

/// A variant short uid, or `null` (no active variant).
fn usable_variant(variant: &Value) -> bool {
    match variant {
        Value::Null => true,
        Value::String(short_uid) => is_short_uid(short_uid),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_uids_are_letters_digits_and_dashes() {
        for good in ["0", "12", "a-B-9", &"7".repeat(64)] {
            assert!(is_short_uid(good), "{good}");
        }
        for bad in ["", "1_2", "1,2", "1&x=1", "1\r\n", " 1", "\"", "é", &"7".repeat(65)] {
            assert!(!is_short_uid(bad), "{bad:?}");
        }
    }

    const FORGED: &str = r#"{"experiences":[{"shortUid":"1&x=1\r\n","activeVariantShortUid":"0"},{"shortUid":"2","activeVariantShortUid":"1_cs_personalize_9_9"},{"shortUid":"3","activeVariantShortUid":"4"},{"shortUid":"5","activeVariantShortUid":null}],"activeVariants":{"3":"4","6":"1,7_7"}}"#;

    #[test]
    fn forged_short_uids_in_an_answer_are_dropped_before_they_reach_anything() {
        let manifest = CheckedManifest::from_answer(FORGED.as_bytes()).expect("a manifest");
        let kept: Vec<_> = manifest.typed.experiences.iter().map(|e| e.short_uid.as_str()).collect();
        assert_eq!(kept, ["3", "5"]);
        assert_eq!(manifest.json["experiences"].as_array().map(Vec::len), Some(2));
        assert_eq!(manifest.json["activeVariants"], serde_json::json!({"3": "4"}));
    }

    #[test]
    fn a_cookie_with_a_forged_short_uid_is_refused_whole() {
        assert!(CheckedManifest::from_cookie(FORGED).is_none());
        let partly = r#"{"experiences":[{"shortUid":"3","activeVariantShortUid":"4"},{"shortUid":"x y","activeVariantShortUid":null}]}"#;
        assert!(CheckedManifest::from_cookie(partly).is_none());
    }

    #[test]
    fn the_legacy_cookie_is_rebuilt_and_checked() {
        let manifest = CheckedManifest::from_cookie(r#"{"activeVariants":{"3":null,"0":"1"}}"#).expect("manifest");
        let pairs: Vec<_> = manifest
            .typed
            .experiences
            .iter()
            .map(|e| (e.short_uid.as_str(), e.active_variant_short_uid.as_deref()))
            .collect();
        assert_eq!(pairs, [("0", Some("1")), ("3", None)]);
    }

    #[test]
    fn what_is_not_a_manifest_is_none() {
        for value in ["", "[]", "{}", "{\"experiences\":3}", "not json", "{\"activeVariants\":[]}"] {
            assert!(CheckedManifest::from_cookie(value).is_none(), "{value}");
        }
    }
}
