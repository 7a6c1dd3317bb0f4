//! `$ref` resolution for the component kinds the generator follows.

use openapiv3::{Components, Example, Header, OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema};

use crate::error::{Error, ErrorKind};
use crate::pointer;

/// A resolved item and the JSON pointer where it is written.
pub(crate) struct Resolved<'a, T> {
    pub item: &'a T,
    pub pointer: String,
}

/// Kinds of components a `$ref` can point at.
pub(crate) trait Component: Sized {
    const SECTION: &'static str;
    fn section(components: &Components) -> &indexmap::IndexMap<String, ReferenceOr<Self>>;
}

macro_rules! component {
    ($ty:ty, $section:literal, $field:ident) => {
        impl Component for $ty {
            const SECTION: &'static str = $section;
            fn section(components: &Components) -> &indexmap::IndexMap<String, ReferenceOr<Self>> {
                &components.$field
            }
        }
    };
}
component!(Schema, "schemas", schemas);
component!(Parameter, "parameters", parameters);
component!(Response, "responses", responses);
component!(RequestBody, "requestBodies", request_bodies);
component!(Header, "headers", headers);
component!(Example, "examples", examples);

/// The component name a local `$ref` names, checked to be of kind `T` and to exist.
pub(crate) fn component_name<'a, T: Component>(
    doc: &'a OpenAPI,
    reference: &'a str,
    at: &str,
) -> Result<(&'a str, &'a ReferenceOr<T>), Error> {
    let prefix = format!("#/components/{}/", T::SECTION);
    let Some(escaped) = reference.strip_prefix(&prefix) else {
        let what = if pointer::of_ref(reference).is_none() {
            "references to other documents are not supported"
        } else {
            "expected a reference into"
        };
        return Err(Error::new(
            ErrorKind::Reference,
            at,
            format!("`$ref: {reference}`: {what} `#/components/{}/...`", T::SECTION),
        ));
    };
    let name_tokens = pointer::tokens(&format!("/{escaped}"));
    let [name] = name_tokens.as_slice() else {
        return Err(Error::unsupported(
            at,
            format!("`$ref: {reference}` points inside a component; only whole components can be referenced"),
        ));
    };
    let found = doc.components.as_ref().and_then(|c| T::section(c).get_key_value(name.as_str()));
    match found {
        Some((key, item)) => Ok((key.as_str(), item)),
        None => Err(Error::new(ErrorKind::Reference, at, format!("`$ref: {reference}` points at nothing"))),
    }
}

/// How many `$ref`s one chain of them may take (`A: $ref B`, `B: $ref C`, ...). Real
/// documents take one or two; each step names a type alias of the next, and a long chain
/// is more likely a generated or hostile document than a design.
pub(crate) const MAX_REF_CHAIN: usize = 32;

/// Follows references (also chains of them, at most [`MAX_REF_CHAIN`] long) to the item.
pub(crate) fn resolve<'a, T: Component>(
    doc: &'a OpenAPI,
    item: &'a ReferenceOr<T>,
    at: &str,
) -> Result<Resolved<'a, T>, Error> {
    let mut current = item;
    let mut here = at.to_owned();
    let mut seen: Vec<&str> = Vec::new();
    loop {
        match current {
            ReferenceOr::Item(item) => return Ok(Resolved { item, pointer: here }),
            ReferenceOr::Reference { reference } => {
                let (name, next) = component_name::<T>(doc, reference, &here)?;
                if seen.contains(&name) {
                    return Err(Error::new(ErrorKind::Reference, at, "`$ref` chain is circular"));
                }
                if seen.len() == MAX_REF_CHAIN {
                    return Err(Error::unsupported(
                        at,
                        format!("`$ref` chain is longer than {MAX_REF_CHAIN} references; the generator stops at {MAX_REF_CHAIN}"),
                    ));
                }
                seen.push(name);
                here = pointer::join(&format!("/components/{}", T::SECTION), &[name]);
                current = next;
            }
        }
    }
}
