"""The part of `socket` that asyncio programs meet: its exceptions and constants.

pyish has no socket objects of its own (asyncio's transports use native sockets),
so this module holds what scripts catch or compare: `gaierror` (a name that does
not resolve), `herror`, `timeout`, and the address-family and socket-type numbers.
"""

__all__ = ('gaierror', 'herror', 'timeout', 'error', 'AF_INET', 'AF_INET6',
           'AF_UNSPEC', 'SOCK_STREAM', 'SOCK_DGRAM', 'IPPROTO_TCP')

AF_UNSPEC = 0
AF_INET = 2
AF_INET6 = 10
SOCK_STREAM = 1
SOCK_DGRAM = 2
IPPROTO_TCP = 6

error = OSError
timeout = TimeoutError


class gaierror(OSError):
    """Address resolution failed (`getaddrinfo`)."""
    __module__ = 'socket'


class herror(OSError):
    """Host lookup failed."""
    __module__ = 'socket'
