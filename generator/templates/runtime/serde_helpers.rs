//! Serde helpers named in the attributes of the generated types.

use ::serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional member that may also be `null`, as `Option<Option<T>>`: absent is `None`,
/// `null` is `Some(None)`, a value is `Some(Some(value))`, and each is written back as it
/// was read. For fields marked
/// `#[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")]`.
pub mod double_option {
    use super::{Deserialize, Deserializer, Serialize, Serializer};

    /// Writes `Some(None)` as `null` and `Some(Some(v))` as `v` (`None` is skipped).
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &::std::option::Option<::std::option::Option<T>>,
        serializer: S,
    ) -> ::std::result::Result<S::Ok, S::Error> {
        match value {
            ::std::option::Option::Some(inner) => inner.serialize(serializer),
            ::std::option::Option::None => serializer.serialize_none(),
        }
    }

    /// Reads a present member: `null` as `Some(None)`, a value as `Some(Some(v))`.
    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> ::std::result::Result<::std::option::Option<::std::option::Option<T>>, D::Error> {
        <::std::option::Option<T> as Deserialize>::deserialize(deserializer).map(::std::option::Option::Some)
    }
}

/// A required member that may be `null`: `null` is `None`, and an absent member is an
/// error (serde would otherwise read a missing `Option` field as `None`).
pub fn nullable<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> ::std::result::Result<::std::option::Option<T>, D::Error> {
    <::std::option::Option<T> as Deserialize>::deserialize(deserializer)
}

/// The shape of an untagged enum's variant that holds an object: its known member names and
/// the required ones. Variants of other types have no shape.
pub type Shape<'a> = ::std::option::Option<(&'a [&'a str], &'a [&'a str])>;

/// The order in which to try the variants of an untagged enum on `value`.
///
/// For an object, variants whose required members are all present come first, the one
/// that knows most of the object's members before the others (ties: fewer unknown
/// members, then declaration order); then every other variant in declaration order. For
/// other values, declaration order. This picks the right struct where a plain "first that
/// decodes" would take the first struct whose members are all optional.
pub fn untagged_order(value: &::serde_json::Value, shapes: &[Shape<'_>]) -> ::std::vec::Vec<usize> {
    let ::serde_json::Value::Object(map) = value else {
        return (0..shapes.len()).collect();
    };
    let mut candidates: ::std::vec::Vec<(usize, usize, usize)> = ::std::vec::Vec::new();
    let mut rest: ::std::vec::Vec<usize> = ::std::vec::Vec::new();
    for (index, shape) in shapes.iter().enumerate() {
        match shape {
            ::std::option::Option::Some((known, required)) if required.iter().all(|name| map.contains_key(*name)) => {
                let matched = map.keys().filter(|key| known.contains(&key.as_str())).count();
                candidates.push((index, matched, map.len() - matched));
            }
            _ => rest.push(index),
        }
    }
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
    candidates.into_iter().map(|(index, _, _)| index).chain(rest).collect()
}

/// Writes each of `members` (the undeclared members a tagged variant keeps) into `map`,
/// after the declared ones.
///
/// # Errors
/// The serializer's.
pub fn serialize_entries<M, K, V>(
    map: &mut M,
    members: impl IntoIterator<Item = (K, V)>,
) -> ::std::result::Result<(), M::Error>
where
    M: ::serde::ser::SerializeMap,
    K: Serialize,
    V: Serialize,
{
    members.into_iter().try_for_each(|(key, value)| map.serialize_entry(&key, &value))
}
