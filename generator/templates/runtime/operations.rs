//! The client's method of each operation, written once here instead of in every operation.
//! In `impl Client`, its table:
//!
//! ```text
//! operations! {
//!     /// List repository issues
//!     ///
//!     /// Sends `GET /repos/{owner}/{repo}/issues`.
//!     issues_list_for_repo(
//!         owner: impl Into<String>,
//!         repo: impl Into<String>,
//!     ) -> builder::IssuesListForRepo { page, labels },
//! }
//! ```
//!
//! Each entry is a method: its docs and attributes, its name, its arguments (the path
//! parameters), the request builder of `builder.rs` it makes and the builder's other
//! fields, which start unset. `builder::` is part of the table's syntax: a path matched as
//! a repetition of names would make rustc match the table in time that grows with the square
//! of its length. An argument becomes its field through `Into` (for an argument of the
//! field's own type, the value itself), or through the expression after its `=` (`labels:
//! impl IntoIterator<Item = impl Into<String>> = labels.into_iter().map(Into::into).collect()`).

/// The client's methods that make the request builders, from its table (see the module
/// docs).
#[allow(unused_macros)]
macro_rules! operations {
    (@field $argument:ident) => {
        ::std::convert::Into::into($argument)
    };
    (@field $argument:ident $value:expr) => {
        $value
    };
    ($(
        $(#[$attr:meta])*
        $name:ident($($argument:ident: $type:ty $(= $value:expr)?),* $(,)?) -> builder::$builder:ident $({ $($unset:ident),* $(,)? })?
    ),* $(,)?) => {
        $(
            $(#[$attr])*
            pub fn $name(&self, $($argument: $type),*) -> super::builder::$builder<'_> {
                super::builder::$builder {
                    client: super::runtime::WithLimits::new(self),
                    $($argument: super::runtime::operations!(@field $argument $($value)?),)*
                    $($($unset: ::std::option::Option::None,)*)?
                }
            }
        )*
    };
}
#[allow(unused_imports)]
pub(crate) use operations;
