# ---------------------------------------------------------------- futures

_PENDING = 'PENDING'
_CANCELLED = 'CANCELLED'
_FINISHED = 'FINISHED'

# Futures whose exception was set; checked when their loop closes so that
# "exception was never retrieved" can be reported (no finalizers in pyish).
_exc_futures = []
_exc_futures_limit = 1000


def _note_exception_future(fut):
    global _exc_futures, _exc_futures_limit
    _exc_futures.append(fut)
    if len(_exc_futures) >= _exc_futures_limit:
        _exc_futures = [f for f in _exc_futures if f._log_traceback]
        _exc_futures_limit = max(1000, 2 * len(_exc_futures))


def isfuture(obj):
    """Check for a Future."""
    return (hasattr(obj.__class__, '_asyncio_future_blocking') and
            obj._asyncio_future_blocking is not None)


def _callback_list(cbs):
    """The callbacks of a future as a list: `_callbacks` is None when there are
    none and holds a lone callback bare (no list), as the native methods keep it.
    A task waiting on the future is kept as itself, standing for its bound
    `task_wakeup` (what this returns in its place)."""
    if cbs is None:
        return []
    if type(cbs) is not list:
        cbs = [cbs]
    if any(isinstance(c, Task) for c in cbs):
        cbs = [c.task_wakeup if isinstance(c, Task) else c for c in cbs]
    return cbs


def _format_callbacks(cb):
    # A callback is kept bare, or as (fn, context) once contextvars is in use.
    cb = [c[0] if type(c) is tuple else c for c in _callback_list(cb)]
    size = len(cb)
    if not size:
        cb = ''
    if size == 1:
        cb = _format_callback_source(cb[0], ())
    elif size == 2:
        cb = (_format_callback_source(cb[0], ()) + ', ' +
              _format_callback_source(cb[1], ()))
    elif size > 2:
        cb = (_format_callback_source(cb[0], ()) + f', <{size - 2} more>, ' +
              _format_callback_source(cb[-1], ()))
    return f'cb=[{cb}]'


# The futures and tasks whose repr is being built.
_repr_running = set()


def _recursive_repr(method):
    """reprlib.recursive_repr, as on CPython's _future_repr and _task_repr: a
    future whose result or exception refers back to it shows '...' there."""
    def wrapper(self):
        key = id(self)
        if key in _repr_running:
            return '...'
        _repr_running.add(key)
        try:
            return method(self)
        finally:
            _repr_running.discard(key)
    return wrapper


def _future_repr_info(future):
    info = [future._state.lower()]
    if future._state == _FINISHED:
        if future._exception is not None:
            info.append(f'exception={future._exception!r}')
        else:
            result = _reprlib_repr(future._result)
            info.append(f'result={result}')
    if _callback_list(future._callbacks):
        info.append(_format_callbacks(future._callbacks))
    return info


class Future:
    """This class is *almost* compatible with concurrent.futures.Future."""
    __module__ = '_asyncio'

    _state = _PENDING
    _result = None
    _exception = None
    _exception_tb = None
    _loop = None
    _source_traceback = None
    _cancel_message = None
    _cancelled_exc = None
    _asyncio_future_blocking = False
    _log_traceback = False
    _callbacks = None

    def __init__(self, *, loop=None):
        if loop is None:
            self._loop = _get_event_loop()
        else:
            self._loop = loop

    @_recursive_repr
    def __repr__(self):
        info = ' '.join(_future_repr_info(self))
        return f'<{self.__class__.__name__} {info}>'

    @classmethod
    def __class_getitem__(cls, item):
        return cls

    def _report_never_retrieved(self):
        """Report an exception nobody retrieved (CPython does this in __del__)."""
        if not self._log_traceback:
            return
        self._log_traceback = False
        context = {
            'message': f'{self.__class__.__name__} exception was never retrieved',
            'exception': self._exception,
            'future': self,
        }
        self._loop.call_exception_handler(context)

    def get_loop(self):
        """Return the event loop the Future is bound to."""
        loop = self._loop
        if loop is None:
            raise RuntimeError("Future object is not initialized.")
        return loop

    def _make_cancelled_error(self):
        exc = self._cancelled_exc
        if exc is not None:
            self._cancelled_exc = None
            return exc
        if self._cancel_message is None:
            return CancelledError()
        return CancelledError(self._cancel_message)

    def cancel(self, msg=None):
        """Cancel the future and schedule callbacks."""
        self._log_traceback = False
        if self._state != _PENDING:
            return False
        self._state = _CANCELLED
        self._cancel_message = msg
        self._schedule_callbacks()
        return True

    def _schedule_callbacks(self):
        callbacks = _callback_list(self._callbacks)
        if not callbacks:
            return
        self._callbacks = None
        loop = self._loop
        for callback in callbacks:
            if type(callback) is tuple:
                loop.call_soon(callback[0], self, context=callback[1])
            else:
                loop.call_soon(callback, self)

    def cancelled(self):
        """Return True if the future was cancelled."""
        return self._state == _CANCELLED

    def done(self):
        """Return True if the future is done."""
        return self._state != _PENDING

    def result(self):
        """Return the result this future represents."""
        state = self._state
        if state == _FINISHED:
            self._log_traceback = False
            exc = self._exception
            if exc is not None:
                if _HAS_WITH_TRACEBACK:
                    raise exc.with_traceback(self._exception_tb)
                raise exc
            return self._result
        if state == _CANCELLED:
            raise self._make_cancelled_error()
        raise InvalidStateError('Result is not set.')

    def exception(self):
        """Return the exception that was set on this future."""
        if self._state == _CANCELLED:
            raise self._make_cancelled_error()
        if self._state != _FINISHED:
            raise InvalidStateError('Exception is not set.')
        self._log_traceback = False
        return self._exception

    def add_done_callback(self, fn, *, context=None):
        """Add a callback to be run when the future becomes done."""
        if self._state != _PENDING:
            self._loop.call_soon(fn, self, context=context)
        else:
            if context is None:
                context = _pyish_loop.context_copy()
            entry = fn if context is None else (fn, context)
            if self._callbacks is None:
                self._callbacks = entry
            elif type(self._callbacks) is list:
                self._callbacks.append(entry)
            else:
                self._callbacks = [self._callbacks, entry]

    def remove_done_callback(self, fn):
        """Remove all instances of a callback from the "call when done" list."""
        callbacks = _callback_list(self._callbacks)
        if not callbacks:
            return 0
        filtered_callbacks = [f for f in callbacks
                              if (f[0] if type(f) is tuple else f) != fn]
        removed_count = len(callbacks) - len(filtered_callbacks)
        if removed_count:
            self._callbacks = filtered_callbacks or None
        return removed_count

    def set_result(self, result):
        """Mark the future done and set its result."""
        if self._state != _PENDING:
            raise InvalidStateError('invalid state')
        self._result = result
        self._state = _FINISHED
        self._schedule_callbacks()

    def set_exception(self, exception):
        """Mark the future done and set an exception."""
        if self._state != _PENDING:
            raise InvalidStateError('invalid state')
        if isinstance(exception, type):
            exception = exception()
        if not isinstance(exception, BaseException):
            raise TypeError('invalid exception object')
        if type(exception) is StopIteration:
            raise TypeError("StopIteration interacts badly with generators "
                            "and cannot be raised into a Future")
        self._exception = exception
        self._exception_tb = exception.__traceback__
        self._state = _FINISHED
        self._schedule_callbacks()
        self._log_traceback = True
        _note_exception_future(self)

    def __await__(self):
        if self._state == _PENDING:
            self._asyncio_future_blocking = True
            yield self  # This tells Task to wait for completion.
        if self._state == _PENDING:
            raise RuntimeError("await wasn't used with future")
        return self.result()  # May raise too.

    __iter__ = __await__  # make compatible with 'yield from'.


_PyFuture = Future


def _get_loop(fut):
    try:
        get_loop = fut.get_loop
    except AttributeError:
        pass
    else:
        return get_loop()
    return fut._loop


def _set_result_unless_cancelled(fut, result):
    """Helper setting the result only if the future was not cancelled."""
    if fut._state == _CANCELLED:
        return
    fut.set_result(result)


def _copy_future_state(source, dest):
    if dest.cancelled():
        return
    if source.cancelled():
        dest.cancel()
    else:
        exception = source.exception()
        if exception is not None:
            dest.set_exception(exception)
        else:
            dest.set_result(source.result())


def _chain_future(source, destination):
    """Chain two asyncio futures so that when one completes, so does the other."""
    def _call_check_cancel(destination):
        if destination.cancelled():
            source.cancel()

    def _call_set_state(source):
        if destination.cancelled() and destination.get_loop().is_closed():
            return
        _copy_future_state(source, destination)

    destination.add_done_callback(_call_check_cancel)
    source.add_done_callback(_call_set_state)


def wrap_future(future, *, loop=None):
    """Wrap a future (only asyncio futures exist in pyish)."""
    if isfuture(future):
        return future
    raise TypeError(f'concurrent.futures.Future is expected, got {future!r}')


