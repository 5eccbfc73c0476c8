"""json.decoder: JSONDecoder and JSONDecodeError; a hand-written scanner that reports errors at
the same positions and with the same messages as CPython's C scanner."""

__all__ = ['JSONDecoder', 'JSONDecodeError']

try:
    from _json import make_scanner as c_make_scanner
except ImportError:
    c_make_scanner = None

NaN = float('nan')
PosInf = float('inf')
NegInf = float('-inf')

_CONSTANTS = {'-Infinity': NegInf, 'Infinity': PosInf, 'NaN': NaN}
_WS = ' \t\n\r'
_DIGITS = '0123456789'
_HEX = '0123456789abcdefABCDEF'
_SIMPLE_ESCAPES = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}


class JSONDecodeError(ValueError):
    """Subclass of ValueError with the following additional properties:

    msg: The unformatted error message
    doc: The JSON document being parsed
    pos: The start index of doc where parsing failed
    lineno: The line corresponding to pos
    colno: The column corresponding to pos

    """

    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        errmsg = '%s: line %d column %d (char %d)' % (msg, lineno, colno, pos)
        ValueError.__init__(self, errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


class _NoValue(Exception):
    """Raised by the scanner when no JSON value starts at .pos ("Expecting value")."""

    def __init__(self, pos):
        self.pos = pos


def _skip_ws(s, i, n):
    while i < n and s[i] in _WS:
        i += 1
    return i


def scanstring(s, end, strict=True):
    """Scan the string literal whose opening quote is at end - 1; return (str, index after the
    closing quote)."""
    begin = end - 1
    n = len(s)
    chunks = []
    append = chunks.append
    while True:
        # Copy the run of ordinary characters up to the next quote or backslash.
        i = end
        while i < n:
            c = s[i]
            if c == '"' or c == '\\':
                break
            if strict and c <= '\x1f':
                raise JSONDecodeError("Invalid control character at", s, i)
            i += 1
        else:
            raise JSONDecodeError("Unterminated string starting at", s, begin)
        if i > end:
            append(s[end:i])
        if s[i] == '"':
            return ''.join(chunks), i + 1
        i += 1
        if i == n:
            raise JSONDecodeError("Unterminated string starting at", s, begin)
        esc = s[i]
        if esc != 'u':
            ch = _SIMPLE_ESCAPES.get(esc)
            if ch is None:
                raise JSONDecodeError("Invalid \\escape", s, i - 1)
            append(ch)
            end = i + 1
            continue
        i += 1
        end = i + 4
        if end >= n:
            raise JSONDecodeError("Invalid \\uXXXX escape", s, i - 1)
        hexs = s[i:end]
        if not all(h in _HEX for h in hexs):
            raise JSONDecodeError("Invalid \\uXXXX escape", s, end - 5)
        uni = int(hexs, 16)
        if 0xd800 <= uni <= 0xdbff and end + 6 < n and s[end] == '\\' and s[end + 1] == 'u':
            hexs2 = s[end + 2:end + 6]
            if not all(h in _HEX for h in hexs2):
                raise JSONDecodeError("Invalid \\uXXXX escape", s, end + 1)
            uni2 = int(hexs2, 16)
            if 0xdc00 <= uni2 <= 0xdfff:
                uni = 0x10000 + (((uni - 0xd800) << 10) | (uni2 - 0xdc00))
                end += 6
        append(chr(uni))


class _Scanner:
    """scan_once(s, idx) -> (value, end) for one JSON value starting exactly at idx."""

    def __init__(self, decoder):
        self.strict = decoder.strict
        self.object_hook = decoder.object_hook
        self.object_pairs_hook = decoder.object_pairs_hook
        self.parse_float = decoder.parse_float
        self.parse_int = decoder.parse_int
        self.parse_constant = decoder.parse_constant
        self.memo = {}

    def __call__(self, s, idx):
        try:
            return self._value(s, idx, len(s))
        except _NoValue as e:
            raise StopIteration(e.pos) from None
        finally:
            self.memo.clear()

    def _value(self, s, idx, n):
        if idx >= n:
            raise _NoValue(idx)
        c = s[idx]
        if c == '"':
            return scanstring(s, idx + 1, self.strict)
        if c == '{':
            return self._object(s, idx + 1, n)
        if c == '[':
            return self._array(s, idx + 1, n)
        if c == 'n' and s.startswith('null', idx):
            return None, idx + 4
        if c == 't' and s.startswith('true', idx):
            return True, idx + 4
        if c == 'f' and s.startswith('false', idx):
            return False, idx + 5
        if c == 'N' and s.startswith('NaN', idx):
            return self.parse_constant('NaN'), idx + 3
        if c == 'I' and s.startswith('Infinity', idx):
            return self.parse_constant('Infinity'), idx + 8
        if c == '-' and s.startswith('-Infinity', idx):
            return self.parse_constant('-Infinity'), idx + 9
        return self._number(s, idx, n)

    def _number(self, s, start, n):
        i = start
        if s[i] == '-':
            i += 1
            if i >= n:
                raise _NoValue(start)
        c = s[i]
        if '1' <= c <= '9':
            i += 1
            while i < n and s[i] in _DIGITS:
                i += 1
        elif c == '0':
            i += 1
        else:
            raise _NoValue(start)
        is_float = False
        if i < n - 1 and s[i] == '.' and s[i + 1] in _DIGITS:
            is_float = True
            i += 2
            while i < n and s[i] in _DIGITS:
                i += 1
        if i < n - 1 and s[i] in 'eE':
            e_start = i
            i += 1
            if i < n - 1 and s[i] in '-+':
                i += 1
            while i < n and s[i] in _DIGITS:
                i += 1
            if s[i - 1] in _DIGITS:
                is_float = True
            else:
                i = e_start
        text = s[start:i]
        if is_float:
            return self.parse_float(text), i
        return self.parse_int(text), i

    def _object(self, s, idx, n):
        pairs = []
        memo = self.memo
        idx = _skip_ws(s, idx, n)
        if idx >= n or s[idx] != '}':
            while True:
                if idx >= n or s[idx] != '"':
                    raise JSONDecodeError("Expecting property name enclosed in double quotes", s, idx)
                key, idx = scanstring(s, idx + 1, self.strict)
                key = memo.setdefault(key, key)
                idx = _skip_ws(s, idx, n)
                if idx >= n or s[idx] != ':':
                    raise JSONDecodeError("Expecting ':' delimiter", s, idx)
                idx = _skip_ws(s, idx + 1, n)
                value, idx = self._value(s, idx, n)
                pairs.append((key, value))
                idx = _skip_ws(s, idx, n)
                if idx < n and s[idx] == '}':
                    break
                if idx >= n or s[idx] != ',':
                    raise JSONDecodeError("Expecting ',' delimiter", s, idx)
                idx = _skip_ws(s, idx + 1, n)
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs), idx + 1
        obj = dict(pairs)
        if self.object_hook is not None:
            obj = self.object_hook(obj)
        return obj, idx + 1

    def _array(self, s, idx, n):
        values = []
        idx = _skip_ws(s, idx, n)
        if idx >= n or s[idx] != ']':
            while True:
                value, idx = self._value(s, idx, n)
                values.append(value)
                idx = _skip_ws(s, idx, n)
                if idx < n and s[idx] == ']':
                    break
                if idx >= n or s[idx] != ',':
                    raise JSONDecodeError("Expecting ',' delimiter", s, idx)
                idx = _skip_ws(s, idx + 1, n)
        return values, idx + 1


class JSONDecoder(object):
    """Simple JSON <https://json.org> decoder."""

    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
                 strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook
        self.scan_once = (c_make_scanner or _Scanner)(self)

    def decode(self, s, _w=None):
        """Return the Python representation of ``s`` (a ``str`` instance containing a JSON document)."""
        n = len(s)
        obj, end = self.raw_decode(s, idx=_skip_ws(s, 0, n))
        end = _skip_ws(s, end, n)
        if end != n:
            raise JSONDecodeError("Extra data", s, end)
        return obj

    def raw_decode(self, s, idx=0):
        """Decode a JSON document from ``s`` (a ``str`` beginning with a JSON document) and return
        a 2-tuple of the Python representation and the index in ``s`` where the document ended."""
        try:
            obj, end = self.scan_once(s, idx)
        except StopIteration as err:
            raise JSONDecodeError("Expecting value", s, err.value) from None
        return obj, end
