//! Fetching the manifest within the page's latency budget.
//!
//! `GET /manifest` blocks the page, so it gets one budget for all its attempts. A failure that
//! another attempt may cure (the connection could not be made or broke before an answer, or the
//! answer was 429, 502, 503 or 504) is retried after a jittered, growing pause, or after the
//! answer's `Retry-After`, but only while the budget still has room for the pause and an
//! attempt. Each attempt's timeout is what is left of the budget, so the whole call never takes
//! longer than the budget. Writes are never retried here: they are not idempotent.

use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use web_time::Instant;

use crate::builder::GetManifest;
use crate::runtime::Transport;
use crate::types::{ErrorBody, GetManifestResponseHeaders, Manifest};
use crate::{Error, ResponseValue};

/// At most this many attempts per manifest fetch (the first and two retries).
pub(crate) const MAX_ATTEMPTS: u32 = 3;
/// The pause before the first retry; it doubles for each later one (before jitter).
const FIRST_PAUSE: Duration = Duration::from_millis(50);
/// An attempt is not started with less than this left of the budget: it could not succeed.
const LEAST_ATTEMPT: Duration = Duration::from_millis(50);

/// The answer, or the last failure and how many attempts were made.
pub(crate) type Fetched = Result<ResponseValue<Manifest, GetManifestResponseHeaders>, (Error<ErrorBody>, u32)>;

/// Sends `request` until it succeeds, fails for good, or the budget (from `started`) runs out;
/// pauses are waited for with the transport's timer, so any runtime the transport runs on works.
pub(crate) async fn manifest_within(
    request: GetManifest<'_>,
    transport: &dyn Transport,
    budget: Duration,
    started: Instant,
) -> Fetched {
    let deadline = started + budget;
    let mut attempt = 1;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let error = match request.clone().call_timeout(left.max(Duration::from_millis(1))).send().await {
            Ok(answer) => return Ok(answer),
            Err(error) => error,
        };
        let Some(pause) = retry_pause(&error, attempt) else { return Err((error, attempt)) };
        let left = deadline.saturating_duration_since(Instant::now());
        if attempt >= MAX_ATTEMPTS || pause + LEAST_ATTEMPT > left {
            return Err((error, attempt));
        }
        #[cfg(feature = "tracing")]
        tracing::debug!(attempt, pause_ms = pause.as_millis() as u64, "retrying the manifest call: {error}");
        transport.sleep(pause).await;
        attempt += 1;
    }
}

/// How long to wait before another attempt after `error`, or `None` when another attempt would
/// not help (a timeout used the budget up; any other answer would be the same again).
fn retry_pause(error: &Error<ErrorBody>, attempt: u32) -> Option<Duration> {
    let retryable = match error.status() {
        Some(status) => matches!(status.as_u16(), 429 | 502 | 503 | 504),
        None => matches!(error, Error::Transport(_)) && !error.is_timeout(),
    };
    if !retryable {
        return None;
    }
    Some(error.retry_after().unwrap_or_else(|| jittered(FIRST_PAUSE * 2u32.pow(attempt - 1))))
}

/// A pause between half and all of `ceiling`, at random, so that the pages a failing Edge API
/// holds up do not all retry at the same instant. `RandomState` gives a freshly seeded hasher
/// each time, which is random enough for jitter without a dependency on `rand`.
fn jittered(ceiling: Duration) -> Duration {
    let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
    let half = ceiling / 2;
    half + Duration::from_nanos(random % (half.as_nanos() as u64 + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_stays_between_half_and_the_ceiling() {
        for _ in 0..1000 {
            let pause = jittered(Duration::from_millis(100));
            assert!((Duration::from_millis(50)..=Duration::from_millis(100)).contains(&pause), "{pause:?}");
        }
    }
}
