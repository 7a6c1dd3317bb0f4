//! Two surfaces compared: every difference a user of the crate can meet, classified by what
//! it does to their code.
//!
//! The classification follows how generated types are made to evolve (ARCHITECTURE.md,
//! "Types designed to evolve"): structs, enums, unions, response enums and the servers enum
//! are `#[non_exhaustive]`, structs are built with `new` taking the required fields, so an
//! added optional field, value, variant, server or response status breaks no code; builders
//! take every parameter but the path's (arguments of the client method) through a setter, so
//! an added optional parameter breaks none either.
//! A required value added where there was none fails `send` at run time: that is breaking
//! even though the code still compiles.

use std::collections::BTreeMap;
use std::fmt;

use super::{
    BodySurface, OperationSurface, ResponseSurface, Setting, Surface, TypeSurface, ValueSurface, VariantSurface,
};

/// One difference between two surfaces.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Change {
    /// The item as users write it: `Client::get_manifest`, `Manifest::experiences`,
    /// `GetManifest::tags`, `CustomEventType::Event`.
    pub item: String,
    /// What the item is: `operation`, `field`, `parameter`, `enum value`, ...
    pub what: &'static str,
    pub kind: ChangeKind,
    pub impact: Impact,
    /// One sentence on what it means for users' code.
    pub why: String,
}

/// Whether an item came, went, or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChangeKind {
    Added,
    Removed,
    /// From one description (a type, a wire name) to another.
    Changed {
        from: String,
        to: String,
    },
}

/// What a change does to users of the crate, in the order of the semver bump it calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Impact {
    /// The public Rust API is the same; what goes on the wire or is read from it differs
    /// (a path, a wire name, a URL): a patch release.
    WireOnly,
    /// Something new that breaks no code: a minor release (a patch release before 1.0).
    Compatible,
    /// Code that compiled stops compiling, or a call that worked fails: a major release
    /// (a minor one before 1.0).
    Breaking,
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impact::WireOnly => "wire only",
            Impact::Compatible => "compatible",
            Impact::Breaking => "breaking",
        })
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ChangeKind::Added => write!(f, "{} `{}` added", self.what, self.item)?,
            ChangeKind::Removed => write!(f, "{} `{}` removed", self.what, self.item)?,
            ChangeKind::Changed { from, to } => write!(f, "{} `{}`: `{from}` -> `{to}`", self.what, self.item)?,
        }
        write!(f, ": {}", self.why)
    }
}

/// Every change from `old` to `new`, in a stable order (by section, then by name).
pub(super) fn compare(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut out = Changes(Vec::new());
    out.map(
        "server",
        &old.servers,
        &new.servers,
        |n| format!("{}::{n}", if new.servers_enum.is_empty() { &old.servers_enum } else { &new.servers_enum }),
        |out, item, from, to| {
            out.changed(item, "server", from, to, Impact::WireOnly, "the variant names another base URL");
        },
    );
    out.map("client setting", &old.client, &new.client, |n| format!("ClientBuilder::{n}"), setting);
    out.map("operation", &old.operations, &new.operations, |n| format!("Client::{n}"), operation);
    renamed_operations(&mut out, old, new);
    out.map("type", &old.types, &new.types, str::to_owned, type_changes);
    out.0
}

/// An operation removed and one added for the same method and path: said to be a rename
/// (an `operationId` changed), which is what a maintainer needs to know.
fn renamed_operations(out: &mut Changes, old: &Surface, new: &Surface) {
    for change in out.0.iter_mut().filter(|c| c.what == "operation" && c.kind == ChangeKind::Removed) {
        let name = change.item.trim_start_matches("Client::");
        let Some(request) = old.operations.get(name).map(|op| &op.request) else { continue };
        let renamed =
            new.operations.iter().find(|(other, op)| &op.request == request && !old.operations.contains_key(*other));
        if let Some((other, _)) = renamed {
            change.why =
                format!("renamed `Client::{other}` (the same `{request}`): code that calls it no longer compiles");
        }
    }
}

struct Changes(Vec<Change>);

impl Changes {
    fn push(&mut self, item: &str, what: &'static str, kind: ChangeKind, impact: Impact, why: &str) {
        self.0.push(Change { item: item.to_owned(), what, kind, impact, why: why.to_owned() });
    }

    fn changed(&mut self, item: &str, what: &'static str, from: &str, to: &str, impact: Impact, why: &str) {
        if from != to {
            let kind = ChangeKind::Changed { from: from.to_owned(), to: to.to_owned() };
            self.push(item, what, kind, impact, why);
        }
    }

    /// Added and removed keys with the default reading of each (an addition is compatible, a
    /// removal breaking); `both` compares what both have.
    fn map<T>(
        &mut self,
        what: &'static str,
        old: &BTreeMap<String, T>,
        new: &BTreeMap<String, T>,
        item: impl Fn(&str) -> String,
        mut both: impl FnMut(&mut Self, &str, &T, &T),
    ) {
        for (name, old_value) in old {
            match new.get(name) {
                Some(new_value) => both(self, &item(name), old_value, new_value),
                None => self.push(
                    &item(name),
                    what,
                    ChangeKind::Removed,
                    Impact::Breaking,
                    "code that uses it no longer compiles",
                ),
            }
        }
        for name in new.keys().filter(|name| !old.contains_key(*name)) {
            self.push(&item(name), what, ChangeKind::Added, Impact::Compatible, "new, and nothing that exists changes");
        }
    }
}

fn setting(out: &mut Changes, item: &str, old: &Setting, new: &Setting) {
    out.changed(item, "client setting", &old.ty, &new.ty, Impact::Breaking, "the setter takes another type");
    out.changed(item, "client setting", &old.wire, &new.wire, Impact::WireOnly, "the value is sent elsewhere");
}

fn operation(out: &mut Changes, item: &str, old: &OperationSurface, new: &OperationSurface) {
    out.changed(
        item,
        "operation",
        &old.request,
        &new.request,
        Impact::WireOnly,
        "the same method calls another endpoint",
    );
    out.changed(
        item,
        "operation",
        &old.builder,
        &new.builder,
        Impact::Breaking,
        "code that names the builder type no longer compiles",
    );
    out.changed(item, "operation", &old.success, &new.success, Impact::Breaking, "`send` returns another type");
    // Headers declared or dropped are the accessors' changes; a struct that is another one
    // now (shared with other operations, or no longer) is this.
    if !old.headers.is_empty() && !new.headers.is_empty() {
        let why = "code that names the response headers' type no longer compiles";
        out.changed(item, "response headers", &old.headers, &new.headers, Impact::Breaking, why);
    }
    out.changed(item, "operation", &old.error, &new.error, Impact::Breaking, "error answers decode to another type");
    out.changed(
        item,
        "operation",
        &old.credentials,
        &new.credentials,
        Impact::Breaking,
        "it needs other credentials: calls without them fail",
    );
    let arguments = |list: &[String]| if list.is_empty() { "none".to_owned() } else { list.join(", ") };
    out.changed(
        item,
        "arguments",
        &arguments(&old.arguments),
        &arguments(&new.arguments),
        Impact::Breaking,
        "the client method takes other arguments: calls to it no longer compile",
    );
    let builder = &new.builder;
    parameters(out, builder, &old.parameters, &new.parameters);
    body(out, &format!("{builder}::body"), old.body.as_ref(), new.body.as_ref());
    for (status, old_case) in &old.responses {
        let item = format!("{item} {status}");
        match new.responses.get(status) {
            Some(new_case) => response(out, &item, old_case, new_case),
            None => removed_response(out, &item, status, old_case, &new.responses),
        }
    }
    for (status, case) in new.responses.iter().filter(|(s, _)| !old.responses.contains_key(*s)) {
        let item = format!("{item} {status}");
        match covering(status, &old.responses) {
            Some((by, before)) if before.success == case.success && before.payload == case.payload => {
                let why = format!("its answers were decoded the same way by the `{by}` case");
                out.push(&item, "response", ChangeKind::Added, Impact::WireOnly, &why);
            }
            Some((by, _)) => {
                let why = format!("its answers decoded by the `{by}` case decode otherwise now");
                out.push(&item, "response", ChangeKind::Added, Impact::Breaking, &why);
            }
            None => {
                let why = "its answers are decoded, where they were an unexpected-status error";
                out.push(&item, "response", ChangeKind::Added, Impact::Compatible, why);
            }
        }
    }
    let accessor = |n: &str| format!("ResponseValue::{n} ({item})");
    out.map("response header", &old.response_headers, &new.response_headers, accessor, header);
}

fn parameters(
    out: &mut Changes,
    builder: &str,
    old: &BTreeMap<String, ValueSurface>,
    new: &BTreeMap<String, ValueSurface>,
) {
    for (name, old_param) in old {
        let item = format!("{builder}::{name}");
        match new.get(name) {
            None => out.push(
                &item,
                "parameter",
                ChangeKind::Removed,
                Impact::Breaking,
                "code that sets it no longer compiles",
            ),
            Some(new_param) => {
                out.changed(
                    &item,
                    "parameter",
                    &old_param.ty,
                    &new_param.ty,
                    Impact::Breaking,
                    "the setter takes another type",
                );
                out.changed(
                    &item,
                    "parameter",
                    &old_param.wire,
                    &new_param.wire,
                    Impact::WireOnly,
                    "the value is sent under another name or place",
                );
                required(out, &item, "parameter", old_param.required, new_param.required);
            }
        }
    }
    for (name, param) in new.iter().filter(|(name, _)| !old.contains_key(*name)) {
        let item = format!("{builder}::{name}");
        if param.required {
            out.push(
                &item,
                "parameter",
                ChangeKind::Added,
                Impact::Breaking,
                "required: calls that do not set it fail (the code still compiles)",
            );
        } else {
            out.push(&item, "parameter", ChangeKind::Added, Impact::Compatible, "optional, a new setter");
        }
    }
}

/// A value's change between optional and required (`send` checks it).
fn required(out: &mut Changes, item: &str, what: &'static str, old: bool, new: bool) {
    match (old, new) {
        (false, true) => out.changed(
            item,
            what,
            "optional",
            "required",
            Impact::Breaking,
            "calls that do not set it fail (the code still compiles)",
        ),
        (true, false) => {
            out.changed(item, what, "required", "optional", Impact::Compatible, "calls may leave it out now")
        }
        _ => {}
    }
}

fn body(out: &mut Changes, item: &str, old: Option<&BodySurface>, new: Option<&BodySurface>) {
    match (old, new) {
        (None, None) => {}
        (Some(_), None) => out.push(
            item,
            "request body",
            ChangeKind::Removed,
            Impact::Breaking,
            "code that sets it no longer compiles",
        ),
        (None, Some(body)) if body.required => out.push(
            item,
            "request body",
            ChangeKind::Added,
            Impact::Breaking,
            "required: calls that do not set it fail (the code still compiles)",
        ),
        (None, Some(_)) => {
            out.push(item, "request body", ChangeKind::Added, Impact::Compatible, "optional, a new setter")
        }
        (Some(old), Some(new)) => {
            out.changed(item, "request body", &old.ty, &new.ty, Impact::Breaking, "the setter takes another type");
            out.changed(
                item,
                "request body",
                &old.media_type,
                &new.media_type,
                Impact::WireOnly,
                "it is sent as another media type",
            );
            required(out, item, "request body", old.required, new.required);
            let setter = |name: &str| format!("{}::{name}", item.rsplit_once("::").map_or(item, |(b, _)| b));
            out.map("request body", &old.alternatives, &new.alternatives, setter, |out, item, from, to| {
                out.changed(item, "request body", from, to, Impact::Breaking, "the setter takes another type");
            });
        }
    }
}

/// The case of `cases` that takes the answers of `status` when it has no case of its own:
/// its range (`4XX` for `404`), else `default`.
fn covering<'a>(
    status: &str,
    cases: &'a BTreeMap<String, ResponseSurface>,
) -> Option<(&'a String, &'a ResponseSurface)> {
    let exact = status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit());
    let range = exact.then(|| format!("{}XX", &status[..1])).and_then(|range| cases.get_key_value(&range));
    range.or_else(|| (status != "default").then(|| cases.get_key_value("default")).flatten())
}

/// A response case gone. Its answers are now decoded by the case that covers its status
/// (`4XX` for `404`, `default`): the same when that case decodes the same way; else they end
/// in an unexpected-status error, where they decoded before (calls that worked fail, the code
/// still compiles), and a variant of the operation's response enum is gone.
fn removed_response(
    out: &mut Changes,
    item: &str,
    status: &str,
    old: &ResponseSurface,
    new: &BTreeMap<String, ResponseSurface>,
) {
    match covering(status, new) {
        Some((by, case)) if case.success == old.success && case.payload == old.payload && old.variant.is_empty() => {
            let why = format!("its answers are decoded by the `{by}` case, as before");
            out.push(item, "response", ChangeKind::Removed, Impact::WireOnly, &why);
        }
        _ if !old.variant.is_empty() => {
            out.push(item, "response", ChangeKind::Removed, Impact::Breaking, "code that matches its variant no longer compiles")
        }
        _ => out.push(
            item,
            "response",
            ChangeKind::Removed,
            Impact::Breaking,
            "its answers end in an unexpected-status error where they decoded: calls that worked fail (the code still compiles)",
        ),
    }
}

fn response(out: &mut Changes, item: &str, old: &ResponseSurface, new: &ResponseSurface) {
    if old.success != new.success {
        let outcome = |success: bool| if success { "success" } else { "error" }.to_owned();
        let why = "`send` returns it on the other side of its `Result`";
        out.changed(item, "response", &outcome(old.success), &outcome(new.success), Impact::Breaking, why);
    }
    out.changed(item, "response", &old.payload, &new.payload, Impact::Breaking, "its body decodes to another type");
    out.changed(
        item,
        "response",
        &old.variant,
        &new.variant,
        Impact::Breaking,
        "code that matches the variant no longer compiles",
    );
}

fn header(out: &mut Changes, item: &str, old: &ValueSurface, new: &ValueSurface) {
    out.changed(item, "response header", &old.ty, &new.ty, Impact::Breaking, "the accessor returns another type");
    out.changed(item, "response header", &old.wire, &new.wire, Impact::WireOnly, "the accessor reads another header");
    if old.required != new.required {
        let shape = |required: bool| if required { "always sent" } else { "optional" }.to_owned();
        let why = "the accessor returns an `Option` or stops returning one";
        out.changed(item, "response header", &shape(old.required), &shape(new.required), Impact::Breaking, why);
    }
}

fn type_changes(out: &mut Changes, name: &str, old: &TypeSurface, new: &TypeSurface) {
    match (old, new) {
        (
            TypeSurface::Struct { fields: old_fields, additional: old_extra, default: old_default },
            TypeSurface::Struct { fields: new_fields, additional: new_extra, default: new_default },
        ) => {
            let made = |default: bool, fields: &BTreeMap<String, ValueSurface>| {
                if default || fields.values().all(|f| !f.required) {
                    "Default"
                } else {
                    "new"
                }
            };
            let (old_made, new_made) = (made(*old_default, old_fields), made(*new_default, new_fields));
            let why = "code that makes the struct the old way no longer compiles";
            out.changed(name, "constructor", old_made, new_made, Impact::Breaking, why);
            let added_required = if new_made == "Default" {
                (
                    Impact::Compatible,
                    "the struct is non-exhaustive and made with `Default`: nothing that exists changes",
                )
            } else {
                (Impact::Breaking, "`new` takes it: code that calls `new` no longer compiles")
            };
            fields(out, name, old_fields, new_fields, "field", added_required);
            let text =
                |extra: &Option<String>| extra.clone().unwrap_or_else(|| "none (unknown members refused)".to_owned());
            out.changed(
                name,
                "undeclared members",
                &text(old_extra),
                &text(new_extra),
                Impact::Breaking,
                "the field that keeps them changes",
            );
        }
        (TypeSurface::Enum { values: old_values }, TypeSurface::Enum { values: new_values }) => {
            out.map(
                "enum value",
                old_values,
                new_values,
                |v| format!("{name}::{v}"),
                |out, item, from, to| {
                    out.changed(
                        item,
                        "enum value",
                        from,
                        to,
                        Impact::WireOnly,
                        "the variant is sent and read as another value",
                    );
                },
            );
        }
        (
            TypeSurface::Union { tag: old_tag, variants: old_variants },
            TypeSurface::Union { tag: new_tag, variants: new_variants },
        ) => {
            out.changed(
                name,
                "union tag",
                old_tag,
                new_tag,
                Impact::WireOnly,
                "the variants are told apart by another property",
            );
            out.map("variant", old_variants, new_variants, |v| format!("{name}::{v}"), variant);
        }
        (TypeSurface::Alias { ty: from }, TypeSurface::Alias { ty: to })
        | (TypeSurface::Newtype { ty: from }, TypeSurface::Newtype { ty: to }) => {
            out.changed(name, "type", from, to, Impact::Breaking, "it stands for another type");
        }
        _ => out.changed(name, "type", kind_text(old), kind_text(new), Impact::Breaking, "it is another kind of type"),
    }
}

fn variant(out: &mut Changes, item: &str, old: &VariantSurface, new: &VariantSurface) {
    out.changed(item, "variant", &old.ty, &new.ty, Impact::Breaking, "it holds another type");
    out.changed(item, "variant", &old.tag_value, &new.tag_value, Impact::WireOnly, "it is tagged with another value");
    // A variant's fields are written in struct-variant literals, which an added field breaks.
    let added = (Impact::Breaking, "code that builds the variant no longer compiles");
    fields(out, item, &old.fields, &new.fields, "variant field", added);
}

/// Fields of a struct or a variant (`added_required`: what an added required field does,
/// and why; in a variant, any added field).
fn fields(
    out: &mut Changes,
    owner: &str,
    old: &BTreeMap<String, ValueSurface>,
    new: &BTreeMap<String, ValueSurface>,
    what: &'static str,
    added_required: (Impact, &str),
) {
    let in_variant = what == "variant field";
    for (name, old_field) in old {
        let item = format!("{owner}::{name}");
        match new.get(name) {
            None => {
                out.push(&item, what, ChangeKind::Removed, Impact::Breaking, "code that uses it no longer compiles")
            }
            Some(new_field) if old_field.required != new_field.required => {
                let shape = |required: bool| if required { "required" } else { "optional" };
                let why = "the field gains or loses its `Option` (and its place among `new`'s parameters, if any)";
                out.changed(&item, what, shape(old_field.required), shape(new_field.required), Impact::Breaking, why);
            }
            Some(new_field) => {
                out.changed(&item, what, &old_field.ty, &new_field.ty, Impact::Breaking, "the field has another type");
                out.changed(
                    &item,
                    what,
                    &old_field.wire,
                    &new_field.wire,
                    Impact::WireOnly,
                    "the field is another member on the wire",
                );
            }
        }
    }
    for (name, field) in new.iter().filter(|(name, _)| !old.contains_key(*name)) {
        let item = format!("{owner}::{name}");
        if field.required || in_variant {
            out.push(&item, what, ChangeKind::Added, added_required.0, added_required.1);
        } else {
            out.push(
                &item,
                what,
                ChangeKind::Added,
                Impact::Compatible,
                "optional: the struct is non-exhaustive and its constructor does not take it",
            );
        }
    }
}

fn kind_text(ty: &TypeSurface) -> &'static str {
    match ty {
        TypeSurface::Struct { .. } => "struct",
        TypeSurface::Enum { .. } => "enum",
        TypeSurface::Union { .. } => "union",
        TypeSurface::Alias { .. } => "alias",
        TypeSurface::Newtype { .. } => "newtype",
    }
}
