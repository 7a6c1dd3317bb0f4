//! Cargo features per tag (`tag-features = true` in `codegen.toml`): each operation is behind
//! the feature of its first tag (untagged ones are always there), with its builder, client
//! method, response types and credentials, so a user of a few endpoints of a big API
//! compiles those only. A named type is behind the features of the operations that reach
//! it through the type graph, and always there when an untagged operation, the client or a
//! type reached by nothing (an unused component, kept for the user) reaches it.
//!
//! The attributes are attached where items are collected (the top functions of `emit`),
//! never inside an item's code: [`gate`] puts a `#[cfg]` on every item of a token stream.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToKebabCase;
use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Api, BodyKind, MultipartBody, Operation, PartKind, Payload, TypeKind, TypeRef};

/// Feature names the generated `Cargo.toml` already has (a tag feature of such a name gets
/// `-tag`; a configured feature of such a name is refused, see `render/crate_features.rs`).
pub(crate) const TAKEN: &[&str] = &["default", "reqwest", "rustls", "native-tls", "http2", "system-proxy", "tracing"];

/// Which feature (if any) each operation, type and credential is behind.
#[derive(Debug, Clone, Default)]
pub(crate) struct Features {
    /// By builder name (unique per operation).
    operations: BTreeMap<String, String>,
    /// The gated types, by name: the features of the operations that reach them.
    types: BTreeMap<String, BTreeSet<String>>,
    /// By index in `Api::security_schemes`: the features of the operations that need the
    /// credential, when no ungated operation does.
    schemes: BTreeMap<usize, BTreeSet<String>>,
    /// Every feature, sorted.
    all: BTreeSet<String>,
}

impl Features {
    /// No feature: every item is always there.
    pub(crate) fn none() -> Self {
        Self::default()
    }

    /// One feature per first tag of `api`'s operations.
    pub(crate) fn per_tag(api: &Api) -> Self {
        let mut features = Self::none();
        // `None`: always there.
        let labels: Vec<Option<String>> = api.operations.iter().map(|op| op.tag.as_deref().map(feature_name)).collect();
        for (op, label) in api.operations.iter().zip(&labels) {
            if let Some(label) = label {
                features.operations.insert(op.builder_name.clone(), label.clone());
                features.all.insert(label.clone());
            }
        }
        // The type graph: each type's labels are those of everything that reaches it.
        let mut reached: BTreeMap<&str, (bool, BTreeSet<&str>)> = BTreeMap::new();
        let mut pending: Vec<(&str, Option<&str>)> = Vec::new();
        for (op, label) in api.operations.iter().zip(&labels) {
            for name in operation_types(op) {
                pending.push((name, label.as_deref()));
            }
        }
        for header in &api.client_headers {
            named(&header.ty, &mut |name| pending.push((name, None)));
        }
        propagate(api, &mut pending, &mut reached);
        // What nothing reaches is always there, and so is everything it reaches.
        let unreached: Vec<&str> =
            api.types.keys().map(String::as_str).filter(|name| !reached.contains_key(name)).collect();
        pending.extend(unreached.into_iter().map(|name| (name, None)));
        propagate(api, &mut pending, &mut reached);
        for (name, (always, labels)) in reached {
            if !always {
                features.types.insert(name.to_owned(), labels.into_iter().map(str::to_owned).collect());
            }
        }
        for (index, _) in api.security_schemes.iter().enumerate() {
            let users: Vec<&Option<String>> = api
                .operations
                .iter()
                .zip(&labels)
                .filter(|(op, _)| op.security.iter().flatten().any(|i| *i == index))
                .map(|(_, label)| label)
                .collect();
            if !users.is_empty() && users.iter().all(|label| label.is_some()) {
                features.schemes.insert(index, users.into_iter().flatten().cloned().collect());
            }
        }
        features
    }

    /// Every feature, sorted (the generated `Cargo.toml` lists them).
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.all.iter().map(String::as_str)
    }

    /// The `#[cfg]` of an operation's items, if it has a feature.
    pub(crate) fn operation(&self, op: &Operation) -> Option<TokenStream> {
        self.operations.get(&op.builder_name).map(|feature| quote!(#[cfg(feature = #feature)]))
    }

    /// The `#[cfg]` of what every operation uses (the client's `runtime::StartCall`): none
    /// while one operation is ungated, else any of the operations' features.
    pub(crate) fn every_operation(&self, api: &Api) -> Option<TokenStream> {
        self.any_operation(&api.operations)
    }

    /// The `#[cfg]` of what the operations `ops` share (a struct of response headers): none
    /// while one of them is ungated, else any of their features.
    pub(crate) fn any_operation<'a>(&self, ops: impl IntoIterator<Item = &'a Operation>) -> Option<TokenStream> {
        let mut gated = BTreeSet::new();
        for op in ops {
            gated.insert(self.operations.get(&op.builder_name)?.clone());
        }
        (!gated.is_empty()).then(|| cfg_any(&gated))
    }

    /// The `#[cfg]` of a named type's items, if it is behind features.
    pub(crate) fn named_type(&self, name: &str) -> Option<TokenStream> {
        self.types.get(name).map(cfg_any)
    }

    /// The `#[cfg]` of the client's parts of a security scheme (by index), if only gated
    /// operations need it.
    pub(crate) fn scheme(&self, index: usize) -> Option<TokenStream> {
        self.schemes.get(&index).map(cfg_any)
    }
}

fn cfg_any(features: &BTreeSet<String>) -> TokenStream {
    match features.iter().collect::<Vec<_>>().as_slice() {
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any( #( feature = #many ),* ))]),
    }
}

/// The cargo feature of a tag: kebab case (`Code Scanning` -> `code-scanning`), never one
/// the crate already has.
pub(crate) fn feature_name(tag: &str) -> String {
    let name = tag.to_kebab_case();
    let name = if name.is_empty() { "untitled".to_owned() } else { name };
    if TAKEN.contains(&name.as_str()) {
        format!("{name}-tag")
    } else {
        name
    }
}

/// Follows the type graph from `pending`, adding each label (`None`: always there) to the
/// types reached.
fn propagate<'a>(
    api: &'a Api,
    pending: &mut Vec<(&'a str, Option<&'a str>)>,
    reached: &mut BTreeMap<&'a str, (bool, BTreeSet<&'a str>)>,
) {
    while let Some((name, label)) = pending.pop() {
        let Some((key, def)) = api.types.get_key_value(name) else { continue };
        let entry = reached.entry(key.as_str()).or_default();
        let new = match label {
            None => !std::mem::replace(&mut entry.0, true),
            Some(label) => !entry.0 && entry.1.insert(label),
        };
        if new {
            let mut push = |next: &'a str| pending.push((next, label));
            for ty in type_refs(&def.kind) {
                named(ty, &mut push);
            }
        }
    }
}

/// The type expressions a named type is made of.
fn type_refs(kind: &TypeKind) -> Vec<&TypeRef> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).chain(s.additional.as_ref().map(|(_, ty)| ty)).collect(),
        TypeKind::Tagged { variants, .. } => variants
            .iter()
            .flat_map(|v| v.fields.iter().map(|f| &f.ty).chain(v.additional.as_ref().map(|(_, ty)| ty)))
            .collect(),
        TypeKind::Untagged { variants } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::TaggedRefs { variants, .. } => variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) | TypeKind::Newtype(ty) => vec![ty],
        TypeKind::StringEnum { .. } | TypeKind::IntEnum { .. } => Vec::new(),
    }
}

/// The named types an operation uses directly: parameters, bodies, multipart parts,
/// response bodies and headers.
fn operation_types(op: &Operation) -> Vec<&str> {
    let mut out = Vec::new();
    let mut push = |name| out.push(name);
    for p in &op.params {
        named(&p.ty, &mut push);
    }
    if let Some(body) = &op.body {
        for kind in std::iter::once(&body.kind).chain(body.alternatives.iter().map(|a| &a.kind)) {
            match kind {
                BodyKind::Json(ty)
                | BodyKind::Form { ty, .. }
                | BodyKind::Multipart(MultipartBody::Value { ty, .. }) => named(ty, &mut push),
                BodyKind::Multipart(MultipartBody::Files(s)) => {
                    for f in &s.fields {
                        if let PartKind::Value { ty, .. } = &f.kind {
                            named(ty, &mut push);
                        }
                    }
                }
                BodyKind::Text | BodyKind::Bytes => {}
            }
        }
    }
    let payloads = op
        .responses
        .iter()
        .flat_map(|r| std::iter::once(&r.payload).chain(r.media.iter().map(|m| &m.payload)))
        .chain([&op.success, &op.error]);
    for payload in payloads {
        if let Payload::Json(ty) = payload {
            named(ty, &mut push);
        }
    }
    for header in op.response_headers.iter().flat_map(|(_, headers)| headers) {
        named(&header.ty, &mut push);
    }
    out
}

/// Calls `f` with each name a type expression refers to.
fn named<'a>(ty: &'a TypeRef, f: &mut impl FnMut(&'a str)) {
    match ty {
        TypeRef::Named(name) => f(name),
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) | TypeRef::Box(inner) => named(inner, f),
        _ => {}
    }
}

/// `tokens` (items) with `cfg` put on each item; unchanged without a `cfg`.
pub(crate) fn gate(cfg: Option<&TokenStream>, tokens: TokenStream) -> TokenStream {
    let Some(cfg) = cfg else { return tokens };
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => {
            let items = file.items.iter();
            quote!( #( #cfg #items )* )
        }
        // Left as it is: `render` reports tokens that do not parse.
        Err(_) => tokens,
    }
}
