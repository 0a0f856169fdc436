# `sys.version_info`: CPython's is a struct sequence, a tuple subclass with named
# fields; here a tuple subclass with properties does the same.


class version_info(tuple):
    __module__ = "sys"
    n_fields = 5
    n_sequence_fields = 5
    n_unnamed_fields = 0

    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])
    micro = property(lambda self: self[2])
    releaselevel = property(lambda self: self[3])
    serial = property(lambda self: self[4])

    def __repr__(self):
        return "sys.version_info(major=%r, minor=%r, micro=%r, releaselevel=%r, serial=%r)" % tuple(self)


info = version_info((3, 11, 7, "final", 0))
