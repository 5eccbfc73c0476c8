"""io: in-memory streams (StringIO, BytesIO), TextIOWrapper over any binary buffer, and the I/O
class hierarchy; open() and the file types are the built-in ones from runtime/fileio.c."""

import abc as _abc
import _io
from _io import BufferedReader, BufferedWriter, BufferedRandom
from builtins import open

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192


class UnsupportedOperation(OSError, ValueError):
    pass


BlockingIOError = BlockingIOError


def open_code(path):
    """Opens the provided file with the intent to import the contents (mode 'rb')."""
    if not isinstance(path, str):
        raise TypeError(f"open_code() argument 'path' must be str, not {type(path).__name__}")
    return open(path, "rb")


def text_encoding(encoding, stacklevel=2):
    """The encoding open() would use: encoding itself, or "locale" when it is None."""
    if encoding is None:
        return "locale"
    return encoding


# The built-in text file type (sys.stdout, open()); TextIOWrapper below wraps arbitrary buffers.
_FileTextIOWrapper = _io.TextIOWrapper


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
        self._len = 0           # len(self._buf) + the lengths of the pending parts
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
        self._len = 0

    def getvalue(self):
        self._checkClosed()
        return self._value()

    def write(self, s):
        if self._closed:
            raise ValueError("I/O operation on closed file")
        if type(s) is not str and not isinstance(s, str):
            raise TypeError(f"string argument expected, got '{type(s).__name__}'")
        n = len(s)
        nl = self._newline
        if nl != '\n':
            s = self._translate_write(s, nl)
            if not s:
                return n
        elif not n:
            return 0
        pos = self._pos
        end = self._len
        size = len(s)
        if pos == end:
            # Appending (the common case): collect the pieces, join them lazily.
            parts = self._parts
            if parts is None:
                self._parts = [s]
            else:
                parts.append(s)
            self._len = self._pos = end + size
            return n
        buf = self._value()
        if pos > end:
            buf += '\0' * (pos - end)
        self._buf = buf = buf[:pos] + s + buf[pos + size:]
        self._len = len(buf)
        self._pos = pos + size
        return n

    def _translate_write(self, s, nl):
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
        elif nl != '' and '\n' in s:
            s = s.replace('\n', nl)
        return s

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
        if self._closed:
            raise ValueError("I/O operation on closed file")
        buf = self._buf if self._parts is None else self._value()
        pos = self._pos
        if pos >= len(buf):
            return ''
        if size == -1 and self._newline == '\n':
            i = buf.find('\n', pos)
            end = len(buf) if i < 0 else i + 1
            self._pos = end
            return buf[pos:end]
        if size is None:
            size = -1
        elif not isinstance(size, int):
            raise TypeError(f"'{type(size).__name__}' object cannot be interpreted as an integer")
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
        if self._closed:
            raise ValueError("I/O operation on closed file")
        if type(self).readline is StringIO.readline and self._newline == '\n':
            buf = self._buf if self._parts is None else self._value()
            pos = self._pos
            if pos >= len(buf):
                raise StopIteration
            i = buf.find('\n', pos)
            end = len(buf) if i < 0 else i + 1
            self._pos = end
            return buf[pos:end]
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
            self._pos = self._len
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
            self._len = size
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
        if self._closed:
            raise ValueError("I/O operation on closed file")
        if type(self).readline is StringIO.readline and self._newline == '\n':
            buf = self._buf if self._parts is None else self._value()
            pos = self._pos
            if pos >= len(buf):
                raise StopIteration
            i = buf.find('\n', pos)
            end = len(buf) if i < 0 else i + 1
            self._pos = end
            return buf[pos:end]
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


class _TextIOWrapperMeta(type):
    """Makes the built-in text files (sys.stdout, open(...)) count as TextIOWrapper instances."""

    def __instancecheck__(cls, inst):
        return type.__instancecheck__(cls, inst) or (cls.__name__ == 'TextIOWrapper' and
                                                     isinstance(inst, _FileTextIOWrapper))

    def __subclasscheck__(cls, sub):
        return type.__subclasscheck__(cls, sub) or (cls.__name__ == 'TextIOWrapper' and
                                                    issubclass(sub, _FileTextIOWrapper))


def _incomplete_tail(data, encoding):
    """Number of trailing bytes of data that may start a multi-byte character not yet complete."""
    enc = encoding.lower().replace('_', '-')
    if enc in ('utf-8', 'utf8', 'utf-8-sig'):
        n = len(data)
        for back in range(1, min(3, n) + 1):
            b = data[n - back]
            if b & 0xC0 == 0x80:
                continue
            need = 2 if b & 0xE0 == 0xC0 else 3 if b & 0xF0 == 0xE0 else 4 if b & 0xF8 == 0xF0 else 1
            return back if need > back else 0
        return 0
    if enc.startswith('utf-16'):
        return len(data) % 2
    if enc.startswith('utf-32'):
        return len(data) % 4
    return 0


class TextIOWrapper(_TextIOBase, metaclass=_TextIOWrapperMeta):
    """Character and line based layer over a BufferedIOBase object, buffer."""
    __module__ = '_io'

    _CHUNK = 8192

    def __init__(self, buffer, encoding=None, errors=None, newline=None, line_buffering=False,
                 write_through=False):
        if newline is not None and not isinstance(newline, str):
            raise TypeError(f"TextIOWrapper() argument 'newline' must be str or None, not {type(newline).__name__}")
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError(f"illegal newline value: {newline}")
        if encoding is None or encoding == 'locale':
            encoding = 'utf-8'
        if errors is None:
            errors = 'strict'
        ''.encode(encoding)   # LookupError for unknown encodings, as CPython
        self._buffer = buffer
        self._encoding = encoding
        self._errors = errors
        self._newline = newline
        self._line_buffering = line_buffering
        self._write_through = write_through
        self._text = ''          # decoded, not yet consumed text
        self._pending = b''      # undecoded tail bytes (an incomplete character)
        self._crhold = False     # a decoded '\r' held back until we know whether '\n' follows
        self._eof = False
        self._detached = False
        self._seennl = 0

    def _checkClosed(self):
        if self._detached:
            raise ValueError("underlying buffer has been detached")
        if self._buffer.closed:
            raise ValueError("I/O operation on closed file.")

    @property
    def buffer(self):
        if self._detached:
            raise ValueError("underlying buffer has been detached")
        return self._buffer

    @property
    def closed(self):
        return self.buffer.closed

    @property
    def name(self):
        return self.buffer.name

    @property
    def encoding(self):
        return self._encoding

    @property
    def errors(self):
        return self._errors

    @property
    def line_buffering(self):
        return self._line_buffering

    @property
    def write_through(self):
        return self._write_through

    @property
    def newlines(self):
        kinds = tuple(k for bit, k in ((1, '\r'), (2, '\n'), (4, '\r\n')) if self._seennl & bit)
        if not kinds:
            return None
        return kinds[0] if len(kinds) == 1 else kinds

    def __repr__(self):
        parts = ['<_io.TextIOWrapper']
        for attr in ('name', 'mode'):
            try:
                value = getattr(self, attr) if attr == 'name' else self.buffer.mode
            except (AttributeError, ValueError):
                continue
            parts.append(f' {attr}={value!r}')
        return ''.join(parts) + f' encoding={self._encoding!r}>'

    def readable(self):
        return self.buffer.readable()

    def writable(self):
        return self.buffer.writable()

    def seekable(self):
        return self.buffer.seekable()

    def isatty(self):
        return self.buffer.isatty()

    def fileno(self):
        return self.buffer.fileno()

    def flush(self):
        self._checkClosed()
        self.buffer.flush()

    def close(self):
        if not self._detached and not self._buffer.closed:
            try:
                self.flush()
            finally:
                self._buffer.close()

    def detach(self):
        self.flush()
        buffer = self._buffer
        self._detached = True
        return buffer

    def write(self, s):
        self._checkClosed()
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        n = len(s)
        nl = self._newline
        if nl is not None and nl not in ('', '\n') and '\n' in s:
            s = s.replace('\n', nl)
        if self._text or self._pending:
            # Writing after reading: drop the read-ahead so the write lands at the logical position.
            self._rewind_readahead()
        self.buffer.write(s.encode(self._encoding, self._errors))
        if self._line_buffering and ('\n' in s or '\r' in s) or self._write_through:
            self.buffer.flush()
        return n

    def _rewind_readahead(self):
        unread = self._unread_bytes()
        self._text = ''
        self._pending = b''
        self._crhold = False
        self._eof = False
        if unread:
            self.buffer.seek(-unread, 1)

    def _translate(self, text, final):
        """Universal-newline translation of newly decoded text (newline=None)."""
        if self._crhold:
            text = '\r' + text
            self._crhold = False
        if not final and text.endswith('\r'):
            # A '\r\n' pair may straddle two chunks: hold the '\r' back.
            self._crhold = True
            text = text[:-1]
        if '\r' in text:
            crlf = text.count('\r\n')
            if crlf:
                self._seennl |= 4
            if text.count('\r') > crlf:
                self._seennl |= 1
            if text.count('\n') > crlf:
                self._seennl |= 2
            text = text.replace('\r\n', '\n').replace('\r', '\n')
        elif '\n' in text:
            self._seennl |= 2
        return text

    def _read_chunk(self, size=None):
        """Decode more data into self._text; False at end of file."""
        if self._eof:
            return False
        buffer = self.buffer
        data = buffer.read() if size is None else buffer.read(size)
        final = not data
        if final:
            self._eof = True
        data = self._pending + (data or b'')
        self._pending = b''
        keep = 0 if final else _incomplete_tail(data, self._encoding)
        if keep:
            self._pending = data[-keep:]
            data = data[:-keep]
        text = data.decode(self._encoding, self._errors)
        if self._newline is None:
            text = self._translate(text, final)
        self._text += text
        return not final or bool(text)

    def read(self, size=-1):
        self._checkClosed()
        if not self.readable():
            raise UnsupportedOperation("not readable")
        if size is None or size < 0:
            while self._read_chunk():
                pass
            text, self._text = self._text, ''
            return text
        while len(self._text) < size and self._read_chunk(self._CHUNK):
            pass
        text, self._text = self._text[:size], self._text[size:]
        return text

    def _line_end(self, text):
        """Index just past the first line terminator in text, or -1."""
        nl = self._newline
        if nl is None or nl == '\n':
            i = text.find('\n')
            return -1 if i < 0 else i + 1
        if nl == '':
            for i, c in enumerate(text):
                if c == '\n':
                    return i + 1
                if c == '\r':
                    if i + 1 < len(text):
                        return i + 2 if text[i + 1] == '\n' else i + 1
                    return -1 if not self._eof else i + 1
            return -1
        i = text.find(nl)
        return -1 if i < 0 else i + len(nl)

    def readline(self, size=-1):
        self._checkClosed()
        if size is None:
            size = -1
        while True:
            end = self._line_end(self._text)
            if end >= 0 or (0 <= size <= len(self._text)):
                break
            if not self._read_chunk(self._CHUNK):
                end = len(self._text)
                break
        if end < 0:
            end = len(self._text)
        if 0 <= size < end:
            end = size
        line, self._text = self._text[:end], self._text[end:]
        return line

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def tell(self):
        self._checkClosed()
        return self.buffer.tell() - self._unread_bytes()

    def _unread_bytes(self):
        held = '\r' if self._crhold else ''
        return len((self._text + held).encode(self._encoding, self._errors)) + len(self._pending)

    def seek(self, cookie, whence=0):
        self._checkClosed()
        if whence not in (0, 1, 2):
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        _check_whence_text(cookie, whence)
        if whence == 1:
            return self.tell()
        self._text = ''
        self._pending = b''
        self._crhold = False
        self._eof = False
        if whence == 2:
            return self.buffer.seek(0, 2)
        if cookie < 0:
            raise ValueError(f"negative seek position {cookie}")
        return self.buffer.seek(cookie)

    def truncate(self, pos=None):
        self.flush()
        if pos is None:
            pos = self.tell()
        return self.buffer.truncate(pos)


class IOBase(_IOBase, metaclass=_abc.ABCMeta):
    __module__ = 'io'


class RawIOBase(IOBase):
    __module__ = 'io'


class BufferedIOBase(IOBase):
    __module__ = 'io'


class TextIOBase(IOBase):
    __module__ = 'io'


for _cls in (StringIO, TextIOWrapper, _FileTextIOWrapper):
    TextIOBase.register(_cls)
for _cls in (BytesIO, BufferedReader, BufferedWriter, BufferedRandom):
    BufferedIOBase.register(_cls)
del _cls
