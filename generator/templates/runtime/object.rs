//! The wire form of the generated structs. After each struct, its table
//! `object_impls!(Name { required id: u64, optional note = "Note", .. } rest extra, new);`
//! gives its `Serialize`, its `Deserialize`, the member list an untagged enum's decoding looks
//! at, and its constructor. An entry is a field's kind (`required`, `optional`,
//! `optional_nullable`, `or_default(function)`), its name, its type where decoding or `new`
//! needs it (a required field's always, a defaulted one's where it is a parameter of `new`),
//! and its member's name where that is not the field's name.
//! After the entries: what becomes of the members no field takes (`rest field`: kept in that
//! map; `deny`: an error; nothing: dropped), then `new` where the struct has a constructor
//! (the required fields given, the optional ones `None`).
//!
//! Decoding reads the JSON object once into an [`Object`] and takes its members by name, one
//! call per field. serde's derived `Deserialize` writes a field enum, a field visitor, a
//! sequence visitor and a map visitor per struct, and a wrapper type per field decoded `with`
//! a helper; with a flattened map of extra members it buffers the whole object anyway. For an
//! API of a thousand schemas that was most of what `cargo check` spent (the corpus GitHub
//! description: about 1 GB of its 2 GB). These few generic functions do the same work once
//! for all, and the table, not serde's attributes, says how each field is written, so the
//! wire names are in one place. The required fields are taken first, into locals of their
//! types, and the others without returning early, their first failure returned after
//! ([`Object::optional`] says why).
//!
//! The rules: a required member must be present (`null` is a value for a nullable one); an
//! optional member is `None` when absent or `null` (kept apart where it is also nullable); a
//! member with a default takes it when absent; a name that appears twice is an error, as in
//! serde's derive; members beyond the declared
//! ones are kept, decoded as the struct's map of extra members, or refused where the schema
//! allows none. An error names the member it happened in (`owner: id: invalid type ...`).
//! Writing gives the members in the table's order, an absent optional one left out, then the
//! kept ones in the order they came.

use ::std::fmt;

use ::serde::de::{DeserializeOwned, Error, MapAccess, Visitor};
use ::serde::ser::SerializeMap;
use ::serde::{Deserialize, Deserializer, Serialize, Serializer};
use ::serde_json::{Map, Value};

/// The members of one JSON object, taken out one by one as the struct's fields are built,
/// and the first failure of a member taken without one (see [`Object::optional`]).
#[derive(Debug)]
pub struct Object {
    members: Map<::std::string::String, Value>,
    failure: Option<::std::string::String>,
}

impl Object {
    /// Reads an object, refusing any other JSON value and a name given twice.
    ///
    /// # Errors
    /// The value is not an object, a name appears twice, or the input is not JSON.
    pub fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor)
    }

    /// A member that must be present.
    ///
    /// # Errors
    /// The member is absent, or its value does not decode as `T`.
    pub fn required<T: DeserializeOwned, E: Error>(&mut self, name: &'static str) -> Result<T, E> {
        match self.members.shift_remove(name) {
            Some(value) => decode(name, value).map_err(E::custom),
            None => Err(E::missing_field(name)),
        }
    }

    /// A member that may be absent: `None` when absent or `null`. A value that does not
    /// decode as `T` is `None` too, and the failure is kept for [`finish`](Self::finish):
    /// a struct's other fields are taken without returning early, since a struct
    /// expression whose every field may return makes rustc's borrow check quadratic in
    /// the number of fields (2,000 fields took 21 s and 11 GB to check).
    pub fn optional<T: DeserializeOwned>(&mut self, name: &'static str) -> Option<T> {
        let value = self.members.shift_remove(name)?;
        self.kept(decode::<Option<T>>(name, value)).flatten()
    }

    /// A member that may be absent or `null`, each kept apart: absent is `None`, `null` is
    /// `Some(None)`, a value is `Some(Some(value))`. A failure is kept, as by
    /// [`optional`](Self::optional).
    pub fn optional_nullable<T: DeserializeOwned>(&mut self, name: &'static str) -> Option<Option<T>> {
        let value = self.members.shift_remove(name)?;
        self.kept(decode::<Option<T>>(name, value))
    }

    /// A member that takes `default()` when absent. A failure is kept, as by
    /// [`optional`](Self::optional), and the field takes `default()`.
    pub fn or_default<T: DeserializeOwned>(&mut self, name: &'static str, default: fn() -> T) -> T {
        match self.members.shift_remove(name) {
            Some(value) => self.kept(decode(name, value)).unwrap_or_else(default),
            None => default(),
        }
    }

    /// The members no field took, as the struct's map of extra members (`M`: any JSON, or
    /// a map of the values of `additionalProperties`' schema), in the order they came. A
    /// failure is kept, as by [`optional`](Self::optional), and the map is empty.
    pub fn rest<M: DeserializeOwned + Default>(&mut self) -> M {
        let members = Value::Object(::std::mem::take(&mut self.members));
        self.kept(M::deserialize(members).map_err(|error| error.to_string())).unwrap_or_default()
    }

    /// The end of decoding: the first failure kept.
    ///
    /// # Errors
    /// A member taken by `optional`, `optional_nullable`, `or_default` or `rest` did not
    /// decode.
    pub fn finish<E: Error>(self) -> Result<(), E> {
        match self.failure {
            Some(failure) => Err(E::custom(failure)),
            None => Ok(()),
        }
    }

    /// The end of decoding for a schema that allows no other members: the first failure
    /// kept, else an error when any member is left.
    ///
    /// # Errors
    /// As [`finish`](Self::finish), or a member no field took.
    pub fn deny<E: Error>(self) -> Result<(), E> {
        match (&self.failure, self.members.keys().next()) {
            (None, Some(name)) => {
                Err(E::custom(format_args!("unknown member `{}`: the schema allows no other", Excerpt(name))))
            }
            _ => self.finish(),
        }
    }

    /// The value of a member taken without returning early, its failure kept when it is
    /// the first.
    fn kept<T>(&mut self, decoded: Result<T, ::std::string::String>) -> Option<T> {
        match decoded {
            Ok(value) => Some(value),
            Err(failure) => {
                self.failure.get_or_insert(failure);
                None
            }
        }
    }
}

/// A member's value as `T`; the failure names the member (`owner: id: invalid type ...`).
fn decode<T: DeserializeOwned>(name: &str, value: Value) -> Result<T, ::std::string::String> {
    T::deserialize(value).map_err(|error| format!("{name}: {error}"))
}

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::read(deserializer)
    }
}

struct ObjectVisitor;

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = Object;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Object, A::Error> {
        let mut members = Map::new();
        while let Some(name) = access.next_key::<::std::string::String>()? {
            if members.contains_key(&name) {
                return Err(A::Error::custom(format_args!("duplicate member `{}`", Excerpt(&name))));
            }
            let value: Value = access.next_value()?;
            members.insert(name, value);
        }
        Ok(Object { members, failure: None })
    }
}

/// A member name in an error message: at most 64 characters of it, so a hostile answer
/// cannot make the message long.
struct Excerpt<'a>(&'a str);

impl fmt::Display for Excerpt<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(64) {
            Some((end, _)) => write!(formatter, "{}...", &self.0[..end]),
            None => formatter.write_str(self.0),
        }
    }
}

/// The members of one JSON object as they are written, field by field in the table's order;
/// each method is named after the field's kind in `object_impls!`.
pub struct Members<M>(M);

impl<M: SerializeMap> Members<M> {
    /// Starts writing an object.
    ///
    /// # Errors
    /// The serializer's.
    pub fn start<S: Serializer<SerializeMap = M>>(serializer: S) -> Result<Self, S::Error> {
        serializer.serialize_map(None).map(Self)
    }

    /// A member always written (`null` for a nullable field's `None`).
    ///
    /// # Errors
    /// The value's or the serializer's.
    pub fn required<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(name, value)
    }

    /// A member left out when `None`.
    ///
    /// # Errors
    /// The value's or the serializer's.
    pub fn optional<T: Serialize>(&mut self, name: &'static str, value: &Option<T>) -> Result<(), M::Error> {
        match value {
            Some(value) => self.0.serialize_entry(name, value),
            None => Ok(()),
        }
    }

    /// A member left out when `None`, written `null` when `Some(None)`.
    ///
    /// # Errors
    /// The value's or the serializer's.
    pub fn optional_nullable<T: Serialize>(
        &mut self,
        name: &'static str,
        value: &Option<Option<T>>,
    ) -> Result<(), M::Error> {
        self.optional(name, value)
    }

    /// A member with a default, always written.
    ///
    /// # Errors
    /// The value's or the serializer's.
    pub fn or_default<T: Serialize>(&mut self, name: &'static str, value: &T) -> Result<(), M::Error> {
        self.0.serialize_entry(name, value)
    }

    /// The kept members no field took, in the order they came.
    ///
    /// # Errors
    /// A value's or the serializer's.
    pub fn rest<'a, V: Serialize + 'a>(
        &mut self,
        members: impl IntoIterator<Item = (&'a ::std::string::String, &'a V)>,
    ) -> Result<(), M::Error> {
        members.into_iter().try_for_each(|(name, value)| self.0.serialize_entry(name, value))
    }

    /// Ends the object.
    ///
    /// # Errors
    /// The serializer's.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        self.0.end()
    }
}

/// Whether a field of each kind of `object_impls!` needs its member present to decode: a
/// method per kind, named like it, so that the table's kind word selects it.
pub struct Presence;

impl Presence {
    /// A required member must be present.
    pub const fn required() -> bool {
        true
    }

    /// An optional member may be absent.
    pub const fn optional() -> bool {
        false
    }

    /// An optional nullable member may be absent.
    pub const fn optional_nullable() -> bool {
        false
    }

    /// A member with a default may be absent.
    pub const fn or_default() -> bool {
        false
    }
}

/// `Serialize`, `Deserialize`, `Shaped` and `new` of a generated struct from its table (see
/// the module docs).
#[allow(unused_macros)]
macro_rules! object_impls {
    // The entries travel as one `{ .. }` token tree, so a `new` may go with any ending.
    ($name:ident $entries:tt rest $rest:ident $(, $new:ident)?) => {
        super::runtime::object_impls!(@write $name $entries $rest);
        super::runtime::object_impls!(@read $name $entries rest $rest);
        $(super::runtime::object_impls!(@new $new $name $entries $rest);)?
    };
    ($name:ident $entries:tt deny $(, $new:ident)?) => {
        super::runtime::object_impls!(@write $name $entries);
        super::runtime::object_impls!(@read $name $entries deny);
        $(super::runtime::object_impls!(@new $new $name $entries);)?
    };
    ($name:ident $entries:tt $(, $new:ident)?) => {
        super::runtime::object_impls!(@write $name $entries);
        super::runtime::object_impls!(@read $name $entries);
        $(super::runtime::object_impls!(@new $new $name $entries);)?
    };
    (@write $name:ident {
        $($kind:ident $(($default:path))? $field:ident $(: $ty:ty)? $(= $wire:literal)?),* $(,)?
    } $($rest:ident)?) => {
        impl super::runtime::Shaped for $name {
            const MEMBERS: &'static [(&'static str, bool)] = &[$(
                (super::runtime::object_impls!(@wire $field $(= $wire)?), super::runtime::Presence::$kind()),
            )*];
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let mut members = super::runtime::Members::start(serializer)?;
                $(members.$kind(super::runtime::object_impls!(@wire $field $(= $wire)?), &self.$field)?;)*
                $(members.rest(&self.$rest)?;)?
                members.end()
            }
        }
    };
    // Decoding: the required fields into locals first (the only early returns), then the
    // struct with every other field taken without one (`Object::optional` says why).
    (@read $name:ident {
        $($kind:ident $(($default:path))? $field:ident $(: $ty:ty)? $(= $wire:literal)?),* $(,)?
    } $(rest $rest:ident)?) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(input: D) -> ::std::result::Result<Self, D::Error> {
                #[allow(unused_mut)]
                let mut object = super::runtime::Object::read(input)?;
                $(super::runtime::object_impls!(@take object $kind $field $(: $ty)? $(= $wire)?);)*
                let value = Self {
                    $($field: super::runtime::object_impls!(@field object $kind $(($default))? $field $(= $wire)?),)*
                    $($rest: object.rest(),)?
                };
                object.finish()?;
                ::std::result::Result::Ok(value)
            }
        }
    };
    (@read $name:ident {
        $($kind:ident $(($default:path))? $field:ident $(: $ty:ty)? $(= $wire:literal)?),* $(,)?
    } deny) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(input: D) -> ::std::result::Result<Self, D::Error> {
                #[allow(unused_mut)]
                let mut object = super::runtime::Object::read(input)?;
                $(super::runtime::object_impls!(@take object $kind $field $(: $ty)? $(= $wire)?);)*
                let value = Self {
                    $($field: super::runtime::object_impls!(@field object $kind $(($default))? $field $(= $wire)?),)*
                };
                object.deny()?;
                ::std::result::Result::Ok(value)
            }
        }
    };
    // A required field's local, of the type its entry gives; nothing for the other kinds.
    (@take $object:ident required $field:ident: $ty:ty $(= $wire:literal)?) => {
        let $field: $ty = $object.required(super::runtime::object_impls!(@wire $field $(= $wire)?))?;
    };
    (@take $object:ident $kind:ident $field:ident $(: $ty:ty)? $(= $wire:literal)?) => {};
    // A field's value in the struct expression: a required one's local, the others taken.
    (@field $object:ident required $field:ident $(= $wire:literal)?) => {
        $field
    };
    (@field $object:ident or_default($default:path) $field:ident $(= $wire:literal)?) => {
        $object.or_default(super::runtime::object_impls!(@wire $field $(= $wire)?), $default)
    };
    (@field $object:ident $kind:ident $field:ident $(= $wire:literal)?) => {
        $object.$kind(super::runtime::object_impls!(@wire $field $(= $wire)?))
    };
    // `new`: the fields with a type are its parameters, in the table's order.
    (@new $new:ident $name:ident {
        $($kind:ident $(($default:path))? $field:ident $(: $ty:ty)? $(= $wire:literal)?),* $(,)?
    } $($rest:ident)?) => {
        impl $name {
            /// A value with the required fields given; every optional field `None`, and no
            /// other member.
            #[allow(clippy::too_many_arguments, clippy::just_underscores_and_digits)]
            pub fn $new($($($field: $ty,)?)*) -> Self {
                Self {
                    $($field: super::runtime::object_impls!(@given $kind $field),)*
                    $($rest: ::std::default::Default::default(),)?
                }
            }
        }
    };
    (@given required $field:ident) => { $field };
    (@given or_default $field:ident) => { $field };
    (@given $optional:ident $field:ident) => { ::std::option::Option::None };
    (@wire $field:ident) => { ::std::stringify!($field) };
    (@wire $field:ident = $wire:literal) => { $wire };
}
#[allow(unused_imports)]
pub(crate) use object_impls;
