//! An edge service in axum, personalizing every page it serves with the crate's tower layer.
//!
//! [`PersonalizeLayer`] starts a Personalize session from each incoming request (cookies, user
//! agent, referer, forwarded IP, page URL), forwards the visitor's variants to the handler as
//! the `personalize_variants` query parameter (whatever the visitor sent under that name
//! removed), and writes the visitor's state back as the two cookies the JS client reads in the
//! browser. If the Edge API cannot answer in time, the page is served without personalization
//! rather than failing. The impressions the page queues are sent after its response; at
//! shutdown (ctrl-c) the server stops taking requests and the layer's drain waits for the
//! last of them.
//!
//! ```text
//! PERSONALIZE_PROJECT_UID=<your project uid> cargo run --example axum_edge --features axum
//! curl -i http://127.0.0.1:3000/products?id=1
//! ```
//! `PERSONALIZE_EDGE_URL` points it at another Edge API base URL (a proxy, a test server).

use std::time::Duration;

use axum::http::Uri;
use axum::routing::get;
use axum::Router;
use contentstack_personalize_edge::layer::{PersonalizeLayer, SharedSession};
use contentstack_personalize_edge::session::{variant_param_of, variant_param_to_aliases, Personalize};

/// How long the queued events of the last responses may take at shutdown.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// The app: an origin handler behind the personalization layer.
pub fn app(layer: PersonalizeLayer) -> Router {
    Router::new().route("/", get(origin)).route("/{*path}", get(origin)).layer(layer)
}

/// The origin: it reads the variant parameter the layer forwarded (as an origin behind an edge
/// would), shows which variant aliases it would ask the Content Delivery API for, and records
/// the impressions of what it showed (sent after the response).
async fn origin(uri: Uri, session: SharedSession) -> String {
    let param = variant_param_of(&uri, &session.variant_query_param()).unwrap_or_default();
    // Checked again here: an origin trusts nothing in a URL.
    let aliases = variant_param_to_aliases(&param);
    if let Err(refused) = session.queue_impressions_by_aliases(&aliases) {
        eprintln!("impressions not recorded: {refused}");
    }
    format!("path: {}\nvariant aliases: {}\n", uri.path(), aliases.join(","))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let project_uid = std::env::var("PERSONALIZE_PROJECT_UID").map_err(|_| "set PERSONALIZE_PROJECT_UID")?;
    let mut builder = Personalize::builder(project_uid);
    if let Ok(url) = std::env::var("PERSONALIZE_EDGE_URL") {
        builder = builder.base_url(url);
    }
    let layer = PersonalizeLayer::new(builder.build()?);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app(layer.clone()))
        .with_graceful_shutdown(async {
            // No signal handler (an error here) means no graceful shutdown: serve on.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await?;
    // The server has stopped; the events of the last responses may still be on their way.
    match layer.drain(DRAIN_TIMEOUT).await {
        Ok(()) => println!("every queued event was sent"),
        Err(timed_out) => eprintln!("{timed_out}"),
    }
    Ok(())
}
