"""A socket transport for the selector loop: reads when the fd is readable, buffers writes
and flushes them when it is writable, tells the protocol about flow control."""

import collections
import socket

from . import _vtrace

__all__ = ('BaseTransport', 'Transport', 'SocketTransport')

_HIGH_WATER = 64 * 1024
_MAX_READ = 256 * 1024


class BaseTransport:
    """Interface shared by transports."""

    def __init__(self, extra=None):
        self._extra = {} if extra is None else extra

    def get_extra_info(self, name, default=None):
        return self._extra.get(name, default)


class Transport(BaseTransport):
    """Interface of a bidirectional stream transport."""


class SocketTransport(Transport):
    """Drives one connected non-blocking socket for one protocol."""

    def __init__(self, loop, sock, protocol, waiter=None, extra=None, server=None):
        super().__init__(extra)
        self._extra['socket'] = sock
        try:
            self._extra['sockname'] = sock.getsockname()
        except OSError:
            self._extra['sockname'] = None
        try:
            self._extra['peername'] = sock.getpeername()
        except OSError:
            self._extra['peername'] = None
        self._loop = loop
        self._sock = sock
        self._sock_fd = sock.fileno()
        self._protocol = protocol
        self._server = server
        self._buffer = collections.deque()
        self._buffer_size = 0
        self._closing = False
        self._eof = False
        self._paused = False
        self._protocol_paused = False
        self._conn_lost = 0
        if server is not None:
            server._attach()
        loop.call_soon(self._protocol.connection_made, self)
        loop.call_soon(self._add_reader)
        if waiter is not None:
            loop.call_soon(_set_result_unless_cancelled, waiter, None)

    def __repr__(self):
        state = ' closing' if self._closing else ''
        return f'<{type(self).__name__} fd={self._sock_fd}{state}>'

    def _add_reader(self):
        if not self._paused and not self._closing:
            self._loop._add_reader(self._sock_fd, self._read_ready)

    def is_closing(self):
        return self._closing

    def is_reading(self):
        return not self._paused and not self._closing

    def pause_reading(self):
        if self._closing or self._paused:
            return
        self._paused = True
        self._loop.remove_reader(self._sock_fd)

    def resume_reading(self):
        if self._closing or not self._paused:
            return
        self._paused = False
        self._add_reader()

    def get_protocol(self):
        return self._protocol

    def set_protocol(self, protocol):
        self._protocol = protocol

    def _read_ready(self):
        if self._conn_lost:
            return
        try:
            data = self._sock.recv(_MAX_READ)
        except (BlockingIOError, InterruptedError):
            return
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:
            self._fatal_error(exc, 'Fatal read error on socket transport')
            return
        if not data:
            self._read_eof()
            return
        if _vtrace.on():
            _vtrace.emit(f'transport fd {self._sock_fd}: read {len(data)} bytes')
        self._protocol.data_received(data)

    def _read_eof(self):
        self._loop.remove_reader(self._sock_fd)
        keep_open = self._protocol.eof_received()
        if not keep_open:
            self.close()

    def write(self, data):
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f'data argument must be a bytes-like object, '
                            f'not {type(data).__name__!r}')
        if self._eof:
            raise RuntimeError('Cannot call write() after write_eof()')
        if not data:
            return
        if self._conn_lost:
            self._conn_lost += 1
            return
        data = bytes(data)
        if not self._buffer:
            try:
                n = self._sock.send(data)
            except (BlockingIOError, InterruptedError):
                n = 0
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._fatal_error(exc, 'Fatal write error on socket transport')
                return
            data = data[n:]
            if not data:
                return
            self._loop.add_writer(self._sock_fd, self._write_ready)
        self._buffer.append(data)
        self._buffer_size += len(data)
        self._maybe_pause_protocol()

    def writelines(self, list_of_data):
        self.write(b''.join(list_of_data))

    def _write_ready(self):
        while self._buffer:
            data = self._buffer[0]
            try:
                n = self._sock.send(data)
            except (BlockingIOError, InterruptedError):
                return
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                self._loop.remove_writer(self._sock_fd)
                self._buffer.clear()
                self._buffer_size = 0
                self._fatal_error(exc, 'Fatal write error on socket transport')
                return
            self._buffer_size -= n
            if n < len(data):
                self._buffer[0] = data[n:]
                return
            self._buffer.popleft()
        self._loop.remove_writer(self._sock_fd)
        self._maybe_resume_protocol()
        if self._closing:
            self._call_connection_lost(None)
        elif self._eof:
            self._sock.shutdown(socket.SHUT_WR)

    def _maybe_pause_protocol(self):
        if self._buffer_size > _HIGH_WATER and not self._protocol_paused:
            self._protocol_paused = True
            self._protocol.pause_writing()

    def _maybe_resume_protocol(self):
        if self._protocol_paused and self._buffer_size <= _HIGH_WATER // 4:
            self._protocol_paused = False
            self._protocol.resume_writing()

    def get_write_buffer_size(self):
        return self._buffer_size

    def can_write_eof(self):
        return True

    def write_eof(self):
        if self._closing or self._eof:
            return
        self._eof = True
        if not self._buffer:
            self._sock.shutdown(socket.SHUT_WR)

    def close(self):
        if self._closing:
            return
        self._closing = True
        self._loop.remove_reader(self._sock_fd)
        if not self._buffer:
            self._conn_lost += 1
            self._loop.call_soon(self._call_connection_lost, None)

    def abort(self):
        self._force_close(None)

    def _fatal_error(self, exc, message):
        if not isinstance(exc, OSError):
            self._loop.call_exception_handler({
                'message': message, 'exception': exc, 'transport': self,
                'protocol': self._protocol})
        self._force_close(exc)

    def _force_close(self, exc):
        if self._conn_lost:
            return
        if self._buffer:
            self._buffer.clear()
            self._buffer_size = 0
            self._loop.remove_writer(self._sock_fd)
        if not self._closing:
            self._closing = True
            self._loop.remove_reader(self._sock_fd)
        self._conn_lost += 1
        self._loop.call_soon(self._call_connection_lost, exc)

    def _call_connection_lost(self, exc):
        if self._sock is None:
            return
        try:
            self._protocol.connection_lost(exc)
        finally:
            self._sock.close()
            self._sock = None
            self._protocol = None
            server = self._server
            if server is not None:
                server._detach()
                self._server = None


def _set_result_unless_cancelled(fut, result):
    if not fut.cancelled():
        fut.set_result(result)
