//! Paths and operations -> `model::Operation`.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{
    Header, MediaType, OpenAPI, Operation as OaOperation, Parameter, ParameterSchemaOrContent, PathStyle, QueryStyle,
    ReferenceOr, RequestBody as OaRequestBody, Response, Schema, SchemaKind, StatusCode, Type,
};

use super::refs;
use super::schema::TypeSpace;
use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::ident::{self, Scope};
use crate::model::{
    BodyKind, Checks, Docs, Location, Method, Operation, Param, ParamEncoding, PathPart, Payload, RequestBody,
    ResponseCase, ResponseHeader, StatusMatch, TypeDef, TypeKind, TypeRef,
};
use crate::pointer;

/// Names a builder may not give a parameter: its own fields and methods.
const BUILDER_RESERVED: &[&str] = &["client", "body", "send", "new"];
/// Names a typed header accessor may not take: `ResponseValue`'s own methods.
const RESPONSE_RESERVED: &[&str] =
    &["status", "headers", "typed_headers", "into_inner", "into_parts", "map", "new", "deref", "deref_mut"];

pub(crate) struct OperationLowering<'a, 'b> {
    pub doc: &'a OpenAPI,
    pub config: &'a Config,
    pub types: &'b mut TypeSpace<'a>,
    pub methods: Scope,
    pub builders: Scope,
    pub skipped: Vec<String>,
}

impl<'a> OperationLowering<'a, '_> {
    pub(crate) fn all(&mut self) -> Result<Vec<Operation>, Error> {
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
        let id = op.operation_id.clone().unwrap_or_else(|| format!("{} {path}", method.as_str()));
        let method_name = self.methods.claim(&ident::snake_name(&id, "operation"));
        let builder_name = self.builders.claim(&ident::type_name(&id, "Operation"));
        let mut docs = Docs::new(&[op.summary.as_deref(), op.description.as_deref()], || {
            format!("`{} {path}`", method.as_str().to_uppercase())
        });
        docs.deprecated = op.deprecated;
        if !op.callbacks.is_empty() {
            self.skipped.push(format!("callbacks of `{id}` ({at}/callbacks)"));
        }

        let mut scope = Scope::with_reserved(BUILDER_RESERVED);
        let mut params = Vec::new();
        for (raw, param_at) in merged_params(self.doc, shared, &op.parameters, at)? {
            params.push(self.param(raw, &param_at, &builder_name, &mut scope)?);
        }
        let path_parts = path_template(path, &params, at)?;
        // Path parameters first, in template order; then query, then header (stable order).
        let mut ordered: Vec<usize> = path_parts
            .iter()
            .filter_map(|p| match p {
                PathPart::Param(i) => Some(*i),
                PathPart::Literal(_) => None,
            })
            .collect();
        for loc in [Location::Query, Location::Header] {
            ordered.extend(params.iter().enumerate().filter(|(_, p)| p.location == loc).map(|(i, _)| i));
        }
        let remap: Vec<usize> =
            (0..params.len()).map(|old| ordered.iter().position(|&i| i == old).unwrap_or(old)).collect();
        let path_parts = path_parts
            .into_iter()
            .map(|p| match p {
                PathPart::Param(i) => PathPart::Param(remap[i]),
                lit => lit,
            })
            .collect();
        let params = ordered.into_iter().map(|i| params[i].clone()).collect();

        let body = match &op.request_body {
            Some(body) => Some(self.body(body, &pointer::join(at, &["requestBody"]), &builder_name)?),
            None => None,
        };
        let (responses, success, error, response_headers) = self.responses(op, at, &builder_name)?;
        Ok(Operation {
            id,
            method_name,
            builder_name,
            method,
            path: path_parts,
            path_template: path.to_owned(),
            docs,
            params,
            body,
            responses,
            success,
            error,
            response_headers,
        })
    }

    fn param(&mut self, raw: &Parameter, at: &str, builder: &str, scope: &mut Scope) -> Result<Param, Error> {
        let data = raw.parameter_data_ref();
        let (location, explode) = match raw {
            Parameter::Path { style, .. } => {
                if *style != PathStyle::Simple {
                    return Err(Error::unsupported(
                        pointer::join(at, &["style"]),
                        "path styles other than `simple` are not mapped yet",
                    ));
                }
                (Location::Path, false)
            }
            Parameter::Query { style, .. } => {
                if *style != QueryStyle::Form {
                    return Err(Error::unsupported(
                        pointer::join(at, &["style"]),
                        "query styles other than `form` are not mapped yet",
                    ));
                }
                (Location::Query, data.explode.unwrap_or(true))
            }
            Parameter::Header { .. } => {
                if !is_header_token(&data.name) {
                    return Err(Error::new(
                        ErrorKind::Invalid,
                        pointer::join(at, &["name"]),
                        format!("`{}` is not a valid HTTP header name", data.name),
                    ));
                }
                (Location::Header, false)
            }
            Parameter::Cookie { .. } => return Err(Error::unsupported(at, "cookie parameters are not mapped yet")),
        };
        let hint = format!("{builder}{}", ident::type_name(&data.name, "Param"));
        let (ty, encoding, checks) = match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let schema_at = pointer::join(at, &["schema"]);
                let ty = self.types.type_of(schema, &schema_at, &hint)?;
                check_plain(&ty, &self.types.types, &schema_at)?;
                (ty, ParamEncoding::Plain { explode }, self.checks(schema, &schema_at)?)
            }
            ParameterSchemaOrContent::Content(content) => {
                let (media, media_type) = single_json(content, &pointer::join(at, &["content"]))?;
                let media_at = pointer::join(at, &["content", media]);
                let ty = match &media_type.schema {
                    Some(schema) => self.types.type_of(schema, &pointer::join(&media_at, &["schema"]), &hint)?,
                    None => TypeRef::Json,
                };
                (ty, ParamEncoding::Json, Checks::default())
            }
        };
        let name = self
            .config
            .parameter_names
            .get(&data.name)
            .cloned()
            .unwrap_or_else(|| ident::snake_name(&data.name, "param"));
        let mut docs = Docs::new(&[data.description.as_deref()], || format!("The `{}` parameter.", data.name));
        docs.deprecated = data.deprecated.unwrap_or(false);
        Ok(Param {
            wire: data.name.clone(),
            name: scope.claim(&name),
            location,
            docs,
            ty,
            required: data.required || location == Location::Path,
            encoding,
            checks,
            client_level: false,
        })
    }

    fn checks(&self, schema: &ReferenceOr<Schema>, at: &str) -> Result<Checks, Error> {
        let schema = refs::resolve(self.doc, schema, at)?.item;
        let mut checks = Checks::default();
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                checks.min_length = s.min_length;
                checks.max_length = s.max_length;
            }
            SchemaKind::Type(Type::Array(a)) => {
                checks.min_items = a.min_items;
                checks.max_items = a.max_items;
            }
            SchemaKind::Type(Type::Integer(i)) => {
                checks.minimum = i.minimum.map(|m| (m as f64, i.exclusive_minimum));
                checks.maximum = i.maximum.map(|m| (m as f64, i.exclusive_maximum));
            }
            SchemaKind::Type(Type::Number(n)) => {
                checks.minimum = n.minimum.map(|m| (m, n.exclusive_minimum));
                checks.maximum = n.maximum.map(|m| (m, n.exclusive_maximum));
            }
            _ => {}
        }
        Ok(checks)
    }

    fn body(&mut self, body: &ReferenceOr<OaRequestBody>, at: &str, builder: &str) -> Result<RequestBody, Error> {
        let resolved = refs::resolve(self.doc, body, at)?;
        let body = resolved.item;
        let at = resolved.pointer;
        let mut docs = Docs::new(&[body.description.as_deref()], || "The request body.".to_owned());
        let Some((media, media_type)) = pick_media(&body.content) else {
            let types: Vec<&str> = body.content.keys().map(String::as_str).collect();
            return Err(Error::unsupported(
                pointer::join(&at, &["content"]),
                format!("request bodies of media type {types:?} are not mapped yet (mapped: JSON, text/plain, application/octet-stream)"),
            ));
        };
        let others: Vec<&str> = body.content.keys().filter(|k| *k != media).map(String::as_str).collect();
        if !others.is_empty() {
            docs.text
                .push_str(&format!("\n\nThis client sends `{media}`; the API also accepts {}.", others.join(", ")));
        }
        let media_at = pointer::join(&at, &["content", media]);
        let kind = match media_kind(media) {
            MediaKind::Json => BodyKind::Json(match &media_type.schema {
                Some(schema) => {
                    self.types.type_of(schema, &pointer::join(&media_at, &["schema"]), &format!("{builder}Body"))?
                }
                None => TypeRef::Json,
            }),
            MediaKind::Text => BodyKind::Text,
            MediaKind::Bytes => BodyKind::Bytes,
        };
        Ok(RequestBody { media_type: media.to_owned(), kind, required: body.required, docs })
    }

    #[allow(clippy::type_complexity)]
    fn responses(
        &mut self,
        op: &OaOperation,
        at: &str,
        builder: &str,
    ) -> Result<(Vec<ResponseCase>, Payload, Payload, Option<(String, Vec<ResponseHeader>)>), Error> {
        let mut cases = Vec::new();
        let mut headers: Vec<ResponseHeader> = Vec::new();
        let mut header_scope = Scope::with_reserved(RESPONSE_RESERVED);
        let mut entries: Vec<(StatusMatch, &ReferenceOr<Response>, String)> = Vec::new();
        for (status, response) in &op.responses.responses {
            let (status, key) = match status {
                StatusCode::Code(c) => (StatusMatch::Exact(*c), c.to_string()),
                StatusCode::Range(r) => (StatusMatch::Range(*r), format!("{r}XX")),
            };
            entries.push((status, response, pointer::join(at, &["responses", &key])));
        }
        if let Some(default) = &op.responses.default {
            entries.push((StatusMatch::Default, default, pointer::join(at, &["responses", "default"])));
        }
        if entries.is_empty() {
            return Err(Error::new(
                ErrorKind::Invalid,
                pointer::join(at, &["responses"]),
                "an operation needs at least one response",
            ));
        }
        let has_success = entries.iter().any(|(s, ..)| is_success(*s));
        for (status, response, response_at) in entries {
            let resolved = refs::resolve(self.doc, response, &response_at)?;
            let response = resolved.item;
            let suffix = match status {
                StatusMatch::Exact(c) => c.to_string(),
                StatusMatch::Range(r) => format!("{r}XX"),
                StatusMatch::Default => "Default".to_owned(),
            };
            let payload = self.payload(response, &resolved.pointer, &format!("{builder}Response{suffix}"))?;
            if !response.links.is_empty() {
                self.skipped.push(format!("links of {response_at}"));
            }
            let success = is_success(status) || (status == StatusMatch::Default && !has_success);
            if success {
                for (name, header) in &response.headers {
                    if name.eq_ignore_ascii_case("content-type") {
                        continue; // OpenAPI: a `Content-Type` header definition is ignored.
                    }
                    let header_at = pointer::join(&resolved.pointer, &["headers", name]);
                    self.response_header(name, header, &header_at, &mut headers, &mut header_scope)?;
                }
            }
            if status == StatusMatch::Default && !has_success {
                // A lone `default` describes every answer: 2XX is the success, the rest errors.
                cases.push(ResponseCase { status: StatusMatch::Range(2), success: true, payload: payload.clone() });
                cases.push(ResponseCase { status, success: false, payload });
            } else {
                cases.push(ResponseCase { status, success, payload });
            }
        }
        let success = unique_payload(&cases, true, at, "success")?;
        let error = unique_payload(&cases, false, at, "error")?;
        let headers = if headers.is_empty() {
            None
        } else {
            Some((self.types.claim(&format!("{builder}ResponseHeaders")), headers))
        };
        // Exact codes before ranges before `default`, as the match arms must be.
        cases.sort_by_key(|c| c.status);
        Ok((cases, success, error, headers))
    }

    fn response_header(
        &mut self,
        name: &str,
        header: &ReferenceOr<Header>,
        at: &str,
        headers: &mut Vec<ResponseHeader>,
        scope: &mut Scope,
    ) -> Result<(), Error> {
        let resolved = refs::resolve(self.doc, header, at)?;
        let header = resolved.item;
        let ty = match &header.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let schema_at = pointer::join(&resolved.pointer, &["schema"]);
                let ty =
                    self.types.type_of(schema, &schema_at, &format!("{}Header", ident::type_name(name, "Header")))?;
                match ty {
                    TypeRef::String
                    | TypeRef::Bool
                    | TypeRef::I32
                    | TypeRef::I64
                    | TypeRef::U32
                    | TypeRef::U64
                    | TypeRef::F32
                    | TypeRef::F64 => ty,
                    _ => {
                        return Err(Error::unsupported(
                            schema_at,
                            "response headers other than strings, numbers and booleans are not mapped yet",
                        ))
                    }
                }
            }
            ParameterSchemaOrContent::Content(_) => {
                return Err(Error::unsupported(
                    pointer::join(&resolved.pointer, &["content"]),
                    "response headers with `content` are not mapped yet",
                ))
            }
        };
        if let Some(existing) = headers.iter_mut().find(|h| h.wire.eq_ignore_ascii_case(name)) {
            // Declared by several success responses: required only if every one requires it.
            existing.required &= header.required;
            return Ok(());
        }
        let rust = self.config.parameter_names.get(name).cloned().unwrap_or_else(|| ident::snake_name(name, "header"));
        headers.push(ResponseHeader {
            wire: name.to_owned(),
            name: scope.claim(&rust),
            docs: Docs::new(&[header.description.as_deref()], || format!("The `{name}` response header.")),
            ty,
            required: header.required,
        });
        Ok(())
    }

    fn payload(&mut self, response: &Response, at: &str, hint: &str) -> Result<Payload, Error> {
        if response.content.is_empty() {
            return Ok(Payload::Empty);
        }
        let Some((media, media_type)) = pick_media(&response.content) else {
            return Ok(Payload::Bytes);
        };
        Ok(match media_kind(media) {
            MediaKind::Json => Payload::Json(match &media_type.schema {
                Some(schema) => self.types.type_of(schema, &pointer::join(at, &["content", media, "schema"]), hint)?,
                None => TypeRef::Json,
            }),
            MediaKind::Text => Payload::Text,
            MediaKind::Bytes => Payload::Bytes,
        })
    }
}

/// RFC 9110 `token`: what a header name may be made of.
fn is_header_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn is_success(status: StatusMatch) -> bool {
    matches!(status, StatusMatch::Exact(200..=299) | StatusMatch::Range(2))
}

fn unique_payload(cases: &[ResponseCase], success: bool, at: &str, what: &str) -> Result<Payload, Error> {
    let mut payloads = cases.iter().filter(|c| c.success == success).map(|c| &c.payload);
    let Some(first) = payloads.next() else { return Ok(Payload::Empty) };
    if payloads.any(|p| p != first) {
        return Err(Error::unsupported(
            pointer::join(at, &["responses"]),
            format!("{what} responses with different bodies are not mapped yet"),
        ));
    }
    Ok(first.clone())
}

#[derive(Clone, Copy)]
enum MediaKind {
    Json,
    Text,
    Bytes,
}

fn media_kind(media: &str) -> MediaKind {
    let essence = media.split(';').next().unwrap_or(media).trim().to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        MediaKind::Json
    } else if essence.starts_with("text/") {
        MediaKind::Text
    } else {
        MediaKind::Bytes
    }
}

/// JSON first, then text, then raw bytes (`application/octet-stream` or `*/*`); form and
/// multipart bodies are not mapped.
fn pick_media(content: &IndexMap<String, MediaType>) -> Option<(&str, &MediaType)> {
    let find = |pred: &dyn Fn(&str) -> bool| content.iter().find(|(k, _)| pred(k)).map(|(k, v)| (k.as_str(), v));
    find(&|k| matches!(media_kind(k), MediaKind::Json))
        .or_else(|| find(&|k| matches!(media_kind(k), MediaKind::Text)))
        .or_else(|| find(&|k| k.starts_with("application/octet-stream") || k == "*/*"))
}

fn single_json<'c>(content: &'c IndexMap<String, MediaType>, at: &str) -> Result<(&'c str, &'c MediaType), Error> {
    match content.iter().next() {
        Some((media, m)) if content.len() == 1 && matches!(media_kind(media), MediaKind::Json) => {
            Ok((media.as_str(), m))
        }
        _ => Err(Error::unsupported(at, "parameters with `content` are mapped for exactly one JSON media type")),
    }
}

/// Only scalars, string enums and arrays of them travel as plain text. A named type counts
/// when it is a string enum or an alias of a scalar (`types` holds every type met so far,
/// which includes the one `ty` names).
fn check_plain(ty: &TypeRef, types: &BTreeMap<String, TypeDef>, at: &str) -> Result<(), Error> {
    fn scalar(t: &TypeRef, types: &BTreeMap<String, TypeDef>, depth: usize) -> bool {
        match t {
            TypeRef::String
            | TypeRef::Bool
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::U32
            | TypeRef::U64
            | TypeRef::F32
            | TypeRef::F64 => true,
            TypeRef::Named(name) => match types.get(name).map(|def| &def.kind) {
                Some(TypeKind::StringEnum { .. }) => true,
                // The depth bound stops on circular aliases (`A: $ref B`, `B: $ref A`).
                Some(TypeKind::Alias(target)) => depth < 32 && scalar(target, types, depth + 1),
                _ => false,
            },
            _ => false,
        }
    }
    let ok = match ty {
        TypeRef::Vec(item) => scalar(item, types, 0),
        TypeRef::Option(inner) => scalar(inner, types, 0),
        other => scalar(other, types, 0),
    };
    if ok {
        Ok(())
    } else {
        Err(Error::unsupported(at, "object-valued parameters are not mapped yet"))
    }
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

/// Splits `/users/{id}/posts` into literals and parameters, checking both sides agree.
fn path_template(path: &str, params: &[Param], at: &str) -> Result<Vec<PathPart>, Error> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            return Err(Error::new(ErrorKind::Invalid, at, format!("unclosed `{{` in path `{path}`")));
        };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..open + close];
        let index = params.iter().position(|p| p.location == Location::Path && p.wire == name).ok_or_else(|| {
            Error::new(ErrorKind::Invalid, at, format!("path parameter `{name}` of `{path}` is not declared"))
        })?;
        parts.push(PathPart::Param(index));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    for p in params.iter().filter(|p| p.location == Location::Path) {
        if !parts.iter().any(|part| matches!(part, PathPart::Param(i) if params[*i].wire == p.wire)) {
            return Err(Error::new(
                ErrorKind::Invalid,
                at,
                format!("path parameter `{}` does not appear in `{path}`", p.wire),
            ));
        }
    }
    Ok(parts)
}
