//! Security schemes (credentials set once on the client) and the requirements of each
//! operation (which credentials it sends).

use openapiv3::{APIKeyLocation, OpenAPI, ReferenceOr, SecurityRequirement, SecurityScheme as OaScheme};

use crate::error::{Error, ErrorKind};
use crate::ident::{self, Scope};
use crate::lower::reserved::{self, Space};
use crate::model::{Docs, Location, Operation, SchemeKind, SecurityScheme};
use crate::pointer;

/// The schemes of `components/securitySchemes`, in document order.
pub(super) fn schemes(doc: &OpenAPI) -> Result<Vec<SecurityScheme>, Error> {
    let Some(components) = &doc.components else { return Ok(Vec::new()) };
    let mut scope = Scope::with_reserved(&reserved::names(Space::ClientSetting));
    let mut out = Vec::new();
    for (key, scheme) in &components.security_schemes {
        let at = pointer::join("/components/securitySchemes", &[key]);
        let scheme = resolve(doc, scheme, &at)?;
        let (kind, description, how) = match scheme {
            OaScheme::APIKey { location, name, description, .. } => {
                let (location, place) = match location {
                    APIKeyLocation::Header => (Location::Header, "header"),
                    APIKeyLocation::Query => (Location::Query, "query parameter"),
                    APIKeyLocation::Cookie => (Location::Cookie, "cookie"),
                };
                let valid = match location {
                    Location::Query => !name.is_empty(),
                    _ => super::params::is_token(name),
                };
                if !valid {
                    return Err(Error::new(
                        ErrorKind::Invalid,
                        pointer::join(&at, &["name"]),
                        format!("`{name}` cannot be the name of a {place}"),
                    ));
                }
                let how = format!("An API key, sent as the `{name}` {place}.");
                (SchemeKind::ApiKey { location, wire: name.clone() }, description, how)
            }
            OaScheme::HTTP { scheme, bearer_format, description, .. } => match scheme.to_ascii_lowercase().as_str() {
                "basic" => (
                    SchemeKind::Basic,
                    description,
                    "HTTP basic authentication: a user name and a password, sent as `Authorization: Basic ...`."
                        .to_owned(),
                ),
                "bearer" => {
                    let format = bearer_format.as_deref().map(|f| format!(" ({f})")).unwrap_or_default();
                    (
                        SchemeKind::Bearer,
                        description,
                        format!("A bearer token{format}, sent as `Authorization: Bearer <token>`."),
                    )
                }
                other => (
                    SchemeKind::Authorization,
                    description,
                    format!(
                        "HTTP `{other}` authentication: the whole value of the `Authorization` header \
                         (for example `{other} <credentials>`)."
                    ),
                ),
            },
            OaScheme::OAuth2 { description, .. } => (
                SchemeKind::Bearer,
                description,
                "An OAuth 2 access token, sent as `Authorization: Bearer <token>`. Obtaining and refreshing \
                 the token is up to the caller."
                    .to_owned(),
            ),
            OaScheme::OpenIDConnect { open_id_connect_url, description, .. } => (
                SchemeKind::Bearer,
                description,
                format!(
                    "An OpenID Connect access token (provider: `{open_id_connect_url}`), sent as \
                     `Authorization: Bearer <token>`. Obtaining and refreshing the token is up to the caller."
                ),
            ),
        };
        let mut docs = Docs::new(&[description.as_deref()], || format!("The `{key}` security scheme."));
        docs.text.push_str(&format!("\n\n{how}"));
        out.push(SecurityScheme {
            key: key.clone(),
            name: scope.claim(&ident::snake_name(key, "credentials")),
            docs,
            kind,
        });
    }
    Ok(out)
}

/// The schemes some operation's requirement names, in document order, with the operations'
/// indices into them renumbered. A scheme no requirement names would be a client setting
/// that nothing sends (and a field rustc calls dead code): it is left out, and said so in
/// `skipped`.
pub(super) fn keep_required(
    schemes: Vec<SecurityScheme>,
    operations: &mut [Operation],
    skipped: &mut Vec<String>,
) -> Vec<SecurityScheme> {
    let required = |index: usize| operations.iter().flat_map(|op| op.security.iter().flatten()).any(|&i| i == index);
    let kept: Vec<bool> = (0..schemes.len()).map(required).collect();
    // Old index -> new index, for the schemes kept.
    let renumbered: Vec<usize> = kept
        .iter()
        .scan(0, |next, &keep| {
            let index = *next;
            *next += usize::from(keep);
            Some(index)
        })
        .collect();
    for op in operations.iter_mut() {
        for alternative in &mut op.security {
            for index in alternative.iter_mut() {
                *index = renumbered[*index];
            }
        }
    }
    let mut out = Vec::new();
    for (scheme, keep) in schemes.into_iter().zip(kept) {
        if keep {
            out.push(scheme);
        } else {
            let at = pointer::join("/components/securitySchemes", &[&scheme.key]);
            skipped.push(format!("the security scheme `{}` ({at}): no operation requires it", scheme.key));
        }
    }
    out
}

fn resolve<'d>(doc: &'d OpenAPI, scheme: &'d ReferenceOr<OaScheme>, at: &str) -> Result<&'d OaScheme, Error> {
    let mut current = scheme;
    for _ in 0..32 {
        match current {
            ReferenceOr::Item(item) => return Ok(item),
            ReferenceOr::Reference { reference } => {
                let name = reference
                    .strip_prefix("#/components/securitySchemes/")
                    .map(|rest| pointer::tokens(&format!("/{rest}")));
                let found = match name.as_deref() {
                    Some([name]) => doc.components.as_ref().and_then(|c| c.security_schemes.get(name)),
                    _ => None,
                };
                current = found.ok_or_else(|| {
                    Error::new(ErrorKind::Reference, at, format!("`$ref: {reference}` names no security scheme"))
                })?;
            }
        }
    }
    Err(Error::new(ErrorKind::Reference, at, "`$ref` chain is too long or circular"))
}

/// The alternatives of an operation's requirement (its own `security`, else the
/// document's), each as indices into `schemes`; duplicates removed. An alternative naming a
/// scheme the document does not declare cannot be met by the client: it is left out and
/// said so in `skipped`.
pub(super) fn requirements(
    schemes: &[SecurityScheme],
    security: Option<&Vec<SecurityRequirement>>,
    at: &str,
    skipped: &mut Vec<String>,
) -> Vec<Vec<usize>> {
    let Some(security) = security else { return Vec::new() };
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut dropped = false;
    for (i, requirement) in security.iter().enumerate() {
        let mut alternative = Vec::new();
        let mut unknown = None;
        for key in requirement.keys() {
            match schemes.iter().position(|s| s.key == *key) {
                Some(index) if !alternative.contains(&index) => alternative.push(index),
                Some(_) => {}
                None => unknown = Some(key),
            }
        }
        if let Some(key) = unknown {
            let requirement_at = pointer::join(&format!("{at}/security"), &[&i.to_string()]);
            let note = format!(
                "the security requirement at `{requirement_at}`: `{key}` is not declared in `components/securitySchemes`"
            );
            if !skipped.contains(&note) {
                skipped.push(note);
            }
            dropped = true;
            continue;
        }
        if !out.contains(&alternative) {
            out.push(alternative);
        }
    }
    if dropped && out.is_empty() {
        // Nothing the client could send: the operation goes without credentials.
        out.push(Vec::new());
    }
    out
}
