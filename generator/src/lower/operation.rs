//! Paths and operations -> `model::Operation`.
//!
//! This module walks the paths and names the operations; its submodules lower the parts of
//! one operation: `params` (parameters and their styles), `bodies` (request bodies by media
//! type), `responses` (bodies by status and media type, response headers) and `security`
//! (schemes and requirements).

mod bodies;
mod examples;
mod params;
mod responses;
mod security;

use openapiv3::{OpenAPI, Operation as OaOperation, Parameter, ReferenceOr};

use super::refs;
use super::reserved::{self, Space};
use super::schema::TypeSpace;
use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::ident::{self, Scope};
use crate::model::{Docs, Location, Method, Operation, Param, ParamEncoding, ResponseExample, SecurityScheme};
use crate::pointer;

pub(crate) struct OperationLowering<'a, 'b> {
    pub doc: &'a OpenAPI,
    pub config: &'a Config,
    pub types: &'b mut TypeSpace<'a>,
    pub methods: Scope,
    pub builders: Scope,
    pub skipped: Vec<String>,
    /// The document's security schemes; lowered by [`all`](Self::all).
    pub schemes: Vec<SecurityScheme>,
    /// The examples of JSON response bodies, each once (a shared response has them once).
    pub examples: Vec<ResponseExample>,
}

impl<'a> OperationLowering<'a, '_> {
    pub(crate) fn all(&mut self) -> Result<Vec<Operation>, Error> {
        self.schemes = security::schemes(self.doc)?;
        let mut out = Vec::new();
        for (path, item) in self.doc.paths.paths.iter() {
            let item_at = pointer::join("/paths", &[path]);
            let ReferenceOr::Item(item) = item else {
                return Err(Error::unsupported(&item_at, "`$ref` path items are not mapped yet"));
            };
            for method in Method::ALL {
                let op = match method {
                    Method::Get => &item.get,
                    Method::Put => &item.put,
                    Method::Post => &item.post,
                    Method::Delete => &item.delete,
                    Method::Options => &item.options,
                    Method::Head => &item.head,
                    Method::Patch => &item.patch,
                    Method::Trace => &item.trace,
                };
                if let Some(op) = op {
                    let at = pointer::join(&item_at, &[method.as_str()]);
                    out.push(self.operation(path, method, &item.parameters, op, &at)?);
                }
            }
        }
        self.schemes = security::keep_required(std::mem::take(&mut self.schemes), &mut out, &mut self.skipped);
        Ok(out)
    }

    fn operation(
        &mut self,
        path: &str,
        method: Method,
        shared: &[ReferenceOr<Parameter>],
        op: &OaOperation,
        at: &str,
    ) -> Result<Operation, Error> {
        let (id, base_name) = match &op.operation_id {
            Some(id) => (id.clone(), id.clone()),
            None => (format!("{} {path}", method.as_str()), name_from_path(method, path)),
        };
        let method_name = self.methods.claim(&ident::snake_name(&base_name, "operation"));
        let builder_name = self.builders.claim(&ident::type_name(&base_name, "Operation"));
        let mut docs = Docs::new(&[op.summary.as_deref(), op.description.as_deref()], || {
            format!("`{} {path}`", method.as_str().to_uppercase())
        });
        docs.deprecated = op.deprecated;
        if !op.callbacks.is_empty() {
            self.skipped.push(format!("callbacks of `{id}` ({at}/callbacks)"));
        }

        let mut scope = Scope::with_reserved(&reserved::names(Space::Builder));
        let mut params = Vec::new();
        for (raw, param_at) in merged_params(self.doc, shared, &op.parameters, at)? {
            params.push(self.param(raw, &param_at, &builder_name, &mut scope)?);
        }
        let template = query_in_path(path, &mut params, at)?;
        let path_params = path_template(template, &params, at)?;
        // Path parameters first, in template order; then query, header, cookie (stable order).
        let mut ordered: Vec<usize> = Vec::new();
        for i in &path_params {
            // A parameter may appear twice in a template (`/a/{id}/b/{id}`).
            if !ordered.contains(i) {
                ordered.push(*i);
            }
        }
        for loc in [Location::Query, Location::Header, Location::Cookie] {
            ordered.extend(params.iter().enumerate().filter(|(_, p)| p.location == loc).map(|(i, _)| i));
        }
        let remap: Vec<usize> =
            (0..params.len()).map(|old| ordered.iter().position(|&i| i == old).unwrap_or(old)).collect();
        let path_params = path_params.into_iter().map(|i| remap[i]).collect();
        let params = ordered.into_iter().map(|i| params[i].clone()).collect();

        let body = match &op.request_body {
            Some(body) => self.body(body, &pointer::join(at, &["requestBody"]), &builder_name, &mut scope)?,
            None => None,
        };
        let responses = self.responses(op, at, &builder_name, method == Method::Head)?;
        if responses.undeclared {
            docs.text.push_str(
                "\n\nThe document declares no responses for this operation: any 2xx status is a success, \
                 its body is not read.",
            );
        }
        let security = match &op.security {
            Some(own) => security::requirements(&self.schemes, Some(own), at, &mut self.skipped),
            None => security::requirements(&self.schemes, self.doc.security.as_ref(), "", &mut self.skipped),
        };
        Ok(Operation {
            id,
            method_name,
            builder_name,
            method,
            path_params,
            path_template: path.to_owned(),
            tag: op.tags.first().cloned(),
            docs,
            params,
            body,
            responses: responses.cases,
            success: responses.success,
            error: responses.error,
            response_headers: responses.headers,
            security,
        })
    }
}

/// The name of an operation without `operationId`: the method and the path's segments, a
/// parameter as `by_<name>` (`get /pets/{id}` -> `get_pets_by_id`).
fn name_from_path(method: Method, path: &str) -> String {
    let mut words = vec![method.as_str().to_owned()];
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        let mut rest = segment;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else { break };
            words.push(rest[..open].to_owned());
            words.push(format!("by {}", &rest[open + 1..open + close]));
            rest = &rest[open + close + 1..];
        }
        words.push(rest.to_owned());
    }
    words.retain(|w| w.chars().any(|c| c.is_ascii_alphanumeric()));
    words.join(" ")
}

/// Path-level parameters overridden by operation-level ones of the same name and location.
fn merged_params<'d>(
    doc: &'d OpenAPI,
    shared: &'d [ReferenceOr<Parameter>],
    own: &'d [ReferenceOr<Parameter>],
    at: &str,
) -> Result<Vec<(&'d Parameter, String)>, Error> {
    let path_at = at.rsplit_once('/').map_or(at, |(p, _)| p).to_owned();
    let mut out: Vec<(&Parameter, String)> = Vec::new();
    for (list, base) in [(shared, path_at), (own, at.to_owned())] {
        for (i, p) in list.iter().enumerate() {
            let resolved = refs::resolve(doc, p, &pointer::join(&base, &["parameters", &i.to_string()]))?;
            let key = |p: &Parameter| (p.parameter_data_ref().name.clone(), std::mem::discriminant(p));
            if let Some(slot) = out.iter_mut().find(|(q, _)| key(q) == key(resolved.item)) {
                *slot = (resolved.item, resolved.pointer);
            } else {
                out.push((resolved.item, resolved.pointer));
            }
        }
    }
    Ok(out)
}

/// The path template of a path key that holds more than a path: a fragment (`/a#b`, which
/// some documents use to tell two descriptions of one path apart) is never sent, so left
/// out; a query string of `name={parameter}` pairs (`/current?city={city}`, which documents
/// write to describe one path with several sets of parameters) makes each such parameter a
/// query parameter under that name, whether the document declares it `in: path` or `in:
/// query`. Anything else in a query string is an error naming the path item.
fn query_in_path<'p>(path: &'p str, params: &mut [Param], at: &str) -> Result<&'p str, Error> {
    let path = path.split_once('#').map_or(path, |(path, _)| path);
    let Some((template, query)) = path.split_once('?') else { return Ok(path) };
    // The path item's own pointer: the key is what is wrong, not the operation.
    let item = at.rsplit_once('/').map_or(at, |(item, _)| item);
    let invalid = |why: String| {
        Error::new(
            ErrorKind::Invalid,
            item,
            format!("the path `{path}` holds a query string (`?{query}`) that {why}; query parameters are declared with `in: query`"),
        )
    };
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let parameter = value.strip_prefix('{').and_then(|v| v.strip_suffix('}'));
        let Some(parameter) = parameter.filter(|_| !name.is_empty() && !name.contains(['{', '}'])) else {
            return Err(invalid(format!("gives `{pair}`, not `name={{parameter}}`")));
        };
        let declared = params.iter_mut().find(|p| {
            p.wire == parameter && (p.location == Location::Path || (p.location == Location::Query && p.wire == name))
        });
        let Some(declared) = declared else {
            return Err(invalid(format!("names `{{{parameter}}}`, which the operation does not declare")));
        };
        if !matches!(declared.encoding, ParamEncoding::Plain { .. }) {
            return Err(invalid(format!("names `{{{parameter}}}`, whose style only a path can have")));
        }
        declared.location = Location::Query;
        declared.wire = name.to_owned();
    }
    Ok(template)
}

/// The parameters of `/users/{id}/posts` (indices into `params`, in the template's order),
/// checking both sides agree.
fn path_template(path: &str, params: &[Param], at: &str) -> Result<Vec<usize>, Error> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            return Err(Error::new(ErrorKind::Invalid, at, format!("unclosed `{{` in path `{path}`")));
        };
        let name = &rest[open + 1..open + close];
        let index = params.iter().position(|p| p.location == Location::Path && p.wire == name).ok_or_else(|| {
            Error::new(ErrorKind::Invalid, at, format!("path parameter `{name}` of `{path}` is not declared"))
        })?;
        parts.push(index);
        rest = &rest[open + close + 1..];
    }
    for p in params.iter().filter(|p| p.location == Location::Path) {
        if !parts.iter().any(|&i| params[i].wire == p.wire) {
            return Err(Error::new(
                ErrorKind::Invalid,
                at,
                format!("path parameter `{}` does not appear in `{path}`", p.wire),
            ));
        }
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_method_and_path() {
        let name = |m, p| ident::snake_name(&name_from_path(m, p), "operation");
        assert_eq!(name(Method::Get, "/pets/{id}"), "get_pets_by_id");
        assert_eq!(name(Method::Get, "/"), "get");
        assert_eq!(name(Method::Post, "/users/{userId}/posts"), "post_users_by_user_id_posts");
        assert_eq!(name(Method::Delete, "/files/{name}.json"), "delete_files_by_name_json");
        assert_eq!(name(Method::Put, "/a-b/c_d"), "put_a_b_c_d");
    }
}
