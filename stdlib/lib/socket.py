"""socket: the Python half over _socket (stdlib/socketmodule.c): socket objects that close
in `with`, accept() returning socket objects, create_connection/create_server helpers."""

import _socket
from _socket import *
import os

__all__ = ['socket', 'socketpair', 'create_connection', 'create_server', 'getaddrinfo',
           'gethostname', 'error', 'timeout', 'gaierror']

_GLOBAL_DEFAULT_TIMEOUT = object()


class socket(_socket.socket):
    """A BSD socket; use it in a `with` block to close it at the end."""

    __slots__ = ['__weakref__', '_io_refs', '_closed']

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None:
            if family == -1:
                family = AF_INET
            if type == -1:
                type = SOCK_STREAM
            if proto == -1:
                proto = 0
        else:
            family = None if family == -1 else family
            type = None if type == -1 else type
            proto = 0 if proto == -1 else proto
        _socket.socket.__init__(self, family, type, proto, fileno)
        self._closed = False

    def __enter__(self):
        return self

    def __exit__(self, *args):
        if not self._closed:
            self.close()

    def __repr__(self):
        closed = getattr(self, '_closed', False)
        s = "<%s.%s%s fd=%i, family=%s, type=%s, proto=%i" % (
            self.__class__.__module__, self.__class__.__qualname__,
            " [closed]" if closed else "", self.fileno(), self.family, self.type, self.proto)
        if not closed:
            try:
                laddr = self.getsockname()
                if laddr:
                    s += ", laddr=%s" % str(laddr)
            except OSError:
                pass
            try:
                raddr = self.getpeername()
                if raddr:
                    s += ", raddr=%s" % str(raddr)
            except OSError:
                pass
        return s + '>'

    def accept(self):
        """Wait for a connection: (new socket, address of the peer)."""
        fd, addr = self._accept()
        sock = socket(self.family, self.type, self.proto, fileno=fd)
        if getdefaulttimeout() is None and self.gettimeout():
            sock.setblocking(True)
        return sock, addr

    def close(self):
        self._closed = True
        _socket.socket.close(self)

    def detach(self):
        self._closed = True
        return _socket.socket.detach(self)

    def dup(self):
        fd = os.dup(self.fileno()) if hasattr(os, 'dup') else None
        if fd is None:
            raise NotImplementedError('socket.dup() needs os.dup')
        return socket(self.family, self.type, self.proto, fileno=fd)


_socketpair = _socket.socketpair


def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):
    """A pair of connected socket objects."""
    a, b = _socketpair(family, type, proto)
    sa = socket(family, type, proto, fileno=a.detach())
    sb = socket(family, type, proto, fileno=b.detach())
    return sa, sb


def create_connection(address, timeout=_GLOBAL_DEFAULT_TIMEOUT, source_address=None, *,
                      all_errors=False):
    """Connect to (host, port), trying each address getaddrinfo gives; return the socket."""
    host, port = address
    exceptions = []
    for res in getaddrinfo(host, port, 0, SOCK_STREAM):
        af, socktype, proto, canonname, sa = res
        sock = None
        try:
            sock = socket(af, socktype, proto)
            if timeout is not _GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sa)
            exceptions.clear()
            return sock
        except OSError as exc:
            exceptions.append(exc)
            if sock is not None:
                sock.close()
    if len(exceptions):
        try:
            if not all_errors:
                raise exceptions[0]
            raise ExceptionGroup("create_connection failed", exceptions)
        finally:
            exceptions.clear()
    raise error("getaddrinfo returns an empty list")


def create_server(address, *, family=AF_INET, backlog=None, reuse_port=False, dualstack_ipv6=False):
    """A listening TCP socket bound to address."""
    sock = socket(family, SOCK_STREAM)
    try:
        sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1)
        sock.bind(address)
        if backlog is None:
            sock.listen()
        else:
            sock.listen(backlog)
        return sock
    except BaseException:
        sock.close()
        raise
