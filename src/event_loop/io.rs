//! The poller the event loop blocks on: a `mio::Poll` waited on until the next
//! timer is due (or an I/O event arrives, or another thread wakes the loop through
//! the `mio::Waker`).

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Longest stretch the loop sleeps without looking at the interrupt flag.
const SLICE: Duration = Duration::from_millis(50);

/// The token of the waker's registration.
const WAKER: mio::Token = mio::Token(0);

/// The poller and its waker, created on first use.
pub struct EventIo {
    poll: mio::Poll,
    events: mio::Events,
    waker: Arc<mio::Waker>,
}

impl EventIo {
    /// A poller with a waker registered.
    pub fn new() -> io::Result<EventIo> {
        let poll = mio::Poll::new()?;
        let waker = Arc::new(mio::Waker::new(poll.registry(), WAKER)?);
        Ok(EventIo { poll, events: mio::Events::with_capacity(256), waker })
    }

    /// A handle other threads use to wake the loop up.
    pub fn waker(&self) -> Arc<mio::Waker> {
        self.waker.clone()
    }

    /// Blocks until an event arrives, `timeout` passes (`None`: no timeout) or
    /// `interrupted` is set (checked every 50 ms: signals do not wake the poller);
    /// returns how many I/O events (wake-ups excluded) arrived.
    pub fn wait_interruptible(&mut self, timeout: Option<Duration>, interrupted: &AtomicBool) -> io::Result<usize> {
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let slice = left.map_or(SLICE, |l| l.min(SLICE));
            let n = self.wait(Some(slice))?;
            let done = left.is_some_and(|l| l <= slice);
            if n > 0 || done || interrupted.load(Ordering::Relaxed) {
                return Ok(n);
            }
        }
    }

    /// Blocks until an event arrives or `timeout` passes (`None`: no timeout);
    /// returns how many I/O events (wake-ups excluded) arrived.
    pub fn wait(&mut self, timeout: Option<Duration>) -> io::Result<usize> {
        match self.poll.poll(&mut self.events, timeout) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(0),
            Err(e) => return Err(e),
        }
        Ok(self.events.iter().filter(|e| e.token() != WAKER).count())
    }
}
