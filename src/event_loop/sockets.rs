//! Non-blocking TCP sockets for asyncio's transports: the natives
//! `_pyish_loop.sock_*` (listen, connect, accept, recv, send, shutdown, close,
//! addresses) and `io_reader`/`io_writer`, which attach the `Handle`s that
//! `loop.add_reader`/`add_writer` create to a socket.
//!
//! Sockets are named by their file descriptor, as in CPython; the table lives in
//! the interpreter's [`EventIo`](super::EventIo). Errors become the `OSError`
//! subclass CPython raises for the same `errno`, with its `(errno, strerror)` args.

use super::io::{Sock, SockEntry};
use crate::intern::Symbol;
use crate::interpreter::Interpreter;
use crate::modules::event_io;
use crate::runtime::PyResult;
use crate::runtime::exception::{ExcKind, PyErr};
use crate::value::{Module, NativeFunction, Value};
use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::rc::Rc;

/// Adds the socket natives to `_pyish_loop`.
pub fn register(interp: &mut Interpreter, module: &Rc<Module>) {
    let fns: [(&str, crate::modules::Body); 14] = [
        ("getaddrinfo", getaddrinfo),
        ("sock_listen", sock_listen),
        ("sock_connect", sock_connect),
        ("sock_connect_result", sock_connect_result),
        ("sock_accept", sock_accept),
        ("sock_recv", sock_recv),
        ("sock_send", sock_send),
        ("sock_shutdown", sock_shutdown),
        ("sock_close", sock_close),
        ("sock_name", sock_name),
        ("sock_peer", sock_peer),
        ("io_reader", io_reader),
        ("io_writer", io_writer),
        ("io_watching", io_watching),
    ];
    for (name, body) in fns {
        let sym = interp.intern(name);
        let func = NativeFunction {
            name: name.to_owned(),
            min_args: 0,
            func: Rc::new(body),
            reads_frame: false,
            owned_args: None,
            positional_only: false,
        };
        module.globals.borrow_mut().set(sym, Value::Native(Rc::new(func)));
    }
}

/// The `OSError` subclass for an I/O error, with `message` (default: the OS's
/// text) as its strerror.
fn os_error(interp: &mut Interpreter, e: &io::Error, message: Option<String>) -> PyErr {
    use io::ErrorKind as K;
    let kind = match e.kind() {
        K::ConnectionRefused => ExcKind::ConnectionRefusedError,
        K::ConnectionReset => ExcKind::ConnectionResetError,
        K::ConnectionAborted => ExcKind::ConnectionAbortedError,
        K::BrokenPipe => ExcKind::BrokenPipeError,
        K::TimedOut => ExcKind::TimeoutError,
        K::PermissionDenied => ExcKind::PermissionError,
        K::WouldBlock => ExcKind::BlockingIOError,
        _ => ExcKind::OSError,
    };
    let errno = e.raw_os_error().unwrap_or(0);
    let message = message.unwrap_or_else(|| strerror(e));
    PyErr::raised(interp.new_exception(kind, vec![Value::Int(i64::from(errno)), Value::string(message)]))
}

/// The OS's text for an error, without Rust's ` (os error N)` suffix.
fn strerror(e: &io::Error) -> String {
    let text = e.to_string();
    text.split(" (os error").next().unwrap_or(&text).to_owned()
}

/// `OSError(9, 'Bad file descriptor')`, for a socket that is closed.
fn bad_fd(interp: &mut Interpreter) -> PyErr {
    let e = io::Error::from_raw_os_error(9);
    os_error(interp, &e, None)
}

/// A descriptor argument.
fn fd_arg(args: &[Value], i: usize) -> PyResult<i32> {
    match args.get(i) {
        Some(Value::Int(n)) => i32::try_from(*n).map_err(|_| PyErr::new(ExcKind::ValueError, "bad file descriptor")),
        _ => Err(PyErr::type_error("an integer is required")),
    }
}

/// The open socket `fd`.
fn entry(interp: &mut Interpreter, fd: i32) -> PyResult<&mut SockEntry> {
    if !event_io(interp)?.sockets.contains_key(&fd) {
        return Err(bad_fd(interp));
    }
    event_io(interp)?.sockets.get_mut(&fd).ok_or_else(|| PyErr::new(ExcKind::OSError, "closed"))
}

/// An address as Python shows it: `(host, port)`, or `(host, port, flowinfo,
/// scope_id)` for IPv6.
fn addr_value(addr: SocketAddr) -> Value {
    match addr {
        SocketAddr::V4(a) => Value::tuple(vec![Value::string(a.ip().to_string()), Value::Int(i64::from(a.port()))]),
        SocketAddr::V6(a) => Value::tuple(vec![
            Value::string(a.ip().to_string()),
            Value::Int(i64::from(a.port())),
            Value::Int(i64::from(a.flowinfo())),
            Value::Int(i64::from(a.scope_id())),
        ]),
    }
}

/// An address tuple back to a socket address.
/// (`op` names the call in the message for a port out of range, as CPython does.)
fn addr_arg(v: Option<&Value>, op: &str) -> PyResult<SocketAddr> {
    let bad = || PyErr::type_error("an address tuple (host, port) is required");
    let Some(Value::Tuple(items)) = v else { return Err(bad()) };
    let (Some(Value::Str(host)), Some(Value::Int(port))) = (items.first(), items.get(1)) else { return Err(bad()) };
    let ip: IpAddr = host.as_str().parse().map_err(|_| bad())?;
    let port = u16::try_from(*port)
        .map_err(|_| PyErr::new(ExcKind::OverflowError, format!("{op}(): port must be 0-65535.")))?;
    Ok(SocketAddr::new(ip, port))
}

/// A `getaddrinfo` error (CPython raises its `OSError` subclass `socket.gaierror`).
fn gaierror(interp: &mut Interpreter, errno: i64, message: String) -> PyErr {
    PyErr::raised(interp.new_exception(ExcKind::OSError, vec![Value::Int(errno), Value::string(message)]))
}

/// `getaddrinfo(host, port)`: the addresses `host` resolves to, as tuples
/// (`None`: the wildcard address, for servers).
fn getaddrinfo(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    // A port out of range resolves like any other; connect/bind then reject it.
    let port = match args.get(1) {
        Some(Value::Int(p)) => *p,
        Some(Value::Str(s)) => match s.as_str().parse::<u16>() {
            Ok(p) => i64::from(p),
            Err(_) => return Err(gaierror(interp, -8, "Servname not supported for ai_socktype".into())),
        },
        Some(Value::None) | None => 0,
        Some(v) => return Err(PyErr::type_error(format!("port must be int, not {}", interp.type_name(v)))),
    };
    let host = match args.first() {
        Some(Value::Str(s)) if !s.as_str().is_empty() => s.as_str().to_owned(),
        Some(Value::Str(_) | Value::None) | None => "0.0.0.0".to_owned(),
        Some(v) => return Err(PyErr::type_error(format!("host must be str, not {}", interp.type_name(v)))),
    };
    let resolved = (host.as_str(), u16::try_from(port).unwrap_or(0)).to_socket_addrs();
    let addrs = resolved.map_err(|e| {
        let text = strerror(&e);
        gaierror(interp, -2, text.rsplit(": ").next().unwrap_or(&text).to_owned())
    })?;
    let mut seen = Vec::new();
    for a in addrs {
        if !seen.contains(&a) {
            seen.push(a);
        }
    }
    let with_port = |a: SocketAddr| match addr_value(a) {
        Value::Tuple(t) => {
            let mut items = t.as_ref().clone();
            if let Some(slot) = items.get_mut(1) {
                *slot = Value::Int(port);
            }
            Value::tuple(items)
        }
        other => other,
    };
    Ok(Value::list(seen.into_iter().map(with_port).collect()))
}

/// Runs an operation on socket `args[0]` that may change its readiness flags, then
/// updates the poller's set of sockets with a callback due.
fn refreshing(
    interp: &mut Interpreter,
    args: &[Value],
    op: fn(&mut Interpreter, i32, &[Value]) -> PyResult<Value>,
) -> PyResult<Value> {
    let fd = fd_arg(args, 0)?;
    let outcome = op(interp, fd, args);
    event_io(interp)?.refresh(fd);
    outcome
}

/// `sock_listen(addr)`: a listening socket bound to `addr`.
fn sock_listen(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let addr = addr_arg(args.first(), "bind")?;
    let listener = std::net::TcpListener::bind(addr).and_then(|l| l.set_nonblocking(true).map(|()| l));
    let listener = match listener {
        Ok(l) => mio::net::TcpListener::from_std(l),
        Err(e) => {
            let shown = interp.repr(&addr_value(addr))?;
            let message = format!("error while attempting to bind on address {shown}: {}", strerror(&e).to_lowercase());
            return Err(os_error(interp, &e, Some(message)));
        }
    };
    let fd = event_io(interp)?.add(Sock::Listener(listener));
    fd.map(|fd| Value::Int(i64::from(fd))).map_err(|e| os_error(interp, &e, None))
}

/// The error of a failed connection to `addr`, worded as CPython's.
fn connect_failed(interp: &mut Interpreter, e: &io::Error, addr: SocketAddr) -> PyErr {
    match interp.repr(&addr_value(addr)) {
        Ok(shown) => os_error(interp, e, Some(format!("Connect call failed {shown}"))),
        Err(err) => err,
    }
}

/// `sock_connect(addr)`: starts connecting a new stream socket (completion is
/// signalled by writability; see `sock_connect_result`).
fn sock_connect(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let addr = addr_arg(args.first(), "connect")?;
    let stream = mio::net::TcpStream::connect(addr).map_err(|e| connect_failed(interp, &e, addr))?;
    // As CPython's transports: small writes go out at once (no Nagle delay).
    let _ = stream.set_nodelay(true);
    let fd = event_io(interp)?.add(Sock::Stream(stream));
    fd.map(|fd| Value::Int(i64::from(fd))).map_err(|e| os_error(interp, &e, None))
}

/// `sock_connect_result(fd, addr)`: `True` once connected, `False` if still
/// connecting; raises the connection's error.
fn sock_connect_result(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    refreshing(interp, args, connect_result_on)
}

/// The body of `sock_connect_result` (its readiness flags may change).
fn connect_result_on(interp: &mut Interpreter, fd: i32, args: &[Value]) -> PyResult<Value> {
    let addr = addr_arg(args.get(1), "connect")?;
    let Sock::Stream(s) = &entry(interp, fd)?.sock else { return Err(bad_fd(interp)) };
    let outcome = match s.take_error() {
        Ok(Some(e)) | Err(e) => Err(e),
        Ok(None) => match s.peer_addr() {
            Ok(_) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotConnected => Ok(false),
            Err(e) => Err(e),
        },
    };
    match outcome {
        Ok(done) => {
            if !done {
                entry(interp, fd)?.write_ready = false;
            }
            Ok(Value::Bool(done))
        }
        Err(e) => Err(connect_failed(interp, &e, addr)),
    }
}

/// `sock_accept(fd)`: `(new_fd, peer_address)`, or `None` when no connection waits.
fn sock_accept(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    refreshing(interp, args, accept_on)
}

/// The body of `sock_accept` (its readiness flags may change).
fn accept_on(interp: &mut Interpreter, fd: i32, _: &[Value]) -> PyResult<Value> {
    let e = entry(interp, fd)?;
    let Sock::Listener(l) = &e.sock else { return Err(bad_fd(interp)) };
    match l.accept() {
        Ok((stream, peer)) => {
            let _ = stream.set_nodelay(true);
            let new_fd = event_io(interp)?.add(Sock::Stream(stream)).map_err(|e| os_error(interp, &e, None))?;
            Ok(Value::tuple(vec![Value::Int(i64::from(new_fd)), addr_value(peer)]))
        }
        Err(err) => match not_ready(err, &mut e.read_ready) {
            None => Ok(Value::None),
            Some(err) => Err(os_error(interp, &err, None)),
        },
    }
}

/// `sock_recv(fd, n)`: up to `n` bytes (`b''` at end of stream), or `None` when
/// nothing is there yet.
fn sock_recv(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    refreshing(interp, args, recv_on)
}

/// The body of `sock_recv` (its readiness flags may change).
fn recv_on(interp: &mut Interpreter, fd: i32, args: &[Value]) -> PyResult<Value> {
    let n = match args.get(1) {
        Some(Value::Int(n)) if *n >= 0 => usize::try_from(*n).unwrap_or(usize::MAX).min(1 << 24),
        _ => return Err(PyErr::new(ExcKind::ValueError, "negative buffersize in recv")),
    };
    let io = event_io(interp)?;
    if io.scratch.len() < n {
        io.scratch.resize(n, 0);
    }
    let (Some(e), Some(buf)) = (io.sockets.get_mut(&fd), io.scratch.get_mut(..n)) else {
        return Err(bad_fd(interp));
    };
    let Sock::Stream(s) = &mut e.sock else { return Err(bad_fd(interp)) };
    match s.read(buf) {
        Ok(got) => Ok(Value::Bytes(Rc::new(buf.get(..got).unwrap_or_default().to_vec()))),
        Err(err) => match not_ready(err, &mut e.read_ready) {
            None => Ok(Value::None),
            Some(err) => Err(os_error(interp, &err, None)),
        },
    }
}

/// `sock_send(fd, data)`: how many bytes the socket took (0 when its buffer is full).
fn sock_send(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    refreshing(interp, args, send_on)
}

/// The body of `sock_send` (its readiness flags may change).
fn send_on(interp: &mut Interpreter, fd: i32, args: &[Value]) -> PyResult<Value> {
    let data = match args.get(1) {
        Some(Value::Bytes(b)) => b.clone(),
        Some(v) => {
            let t = interp.type_name(v);
            return Err(PyErr::type_error(format!("a bytes-like object is required, not '{t}'")));
        }
        None => return Err(PyErr::type_error("send() missing data")),
    };
    let e = entry(interp, fd)?;
    let Sock::Stream(s) = &mut e.sock else { return Err(bad_fd(interp)) };
    match s.write(&data) {
        Ok(n) => Ok(Value::Int(i64::try_from(n).unwrap_or(0))),
        Err(err) => match not_ready(err, &mut e.write_ready) {
            None => Ok(Value::Int(0)),
            Some(err) => Err(os_error(interp, &err, None)),
        },
    }
}

/// Sorts out a failed non-blocking operation: `None` when the socket is just not
/// ready (`WouldBlock` clears its readiness `flag` until the poller reports it
/// again; an interrupted call is retried on the next iteration), else the error.
fn not_ready(err: io::Error, flag: &mut bool) -> Option<io::Error> {
    match err.kind() {
        io::ErrorKind::WouldBlock => {
            *flag = false;
            None
        }
        io::ErrorKind::Interrupted => None,
        _ => Some(err),
    }
}

/// `sock_shutdown(fd)`: no more writes (the peer reads end of stream).
fn sock_shutdown(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let fd = fd_arg(args, 0)?;
    let Sock::Stream(s) = &entry(interp, fd)?.sock else { return Err(bad_fd(interp)) };
    match s.shutdown(std::net::Shutdown::Write) {
        Ok(()) => Ok(Value::None),
        Err(e) if e.kind() == io::ErrorKind::NotConnected => Ok(Value::None),
        Err(e) => Err(os_error(interp, &e, None)),
    }
}

/// `sock_close(fd)`: closes the socket (a closed one is left alone).
fn sock_close(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let fd = fd_arg(args, 0)?;
    Ok(Value::Bool(event_io(interp)?.close(fd)))
}

/// `sock_name(fd)`: the local address.
fn sock_name(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let fd = fd_arg(args, 0)?;
    let addr = match &entry(interp, fd)?.sock {
        Sock::Listener(l) => l.local_addr(),
        Sock::Stream(s) => s.local_addr(),
    };
    addr.map(addr_value).map_err(|e| os_error(interp, &e, None))
}

/// `sock_peer(fd)`: the remote address of a connected stream.
fn sock_peer(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let fd = fd_arg(args, 0)?;
    let Sock::Stream(s) = &entry(interp, fd)?.sock else { return Err(bad_fd(interp)) };
    let addr = s.peer_addr();
    addr.map(addr_value).map_err(|e| os_error(interp, &e, None))
}

/// `io_reader(fd, handle)`: attaches the handle run while `fd` is readable (`None`
/// detaches); returns the previous one (or `None`).
fn io_reader(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    attach(interp, args, |e| &mut e.reader)
}

/// `io_writer(fd, handle)`: as `io_reader`, for writability.
fn io_writer(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    attach(interp, args, |e| &mut e.writer)
}

/// `io_watching(fd)`: whether a reader and a writer are attached (for reprs).
fn io_watching(interp: &mut Interpreter, args: &[Value], _: &[(Symbol, Value)]) -> PyResult<Value> {
    let fd = fd_arg(args, 0)?;
    let (r, w) = match event_io(interp)?.sockets.get(&fd) {
        Some(e) => (e.reader.is_some(), e.writer.is_some()),
        None => (false, false),
    };
    Ok(Value::tuple(vec![Value::Bool(r), Value::Bool(w)]))
}

/// Sets or clears one of a socket's callback slots.
fn attach(interp: &mut Interpreter, args: &[Value], slot: fn(&mut SockEntry) -> &mut Option<Value>) -> PyResult<Value> {
    let fd = fd_arg(args, 0)?;
    let handle = match args.get(1) {
        None | Some(Value::None) => None,
        Some(h) => Some(h.clone()),
    };
    let io = event_io(interp)?;
    let Some(e) = io.sockets.get_mut(&fd) else {
        return match handle {
            None => Ok(Value::None),
            Some(_) => Err(bad_fd(interp)),
        };
    };
    let old = std::mem::replace(slot(e), handle);
    io.refresh(fd);
    Ok(old.unwrap_or(Value::None))
}
