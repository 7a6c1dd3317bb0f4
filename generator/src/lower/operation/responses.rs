//! Responses: bodies by status and media type, the operation's success and error types,
//! typed response headers.

use openapiv3::{Header, Operation as OaOperation, ParameterSchemaOrContent, ReferenceOr, Response, StatusCode};

use super::bodies::{media_kind, media_word, MediaKind};
use super::examples;
use super::OperationLowering;
use crate::error::Error;
use crate::ident::{self, Scope};
use crate::lower::refs;
use crate::lower::reserved::{self, Space};
use crate::model::{Docs, MediaCase, Payload, ResponseCase, ResponseExample, ResponseHeader, StatusMatch, TypeRef};
use crate::pointer;

/// The lowered responses of one operation.
pub(super) struct Responses {
    /// Exact codes before ranges before `default`, as the match arms must be.
    pub cases: Vec<ResponseCase>,
    pub success: Payload,
    pub error: Payload,
    pub headers: Option<(String, Vec<ResponseHeader>)>,
    /// The document declares no response at all.
    pub undeclared: bool,
}

impl OperationLowering<'_, '_> {
    /// `head`: the operation is a `HEAD`, whose answers have no body whatever they declare.
    pub(super) fn responses(
        &mut self,
        op: &OaOperation,
        at: &str,
        builder: &str,
        head: bool,
    ) -> Result<Responses, Error> {
        let mut cases = Vec::new();
        let mut headers: Vec<ResponseHeader> = Vec::new();
        let mut header_scope = Scope::with_reserved(&reserved::names(Space::Response));
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
            // Nothing declared: any 2xx is a success without a body, the rest unexpected.
            let case = ResponseCase {
                status: StatusMatch::Range(2),
                success: true,
                payload: Payload::Empty,
                variant: status_variant(StatusMatch::Range(2)),
                docs: Docs::new(&[], || "Any 2xx status.".to_owned()),
                media: Vec::new(),
            };
            return Ok(Responses {
                cases: vec![case],
                success: Payload::Empty,
                error: Payload::Empty,
                headers: None,
                undeclared: true,
            });
        }
        let has_success = entries.iter().any(|(s, ..)| is_success(*s));
        let mut variants = Scope::default();
        for (status, response, response_at) in entries {
            let resolved = refs::resolve(self.doc, response, &response_at)?;
            let response = resolved.item;
            let suffix = match status {
                StatusMatch::Exact(c) => c.to_string(),
                StatusMatch::Range(r) => format!("{r}XX"),
                StatusMatch::Default => "Default".to_owned(),
            };
            // HTTP: answers to HEAD, and 204, 205 and 304 answers, never have a body.
            let bodiless = head || matches!(status, StatusMatch::Exact(204 | 205 | 304));
            let bodies = if bodiless {
                vec![(String::new(), Payload::Empty)]
            } else {
                self.bodies(response, &resolved.pointer, &format!("{builder}Response{suffix}"))?
            };
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
            let docs = Docs::new(&[Some(response.description.as_str())], || format!("Status `{suffix}`."));
            let statuses = if status == StatusMatch::Default && !has_success {
                // A lone `default` describes every answer: 2XX is the success, the rest errors.
                vec![(StatusMatch::Range(2), true), (status, false)]
            } else {
                vec![(status, success)]
            };
            for (status, success) in statuses {
                let variant = variants.claim(&status_variant(status));
                let media = if bodies.len() > 1 {
                    bodies
                        .iter()
                        .map(|(media, payload)| MediaCase {
                            media_type: media.clone(),
                            payload: payload.clone(),
                            variant: variants
                                .claim(&format!("{variant}{}", ident::type_name(&media_word(media), "Media"))),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                cases.push(ResponseCase {
                    status,
                    success,
                    payload: bodies[0].1.clone(),
                    variant: variant.clone(),
                    docs: docs.clone(),
                    media,
                });
            }
        }
        let success = self.unified(&cases, true, builder, "Response");
        let error = self.unified(&cases, false, builder, "Error");
        let headers = if headers.is_empty() {
            None
        } else {
            Some((self.types.claim(&format!("{builder}ResponseHeaders")), headers))
        };
        cases.sort_by_key(|c| c.status);
        Ok(Responses { cases, success, error, headers, undeclared: false })
    }

    /// The one payload of the success (or error) cases when they all agree, else the
    /// operation's own enum (`{Builder}Response`, `{Builder}Error`), a variant per case.
    fn unified(&mut self, cases: &[ResponseCase], success: bool, builder: &str, what: &str) -> Payload {
        let mut side = cases.iter().filter(|c| c.success == success);
        let Some(first) = side.next() else { return Payload::Empty };
        let agree = first.media.is_empty() && side.all(|c| c.media.is_empty() && c.payload == first.payload);
        if agree {
            first.payload.clone()
        } else {
            Payload::Enum(self.builders.claim(&format!("{builder}{what}")))
        }
    }

    /// The bodies of one response, one per distinct payload, JSON first, then text, then
    /// bytes: `(media type, payload)`; `[("", Empty)]` without content.
    fn bodies(&mut self, response: &Response, at: &str, hint: &str) -> Result<Vec<(String, Payload)>, Error> {
        let mut entries: Vec<(usize, &String, &openapiv3::MediaType)> =
            response.content.iter().enumerate().map(|(i, (k, v))| (i, k, v)).collect();
        entries.sort_by_key(|(i, media, _)| (response_rank(media), *i));
        let mut out: Vec<(String, Payload)> = Vec::new();
        for (_, media, media_type) in entries {
            let payload = match response_rank(media) {
                MediaKind::Json => {
                    let hint = if out.is_empty() {
                        hint.to_owned()
                    } else {
                        format!("{hint}{}", ident::type_name(&media_word(media), "Media"))
                    };
                    let ty = match &media_type.schema {
                        Some(schema) => {
                            self.types.type_of(schema, &pointer::join(at, &["content", media, "schema"]), &hint)?
                        }
                        None => TypeRef::Json,
                    };
                    let media_at = pointer::join(at, &["content", media]);
                    for (pointer, value) in examples::of_media(self.doc, media_type, &media_at) {
                        if !self.examples.iter().any(|e| e.pointer == pointer) {
                            self.examples.push(ResponseExample { pointer, ty: ty.clone(), value });
                        }
                    }
                    Payload::Json(ty)
                }
                MediaKind::Text => Payload::Text,
                _ => Payload::Bytes,
            };
            if !out.iter().any(|(_, p)| *p == payload) {
                out.push((media.clone(), payload));
            }
        }
        if out.is_empty() {
            out.push((String::new(), Payload::Empty));
        }
        Ok(out)
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
                // Anything else (arrays, objects, enums) is read as its text.
                if ty.is_scalar() {
                    ty
                } else {
                    TypeRef::String
                }
            }
            ParameterSchemaOrContent::Content(_) => TypeRef::String,
        };
        if let Some(existing) = headers.iter_mut().find(|h| h.wire.eq_ignore_ascii_case(name)) {
            // Declared by several success responses: required only if every one requires it.
            existing.required &= header.required;
            if existing.ty != ty {
                existing.ty = TypeRef::String;
            }
            return Ok(());
        }
        if !super::params::is_token(name) {
            return Ok(()); // cannot be received under that name; nothing to read
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
}

/// How a response media type is decoded: JSON, text, or bytes (forms and multipart
/// answers are rare and kept as bytes).
fn response_rank(media: &str) -> MediaKind {
    match media_kind(media) {
        MediaKind::Json => MediaKind::Json,
        MediaKind::Text => MediaKind::Text,
        _ => MediaKind::Bytes,
    }
}

fn is_success(status: StatusMatch) -> bool {
    matches!(status, StatusMatch::Exact(200..=299) | StatusMatch::Range(2))
}

/// `Ok200`, `NotFound404`, `ClientError4XX`, `Default`; `Status599` for codes without a
/// registered reason.
fn status_variant(status: StatusMatch) -> String {
    match status {
        StatusMatch::Exact(code) => format!("{}{code}", reason(code).unwrap_or("Status")),
        StatusMatch::Range(class) => {
            let name = match class {
                1 => "Informational",
                2 => "Success",
                3 => "Redirection",
                4 => "ClientError",
                5 => "ServerError",
                _ => "Status",
            };
            format!("{name}{class}XX")
        }
        StatusMatch::Default => "Default".to_owned(),
    }
}

/// The IANA reason phrase of a status, in upper camel case.
fn reason(code: u16) -> Option<&'static str> {
    Some(match code {
        100 => "Continue",
        101 => "SwitchingProtocols",
        102 => "Processing",
        103 => "EarlyHints",
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        207 => "MultiStatus",
        208 => "AlreadyReported",
        226 => "ImUsed",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        305 => "UseProxy",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "ContentTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        418 => "ImATeapot",
        421 => "MisdirectedRequest",
        422 => "UnprocessableContent",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        506 => "VariantAlsoNegotiates",
        507 => "InsufficientStorage",
        508 => "LoopDetected",
        510 => "NotExtended",
        511 => "NetworkAuthenticationRequired",
        _ => return None,
    })
}
