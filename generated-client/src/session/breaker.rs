//! A pause in manifest calls while the Edge API is down, shared by every session of a handle.
//!
//! A dead Edge API costs each page its whole manifest budget. After a run of failed manifest
//! calls (the API did not answer, could not be reached, or answered 429 or 5xx), calls pause:
//! sessions start degraded at once, with no request. When the pause is over, one session tries
//! again (the others keep skipping while it does): a success ends the pause, a failure starts
//! another.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use web_time::Instant;

/// Consecutive failed manifest calls after which calls pause, by default.
pub const DEFAULT_PAUSE_AFTER_FAILURES: u32 = 5;
/// How long manifest calls pause, by default.
pub const DEFAULT_PAUSE: Duration = Duration::from_secs(5);

#[derive(Debug)]
pub(crate) struct Breaker {
    /// 0: never pause.
    threshold: u32,
    pause: Duration,
    failures: AtomicU32,
    /// Milliseconds since `epoch` at which the pause ends; 0 when there is none.
    paused_until: AtomicU64,
    epoch: Instant,
}

impl Breaker {
    pub(crate) fn new(threshold: u32, pause: Duration) -> Self {
        Breaker {
            threshold,
            pause,
            failures: AtomicU32::new(0),
            paused_until: AtomicU64::new(0),
            epoch: Instant::now(),
        }
    }

    /// `Ok` when a manifest call may be made now, else how long the pause still lasts. When a
    /// pause has just ended, only the first caller gets `Ok` (it makes the trial call).
    pub(crate) fn admit(&self) -> Result<(), Duration> {
        let until = self.paused_until.load(Ordering::Acquire);
        if until == 0 {
            return Ok(());
        }
        let now = self.now_ms();
        if now < until {
            return Err(Duration::from_millis(until - now));
        }
        let next = now + self.pause_ms();
        match self.paused_until.compare_exchange(until, next, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => Ok(()),
            Err(current) => Err(Duration::from_millis(current.saturating_sub(now))),
        }
    }

    /// A manifest call succeeded (or failed for a reason of its own, such as an unknown project).
    pub(crate) fn succeeded(&self) {
        self.failures.store(0, Ordering::Release);
        self.paused_until.store(0, Ordering::Release);
    }

    /// A manifest call found the Edge API unavailable.
    pub(crate) fn failed(&self) {
        if self.threshold == 0 {
            return;
        }
        let failures = self.failures.fetch_add(1, Ordering::AcqRel).saturating_add(1);
        if failures >= self.threshold {
            self.paused_until.store(self.now_ms() + self.pause_ms(), Ordering::Release);
        }
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// At least 1, so that a pause always ends after a moment that is not 0.
    fn pause_ms(&self) -> u64 {
        u64::try_from(self.pause.as_millis()).unwrap_or(u64::MAX).max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_after_the_threshold_and_lets_one_trial_through_after_the_pause() {
        let breaker = Breaker::new(2, Duration::from_millis(30));
        breaker.failed();
        assert!(breaker.admit().is_ok(), "one failure is not a run");
        breaker.failed();
        assert!(breaker.admit().is_err(), "paused");
        std::thread::sleep(Duration::from_millis(40));
        assert!(breaker.admit().is_ok(), "the trial call");
        assert!(breaker.admit().is_err(), "the others keep skipping during the trial");
        breaker.succeeded();
        assert!(breaker.admit().is_ok() && breaker.admit().is_ok(), "closed again");
    }

    #[test]
    fn a_threshold_of_zero_never_pauses() {
        let breaker = Breaker::new(0, Duration::from_secs(60));
        for _ in 0..100 {
            breaker.failed();
        }
        assert!(breaker.admit().is_ok());
    }
}
