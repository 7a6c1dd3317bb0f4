//! `openapiv3::OpenAPI` -> [`model::Api`](crate::model::Api).

mod allof;
mod cycles;
mod depth;
mod derives;
mod enums;
mod operation;
mod pattern;
mod plan;
mod refs;
mod replace;
mod reserved;
mod scalars;
mod schema;
mod servers;
mod shared_headers;
mod unions;
mod view;

use openapiv3::OpenAPI;

use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::ident::Scope;
use crate::model::{Api, Checks, ClientHeader, Docs, Location, Operation, TypeRef};
use reserved::Space;

pub(crate) fn lower(doc: &OpenAPI, config: &Config) -> Result<Api, Error> {
    let servers = servers::servers(doc, config);
    let mut types = schema::TypeSpace::new(doc, config)?;
    types.lower_components()?;
    let mut ops = operation::OperationLowering {
        doc,
        config,
        types: &mut types,
        methods: Scope::with_reserved(&reserved::names(Space::ClientMethod)),
        builders: Scope::default(),
        skipped: Vec::new(),
        schemes: Vec::new(),
        examples: Vec::new(),
    };
    let mut operations = ops.all()?;
    let skipped = std::mem::take(&mut ops.skipped);
    let security_schemes = std::mem::take(&mut ops.schemes);
    let response_examples = std::mem::take(&mut ops.examples);
    let taken: Vec<&str> = security_schemes.iter().map(|s| s.name.as_str()).collect();
    let client_headers = client_headers(&mut operations, config, &taken)?;
    shared_headers::share(&mut operations, &mut types);
    let dependencies = types.dependencies();
    let components = std::mem::take(&mut types.components);
    let mut types = types.types;
    cycles::box_recursive_fields(&mut types, &components)?;
    let mut api = Api {
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        docs: Docs::new(&[Some(&doc.info.title), doc.info.description.as_deref()], String::new),
        servers: servers.list,
        servers_enum: config.servers_enum.clone(),
        relative_server: servers.relative,
        types,
        operations,
        client_headers,
        skipped: [servers.notes, skipped].concat(),
        security_schemes,
        response_examples,
        checked: Default::default(),
        default_structs: Default::default(),
        dependencies,
        derives: Default::default(),
        derive_notes: Vec::new(),
    };
    derives::apply(&mut api, &config.derives)?;
    Ok(api)
}

/// Header parameters the client holds, so callers set them once (the project uid of the
/// Edge API): those every operation declares with one type, and those `config.client_headers`
/// names, which some operation must declare (all that do with one type and the same limits).
/// `taken`: names the client builder already uses (the security schemes' setters).
fn client_headers(operations: &mut [Operation], config: &Config, taken: &[&str]) -> Result<Vec<ClientHeader>, Error> {
    let named = |wire: &str| config.client_headers.iter().any(|h| h.eq_ignore_ascii_case(wire));
    // Candidates in the order the operations first declare them.
    let mut candidates: Vec<(String, String, Docs, TypeRef, Checks)> = Vec::new();
    for p in operations.iter().flat_map(|op| &op.params) {
        let wire = p.wire.to_ascii_lowercase();
        let known = candidates.iter().any(|(w, ..)| *w == wire);
        if p.location == Location::Header && p.ty == TypeRef::String && !known {
            candidates.push((wire, p.name.clone(), p.docs.clone(), p.ty.clone(), p.checks.clone()));
        }
    }
    for wire in &config.client_headers {
        if !candidates.iter().any(|(w, ..)| w.eq_ignore_ascii_case(wire)) {
            return Err(Error::new(
                ErrorKind::Config,
                "",
                format!("client-headers: no operation declares a string header parameter `{wire}`"),
            ));
        }
    }
    let reserved = reserved::names(Space::ClientSetting);
    let mut out = Vec::new();
    for (wire, name, docs, ty, checks) in candidates {
        let declares = |op: &Operation| {
            op.params.iter().any(|p| p.location == Location::Header && p.wire.eq_ignore_ascii_case(&wire))
        };
        // The same limits everywhere too: the client's value is checked once, by `build`.
        let alike = |op: &Operation| {
            op.params.iter().any(|p| {
                p.location == Location::Header
                    && p.wire.eq_ignore_ascii_case(&wire)
                    && p.ty == ty
                    && p.name == name
                    && p.checks == checks
            })
        };
        let held = if named(&wire) {
            if let Some(op) = operations.iter().find(|op| declares(op) && !alike(op)) {
                return Err(Error::new(
                    ErrorKind::Config,
                    "",
                    format!(
                        "client-headers: `{wire}` is declared by `{}` with another type, name or limits than by the first operation that declares it",
                        op.id
                    ),
                ));
            }
            true
        } else {
            operations.iter().all(alike)
        };
        let clashes = reserved.contains(&name.as_str())
            || taken.contains(&name.as_str())
            || operations.iter().any(|op| op.method_name == name);
        if clashes && named(&wire) {
            // Asked for by name: leaving it on the operations would go unsaid.
            return Err(Error::new(
                ErrorKind::Config,
                "",
                format!("client-headers: `{wire}` would be the client builder's `{name}`, a name it already uses"),
            ));
        }
        if !held || clashes {
            continue;
        }
        for op in operations.iter_mut() {
            for p in op.params.iter_mut().filter(|p| p.wire.eq_ignore_ascii_case(&wire)) {
                p.client_level = true;
            }
        }
        out.push(ClientHeader { wire, name, docs, ty, checks });
    }
    Ok(out)
}
