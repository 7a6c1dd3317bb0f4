//! The flushes of queued events the layer sends after each response, and the count of those
//! still in flight, which [`PersonalizeLayer::drain`](super::PersonalizeLayer::drain) waits
//! for at graceful shutdown so no event is lost when the process exits.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use tokio::sync::Notify;

use crate::session::Outbox;

/// The flushes in flight, shared by a layer and every service it made.
#[derive(Debug, Clone, Default)]
pub(crate) struct Flushes {
    tracker: Arc<Tracker>,
}

#[derive(Debug, Default)]
struct Tracker {
    in_flight: AtomicUsize,
    /// Woken when `in_flight` drops to zero.
    idle: Notify,
}

impl Flushes {
    /// How many flushes have been started and not finished.
    pub(crate) fn in_flight(&self) -> usize {
        self.tracker.in_flight.load(Ordering::Acquire)
    }

    /// Sends `outbox`'s events on a task of their own, so the response is not delayed.
    ///
    /// Outside a tokio runtime nothing can be spawned: the flush is returned to be awaited
    /// in place, which delays the response but loses no event.
    pub(crate) fn spawn(&self, outbox: Outbox) -> Option<impl Future<Output = ()> + Send + 'static> {
        if outbox.len() == 0 {
            return None;
        }
        let guard = InFlight::new(&self.tracker, outbox.len());
        let flush = async move {
            let mut guard = guard;
            deliver(outbox).await;
            guard.done = true;
        };
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                drop(runtime.spawn(flush));
                None
            }
            Err(_) => {
                #[cfg(feature = "tracing")]
                tracing::warn!(
                    "no tokio runtime to send the queued Personalize events on: sending them before the response"
                );
                Some(flush)
            }
        }
    }

    /// Completes once no flush is in flight.
    pub(crate) async fn idle(&self) {
        loop {
            let notified = self.tracker.idle.notified();
            let mut notified = std::pin::pin!(notified);
            // Registered before the count is read, so a flush ending in between still wakes us.
            notified.as_mut().enable();
            if self.in_flight() == 0 {
                return;
            }
            notified.await;
        }
    }
}

/// One flush in flight: counted from its start to its end, however it ends (a task dropped by
/// a runtime shutting down included, which is warned about, as its events are lost).
struct InFlight {
    tracker: Arc<Tracker>,
    /// For the warning of a cancelled flush.
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))]
    events: usize,
    done: bool,
}

impl InFlight {
    fn new(tracker: &Arc<Tracker>, events: usize) -> Self {
        tracker.in_flight.fetch_add(1, Ordering::AcqRel);
        InFlight { tracker: tracker.clone(), events, done: false }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if !self.done {
            #[cfg(feature = "tracing")]
            tracing::warn!(
                pending = self.events,
                "{} queued Personalize events were not sent: their flush was cancelled (the runtime shut down before `PersonalizeLayer::drain`)",
                self.events
            );
        }
        if self.tracker.in_flight.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.tracker.idle.notify_waiters();
        }
    }
}

/// Sends the events once (writes are never retried on their own: the API may have taken
/// them); a failure is warned about, with how many events it cost.
async fn deliver(outbox: Outbox) {
    match outbox.send().await {
        Ok(_sent) => {}
        Err(failed) => {
            #[cfg(feature = "tracing")]
            tracing::warn!(pending = failed.pending, "Personalize events lost after the response: {failed}");
            #[cfg(not(feature = "tracing"))]
            let _ = failed;
        }
    }
}
