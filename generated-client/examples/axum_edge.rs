//! An edge service in axum, personalizing every page it serves.
//!
//! A middleware starts a Personalize session from each incoming request (cookies, user agent,
//! referer, forwarded IP, page URL), hands the visitor's variants to the origin handler as the
//! `personalize_variants` query parameter, and writes the visitor's state back as the two
//! cookies the JS client reads in the browser. If the Edge API cannot be reached, the page is
//! served without personalization rather than failing.
//!
//! ```text
//! PERSONALIZE_PROJECT_UID=<your project uid> cargo run --example axum_edge
//! curl -i http://127.0.0.1:3000/products?id=1
//! ```
//! `PERSONALIZE_EDGE_URL` points it at another Edge API base URL (a proxy, a test server).

use axum::extract::{Request, State};
use axum::http::Uri;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use contentstack_personalize_edge::session::{variant_param_to_aliases, Personalize};

/// The app: an origin handler behind the personalization middleware.
pub fn app(personalize: Personalize) -> Router {
    Router::new()
        .route("/", get(origin))
        .route("/{*path}", get(origin))
        .layer(middleware::from_fn_with_state(personalize, personalize_request))
}

/// Starts the visitor's session, forwards the variant parameter, appends the state cookies.
///
/// The session fails open: when the Edge API does not answer within the manifest budget (1 s),
/// the page is served with no variant (its base content), the visitor keeps their user uid, and
/// the session logs a warning through `tracing`.
async fn personalize_request(State(personalize): State<Personalize>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let session = personalize.session().request(&parts).start_fail_open().await;
    // An empty value when degraded tells the origin there are no variants; any value the visitor
    // sent under that name is removed either way.
    parts.uri = with_query_param(&parts.uri, session.variant_query_param(), &session.variant_param());
    let mut response = next.run(Request::from_parts(parts, body)).await;
    for skipped in session.append_state(response.headers_mut()).skipped() {
        eprintln!("personalization state: {skipped}");
    }
    response
}

/// The origin: here it only shows which variant aliases it would ask the Content Delivery API for.
async fn origin(uri: Uri) -> String {
    let param = query_pairs(&uri).find(|(name, _)| name == "personalize_variants").map(|(_, value)| value);
    let aliases = variant_param_to_aliases(&param.unwrap_or_default());
    format!("path: {}\nvariant aliases: {}\n", uri.path(), aliases.join(","))
}

/// `uri` with `name=value` as its last query parameter, and any `name` the visitor sent removed
/// (a visitor must not choose their own variants).
fn with_query_param(uri: &Uri, name: &str, value: &str) -> Uri {
    let mut pairs: Vec<String> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(name))
        .map(str::to_owned)
        .collect();
    pairs.push(format!("{name}={}", encode(value)));
    let path_and_query = format!("{}?{}", uri.path(), pairs.join("&"));
    let mut parts = uri.clone().into_parts();
    // Built from a valid path and percent-encoded pairs, so it parses; keep the old URI if not.
    match path_and_query.parse() {
        Ok(pq) => parts.path_and_query = Some(pq),
        Err(_) => return uri.clone(),
    }
    Uri::from_parts(parts).unwrap_or_else(|_| uri.clone())
}

fn query_pairs(uri: &Uri) -> impl Iterator<Item = (String, String)> + '_ {
    uri.query().unwrap_or("").split('&').filter(|p| !p.is_empty()).map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        (name.to_owned(), value.replace("%2C", ","))
    })
}

/// Variant parameters are digits, `_` and `,`; anything else is percent-encoded.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'-' | b'_' | b'.' | b'~' | b',' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let project_uid = std::env::var("PERSONALIZE_PROJECT_UID").map_err(|_| "set PERSONALIZE_PROJECT_UID")?;
    let mut builder = Personalize::builder(project_uid);
    if let Ok(url) = std::env::var("PERSONALIZE_EDGE_URL") {
        builder = builder.base_url(url);
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app(builder.build()?)).await?;
    Ok(())
}
