//! The poller the event loop blocks on: a `mio::Poll` waited on until the next
//! timer is due (or an I/O event arrives, or another thread wakes the loop through
//! the `mio::Waker`), and the sockets registered with it.
//!
//! asyncio's `add_reader`/`add_writer` callbacks expect level-triggered readiness
//! (CPython's selectors use `epoll` that way); `mio` reports edges. Each socket keeps
//! a readiness flag per direction, set by an event and cleared only when an
//! operation on the socket hits `WouldBlock`, so a callback is scheduled on every
//! loop iteration for as long as its socket stays ready.

use crate::value::Value;
use std::collections::{BTreeMap, BTreeSet};
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
    /// Open sockets by file descriptor (ordered, so ready callbacks are queued in a
    /// stable order).
    pub sockets: BTreeMap<i32, SockEntry>,
    /// The sockets with a callback due (ready in a direction that has one): kept up
    /// to date by [`EventIo::refresh`], so a loop iteration costs nothing per idle
    /// connection.
    due: BTreeSet<i32>,
    /// The buffer `recv` reads into (kept, so a read of a few bytes does not
    /// allocate and clear the 256 KiB that asyncio's transports ask for).
    pub scratch: Vec<u8>,
}

/// An open socket.
pub enum Sock {
    /// A listening socket (`start_server`).
    Listener(mio::net::TcpListener),
    /// A connected (or connecting) stream.
    Stream(mio::net::TcpStream),
}

/// A socket and the callbacks waiting on it.
pub struct SockEntry {
    /// The socket.
    pub sock: Sock,
    /// The `Handle` run while the socket is readable (`loop.add_reader`).
    pub reader: Option<Value>,
    /// The `Handle` run while the socket is writable (`loop.add_writer`).
    pub writer: Option<Value>,
    /// Readable since the last `WouldBlock` on a read.
    pub read_ready: bool,
    /// Writable since the last `WouldBlock` on a write.
    pub write_ready: bool,
}

impl SockEntry {
    /// Whether a callback is due now.
    fn due(&self) -> bool {
        (self.read_ready && self.reader.is_some()) || (self.write_ready && self.writer.is_some())
    }
}

impl EventIo {
    /// A poller with a waker registered.
    pub fn new() -> io::Result<EventIo> {
        let poll = mio::Poll::new()?;
        let waker = Arc::new(mio::Waker::new(poll.registry(), WAKER)?);
        Ok(EventIo {
            poll,
            events: mio::Events::with_capacity(256),
            waker,
            sockets: BTreeMap::new(),
            due: BTreeSet::new(),
            scratch: Vec::new(),
        })
    }

    /// Registers a new socket for both directions; returns its descriptor.
    pub fn add(&mut self, mut sock: Sock) -> io::Result<i32> {
        use std::os::fd::AsRawFd;
        let interest = mio::Interest::READABLE | mio::Interest::WRITABLE;
        let fd = match &mut sock {
            Sock::Listener(l) => {
                let fd = l.as_raw_fd();
                self.poll.registry().register(l, token(fd), interest)?;
                fd
            }
            Sock::Stream(s) => {
                let fd = s.as_raw_fd();
                self.poll.registry().register(s, token(fd), interest)?;
                fd
            }
        };
        let entry = SockEntry { sock, reader: None, writer: None, read_ready: false, write_ready: false };
        self.sockets.insert(fd, entry);
        Ok(fd)
    }

    /// Deregisters and closes a socket; returns whether it was open.
    pub fn close(&mut self, fd: i32) -> bool {
        self.due.remove(&fd);
        let Some(mut entry) = self.sockets.remove(&fd) else { return false };
        let _ = match &mut entry.sock {
            Sock::Listener(l) => self.poll.registry().deregister(l),
            Sock::Stream(s) => self.poll.registry().deregister(s),
        };
        true
    }

    /// Records whether `fd` has a callback due, after its flags or callbacks changed.
    pub fn refresh(&mut self, fd: i32) {
        if self.sockets.get(&fd).is_some_and(SockEntry::due) {
            self.due.insert(fd);
        } else {
            self.due.remove(&fd);
        }
    }

    /// Whether some socket callback is due without waiting (the poll must not block).
    pub fn has_due(&self) -> bool {
        !self.due.is_empty()
    }

    /// Whether any socket is open (the loop must poll even when it need not wait).
    pub fn has_sockets(&self) -> bool {
        !self.sockets.is_empty()
    }

    /// The reader and writer handles due now, in descriptor order (readers first
    /// for each socket, as CPython's `_process_events` adds them).
    pub fn due_handles(&self) -> Vec<Value> {
        let mut out = Vec::new();
        for entry in self.due.iter().filter_map(|fd| self.sockets.get(fd)) {
            if let (true, Some(r)) = (entry.read_ready, &entry.reader) {
                out.push(r.clone());
            }
            if let (true, Some(w)) = (entry.write_ready, &entry.writer) {
                out.push(w.clone());
            }
        }
        out
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
        let mut n = 0;
        for event in self.events.iter().filter(|e| e.token() != WAKER) {
            n += 1;
            let fd = i32::try_from(event.token().0.wrapping_sub(1)).unwrap_or(-1);
            if let Some(entry) = self.sockets.get_mut(&fd) {
                entry.read_ready |= event.is_readable() || event.is_read_closed() || event.is_error();
                entry.write_ready |= event.is_writable() || event.is_write_closed() || event.is_error();
                if entry.due() {
                    self.due.insert(fd);
                }
            }
        }
        Ok(n)
    }
}

/// The poll token of a descriptor: one more than it (token 0 is the waker's).
fn token(fd: i32) -> mio::Token {
    mio::Token(usize::try_from(fd).map_or(usize::MAX, |fd| fd + 1))
}
