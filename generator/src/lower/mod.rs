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
mod unions;
mod view;

use openapiv3::OpenAPI;

use crate::config::Config;
use crate::error::Error;
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
    let client_headers = client_headers(&mut operations, &taken);
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
        dependencies,
        derives: Default::default(),
        derive_notes: Vec::new(),
    };
    derives::apply(&mut api, &config.derives)?;
    Ok(api)
}

/// Header parameters that every operation declares, with one type: the client can hold
/// them, so callers set them once (the project uid of the Edge API).
/// `taken`: names the client builder already uses (the security schemes' setters).
fn client_headers(operations: &mut [Operation], taken: &[&str]) -> Vec<ClientHeader> {
    let Some(first) = operations.first() else { return Vec::new() };
    let candidates: Vec<(String, String, Docs, TypeRef, Checks)> = first
        .params
        .iter()
        .filter(|p| p.location == Location::Header && p.ty == TypeRef::String)
        .map(|p| (p.wire.to_ascii_lowercase(), p.name.clone(), p.docs.clone(), p.ty.clone(), p.checks.clone()))
        .collect();
    let reserved = reserved::names(Space::ClientSetting);
    let mut out = Vec::new();
    for (wire, name, docs, ty, checks) in candidates {
        // The same limits everywhere too: the client's value is checked once, by `build`.
        let everywhere = operations.iter().all(|op| {
            op.params.iter().any(|p| {
                p.location == Location::Header
                    && p.wire.eq_ignore_ascii_case(&wire)
                    && p.ty == ty
                    && p.name == name
                    && p.checks == checks
            })
        });
        if !everywhere
            || reserved.contains(&name.as_str())
            || taken.contains(&name.as_str())
            || operations.iter().any(|op| op.method_name == name)
        {
            continue;
        }
        for op in operations.iter_mut() {
            for p in op.params.iter_mut().filter(|p| p.wire.eq_ignore_ascii_case(&wire)) {
                p.client_level = true;
            }
        }
        out.push(ClientHeader { wire, name, docs, ty, checks });
    }
    out
}
