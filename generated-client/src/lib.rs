//! Typed Rust client of the [Contentstack Personalize Edge API]: the manifest of active
//! experiences for a visitor, user attributes, attribute merges and events (impressions and
//! conversions).
//!
//! The operations, types and runtime under [`builder`], [`types`] and [`runtime`] are generated
//! from the OpenAPI document `spec/personalize-edge.openapi.yaml` by `cargo xtask regenerate`;
//! this file is written by hand.
//!
//! # Personalize a request
//!
//! A [`session::Personalize`] handle once per process; a [`session::Session`] per incoming
//! request does what the official JavaScript client does (cookies, variant aliases and the
//! variant parameter, queued events) and fails safe on a page's critical path:
//!
//! ```no_run
//! use contentstack_personalize_edge::session::Personalize;
//! use contentstack_personalize_edge::Region;
//!
//! # async fn handle(request: http::Request<()>) -> Result<(), Box<dyn std::error::Error>> {
//! let personalize = Personalize::builder("0123456789abcdef01234567").region(Region::AwsEu).build()?;
//!
//! let (parts, _body) = request.into_parts();
//! // Within the manifest budget (1 s); if the Edge API cannot answer in time, the page gets its
//! // base content and `session.degraded()` says why.
//! let mut session = personalize.session().request(&parts).start_fail_open().await;
//! let aliases = session.variant_aliases(); // for the Content Delivery API
//! session.queue_impressions(&["0", "1"]);
//! session.flush().await?;
//! let mut response_headers = http::HeaderMap::new();
//! let _state = session.append_state(&mut response_headers); // the two Set-Cookie headers
//! # let _ = aliases;
//! # Ok(())
//! # }
//! ```
//!
//! # A tower layer (features `tower`, `axum`)
//!
//! In a tower-based server (axum, tonic, hyper with tower), `layer::PersonalizeLayer` does
//! all of it for every request: it starts the session fail-open, forwards the variant
//! parameter to the handler in the URI (`?personalize_variants=0_0%2C1_1`, any value the
//! visitor sent removed; [`session::with_variant_param`], [`session::variant_param_of`]),
//! hands the handler a `layer::SharedSession` (an axum extractor with the `axum` feature;
//! `layer::LayerMissing`, a 500, on a route without the layer), appends the state cookies to
//! the response, and sends the queued events once the response is on its way;
//! `PersonalizeLayer::drain` waits for those at graceful shutdown. `examples/axum_edge.rs` is
//! a whole edge service built on it.
//!
//! # The raw client
//!
//! Under the session, the four operations of the Edge API, generated:
//!
//! ```no_run
//! use contentstack_personalize_edge::{Client, Error, Region};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! // One client per process: it holds the region, the HTTP client and the project uid.
//! let client = Client::builder()
//!     .region(Region::AwsEu)
//!     .project_uid("0123456789abcdef01234567")
//!     .build()?;
//!
//! // The visitor's manifest: which variant of each experience they get.
//! let manifest = client
//!     .get_manifest()
//!     .user_uid("0d8f6b43-7bb3-4a3e-9a4c-2f3c2bd1c1f0")
//!     .user_agent("Mozilla/5.0 (X11; Linux x86_64)")
//!     .tags(["section:home"])
//!     .send()
//!     .await?;
//! // The user uid the server assigned (a new one when none was sent).
//! let user_uid = manifest.user_uid().unwrap_or_default().to_owned();
//! for experience in &manifest.experiences {
//!     match &experience.active_variant_short_uid {
//!         Some(variant) => println!("experience {} -> variant {variant}", experience.short_uid),
//!         None => println!("experience {} is inactive", experience.short_uid),
//!     }
//! }
//!
//! // Record that the visitor saw variant 2 of experience 4.
//! use contentstack_personalize_edge::types::{Event, ImpressionEvent, ImpressionEventType};
//! let sent = client
//!     .track_events()
//!     .user_uid(user_uid)
//!     .body(vec![Event::Impression(ImpressionEvent::new("4".into(), "2".into(), ImpressionEventType::Impression))])
//!     .send()
//!     .await;
//! match sent {
//!     Ok(answer) => println!("recorded: {}", answer.status()),
//!     // Documented error answers carry the decoded `{error, message}` body.
//!     Err(Error::ErrorResponse(answer)) => eprintln!("refused: {}", answer.message),
//!     Err(other) => return Err(other.into()),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Errors
//!
//! Every operation returns [`Error`]: [`Error::InvalidRequest`] when a value could not be sent
//! as it is (a header value with a line break, an empty project uid, more than 10 tags; nothing
//! reaches the wire), [`Error::Transport`] (connection refused, reset, DNS, TLS),
//! [`Error::Timeout`] past the call's timeout, [`Error::ResponseTooLarge`] past its body limit,
//! [`Error::ErrorResponse`] for the error statuses the document declares (with the decoded
//! [`types::ErrorBody`]), [`Error::UnexpectedResponse`] for any other status (a redirect among
//! them: none is followed), and [`Error::InvalidResponse`] when the answer does not match the
//! document (an HTML error page, invalid JSON, an empty body where JSON was due). Nothing panics.
//!
//! # Limits
//!
//! A call takes at most 30 s from connecting to the last byte
//! ([`runtime::DEFAULT_TIMEOUT`]; [`ClientBuilder::call_timeout`], or `.call_timeout(..)` on a
//! request) and reads at most 16 MiB of body ([`runtime::DEFAULT_MAX_RESPONSE_BYTES`];
//! `max_response_bytes`). The write operations do not read their informational bodies: any
//! 2xx is success. Error messages are short sentences with a bounded excerpt of the body.
//!
//! [Contentstack Personalize Edge API]: https://www.contentstack.com/docs/developers/apis/personalize-edge-api
#![deny(missing_docs)]

// Formatted by the generator (prettyplease), not by rustfmt.
#[rustfmt::skip]
mod generated;
#[cfg(feature = "tower")]
pub mod layer;
pub mod session;

pub use generated::*;

/// The HTTP client crate this one is built on, at the version it uses: for
/// `ClientBuilder::http_client` (a `reqwest::Client` of your own, with its proxy or TLS
/// settings) and for matching the transport errors inside [`Error`].
#[cfg(feature = "reqwest")]
pub use reqwest;

// The READMEs' Rust examples (this crate's and the repository's) are compiled and run as
// doctests of this crate.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct RepositoryReadmeDoctests;
