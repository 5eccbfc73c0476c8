"""io: in-memory streams (StringIO, BytesIO) and the I/O class hierarchy; open() and the file
types are the built-in ones from runtime/fileio.c."""

import builtins as _builtins
import abc as _abc

open = _builtins.open

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192


class UnsupportedOperation(OSError, ValueError):
    pass


BlockingIOError = _builtins.BlockingIOError

_f = open(__file__, 'rb')
BufferedReader = type(_f)
_f.close()
TextIOWrapper = type(_builtins.__import__('sys').stdout)
del _f


def _check_whence_text(pos, whence):
    if whence == 1 and pos != 0:
        raise OSError("Can't do nonzero cur-relative seeks")
    if whence == 2 and pos != 0:
        raise OSError("Can't do nonzero end-relative seeks")


class _IOBase:
    __module__ = '_io'

    def __enter__(self):
        self._checkClosed()
        return self

    def __exit__(self, *args):
        self.close()

    def __iter__(self):
        self._checkClosed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readable(self):
        return False

    def writable(self):
        return False

    def seekable(self):
        return False

    def isatty(self):
        self._checkClosed()
        return False

    def flush(self):
        self._checkClosed()

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def writelines(self, lines):
        self._checkClosed()
        for line in lines:
            self.write(line)

    def readlines(self, hint=-1):
        if hint is None or hint <= 0:
            return list(self)
        n = 0
        lines = []
        for line in self:
            lines.append(line)
            n += len(line)
            if n >= hint:
                break
        return lines


class _TextIOBase(_IOBase):
    __module__ = '_io'

    def detach(self):
        raise UnsupportedOperation("detach")


class _BufferedIOBase(_IOBase):
    __module__ = '_io'

    def detach(self):
        raise UnsupportedOperation("detach")


class StringIO(_TextIOBase):
    """Text I/O implementation using an in-memory buffer."""
    __module__ = '_io'

    def __init__(self, initial_value='', newline='\n'):
        if newline is not None and not isinstance(newline, str):
            raise TypeError(f"newline must be str or None, not {type(newline).__name__}")
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError(f"illegal newline value: {newline!r}")
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError(f"initial_value must be str or None, not {type(initial_value).__name__}")
        self._newline = newline
        self._buf = ''
        self._parts = None      # pending appends at the end (joined lazily)
        self._pos = 0
        self._closed = False
        self._seennl = 0
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    def _checkClosed(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")

    def _value(self):
        if self._parts:
            self._buf = self._buf + ''.join(self._parts)
            self._parts = None
        return self._buf

    @property
    def closed(self):
        return self._closed

    @property
    def line_buffering(self):
        self._checkClosed()
        return False

    @property
    def newlines(self):
        self._checkClosed()
        seen = self._seennl
        if self._newline is not None or not seen:
            return None
        kinds = tuple(k for bit, k in ((1, '\r'), (2, '\n'), (4, '\r\n')) if seen & bit)
        return kinds[0] if len(kinds) == 1 else kinds

    encoding = None
    errors = None

    def readable(self):
        self._checkClosed()
        return True

    def writable(self):
        self._checkClosed()
        return True

    def seekable(self):
        self._checkClosed()
        return True

    def close(self):
        self._closed = True
        self._buf = ''
        self._parts = None

    def getvalue(self):
        self._checkClosed()
        return self._value()

    def write(self, s):
        self._checkClosed()
        if not isinstance(s, str):
            raise TypeError(f"string argument expected, got '{type(s).__name__}'")
        n = len(s)
        nl = self._newline
        if nl is None:
            if '\r' in s:
                crlf = s.count('\r\n')
                if crlf:
                    self._seennl |= 4
                if s.count('\r') > crlf:
                    self._seennl |= 1
                if s.count('\n') > crlf:
                    self._seennl |= 2
                s = s.replace('\r\n', '\n').replace('\r', '\n')
            elif '\n' in s:
                self._seennl |= 2
        elif nl in ('\r', '\r\n') and '\n' in s:
            s = s.replace('\n', nl)
        if not s:
            return n
        pos = self._pos
        end = len(self._buf) + (sum(map(len, self._parts)) if self._parts else 0)
        if pos == end:
            if self._parts is None:
                self._parts = [s]
            else:
                self._parts.append(s)
        else:
            buf = self._value()
            if pos > end:
                buf += '\0' * (pos - end)
            self._buf = buf[:pos] + s + buf[pos + len(s):]
        self._pos = pos + len(s)
        return n

    def read(self, size=-1):
        self._checkClosed()
        buf = self._value()
        pos = self._pos
        if size is None or size < 0:
            r = buf[pos:]
        else:
            r = buf[pos:pos + size]
        self._pos = pos + len(r)
        return r

    def readline(self, size=-1):
        self._checkClosed()
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError(f"'{type(size).__name__}' object cannot be interpreted as an integer")
        buf = self._value()
        pos = self._pos
        nl = self._newline
        if nl == '':
            i = pos
            n = len(buf)
            end = n
            while i < n:
                c = buf[i]
                if c == '\n':
                    end = i + 1
                    break
                if c == '\r':
                    end = i + 2 if i + 1 < n and buf[i + 1] == '\n' else i + 1
                    break
                i += 1
        else:
            sep = '\n' if nl is None else nl
            i = buf.find(sep, pos)
            end = len(buf) if i < 0 else i + len(sep)
        if size >= 0 and end - pos > size:
            end = pos + size
        self._pos = end
        return buf[pos:end]

    def __next__(self):
        self._checkClosed()
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def tell(self):
        self._checkClosed()
        return self._pos

    def seek(self, pos, whence=0):
        self._checkClosed()
        if whence not in (0, 1, 2):
            raise ValueError(f"Invalid whence ({whence}, should be 0, 1 or 2)")
        if whence == 0 and pos < 0:
            raise ValueError(f"Negative seek position {pos}")
        _check_whence_text(pos, whence)
        if whence == 1:
            return self._pos
        if whence == 2:
            self._pos = len(self._value())
        else:
            self._pos = pos
        return self._pos

    def truncate(self, size=None):
        self._checkClosed()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError(f"Negative size value {size}")
        buf = self._value()
        if size < len(buf):
            self._buf = buf[:size]
        return size

    def __getstate__(self):
        return (self.getvalue(), self._newline, self._pos, None)


class BytesIO(_BufferedIOBase):
    """Buffered I/O implementation using an in-memory bytes buffer."""
    __module__ = '_io'

    def __init__(self, initial_bytes=None):
        self._buf = bytearray(initial_bytes) if initial_bytes is not None else bytearray()
        self._pos = 0
        self._closed = False

    def _checkClosed(self):
        if self._closed:
            raise ValueError("I/O operation on closed file.")

    @property
    def closed(self):
        return self._closed

    def readable(self):
        self._checkClosed()
        return True

    def writable(self):
        self._checkClosed()
        return True

    def seekable(self):
        self._checkClosed()
        return True

    def close(self):
        self._closed = True

    def getvalue(self):
        self._checkClosed()
        return bytes(self._buf)

    def getbuffer(self):
        self._checkClosed()
        return memoryview(self._buf)

    def write(self, b):
        self._checkClosed()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        b = memoryview(b).tobytes()
        n = len(b)
        if not n:
            return 0
        buf = self._buf
        pos = self._pos
        end = len(buf)
        if pos == end:
            buf += b
        else:
            if pos > end:
                buf += bytes(pos - end)
            buf[pos:pos + n] = b
        self._pos = pos + n
        return n

    def read(self, size=-1):
        self._checkClosed()
        pos = self._pos
        if size is None or size < 0:
            r = bytes(self._buf[pos:])
        else:
            r = bytes(self._buf[pos:pos + size])
        self._pos = pos + len(r)
        return r

    read1 = read

    def readinto(self, b):
        self._checkClosed()
        data = self.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def readline(self, size=-1):
        self._checkClosed()
        if size is None:
            size = -1
        buf = self._buf
        pos = self._pos
        i = buf.find(b'\n', pos)
        end = len(buf) if i < 0 else i + 1
        if size >= 0 and end - pos > size:
            end = pos + size
        self._pos = max(pos, end)
        return bytes(buf[pos:end])

    def __next__(self):
        self._checkClosed()
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def tell(self):
        self._checkClosed()
        return self._pos

    def seek(self, pos, whence=0):
        self._checkClosed()
        if whence == 0:
            if pos < 0:
                raise ValueError(f"negative seek value {pos}")
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        return self._pos

    def truncate(self, size=None):
        self._checkClosed()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError(f"negative size value {size}")
        if size < len(self._buf):
            del self._buf[size:]
        return size


class IOBase(_IOBase, metaclass=_abc.ABCMeta):
    __module__ = 'io'


class RawIOBase(IOBase):
    __module__ = 'io'


class BufferedIOBase(IOBase):
    __module__ = 'io'


class TextIOBase(IOBase):
    __module__ = 'io'


for _cls in (StringIO, TextIOWrapper):
    TextIOBase.register(_cls)
for _cls in (BytesIO, BufferedReader):
    BufferedIOBase.register(_cls)
del _cls
