//! `openapiv3::OpenAPI` -> [`model::Api`](crate::model::Api).

mod cycles;
mod operation;
mod refs;
mod schema;

use openapiv3::OpenAPI;

use crate::config::Config;
use crate::error::Error;
use crate::ident::{self, Scope};
use crate::model::{Api, ClientHeader, Docs, Location, Operation, Server, TypeRef};
use crate::pointer;

/// Method names `Client` has of its own, which operations may not take.
const CLIENT_RESERVED: &[&str] = &["new", "builder", "base_url", "http_client", "region", "build"];

pub(crate) fn lower(doc: &OpenAPI, config: &Config) -> Result<Api, Error> {
    let servers = servers(doc, config)?;
    let mut types = schema::TypeSpace::new(doc);
    types.lower_components()?;
    let mut ops = operation::OperationLowering {
        doc,
        config,
        types: &mut types,
        methods: Scope::with_reserved(CLIENT_RESERVED),
        builders: Scope::default(),
        skipped: Vec::new(),
    };
    let mut operations = ops.all()?;
    let mut skipped = std::mem::take(&mut ops.skipped);
    if doc.security.as_ref().is_some_and(|s| !s.is_empty())
        || doc.components.as_ref().is_some_and(|c| !c.security_schemes.is_empty())
    {
        skipped.push(
            "security schemes: this client does not apply credentials; give it a `reqwest::Client` with default headers"
                .to_owned(),
        );
    }
    let client_headers = client_headers(&mut operations);
    let mut types = types.types;
    cycles::box_recursive_fields(&mut types);
    Ok(Api {
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        docs: Docs::new(&[Some(&doc.info.title), doc.info.description.as_deref()], String::new),
        servers,
        servers_enum: config.servers_enum.clone(),
        types,
        operations,
        client_headers,
        skipped,
    })
}

fn servers(doc: &OpenAPI, config: &Config) -> Result<Vec<Server>, Error> {
    let mut scope = Scope::default();
    let mut out = Vec::new();
    for (i, server) in doc.servers.iter().enumerate() {
        let at = pointer::join("/servers", &[&i.to_string()]);
        if server.variables.as_ref().is_some_and(|v| !v.is_empty()) || server.url.contains('{') {
            return Err(Error::unsupported(at, "server URL variables are not mapped yet"));
        }
        if !(server.url.starts_with("http://") || server.url.starts_with("https://")) {
            return Err(Error::unsupported(
                pointer::join(&at, &["url"]),
                format!("relative server URL `{}` is not mapped yet; give the client a base URL", server.url),
            ));
        }
        let name = match config.server_names.get(&server.url) {
            Some(name) => name.clone(),
            None => ident::type_name(server.description.as_deref().unwrap_or(""), &format!("Server{i}")),
        };
        out.push(Server {
            variant: scope.claim(&name),
            url: server.url.clone(),
            docs: Docs::new(&[server.description.as_deref()], || format!("`{}`", server.url)),
        });
    }
    Ok(out)
}

/// Header parameters that every operation declares, with one type: the client can hold
/// them, so callers set them once (the project uid of the Edge API).
fn client_headers(operations: &mut [Operation]) -> Vec<ClientHeader> {
    let Some(first) = operations.first() else { return Vec::new() };
    let candidates: Vec<(String, String, Docs, TypeRef)> = first
        .params
        .iter()
        .filter(|p| p.location == Location::Header && p.ty == TypeRef::String)
        .map(|p| (p.wire.to_ascii_lowercase(), p.name.clone(), p.docs.clone(), p.ty.clone()))
        .collect();
    let mut out = Vec::new();
    for (wire, name, docs, ty) in candidates {
        let everywhere = operations.iter().all(|op| {
            op.params.iter().any(|p| {
                p.location == Location::Header && p.wire.eq_ignore_ascii_case(&wire) && p.ty == ty && p.name == name
            })
        });
        if !everywhere || CLIENT_RESERVED.contains(&name.as_str()) || operations.iter().any(|op| op.method_name == name)
        {
            continue;
        }
        for op in operations.iter_mut() {
            for p in op.params.iter_mut().filter(|p| p.wire.eq_ignore_ascii_case(&wire)) {
                p.client_level = true;
            }
        }
        out.push(ClientHeader { wire, name, docs, ty });
    }
    out
}
