# ---------------------------------------------------------------- selector_events

# Sockets are file descriptors handed out by _pyish_loop's sock_* natives; the
# poller reports them as CPython's selector does (level-triggered), and the loop
# queues the reader/writer handles of ready sockets before expired timers.


class TransportSocket:
    """A view of a socket, as `server.sockets` and `get_extra_info('socket')` give."""
    __module__ = 'asyncio.trsock'

    def __init__(self, fd):
        self._fd = fd

    @property
    def family(self):
        return 10 if ':' in self.getsockname()[0] else 2

    @property
    def type(self):
        return 1

    @property
    def proto(self):
        return 6

    def fileno(self):
        return self._fd

    def getsockname(self):
        return _pyish_loop.sock_name(self._fd)

    def getpeername(self):
        return _pyish_loop.sock_peer(self._fd)

    def __repr__(self):
        s = f"<asyncio.TransportSocket fd={self._fd}"
        try:
            s += f", family={self.family}, type={self.type}, proto={self.proto}"
            s += f", laddr={self.getsockname()}"
        except OSError:
            return s + ">"
        try:
            s += f", raddr={self.getpeername()}"
        except OSError:
            pass
        return s + ">"


def _getaddrinfo(host, port):
    """The addresses host:port resolves to; `socket.gaierror` when it does not."""
    try:
        return _pyish_loop.getaddrinfo(host, port)
    except OSError as exc:
        if exc.errno is None or exc.errno >= 0:
            raise
        error = exc
    import socket
    raise socket.gaierror(error.errno, error.strerror)


class BaseSelectorEventLoop(BaseEventLoop):
    """The loop's socket half: reader/writer callbacks, connections, servers."""
    __module__ = 'asyncio.selector_events'

    def __init__(self):
        super().__init__()
        self._transports = {}
        self._io_fds = set()  # descriptors this loop attached callbacks to

    def close(self):
        if self.is_running():
            raise RuntimeError("Cannot close a running event loop")
        if self.is_closed():
            return
        super().close()
        # As closing CPython's selector: no callback of this loop runs any more
        # (the poller is the interpreter's, shared with later loops).
        for fd in self._io_fds:
            _pyish_loop.io_reader(fd, None)
            _pyish_loop.io_writer(fd, None)
        self._io_fds.clear()
        for fd in list(self._transports):
            _pyish_loop.sock_close(fd)
        self._transports.clear()

    def _process_events(self, event_list):
        for handle in event_list:
            self._add_callback(handle)

    def _ensure_fd_no_transport(self, fd):
        transport = self._transports.get(fd)
        if transport is not None and not transport.is_closing():
            raise RuntimeError(f'File descriptor {fd!r} is used by transport {transport!r}')

    def _attach(self, slot, fd, callback, args):
        """Attaches a new handle to fd's reader or writer slot (cancelling the old one)."""
        self._check_closed()
        handle = Handle(callback, args, self, None)
        self._io_fds.add(fd)
        old = slot(fd, handle)
        if old is not None:
            old.cancel()
        return handle

    def _detach(self, slot, fd):
        if self.is_closed():
            return False
        old = slot(fd, None)
        if old is None:
            return False
        old.cancel()
        return True

    def _add_reader(self, fd, callback, *args):
        return self._attach(_pyish_loop.io_reader, fd, callback, args)

    def _remove_reader(self, fd):
        return self._detach(_pyish_loop.io_reader, fd)

    def _add_writer(self, fd, callback, *args):
        return self._attach(_pyish_loop.io_writer, fd, callback, args)

    def _remove_writer(self, fd):
        return self._detach(_pyish_loop.io_writer, fd)

    def add_reader(self, fd, callback, *args):
        self._ensure_fd_no_transport(fd)
        self._add_reader(fd, callback, *args)

    def remove_reader(self, fd):
        self._ensure_fd_no_transport(fd)
        return self._remove_reader(fd)

    def add_writer(self, fd, callback, *args):
        self._ensure_fd_no_transport(fd)
        self._add_writer(fd, callback, *args)

    def remove_writer(self, fd):
        self._ensure_fd_no_transport(fd)
        return self._remove_writer(fd)

    async def _connect_fd(self, address):
        fd = _pyish_loop.sock_connect(address)
        try:
            fut = self.create_future()
            handle = self._add_writer(fd, self._sock_connect_cb, fut, fd, address)
            fut.add_done_callback(lambda f: self._sock_write_done(fd, handle))
            await fut
        except BaseException:
            _pyish_loop.sock_close(fd)
            raise
        return fd

    def _sock_write_done(self, fd, handle):
        if not handle.cancelled():
            self._remove_writer(fd)

    def _sock_connect_cb(self, fut, fd, address):
        if fut.done():
            return
        try:
            if not _pyish_loop.sock_connect_result(fd, address):
                return
        except (BlockingIOError, InterruptedError):
            pass
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            fut.set_exception(exc)
        else:
            fut.set_result(None)

    async def create_connection(self, protocol_factory, host=None, port=None, *,
                                ssl=None, family=0, proto=0, flags=0, sock=None,
                                local_addr=None, server_hostname=None,
                                ssl_handshake_timeout=None, ssl_shutdown_timeout=None,
                                happy_eyeballs_delay=None, interleave=None):
        if ssl:
            raise NotImplementedError('pyish has no TLS support')
        if sock is not None:
            raise NotImplementedError('pyish connects by host and port only')
        if host is None or port is None:
            raise ValueError('host and port was not specified and no sock specified')
        infos = _getaddrinfo(host, port)
        if not infos:
            raise OSError('getaddrinfo() returned empty list')
        exceptions = []
        for address in infos:
            try:
                fd = await self._connect_fd(address)
                break
            except OSError as exc:
                exceptions.append(exc)
        else:
            if len(exceptions) == 1:
                raise exceptions[0]
            model = str(exceptions[0])
            if all(str(exc) == model for exc in exceptions):
                raise exceptions[0]
            raise OSError('Multiple exceptions: {}'.format(', '.join(str(exc) for exc in exceptions)))
        return await self._create_connection_transport(fd, protocol_factory)

    async def _create_connection_transport(self, fd, protocol_factory):
        protocol = protocol_factory()
        waiter = self.create_future()
        transport = _SelectorSocketTransport(self, fd, protocol, waiter)
        try:
            await waiter
        except BaseException:
            transport.close()
            raise
        return transport, protocol

    async def create_server(self, protocol_factory, host=None, port=None, *,
                            family=0, flags=1, sock=None, backlog=100, ssl=None,
                            reuse_address=None, reuse_port=None,
                            ssl_handshake_timeout=None, ssl_shutdown_timeout=None,
                            start_serving=True):
        if ssl:
            raise NotImplementedError('pyish has no TLS support')
        if sock is not None:
            raise NotImplementedError('pyish serves by host and port only')
        if host == '' or host is None or isinstance(host, str):
            hosts = [host]
        else:
            hosts = host
        fds = []
        try:
            for h in hosts:
                for address in _getaddrinfo(h, port):
                    fds.append(_pyish_loop.sock_listen(address))
        except BaseException:
            for fd in fds:
                _pyish_loop.sock_close(fd)
            raise
        server = Server(self, fds, protocol_factory, ssl, backlog, ssl_handshake_timeout)
        if start_serving:
            server._start_serving()
            # Skip one loop iteration so that all 'loop.add_reader' go through.
            await sleep(0)
        return server

    def _start_serving(self, protocol_factory, fd, server, backlog=100):
        self._add_reader(fd, self._accept_connection, protocol_factory, fd, server, backlog)

    def _stop_serving(self, fd):
        self._remove_reader(fd)
        _pyish_loop.sock_close(fd)

    def _accept_connection(self, protocol_factory, fd, server=None, backlog=100):
        for _ in range(backlog):
            try:
                accepted = _pyish_loop.sock_accept(fd)
            except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                return None
            if accepted is None:
                return None
            conn, addr = accepted
            extra = {'peername': addr}
            self.create_task(self._accept_connection2(protocol_factory, conn, extra, server))

    async def _accept_connection2(self, protocol_factory, conn, extra, server=None):
        protocol = None
        transport = None
        try:
            protocol = protocol_factory()
            waiter = self.create_future()
            transport = _SelectorSocketTransport(self, conn, protocol, waiter, extra, server)
            try:
                await waiter
            except BaseException:
                transport.close()
                raise
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            if self._debug:
                context = {
                    'message': 'Error on transport creation for incoming connection',
                    'exception': exc,
                }
                if protocol is not None:
                    context['protocol'] = protocol
                if transport is not None:
                    context['transport'] = transport
                self.call_exception_handler(context)


class AbstractServer:
    """Abstract server returned by create_server()."""
    __module__ = 'asyncio.events'


class Server(AbstractServer):
    __module__ = 'asyncio.base_events'

    def __init__(self, loop, sockets, protocol_factory, ssl_context, backlog,
                 ssl_handshake_timeout, ssl_shutdown_timeout=None):
        self._loop = loop
        self._sockets = sockets
        self._active_count = 0
        self._waiters = []
        self._protocol_factory = protocol_factory
        self._backlog = backlog
        self._ssl_context = ssl_context
        self._serving = False
        self._serving_forever_fut = None

    def __repr__(self):
        return f'<{self.__class__.__name__} sockets={self.sockets!r}>'

    def _attach(self):
        self._active_count += 1

    def _detach(self):
        self._active_count -= 1
        if self._active_count == 0 and self._sockets is None:
            self._wakeup()

    def _wakeup(self):
        waiters = self._waiters
        self._waiters = None
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(waiter)

    def _start_serving(self):
        if self._serving:
            return
        self._serving = True
        for fd in self._sockets:
            self._loop._start_serving(self._protocol_factory, fd, self, self._backlog)

    def get_loop(self):
        return self._loop

    def is_serving(self):
        return self._serving

    @property
    def sockets(self):
        if self._sockets is None:
            return ()
        return tuple(TransportSocket(fd) for fd in self._sockets)

    def close(self):
        sockets = self._sockets
        if sockets is None:
            return
        self._sockets = None
        for fd in sockets:
            self._loop._stop_serving(fd)
        self._serving = False
        if self._serving_forever_fut is not None and not self._serving_forever_fut.done():
            self._serving_forever_fut.cancel()
            self._serving_forever_fut = None
        if self._active_count == 0:
            self._wakeup()

    async def start_serving(self):
        self._start_serving()
        await sleep(0)

    async def serve_forever(self):
        if self._serving_forever_fut is not None:
            raise RuntimeError(f'server {self!r} is already being awaited on serve_forever()')
        if self._sockets is None:
            raise RuntimeError(f'server {self!r} is closed')
        self._start_serving()
        self._serving_forever_fut = self._loop.create_future()
        try:
            await self._serving_forever_fut
        except CancelledError:
            try:
                self.close()
                await self.wait_closed()
            finally:
                raise
        finally:
            self._serving_forever_fut = None

    async def wait_closed(self):
        if self._sockets is None or self._waiters is None:
            return
        waiter = self._loop.create_future()
        self._waiters.append(waiter)
        await waiter

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        await self.wait_closed()


class _UnixSelectorEventLoop(BaseSelectorEventLoop):
    """The event loop (CPython's name for the default one on Unix)."""
    __module__ = 'asyncio.unix_events'


SelectorEventLoop = _UnixSelectorEventLoop
EventLoop = _UnixSelectorEventLoop


class AbstractEventLoopPolicy:
    """Abstract policy for accessing the event loop."""
    __module__ = 'asyncio.events'

    def get_event_loop(self):
        raise NotImplementedError

    def set_event_loop(self, loop):
        raise NotImplementedError

    def new_event_loop(self):
        raise NotImplementedError


class BaseDefaultEventLoopPolicy(AbstractEventLoopPolicy):
    """Default policy implementation: one event loop (no threads in pyish)."""
    __module__ = 'asyncio.events'

    _loop_factory = None

    def __init__(self):
        self._local_loop = None
        self._set_called = False

    def get_event_loop(self):
        if self._local_loop is None and not self._set_called:
            self.set_event_loop(self.new_event_loop())

        if self._local_loop is None:
            raise RuntimeError("There is no current event loop in thread 'MainThread'.")

        return self._local_loop

    def set_event_loop(self, loop):
        self._set_called = True
        if loop is not None and not isinstance(loop, AbstractEventLoop):
            raise TypeError(f"loop must be an instance of AbstractEventLoop or None, "
                            f"not '{type(loop).__name__}'")
        self._local_loop = loop

    def new_event_loop(self):
        return self._loop_factory()


class _UnixDefaultEventLoopPolicy(BaseDefaultEventLoopPolicy):
    __module__ = 'asyncio.unix_events'
    _loop_factory = _UnixSelectorEventLoop


DefaultEventLoopPolicy = _UnixDefaultEventLoopPolicy


