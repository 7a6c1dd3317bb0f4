//! The untagged enums (a `oneOf` or `anyOf` without a discriminator). After each one, its
//! table `untagged_impls!(Name { User as User, Text });` gives its `Serialize`
//! (the variant's value) and `Deserialize`: the value read once, then the variants tried in
//! the order [`untagged_order`] gives for it, the first that decodes taken. `as Struct` names
//! the struct a variant holds (behind a box, an alias or a newtype), whose members guide the
//! order; a variant of another type has no shape and is tried in declaration order.

use ::serde::de::Error;
use ::serde::{Deserialize, Deserializer};
use ::serde_json::Value;

/// The shape of an untagged enum's variant: its struct's members, each with whether it must
/// be present for the struct to decode; `None` for a variant that holds no struct.
pub type Shape = ::std::option::Option<&'static [(&'static str, bool)]>;

/// A struct's members, from its `object_impls!` table.
pub trait Shaped {
    /// The members in the table's order, each with whether it must be present.
    const MEMBERS: &'static [(&'static str, bool)];
}

/// The order in which to try the variants of an untagged enum on `value`.
///
/// For an object, variants whose required members are all present come first, the one
/// that knows most of the object's members before the others (ties: fewer unknown
/// members, then declaration order); then every other variant in declaration order. For
/// other values, declaration order. This picks the right struct where a plain "first that
/// decodes" would take the first struct whose members are all optional.
pub fn untagged_order(value: &Value, shapes: &[Shape]) -> ::std::vec::Vec<usize> {
    let Value::Object(map) = value else {
        return (0..shapes.len()).collect();
    };
    let mut candidates: ::std::vec::Vec<(usize, usize, usize)> = ::std::vec::Vec::new();
    let mut rest: ::std::vec::Vec<usize> = ::std::vec::Vec::new();
    for (index, shape) in shapes.iter().enumerate() {
        match shape {
            Some(members) if members.iter().all(|(name, required)| !required || map.contains_key(*name)) => {
                let matched = map.keys().filter(|key| members.iter().any(|(name, _)| name == key)).count();
                candidates.push((index, matched, map.len() - matched));
            }
            _ => rest.push(index),
        }
    }
    candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
    candidates.into_iter().map(|(index, _, _)| index).chain(rest).collect()
}

/// Decodes the untagged enum `name`: its variants' shapes and, in the same order, a function
/// per variant decoding it from the value (`None` when it does not).
///
/// # Errors
/// The input is not JSON, or no variant decodes.
pub fn decode_untagged<'de, D: Deserializer<'de>, T>(
    input: D,
    name: &str,
    shapes: &[Shape],
    attempts: &[fn(&Value) -> ::std::option::Option<T>],
) -> Result<T, D::Error> {
    let value = Value::deserialize(input)?;
    untagged_order(&value, shapes)
        .into_iter()
        .find_map(|index| attempts.get(index).and_then(|attempt| attempt(&value)))
        .ok_or_else(|| D::Error::custom(format_args!("the value matches no variant of `{name}`")))
}

/// `Serialize` and `Deserialize` of an untagged enum from its table (see the module docs).
#[allow(unused_macros)]
macro_rules! untagged_impls {
    ($name:ident { $($variant:ident $(as $shape:ident)?),* $(,)? }) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(value) => ::serde::Serialize::serialize(value, serializer),)*
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(input: D) -> ::std::result::Result<Self, D::Error> {
                super::runtime::decode_untagged(
                    input,
                    ::std::stringify!($name),
                    &[$(super::runtime::untagged_impls!(@shape $($shape)?)),*],
                    &[$(|value| ::serde::Deserialize::deserialize(value).ok().map(Self::$variant)),*],
                )
            }
        }
    };
    (@shape) => { ::std::option::Option::None };
    (@shape $shape:ident) => { ::std::option::Option::Some(<$shape as super::runtime::Shaped>::MEMBERS) };
}
#[allow(unused_imports)]
pub(crate) use untagged_impls;
