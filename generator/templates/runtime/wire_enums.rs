//! The impls of the enums of wire values, the same for every such enum but for its table of
//! values, written once here instead of in every generated type. After the enum, a string
//! enum's table is `string_enum_impls!(Name { Variant("value"), .. } else Unknown);` and an
//! integer enum's `int_enum_impls!(Name { Variant(1), .. } else Unknown);`, `Unknown` being
//! the variant that keeps a value the table does not list. (A pair is written `Variant("value")`
//! so that the formatter, which fills a macro's input like text, never parts it.)

/// `as_str`, `From<&str>`, `Display`, `FromStr`, `Serialize` and `Deserialize` of a string
/// enum from its table of values: a value not listed decodes into the `else` variant, so
/// decoding never fails on a string.
#[allow(unused_macros)]
macro_rules! string_enum_impls {
    ($name:ident { $($variant:ident($value:literal)),* $(,)? } else $unknown:ident) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::$unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(input: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(input)?;
                ::std::result::Result::Ok(Self::from(value.as_str()))
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use string_enum_impls;

/// `value`, `From<i64>`, `Display`, `Serialize` and `Deserialize` of an integer enum from its
/// table of values: a value not listed decodes into the `else` variant. A whole number written
/// as a float (`2.0`) decodes as that integer; any other number fails, naming the type.
#[allow(unused_macros)]
macro_rules! int_enum_impls {
    ($name:ident { $($variant:ident($value:literal)),* $(,)? } else $unknown:ident) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$unknown(value) => *value,
                }
            }
        }

        impl ::std::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::$unknown(other),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(input: D) -> ::std::result::Result<Self, D::Error> {
                let number = <::serde_json::Number as ::serde::Deserialize>::deserialize(input)?;
                let whole = number.as_f64().filter(|value| value.fract() == 0.0 && value.abs() < 9.0e15);
                match number.as_i64().or(whole.map(|value| value as i64)) {
                    ::std::option::Option::Some(value) => ::std::result::Result::Ok(Self::from(value)),
                    ::std::option::Option::None => {
                        ::std::result::Result::Err(<D::Error as ::serde::de::Error>::invalid_value(
                            ::serde::de::Unexpected::Other("a number"),
                            &::std::concat!("an integer of `", ::std::stringify!($name), "`"),
                        ))
                    }
                }
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use int_enum_impls;
