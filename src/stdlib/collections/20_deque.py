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

    def _source(self, iterable):
        """What extend/extendleft take items from (a deque is copied first), or None
        when maxlen is 0: the iterable is then used up and nothing is kept."""
        if iterable is self or type(iterable) is deque:
            iterable = iterable._items[iterable._head:]
        if self._maxlen == 0:
            for _ in iterable:
                pass
            return None
        return iterable

    def extend(self, iterable):
        iterable = deque._source(self, iterable)
        if iterable is None:
            return
        m = self._maxlen
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
        iterable = deque._source(self, iterable)
        if iterable is None:
            return
        m = self._maxlen
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

