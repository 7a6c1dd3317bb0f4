//! The setters of a request builder's optional parameters, written once here instead of in
//! every operation. In the builder's `impl`, its table:
//!
//! ```text
//! setters! {
//!     /// Results per page. The `per_page` query parameter.
//!     per_page(value: i64) = value,
//!     /// The `cursor` query parameter.
//!     cursor(value: impl Into<String>) = value.into(),
//! }
//! ```
//!
//! Each entry is a setter: its docs and attributes, its name (the builder's field it sets),
//! its argument, and the field's value made from it.

/// The setters of a request builder's optional parameters, from its table (see the module
/// docs): each sets its field to `Some` of its value and gives the builder back.
#[allow(unused_macros)]
macro_rules! setters {
    ($($(#[$attr:meta])* $name:ident($value:ident: $argument:ty $(,)?) = $field:expr),* $(,)?) => {
        $(
            $(#[$attr])*
            pub fn $name(mut self, $value: $argument) -> Self {
                self.$name = ::std::option::Option::Some($field);
                self
            }
        )*
    };
}
#[allow(unused_imports)]
pub(crate) use setters;
