"""Network I/O for the selector loop: sock_* coroutines, create_connection, create_server
and the Server object; mixed into BaseEventLoop."""

import socket

from . import exceptions
from . import tasks
from . import transports

__all__ = ('Server',)


class Server:
    """Listening sockets accepting connections for a protocol factory."""

    def __init__(self, loop, sockets, protocol_factory, backlog):
        self._loop = loop
        self._sockets = sockets
        self._active_count = 0
        self._waiters = []
        self._protocol_factory = protocol_factory
        self._backlog = backlog
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
        waiters, self._waiters = self._waiters, None
        for waiter in waiters or ():
            if not waiter.done():
                waiter.set_result(None)

    def _start_serving(self):
        if self._serving:
            return
        self._serving = True
        for sock in self._sockets:
            sock.listen(self._backlog)
            self._loop._add_reader(sock.fileno(), self._accept_ready, sock)

    def _accept_ready(self, sock):
        for _ in range(self._backlog):
            try:
                conn, addr = sock.accept()
                conn.setblocking(False)
            except (BlockingIOError, InterruptedError, ConnectionAbortedError):
                return
            except OSError as exc:
                self._loop.call_exception_handler({
                    'message': 'socket.accept() out of system resource',
                    'exception': exc, 'socket': sock})
                return
            protocol = self._protocol_factory()
            transports.SocketTransport(self._loop, conn, protocol,
                                       extra={'peername': addr}, server=self)

    def get_loop(self):
        return self._loop

    def is_serving(self):
        return self._serving

    @property
    def sockets(self):
        if self._sockets is None:
            return ()
        return tuple(self._sockets)

    def close(self):
        sockets = self._sockets
        if sockets is None:
            return
        self._sockets = None
        for sock in sockets:
            self._loop.remove_reader(sock.fileno())
            sock.close()
        self._serving = False
        if self._serving_forever_fut is not None and not self._serving_forever_fut.done():
            self._serving_forever_fut.cancel()
            self._serving_forever_fut = None
        if self._active_count == 0:
            self._wakeup()

    async def start_serving(self):
        self._start_serving()
        await tasks.sleep(0)

    async def serve_forever(self):
        if self._serving_forever_fut is not None:
            raise RuntimeError(f'server {self!r} is already being awaited on serve_forever()')
        if self._sockets is None:
            raise RuntimeError(f'server {self!r} is closed')
        self._start_serving()
        self._serving_forever_fut = self._loop.create_future()
        self._serving_forever_fut._vt_what = 'Server.serve_forever()'
        try:
            await self._serving_forever_fut
        except exceptions.CancelledError:
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
        waiter._vt_what = 'Server.wait_closed()'
        self._waiters.append(waiter)
        await waiter

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        await self.wait_closed()


class NetworkMixin:
    """sock_* coroutines and connection/server factories over add_reader/add_writer."""

    def _sock_wait(self, fd, writing, what):
        fut = self.create_future()
        fut._vt_what = what
        add, remove = (self.add_writer, self.remove_writer) if writing else \
            (self.add_reader, self.remove_reader)

        def ready():
            remove(fd)   # at once: a level-triggered poll would report the fd again
            if not fut.done():
                fut.set_result(None)

        add(fd, ready)
        fut.add_done_callback(lambda f: remove(fd))   # cleanup when cancelled
        return fut

    async def sock_recv(self, sock, n):
        """Receive up to n bytes from a non-blocking socket, waiting for readability."""
        while True:
            try:
                return sock.recv(n)
            except (BlockingIOError, InterruptedError):
                pass
            await self._sock_wait(sock.fileno(), False, f'I/O: recv on fd {sock.fileno()}')

    async def sock_sendall(self, sock, data):
        """Send all data on a non-blocking socket, waiting for writability as needed."""
        view = bytes(data)
        while view:
            try:
                n = sock.send(view)
            except (BlockingIOError, InterruptedError):
                n = 0
            view = view[n:]
            if view:
                await self._sock_wait(sock.fileno(), True, f'I/O: send on fd {sock.fileno()}')

    async def sock_accept(self, sock):
        """Accept a connection on a non-blocking listening socket: (conn, address)."""
        while True:
            try:
                conn, address = sock.accept()
                conn.setblocking(False)
                return conn, address
            except (BlockingIOError, InterruptedError):
                pass
            await self._sock_wait(sock.fileno(), False, f'I/O: accept on fd {sock.fileno()}')

    async def sock_connect(self, sock, address):
        """Connect a non-blocking socket."""
        try:
            sock.connect(address)
            return
        except (BlockingIOError, InterruptedError):
            pass
        await self._sock_wait(sock.fileno(), True, f'I/O: connect on fd {sock.fileno()}')
        err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err != 0:
            raise OSError(err, f'Connect call failed {address}')

    async def getaddrinfo(self, host, port, *, family=0, type=0, proto=0, flags=0):
        return socket.getaddrinfo(host, port, family, type, proto, flags)

    async def create_connection(self, protocol_factory, host=None, port=None, *, sock=None,
                                family=0, proto=0, flags=0, local_addr=None, **kwargs):
        """Connect to host:port and return (transport, protocol)."""
        if kwargs.get('ssl'):
            raise NotImplementedError('ssl is not supported by Vitrine')
        if sock is None:
            if host is None and port is None:
                raise ValueError('host and port was not specified and no sock specified')
            infos = socket.getaddrinfo(host, port, family, socket.SOCK_STREAM, proto, flags)
            if not infos:
                raise OSError('getaddrinfo() returned empty list')
            exceptions_ = []
            for fam, type_, proto_, _, address in infos:
                sock = socket.socket(fam, type_, proto_)
                sock.setblocking(False)
                try:
                    if local_addr is not None:
                        sock.bind(local_addr)
                    await self.sock_connect(sock, address)
                    break
                except OSError as exc:
                    exceptions_.append(exc)
                    sock.close()
                    sock = None
                except BaseException:
                    sock.close()
                    raise
            if sock is None:
                if len(exceptions_) == 1:
                    raise exceptions_[0]
                model = str(exceptions_[0])
                if all(str(exc) == model for exc in exceptions_):
                    raise exceptions_[0]
                raise OSError('Multiple exceptions: {}'.format(
                    ', '.join(str(exc) for exc in exceptions_)))
        else:
            if host is not None or port is not None:
                raise ValueError('host/port and sock can not be specified at the same time')
            sock.setblocking(False)
        protocol = protocol_factory()
        waiter = self.create_future()
        waiter._vt_what = 'connection_made'
        transport = transports.SocketTransport(self, sock, protocol, waiter)
        try:
            await waiter
        except BaseException:
            transport.close()
            raise
        return transport, protocol

    async def create_server(self, protocol_factory, host=None, port=None, *,
                            family=socket.AF_UNSPEC, flags=socket.AI_PASSIVE, sock=None,
                            backlog=100, reuse_address=None, reuse_port=None,
                            start_serving=True, **kwargs):
        """Listen on host:port; each connection gets protocol_factory() and a transport."""
        if kwargs.get('ssl'):
            raise NotImplementedError('ssl is not supported by Vitrine')
        if sock is None:
            if reuse_address is None:
                reuse_address = True
            hosts = [None] if host == '' or host is None else \
                ([host] if isinstance(host, str) else list(host))
            sockets = []
            seen = set()
            try:
                for h in hosts:
                    for fam, type_, proto, _, sa in socket.getaddrinfo(
                            h, port, family, socket.SOCK_STREAM, 0, flags):
                        if (fam, sa) in seen:
                            continue
                        seen.add((fam, sa))
                        s = socket.socket(fam, type_, proto)
                        sockets.append(s)
                        if reuse_address:
                            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                        if reuse_port:
                            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
                        if fam == socket.AF_INET6:
                            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                        try:
                            s.bind(sa)
                        except OSError as err:
                            raise OSError(err.errno, 'error while attempting to bind on '
                                          'address %r: %s' % (sa, err.strerror.lower())) from None
            except BaseException:
                for s in sockets:
                    s.close()
                raise
        else:
            sockets = [sock]
        for s in sockets:
            s.setblocking(False)
        server = Server(self, sockets, protocol_factory, backlog)
        if start_serving:
            server._start_serving()
            await tasks.sleep(0)
        return server
