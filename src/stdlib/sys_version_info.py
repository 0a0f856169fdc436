# `sys.version_info`: CPython's is a struct sequence (a tuple subclass with named
# fields). pyish cannot subclass tuple, so this class wraps the tuple and forwards
# the tuple protocol to it: fields by name, indexing and slicing, len, iteration,
# hashing, concatenation and comparisons with tuples or another version_info.


def _tuple_of(other):
    if isinstance(other, version_info):
        return other._t
    if isinstance(other, tuple):
        return other
    return None


class version_info:
    __module__ = "sys"
    n_fields = 5
    n_sequence_fields = 5
    n_unnamed_fields = 0

    def __init__(self, values):
        self._t = values

    major = property(lambda self: self._t[0])
    minor = property(lambda self: self._t[1])
    micro = property(lambda self: self._t[2])
    releaselevel = property(lambda self: self._t[3])
    serial = property(lambda self: self._t[4])

    def __repr__(self):
        return "sys.version_info(major=%r, minor=%r, micro=%r, releaselevel=%r, serial=%r)" % self._t

    def __len__(self):
        return len(self._t)

    def __getitem__(self, index):
        return self._t[index]

    def __iter__(self):
        return iter(self._t)

    def __contains__(self, item):
        return item in self._t

    def __hash__(self):
        return hash(self._t)

    def count(self, value):
        return self._t.count(value)

    def index(self, value, *args):
        return self._t.index(value, *args)

    def __add__(self, other):
        t = _tuple_of(other)
        return NotImplemented if t is None else self._t + t

    def __radd__(self, other):
        t = _tuple_of(other)
        return NotImplemented if t is None else t + self._t

    def __mul__(self, n):
        return self._t * n

    __rmul__ = __mul__

    def __eq__(self, other):
        t = _tuple_of(other)
        return NotImplemented if t is None else self._t == t

    def __ne__(self, other):
        t = _tuple_of(other)
        return NotImplemented if t is None else self._t != t

    def __lt__(self, other):
        t = _tuple_of(other)
        return NotImplemented if t is None else self._t < t

    def __le__(self, other):
        t = _tuple_of(other)
        return NotImplemented if t is None else self._t <= t

    def __gt__(self, other):
        t = _tuple_of(other)
        return NotImplemented if t is None else self._t > t

    def __ge__(self, other):
        t = _tuple_of(other)
        return NotImplemented if t is None else self._t >= t


info = version_info((3, 11, 7, "final", 0))
