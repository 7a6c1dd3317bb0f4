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
