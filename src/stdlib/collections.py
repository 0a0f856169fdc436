# `collections`: namedtuple, defaultdict, OrderedDict and Counter, written on
# pyish's subclasses of tuple and dict; deque over a list with a head index (both
# ends amortised O(1)); ChainMap, ported from CPython's, with the keys/items/values
# views of collections.abc (CPython's algorithms and messages; no UserDict or abc yet).

__all__ = ["ChainMap", "Counter", "OrderedDict", "defaultdict", "deque", "namedtuple"]

_MAXSIZE = 9223372036854775807

# ids of the deques and ChainMaps whose repr is being built (a container that holds
# itself shows `[...]` or `...` there, like CPython's reprlib guard)
_repr_running = set()


def _count_message(names):
    quoted = [repr(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return quoted[0] + " and " + quoted[1]
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def _check_fields(typename, field_names, rename):
    seen = set()
    for index, name in enumerate(field_names):
        bad = (not name.isidentifier() or name.startswith("_") or name in seen
               or name in ("True", "False", "None", "class", "def", "for", "if", "in", "is", "not", "or", "and"))
        if bad and rename:
            field_names[index] = f"_{index}"
        seen.add(field_names[index])
    for name in [typename] + field_names:
        if not name.isidentifier():
            raise ValueError(f"Type names and field names must be valid identifiers: {name!r}")
    seen = set()
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError(f"Field names cannot start with an underscore: {name!r}")
        if name in seen:
            raise ValueError(f"Encountered duplicate field name: {name!r}")
        seen.add(name)


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = list(map(str, field_names))
    typename = str(typename)
    _check_fields(typename, field_names, rename)
    fields = tuple(field_names)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(fields):
            raise TypeError("Got more default values than field names")
        field_defaults = dict(zip(fields[len(fields) - len(defaults):], defaults))

    def __new__(cls, *args, **kwargs):
        if len(args) > len(fields):
            raise TypeError(f"{typename}.__new__() takes {len(fields) + 1} positional arguments "
                            f"but {len(args) + 1} were given")
        values = list(args)
        missing = []
        for name in fields[len(args):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif name in field_defaults:
                values.append(field_defaults[name])
            else:
                missing.append(name)
        for name in kwargs:
            if name in fields:
                raise TypeError(f"{typename}.__new__() got multiple values for argument '{name}'")
            raise TypeError(f"{typename}.__new__() got an unexpected keyword argument '{name}'")
        if missing:
            s = "" if len(missing) == 1 else "s"
            raise TypeError(f"{typename}.__new__() missing {len(missing)} required positional argument{s}: "
                            + _count_message(missing))
        return tuple.__new__(cls, values)

    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != len(fields):
            raise TypeError(f"Expected {len(fields)} arguments, got {len(result)}")
        return result

    def _replace(self, **kwds):
        result = self._make([kwds.pop(name, value) for name, value in zip(fields, self)])
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    def __repr__(self):
        inner = ", ".join(f"{name}={value!r}" for name, value in zip(fields, self))
        return f"{self.__class__.__name__}({inner})"

    def _asdict(self):
        return dict(zip(fields, self))

    def __getnewargs__(self):
        return tuple(self)

    namespace = {
        "__doc__": f"{typename}({', '.join(fields)})",
        "__slots__": (),
        "_fields": fields,
        "_field_defaults": field_defaults,
        "__new__": staticmethod(__new__),
        "_make": classmethod(_make),
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": fields,
        "__module__": "__main__" if module is None else module,
    }
    for index, name in enumerate(fields):
        namespace[name] = property(lambda self, _i=index: self[_i], doc=f"Alias for field number {index}")
    return type(typename, (tuple,), namespace)


class defaultdict(dict):
    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        super().__init__(*args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        self[key] = value = self.default_factory()
        return value

    def __repr__(self):
        return f"{self.__class__.__name__}({self.default_factory!r}, {dict.__repr__(self)})"

    def copy(self):
        return self.__class__(self.default_factory, self)

    __copy__ = copy


class OrderedDict(dict):
    def popitem(self, last=True):
        if not self:
            raise KeyError("dictionary is empty")
        keys = list(self)
        key = keys[-1] if last else keys[0]
        return key, dict.pop(self, key)

    def move_to_end(self, key, last=True):
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)
            return
        rest = list(self.items())
        dict.clear(self)
        dict.__setitem__(self, key, value)
        dict.update(self, rest)

    def __repr__(self):
        if not self:
            return f"{self.__class__.__name__}()"
        return f"{self.__class__.__name__}({list(self.items())!r})"

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict.__eq__(self, other) and list(self) == list(other)
        return dict.__eq__(self, other)

    def __ne__(self, other):
        return not self == other

    def copy(self):
        return self.__class__(self)


class Counter(dict):
    def __init__(self, iterable=None, /, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        ranked = sorted(self.items(), key=lambda kv: kv[1], reverse=True)
        return ranked if n is None else ranked[:max(n, 0)]

    def elements(self):
        for elem, count in self.items():
            for _ in range(count):
                yield elem

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError("Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if hasattr(iterable, "keys"):
                for elem in iterable.keys():
                    self[elem] = self.get(elem, 0) + iterable[elem]
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            if hasattr(iterable, "keys"):
                for elem in iterable.keys():
                    self[elem] = self.get(elem, 0) - iterable[elem]
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return self.__class__(self)

    def __delitem__(self, elem):
        if elem in self:
            super().__delitem__(elem)

    def __repr__(self):
        if not self:
            return f"{self.__class__.__name__}()"
        return f"{self.__class__.__name__}({dict(self.most_common())!r})"

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] == other[e] for c in (self, other) for e in c)

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    def _keep_positive(self):
        for elem in [elem for elem, count in self.items() if not count > 0]:
            del self[elem]
        return self

    def _only(self, other):
        return [(elem, count) for elem, count in other.items() if elem not in self]

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return _positive([(e, c + other[e]) for e, c in self.items()] + self._only(other))

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return _positive([(e, c - other[e]) for e, c in self.items()] + [(e, 0 - c) for e, c in self._only(other)])

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return _positive([(e, max(c, other[e])) for e, c in self.items()] + self._only(other))

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return _positive([(e, min(c, other[e])) for e, c in self.items()])

    def __pos__(self):
        return _positive(self.items())

    def __neg__(self):
        return _positive([(e, 0 - c) for e, c in self.items()])

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()


def _positive(pairs):
    """A Counter of the pairs whose count is positive (the result of Counter's operators)."""
    result = Counter()
    for elem, count in pairs:
        if count > 0:
            result[elem] = count
    return result



def _as_index(n):
    """`n` as an index (CPython's PyNumber_AsSsize_t): an int, else TypeError."""
    if not isinstance(n, int):
        raise TypeError(f"'{type(n).__name__}' object cannot be interpreted as an integer")
    return n


# Iterables that extend() may take in one step: iterating them runs no Python code,
# so it cannot fail half-way.
_PLAIN_ITERABLES = (list, tuple, range, str)


def _deque_iterator(d, state, items, start, stop, step):
    # CPython's deque iterator: each next() first checks that the deque has not
    # been mutated since the iterator was made (setting an item is not a mutation).
    for i in range(start, stop, step):
        if d._state != state:
            raise RuntimeError("deque mutated during iteration")
        yield items[i]
    if d._state != state:
        raise RuntimeError("deque mutated during iteration")


class deque:
    # The items are self._items[self._head:]; the slots before _head are free (None).
    # popleft frees the first slot, appendleft fills the one before it, and when no
    # free slot is left it reserves as many as there are items, plus 8. Whenever
    # items are removed and the free slots outnumber twice the items plus 16,
    # _compact cuts them down to as many as there are items. So both ends are
    # amortised O(1) (a reserve or a compaction of n items comes after at least
    # about n/3 cheap operations), and the list holds at most three times the items
    # plus 16. The list object is never replaced, only mutated. _state counts
    # mutations, as CPython's deque does, for its iterators.

    def __new__(cls, *args, **kwargs):
        self = object.__new__(cls)
        self._items = []
        self._head = 0
        self._maxlen = None
        self._state = 0
        return self

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
            maxlen = int(maxlen)
        self._maxlen = maxlen
        deque.clear(self)
        deque.extend(self, iterable)

    def _get_maxlen(self):
        return self._maxlen

    def _set_maxlen(self, value):
        raise AttributeError("attribute 'maxlen' of 'collections.deque' objects is not writable")

    maxlen = property(_get_maxlen, _set_maxlen)

    def _compact(self):
        """Cuts the free slots down to as many as there are items if they outnumber
        twice the items plus 16 (pop and popleft test that first, inline)."""
        items = self._items
        head = self._head
        if 3 * head > 2 * len(items) + 16:
            keep = len(items) - head
            del items[:head - keep]
            self._head = keep

    def _reserve(self, need):
        """Free slots at the front until there are at least `need`; the new head."""
        items = self._items
        head = self._head
        room = len(items) - head + 8
        if head + room < need:
            room = need - head
        items[:0] = [None] * room
        head += room
        self._head = head
        return head

    def append(self, x):
        items = self._items
        items.append(x)
        self._state += 1
        m = self._maxlen
        if m is not None and len(items) - self._head > m:
            deque.popleft(self)

    def appendleft(self, x):
        head = self._head
        if head == 0:
            head = self._reserve(1)
        head -= 1
        items = self._items
        items[head] = x
        self._head = head
        self._state += 1
        m = self._maxlen
        if m is not None and len(items) - head > m:
            deque.pop(self)

    def pop(self):
        items = self._items
        head = self._head
        if len(items) == head:
            raise IndexError("pop from an empty deque")
        x = items.pop()
        self._state += 1
        if 3 * head > 2 * len(items) + 16:
            self._compact()
        return x

    def popleft(self):
        items = self._items
        head = self._head
        n = len(items)
        if head == n:
            raise IndexError("pop from an empty deque")
        x = items[head]
        items[head] = None
        head += 1
        self._head = head
        self._state += 1
        if 3 * head > 2 * n + 16:
            self._compact()
        return x

    def extend(self, iterable):
        if iterable is self or type(iterable) is deque:
            iterable = iterable._items[iterable._head:]
        m = self._maxlen
        if m == 0:
            for _ in iterable:
                pass
            return
        items = self._items
        if m is None:
            if type(iterable) in _PLAIN_ITERABLES:
                if iterable:
                    items.extend(iterable)
                    self._state += 1
                return
            for x in iterable:
                items.append(x)
                self._state += 1
            return
        for x in iterable:
            items.append(x)
            self._state += 1
            if len(items) - self._head > m:
                deque.popleft(self)

    def extendleft(self, iterable):
        if iterable is self or type(iterable) is deque:
            iterable = iterable._items[iterable._head:]
        m = self._maxlen
        if m == 0:
            for _ in iterable:
                pass
            return
        if m is None and type(iterable) in _PLAIN_ITERABLES:
            iterable = list(iterable)
            k = len(iterable)
            if k:
                head = self._head
                if head < k:
                    head = self._reserve(k)
                iterable.reverse()
                self._items[head - k:head] = iterable
                self._head = head - k
                self._state += 1
            return
        for x in iterable:
            deque.appendleft(self, x)

    def rotate(self, n=1):
        n = _as_index(n)
        if n > _MAXSIZE or n < -_MAXSIZE - 1:
            raise OverflowError("Python int too large to convert to C ssize_t")
        items = self._items
        head = self._head
        size = len(items) - head
        if size <= 1:
            return
        half = size >> 1
        if n > half or n < -half:
            n %= size
            if n > half:
                n -= size
        self._state += 1
        if n > 0:
            moved = items[-n:]
            del items[-n:]
            if head < n:
                head = self._reserve(n)
            items[head - n:head] = moved
            self._head = head - n
        elif n < 0:
            stop = head - n
            moved = items[head:stop]
            items[head:stop] = [None] * -n
            self._head = stop
            items.extend(moved)
            if 3 * stop > 2 * len(items) + 16:
                self._compact()

    def clear(self):
        items = self._items
        if items:
            if len(items) != self._head:
                self._state += 1
            items.clear()
            self._head = 0

    def copy(self):
        if type(self) is deque:
            return deque(self._items[self._head:], self._maxlen)
        if self._maxlen is None:
            return type(self)(self)
        return type(self)(self, self._maxlen)

    __copy__ = copy

    def count(self, x):
        return self._items[self._head:].count(x)

    def _find(self, x, start, stop):
        """The position of x among the items [start:stop] (clamped as CPython does), or -1."""
        if not isinstance(start, int) or not isinstance(stop, int):
            raise TypeError("slice indices must be integers or have an __index__ method")
        items = self._items
        head = self._head
        n = len(items) - head
        if start < 0:
            start = max(start + n, 0)
        if stop < 0:
            stop = max(stop + n, 0)
        stop = min(stop, n)
        start = min(start, stop)
        try:
            return items.index(x, head + start, head + stop) - head
        except ValueError:
            return -1

    def index(self, x, start=0, stop=_MAXSIZE):
        i = self._find(x, start, stop)
        if i < 0:
            raise ValueError(f"{x!r} is not in deque")
        return i

    def remove(self, x):
        i = self._find(x, 0, _MAXSIZE)
        if i < 0:
            raise ValueError(f"{x!r} is not in deque")
        self._delete(i)

    def _delete(self, i):
        if i == 0:
            deque.popleft(self)
        else:
            del self._items[self._head + i]
            self._state += 1
            self._compact()

    def reverse(self):
        items = self._items
        head = self._head
        live = items[head:]
        live.reverse()
        items[head:] = live

    def insert(self, i, x):
        i = _as_index(i)
        n = len(self._items) - self._head
        if self._maxlen == n:
            raise IndexError("deque already at its maximum size")
        if i >= n:
            deque.append(self, x)
        elif i <= -n or i == 0:
            deque.appendleft(self, x)
        else:
            if i < 0:
                i += n
            self._items.insert(self._head + i, x)
            self._state += 1

    def _position(self, i):
        """The list position of item i (negative counts from the end), or IndexError."""
        items = self._items
        head = self._head
        j = i + len(items) if i < 0 else i + head
        if head <= j < len(items):
            return j
        if i > _MAXSIZE or i < -_MAXSIZE - 1:
            raise IndexError("cannot fit 'int' into an index-sized integer")
        raise IndexError("deque index out of range")

    def __getitem__(self, i):
        if not isinstance(i, int):
            raise TypeError(f"sequence index must be integer, not '{type(i).__name__}'")
        items = self._items
        j = i + len(items) if i < 0 else i + self._head
        if self._head <= j < len(items):
            return items[j]
        return items[self._position(i)]

    def __setitem__(self, i, x):
        self._items[self._position(_as_index(i))] = x

    def __delitem__(self, i):
        self._delete(self._position(_as_index(i)) - self._head)

    def __len__(self):
        return len(self._items) - self._head

    def __bool__(self):
        return len(self._items) != self._head

    def __iter__(self):
        items = self._items
        return _deque_iterator(self, self._state, items, self._head, len(items), 1)

    def __reversed__(self):
        items = self._items
        return _deque_iterator(self, self._state, items, len(items) - 1, self._head - 1, -1)

    def __contains__(self, x):
        head = self._head
        return x in (self._items[head:] if head else self._items)

    def _live(self):
        return self._items[self._head:]

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() == other._live()

    def __ne__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() != other._live()

    def __lt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() < other._live()

    def __le__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() <= other._live()

    def __gt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() > other._live()

    def __ge__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return self._live() >= other._live()

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError(f'can only concatenate deque (not "{type(other).__name__}") to deque')
        result = deque.copy(self)
        deque.extend(result, other)
        return result

    def __iadd__(self, other):
        deque.extend(self, other)
        return self

    def __mul__(self, n):
        if not isinstance(n, int):
            raise TypeError(f"can't multiply sequence by non-int of type '{type(n).__name__}'")
        return deque.__imul__(deque.copy(self), n)

    __rmul__ = __mul__

    def __imul__(self, n):
        if not isinstance(n, int):
            raise TypeError(f"can't multiply sequence by non-int of type '{type(n).__name__}'")
        items = self._items
        size = len(items) - self._head
        if n <= 0:
            deque.clear(self)
        elif n > 1 and size:
            m = self._maxlen
            if m is not None and n * size > m:
                n = (m + size - 1) // size
            items.extend(items[self._head:] * (n - 1))
            self._state += 1
            if m is not None and len(items) - self._head > m:
                del items[self._head:len(items) - m]
                self._compact()
        return self

    __hash__ = None

    def __class_getitem__(cls, item):
        return cls

    def __repr__(self):
        key = id(self)
        if key in _repr_running:
            return "[...]"
        _repr_running.add(key)
        try:
            body = repr(self._items[self._head:])
        finally:
            _repr_running.discard(key)
        name = type(self).__name__
        if self._maxlen is None:
            return f"{name}({body})"
        return f"{name}({body}, maxlen={self._maxlen})"


# The views of collections.abc that ChainMap's keys(), items() and values() return
# (Mapping's mixin methods); KeysView and ItemsView are set-like.

_dict_views = (type({}.keys()), type({}.items()))


def _is_set(x):
    return isinstance(x, (set, frozenset, KeysView, ItemsView)) or type(x) in _dict_views


def _is_iterable(x):
    try:
        iter(x)
    except TypeError:
        return False
    return True


def _is_mapping(x):
    return isinstance(x, (dict, ChainMap))


class MappingView:
    __module__ = "collections.abc"

    def __init__(self, mapping):
        self._mapping = mapping

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return f"{self.__class__.__name__}({self._mapping!r})"


class _SetView(MappingView):
    # collections.abc.Set's mixin methods; results are sets.

    def __le__(self, other):
        if not _is_set(other):
            return NotImplemented
        if len(self) > len(other):
            return False
        for elem in self:
            if elem not in other:
                return False
        return True

    def __lt__(self, other):
        if not _is_set(other):
            return NotImplemented
        return len(self) < len(other) and self.__le__(other)

    def __ge__(self, other):
        if not _is_set(other):
            return NotImplemented
        if len(self) < len(other):
            return False
        for elem in other:
            if elem not in self:
                return False
        return True

    def __gt__(self, other):
        if not _is_set(other):
            return NotImplemented
        return len(self) > len(other) and self.__ge__(other)

    def __eq__(self, other):
        if not _is_set(other):
            return NotImplemented
        return len(self) == len(other) and self.__le__(other)

    __hash__ = None

    def __and__(self, other):
        if not _is_iterable(other):
            return NotImplemented
        return set(value for value in other if value in self)

    __rand__ = __and__

    def isdisjoint(self, other):
        for value in other:
            if value in self:
                return False
        return True

    def __or__(self, other):
        if not _is_iterable(other):
            return NotImplemented
        return set(e for s in (self, other) for e in s)

    __ror__ = __or__

    def __sub__(self, other):
        if not _is_set(other):
            if not _is_iterable(other):
                return NotImplemented
            other = set(other)
        return set(value for value in self if value not in other)

    def __rsub__(self, other):
        if not _is_set(other):
            if not _is_iterable(other):
                return NotImplemented
            other = set(other)
        return set(value for value in other if value not in self)

    def __xor__(self, other):
        if not _is_set(other):
            if not _is_iterable(other):
                return NotImplemented
            other = set(other)
        return (self - other) | (other - self)

    __rxor__ = __xor__


class KeysView(_SetView):
    __module__ = "collections.abc"

    def __contains__(self, key):
        return key in self._mapping

    def __iter__(self):
        yield from self._mapping


class ItemsView(_SetView):
    __module__ = "collections.abc"

    def __contains__(self, item):
        key, value = item
        try:
            v = self._mapping[key]
        except KeyError:
            return False
        else:
            return v is value or v == value

    def __iter__(self):
        for key in self._mapping:
            yield (key, self._mapping[key])


class ValuesView(MappingView):
    __module__ = "collections.abc"

    def __contains__(self, value):
        for key in self._mapping:
            v = self._mapping[key]
            if v is value or v == value:
                return True
        return False

    def __iter__(self):
        for key in self._mapping:
            yield self._mapping[key]


class ChainMap:
    """A ChainMap groups multiple dicts (or other mappings) together
    to create a single, updateable view.

    The underlying mappings are stored in a list.  That list is public and can
    be accessed or updated using the *maps* attribute.  There is no other
    state.

    Lookups search the underlying mappings successively until a key is found.
    In contrast, writes, updates, and deletions only operate on the first
    mapping.
    """

    # CPython's ChainMap, with the mixin methods of MutableMapping it inherits there.

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            try:
                return mapping[key]             # can't use 'key in mapping' with defaultdict
            except KeyError:
                pass
        return self.__missing__(key)            # support subclasses that define __missing__

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        d = {}
        for mapping in reversed(self.maps):
            d.update(dict.fromkeys(mapping))
        return iter(d)

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def __repr__(self):
        key = id(self)
        if key in _repr_running:
            return "..."
        _repr_running.add(key)
        try:
            return f'{self.__class__.__name__}({", ".join(map(repr, self.maps))})'
        finally:
            _repr_running.discard(key)

    @classmethod
    def fromkeys(cls, iterable, *args):
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        return self.__class__(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return self.__class__(m, *self.maps)

    @property
    def parents(self):
        return self.__class__(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}")

    def popitem(self):
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError("No keys found in the first mapping.")

    def pop(self, key, *args):
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}")

    def clear(self):
        self.maps[0].clear()

    def __ior__(self, other):
        self.maps[0].update(other)
        return self

    def __or__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        m = self.copy()
        m.maps[0].update(other)
        return m

    def __ror__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        m = dict(other)
        for child in reversed(self.maps):
            m.update(child)
        return self.__class__(m)

    # Mapping and MutableMapping mixins

    def keys(self):
        return KeysView(self)

    def items(self):
        return ItemsView(self)

    def values(self):
        return ValuesView(self)

    def __eq__(self, other):
        if not _is_mapping(other):
            return NotImplemented
        return dict(self.items()) == dict(other.items())

    __hash__ = None

    __reversed__ = None

    def setdefault(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            self[key] = default
        return default

    def update(self, other=(), /, **kwds):
        if _is_mapping(other):
            for key in other:
                self[key] = other[key]
        elif hasattr(other, "keys"):
            for key in other.keys():
                self[key] = other[key]
        else:
            for key, value in other:
                self[key] = value
        for key, value in kwds.items():
            self[key] = value
