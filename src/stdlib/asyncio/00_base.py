# This directory is one module split into files only to keep each under the
# project's line limit: `load_asyncio` in src/modules/mod.rs concatenates every
# file here in name order (00_base.py, 10_futures.py, ..., 90_accelerators.py)
# with `concat!(include_str!(...))` into the single `asyncio` module, so later
# files see all earlier top-level names; keep the numeric prefixes ordered and
# list any new file in `load_asyncio` too.
#
# asyncio for pyish: a single-module port of CPython 3.11's pure-Python asyncio
# (Lib/asyncio: futures, tasks, events, base_events, runners, taskgroups, timeouts,
# queues, locks, exceptions, base_futures, base_tasks, format_helpers, coroutines).
#
# Copyright (c) 2001-2023 Python Software Foundation; All Rights Reserved.
# Ported under the PSF License Agreement (Python Software Foundation License
# Version 2). Changes: merged into one module, no threads/selectors/contextvars/
# weakref/logging/heapq/collections; I/O polling goes through the native module
# `_pyish_loop`; some hot paths are inlined. The scheduling order (ready queue,
# timer heap, task stepping, future callbacks) follows CPython exactly.

import sys
import _pyish_loop

__all__ = (
    'BaseEventLoop', 'AbstractEventLoop', 'AbstractEventLoopPolicy',
    'DefaultEventLoopPolicy', 'SelectorEventLoop', 'Handle', 'TimerHandle',
    'get_event_loop_policy', 'set_event_loop_policy', 'get_event_loop',
    'set_event_loop', 'new_event_loop', 'get_running_loop', '_get_running_loop',
    '_set_running_loop',
    'BrokenBarrierError', 'CancelledError', 'InvalidStateError', 'TimeoutError',
    'IncompleteReadError', 'LimitOverrunError', 'SendfileNotAvailableError',
    'Future', 'isfuture', 'Task', 'create_task', 'FIRST_COMPLETED',
    'FIRST_EXCEPTION', 'ALL_COMPLETED', 'wait', 'wait_for', 'as_completed',
    'sleep', 'gather', 'shield', 'ensure_future', 'current_task', 'all_tasks',
    'iscoroutine', 'iscoroutinefunction', 'Runner', 'run', 'TaskGroup',
    'Timeout', 'timeout', 'timeout_at', 'Queue', 'PriorityQueue', 'LifoQueue',
    'QueueFull', 'QueueEmpty', 'Lock', 'Event', 'Condition', 'Semaphore',
    'BoundedSemaphore', 'Barrier', 'to_thread',
    'AbstractServer', 'BaseProtocol', 'Protocol', 'BaseTransport', 'Transport',
    'StreamReader', 'StreamWriter', 'StreamReaderProtocol', 'open_connection',
    'start_server',
)

_monotonic = _pyish_loop.monotonic
_poll = _pyish_loop.poll
_native_iscoroutine = _pyish_loop.iscoroutine
# Optional native extras (the CPython shim provides them; pyish may):
#   format_exception(exc) -> str : full traceback text as CPython prints it
_native_format_exception = getattr(_pyish_loop, 'format_exception', None)
_set_asyncgen_hooks = getattr(sys, 'set_asyncgen_hooks', None)
_get_asyncgen_hooks = getattr(sys, 'get_asyncgen_hooks', None)
_WeakSet = getattr(_pyish_loop, 'WeakSet', None)
_HAS_WITH_TRACEBACK = hasattr(BaseException, 'with_traceback')


# ---------------------------------------------------------------- exceptions

class CancelledError(BaseException):
    """The Future or Task was cancelled."""
    __module__ = 'asyncio.exceptions'


TimeoutError = TimeoutError  # the builtin


class InvalidStateError(Exception):
    """The operation is not allowed in this state."""
    __module__ = 'asyncio.exceptions'


class SendfileNotAvailableError(RuntimeError):
    """Sendfile syscall is not available."""
    __module__ = 'asyncio.exceptions'


class IncompleteReadError(EOFError):
    """Incomplete read error."""
    __module__ = 'asyncio.exceptions'

    def __init__(self, partial, expected):
        r_expected = 'undefined' if expected is None else repr(expected)
        super().__init__(f'{len(partial)} bytes read on a total of '
                         f'{r_expected} expected bytes')
        self.partial = partial
        self.expected = expected


class LimitOverrunError(Exception):
    """Reached the buffer limit while looking for a separator."""
    __module__ = 'asyncio.exceptions'

    def __init__(self, message, consumed):
        super().__init__(message)
        self.consumed = consumed


class BrokenBarrierError(RuntimeError):
    """Barrier is broken by barrier.abort() call."""
    __module__ = 'asyncio.exceptions'


class QueueEmpty(Exception):
    """Raised when Queue.get_nowait() is called on an empty Queue."""
    __module__ = 'asyncio.queues'


class QueueFull(Exception):
    """Raised when the Queue.put_nowait() method is called on a full Queue."""
    __module__ = 'asyncio.queues'


# ---------------------------------------------------------------- helpers

# reprlib.repr (the default aRepr limits), used by Future/Handle reprs.
def _rl_trunc(s, limit):
    if len(s) > limit:
        i = max(0, (limit - 3) // 2)
        j = max(0, limit - 3 - i)
        s = s[:i] + '...' + s[len(s) - j:]
    return s


def _rl_sorted(x):
    try:
        return sorted(x)
    except Exception:
        return list(x)


def _rl_iterable(x, level, left, right, maxiter, trail=''):
    n = len(x)
    if level <= 0 and n:
        s = '...'
    else:
        newlevel = level - 1
        pieces = []
        for elem in x:
            if len(pieces) >= maxiter:
                break
            pieces.append(_rl_repr1(elem, newlevel))
        if n > maxiter:
            pieces.append('...')
        s = ', '.join(pieces)
        if n == 1 and trail:
            right = trail + right
    return left + s + right


def _rl_repr1(x, level):
    t = type(x)
    if t is str:
        s = repr(x[:30])
        if len(s) > 30:
            i = 13
            j = 14
            s = repr(x[:i] + x[len(x) - j:])
            s = s[:i] + '...' + s[len(s) - j:]
        return s
    if t is int:
        return _rl_trunc(repr(x), 40)
    if t is tuple:
        return _rl_iterable(x, level, '(', ')', 6, ',')
    if t is list:
        return _rl_iterable(x, level, '[', ']', 6)
    if t is set:
        if not x:
            return 'set()'
        return _rl_iterable(_rl_sorted(x), level, '{', '}', 6)
    if t is frozenset:
        if not x:
            return 'frozenset()'
        return _rl_iterable(_rl_sorted(x), level, 'frozenset({', '})', 6)
    if t is dict:
        n = len(x)
        if n == 0:
            return '{}'
        if level <= 0:
            return '{...}'
        newlevel = level - 1
        pieces = []
        for key in _rl_sorted(x):
            if len(pieces) >= 4:
                break
            pieces.append(_rl_repr1(key, newlevel) + ': ' +
                          _rl_repr1(x[key], newlevel))
        if n > 4:
            pieces.append('...')
        return '{' + ', '.join(pieces) + '}'
    try:
        s = repr(x)
    except Exception:
        return f'<{x.__class__.__name__} instance at {id(x):#x}>'
    return _rl_trunc(s, 30)


def _reprlib_repr(x):
    return _rl_repr1(x, 6)


# format_helpers
def _get_function_source(func):
    if type(func).__name__ == 'function':
        code = getattr(func, '__code__', None)
        if code is not None:
            filename = getattr(code, 'co_filename', None)
            if filename is not None:
                return (filename, getattr(code, 'co_firstlineno', 0))
    return None


def _format_args_and_kwargs(args, kwargs):
    items = []
    if args:
        for arg in args:
            items.append(_reprlib_repr(arg))
    if kwargs:
        for k, v in kwargs.items():
            items.append(f'{k}={_reprlib_repr(v)}')
    return '(' + ', '.join(items) + ')'


def _format_callback(func, args, kwargs, suffix=''):
    qualname = getattr(func, '__qualname__', None)
    if qualname:
        func_repr = qualname
    else:
        name = getattr(func, '__name__', None)
        if name:
            func_repr = name
        else:
            func_repr = repr(func)
    func_repr += _format_args_and_kwargs(args, kwargs)
    if suffix:
        func_repr += suffix
    return func_repr


def _format_callback_source(func, args):
    func_repr = _format_callback(func, args, None)
    source = _get_function_source(func)
    if source:
        func_repr += f' at {source[0]}:{source[1]}'
    return func_repr


def _exception_last_line(exc):
    cls = type(exc)
    name = getattr(cls, '__qualname__', cls.__name__)
    module = getattr(cls, '__module__', None)
    if module and module not in ('__main__', 'builtins'):
        name = module + '.' + name
    try:
        text = str(exc)
    except Exception:
        text = '<exception str() failed>'
    if text:
        return f'{name}: {text}'
    return name


def _format_exception_text(exc):
    if _native_format_exception is not None:
        text = _native_format_exception(exc)
        if text.endswith('\n'):
            text = text[:-1]
        return text
    return _exception_last_line(exc)


# heapq, ported exactly (same comparisons, so same tie order), on TimerHandle._when.
def _siftdown(heap, startpos, pos):
    newitem = heap[pos]
    when = newitem._when
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if when < parent._when:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos]._when < heap[rightpos]._when:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown(heap, startpos, pos)


def _heappush(heap, item):
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def _heappop(heap):
    lastelt = heap.pop()
    if heap:
        returnitem = heap[0]
        heap[0] = lastelt
        _siftup(heap, 0)
        return returnitem
    return lastelt


def _heapify(x):
    n = len(x)
    i = n // 2 - 1
    while i >= 0:
        _siftup(x, i)
        i -= 1


# ---------------------------------------------------------------- coroutines

_is_coroutine = object()


def iscoroutinefunction(func):
    """Return True if func is a decorated coroutine function."""
    return (_pyish_loop.is_coroutine_function(func) or
            getattr(func, '_is_coroutine', None) is _is_coroutine)


def iscoroutine(obj):
    """Return True if obj is a coroutine object."""
    return _native_iscoroutine(obj)


def _format_coroutine(coro):
    return _pyish_loop.format_coroutine(coro)


# ---------------------------------------------------------------- running loop

_running_loop = None
_event_loop_policy = None


def get_running_loop():
    """Return the running event loop.  Raise a RuntimeError if there is none."""
    loop = _running_loop
    if loop is None:
        raise RuntimeError('no running event loop')
    return loop


def _get_running_loop():
    return _running_loop


def _set_running_loop(loop):
    global _running_loop
    _running_loop = loop


def _get_event_loop(stacklevel=3):
    loop = _running_loop
    if loop is not None:
        return loop
    return get_event_loop_policy().get_event_loop()


def get_event_loop():
    """Return an asyncio event loop."""
    return _get_event_loop()


def get_event_loop_policy():
    """Get the current event loop policy."""
    global _event_loop_policy
    if _event_loop_policy is None:
        _event_loop_policy = DefaultEventLoopPolicy()
    return _event_loop_policy


def set_event_loop_policy(policy):
    """Set the current event loop policy (None restores the default)."""
    global _event_loop_policy
    if policy is not None and not isinstance(policy, AbstractEventLoopPolicy):
        raise TypeError(f"policy must be an instance of AbstractEventLoopPolicy or None, "
                        f"not '{type(policy).__name__}'")
    _event_loop_policy = policy


def set_event_loop(loop):
    """Equivalent to calling get_event_loop_policy().set_event_loop(loop)."""
    get_event_loop_policy().set_event_loop(loop)


def new_event_loop():
    """Equivalent to calling get_event_loop_policy().new_event_loop()."""
    return get_event_loop_policy().new_event_loop()


# ---------------------------------------------------------------- handles

class Handle:
    """Object returned by callback registration methods."""
    __module__ = 'asyncio.events'

    _source_traceback = None
    _repr = None
    _context = None

    def __init__(self, callback, args, loop, context=None):
        if context is None:
            context = _pyish_loop.context_copy()
        self._context = context
        self._loop = loop
        self._callback = callback
        self._args = args
        self._cancelled = False

    def _repr_info(self):
        info = [self.__class__.__name__]
        if self._cancelled:
            info.append('cancelled')
        if self._callback is not None:
            info.append(_format_callback_source(self._callback, self._args))
        return info

    def __repr__(self):
        if self._repr is not None:
            return self._repr
        info = self._repr_info()
        return '<' + ' '.join(info) + '>'

    def cancel(self):
        if not self._cancelled:
            self._cancelled = True
            if self._loop.get_debug():
                self._repr = repr(self)
            self._callback = None
            self._args = None

    def cancelled(self):
        return self._cancelled

    def _run(self):
        try:
            if self._context is None:
                self._callback(*self._args)
            else:
                self._context.run(self._callback, *self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._loop._callback_exception(self, exc)


class TimerHandle(Handle):
    """Object returned by timed callback registration methods."""
    __module__ = 'asyncio.events'

    def __init__(self, when, callback, args, loop, context=None):
        self._loop = loop
        self._callback = callback
        self._args = args
        self._cancelled = False
        self._when = when
        self._scheduled = False

    def _repr_info(self):
        info = super()._repr_info()
        pos = 2 if self._cancelled else 1
        info.insert(pos, f'when={self._when}')
        return info

    def __hash__(self):
        return hash(self._when)

    def __lt__(self, other):
        if isinstance(other, TimerHandle):
            return self._when < other._when
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, TimerHandle):
            return self._when < other._when or self.__eq__(other)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, TimerHandle):
            return self._when > other._when
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, TimerHandle):
            return self._when > other._when or self.__eq__(other)
        return NotImplemented

    def __eq__(self, other):
        if isinstance(other, TimerHandle):
            return (self._when == other._when and
                    self._callback == other._callback and
                    self._args == other._args and
                    self._cancelled == other._cancelled)
        return NotImplemented

    def cancel(self):
        if not self._cancelled:
            self._loop._timer_handle_cancelled(self)
        Handle.cancel(self)

    def when(self):
        """Return a scheduled callback time."""
        return self._when


