"""Context variables (PEP 567), as CPython's `contextvars`.

The current context lives in the interpreter (`_pyish_loop.context_get/set`), so
the event loop can switch it natively: every asyncio task runs in its own copy of
the context that created it. A context is a dict owned by a `Context` object;
`copy()` snapshots it, `ContextVar.set` changes the current one.
"""
import _pyish_loop

__all__ = ('Context', 'ContextVar', 'Token', 'copy_context')

_NO_DEFAULT = object()


class _TokenMissing:
    __qualname__ = 'Token.MISSING'
    __module__ = 'builtins'

    def __repr__(self):
        return '<Token.MISSING>'


def _check_var(var):
    if not isinstance(var, ContextVar):
        raise TypeError(f"a ContextVar key was expected, got {var!r}")


class Context:
    """A mapping of context variables to their values."""
    __module__ = '_contextvars'

    def __init__(self):
        self._data = {}
        self._entered = False

    def run(self, callable, /, *args, **kwargs):
        if self._entered:
            raise RuntimeError(f'cannot enter context: {self!r} is already entered')
        self._entered = True
        previous = _pyish_loop.context_set(self)
        try:
            return callable(*args, **kwargs)
        finally:
            _pyish_loop.context_set(previous)
            self._entered = False

    def copy(self):
        new = Context()
        new._data = self._data.copy()
        return new

    def __getitem__(self, var):
        _check_var(var)
        return self._data[var]

    def get(self, var, default=None):
        _check_var(var)
        return self._data.get(var, default)

    def __contains__(self, var):
        _check_var(var)
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._data == other._data

    def __hash__(self):
        raise TypeError("unhashable type: '_contextvars.Context'")


def _current():
    """The current context, created when first needed."""
    ctx = _pyish_loop.context_get()
    if ctx is None:
        ctx = Context()
        _pyish_loop.context_set(ctx)
    return ctx


def copy_context():
    """A copy of the current context."""
    return _current().copy()


class Token:
    """What ContextVar.set returns: ContextVar.reset(token) undoes that set."""
    __module__ = '_contextvars'

    MISSING = _TokenMissing()

    def __init__(self, ctx, var, old):
        self._ctx = ctx
        self._var = var
        self._old = old
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old

    def __repr__(self):
        used = ' used' if self._used else ''
        return f"<Token{used} var={self._var!r} at 0x{id(self):x}>"


class ContextVar:
    """A variable whose value depends on the current context."""
    __module__ = '_contextvars'

    def __init__(self, name, *, default=_NO_DEFAULT):
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self._name = name
        self._default = default

    @property
    def name(self):
        return self._name

    def get(self, default=_NO_DEFAULT):
        ctx = _pyish_loop.context_get()
        if ctx is not None:
            data = ctx._data
            if self in data:
                return data[self]
        if default is not _NO_DEFAULT:
            return default
        if self._default is not _NO_DEFAULT:
            return self._default
        raise LookupError(self)

    def set(self, value):
        ctx = _current()
        data = ctx._data
        old = data.get(self, Token.MISSING)
        data[self] = value
        return Token(ctx, self, old)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError(f"expected an instance of Token, got {token!r}")
        if token._used:
            raise RuntimeError(f"{token!r} has already been used once")
        if token._var is not self:
            raise ValueError(f"{token!r} was created by a different ContextVar")
        ctx = _current()
        if token._ctx is not ctx:
            raise ValueError(f"{token!r} was created in a different Context")
        if token._old is Token.MISSING:
            ctx._data.pop(self, None)
        else:
            ctx._data[self] = token._old
        token._used = True

    def __repr__(self):
        text = f"<ContextVar name={self._name!r}"
        if self._default is not _NO_DEFAULT:
            text += f" default={self._default!r}"
        return text + f" at 0x{id(self):x}>"


_pyish_loop.context_install(copy_context)
