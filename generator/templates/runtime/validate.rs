//! The limits a document sets on values (`minLength`, `maxItems`, `minimum`, ...), checked
//! on a request body before it is sent, so nothing the API would refuse goes on the wire.
//!
//! The generated types with limits implement [`Validate`]; the request builders call it on
//! the body.
//! An error names the member at fault by its path in the body (`body.items[2].name`).

use ::std::fmt;

use super::encode::{
    check_max_items, check_max_length, check_maximum_f64, check_maximum_i64, check_min_items, check_min_length,
    check_minimum_f64, check_minimum_i64,
};
use super::error::InvalidRequest;

/// Where a value is in a request: rendered only when a check fails.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The value itself (`body`).
    Root(&'a str),
    /// A member of an object.
    Field(&'a Path<'a>, &'a str),
    /// An item of an array.
    Index(&'a Path<'a>, usize),
    /// A value of a map.
    Key(&'a Path<'a>, &'a str),
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
            Path::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
        }
    }
}

/// A value whose limits can be checked. The default checks nothing.
pub trait Validate {
    /// Checks the value, found at `path`, and everything in it.
    ///
    /// # Errors
    ///
    /// The first value outside its limits, named by its path.
    fn validate(&self, path: &Path<'_>) -> ::std::result::Result<(), InvalidRequest> {
        let _ = path;
        ::std::result::Result::Ok(())
    }
}

macro_rules! unchecked {
    ($($t:ty),* $(,)?) => { $( impl Validate for $t {} )* };
}
unchecked!(
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f32,
    f64,
    (),
    ::std::string::String,
    ::serde_json::Value,
    ::serde_json::Map<::std::string::String, ::serde_json::Value>,
);

impl<T: Validate> Validate for ::std::vec::Vec<T> {
    fn validate(&self, path: &Path<'_>) -> ::std::result::Result<(), InvalidRequest> {
        self.iter().enumerate().try_for_each(|(index, item)| item.validate(&Path::Index(path, index)))
    }
}

impl<T: Validate> Validate for ::std::option::Option<T> {
    fn validate(&self, path: &Path<'_>) -> ::std::result::Result<(), InvalidRequest> {
        self.as_ref().map_or(::std::result::Result::Ok(()), |value| value.validate(path))
    }
}

impl<T: Validate + ?Sized> Validate for ::std::boxed::Box<T> {
    fn validate(&self, path: &Path<'_>) -> ::std::result::Result<(), InvalidRequest> {
        (**self).validate(path)
    }
}

impl<T: Validate, S> Validate for ::indexmap::IndexMap<::std::string::String, T, S> {
    fn validate(&self, path: &Path<'_>) -> ::std::result::Result<(), InvalidRequest> {
        self.iter().try_for_each(|(key, value)| value.validate(&Path::Key(path, key)))
    }
}

/// Checks `minLength`/`maxLength` (in characters) of a string at `path`.
pub fn check_length(
    path: &Path<'_>,
    value: &str,
    min: ::std::option::Option<usize>,
    max: ::std::option::Option<usize>,
) -> ::std::result::Result<(), InvalidRequest> {
    let length = value.chars().count();
    if let ::std::option::Option::Some(min) = min.filter(|min| length < *min) {
        return check_min_length(&path.to_string(), value, min);
    }
    if let ::std::option::Option::Some(max) = max.filter(|max| length > *max) {
        return check_max_length(&path.to_string(), value, max);
    }
    ::std::result::Result::Ok(())
}

/// Checks `minItems`/`maxItems` of an array of `len` items at `path`.
pub fn check_items(
    path: &Path<'_>,
    len: usize,
    min: ::std::option::Option<usize>,
    max: ::std::option::Option<usize>,
) -> ::std::result::Result<(), InvalidRequest> {
    if let ::std::option::Option::Some(min) = min.filter(|min| len < *min) {
        return check_min_items(&path.to_string(), len, min);
    }
    if let ::std::option::Option::Some(max) = max.filter(|max| len > *max) {
        return check_max_items(&path.to_string(), len, max);
    }
    ::std::result::Result::Ok(())
}

/// Checks `minimum`/`maximum` (each `(bound, exclusive)`) of an integer at `path` (an
/// `i64`, or a narrower integer that widens to one).
pub fn check_range_i64(
    path: &Path<'_>,
    value: impl Into<i64>,
    min: ::std::option::Option<(i64, bool)>,
    max: ::std::option::Option<(i64, bool)>,
) -> ::std::result::Result<(), InvalidRequest> {
    let value = value.into();
    if let ::std::option::Option::Some((bound, exclusive)) = min {
        if value < bound || (exclusive && value == bound) {
            return check_minimum_i64(&path.to_string(), value, bound, exclusive);
        }
    }
    if let ::std::option::Option::Some((bound, exclusive)) = max {
        if value > bound || (exclusive && value == bound) {
            return check_maximum_i64(&path.to_string(), value, bound, exclusive);
        }
    }
    ::std::result::Result::Ok(())
}

/// Checks `minimum`/`maximum` (each `(bound, exclusive)`) of a number at `path`. NaN is
/// outside every range.
pub fn check_range_f64(
    path: &Path<'_>,
    value: f64,
    min: ::std::option::Option<(f64, bool)>,
    max: ::std::option::Option<(f64, bool)>,
) -> ::std::result::Result<(), InvalidRequest> {
    // Written as "is the value inside" so that NaN, which compares false, is outside.
    if let ::std::option::Option::Some((bound, exclusive)) = min {
        if !(value > bound || (!exclusive && value == bound)) {
            return check_minimum_f64(&path.to_string(), value, bound, exclusive);
        }
    }
    if let ::std::option::Option::Some((bound, exclusive)) = max {
        if !(value < bound || (!exclusive && value == bound)) {
            return check_maximum_f64(&path.to_string(), value, bound, exclusive);
        }
    }
    ::std::result::Result::Ok(())
}
