"""json.encoder: JSONEncoder, producing the same text as CPython (float reprs, escapes,
separators, indentation, key conversion and error messages)."""

__all__ = ['JSONEncoder']

INFINITY = float('inf')

_ESCAPES = {'\\': '\\\\', '"': '\\"', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t'}
for _i in range(0x20):
    _ESCAPES.setdefault(chr(_i), '\\u{0:04x}'.format(_i))
del _i
# str.translate tables: control characters, quote and backslash (plus DEL for the ASCII form).
_TABLE = {ord(k): v for k, v in _ESCAPES.items()}
_TABLE_ASCII = dict(_TABLE)
_TABLE_ASCII[0x7f] = '\\u007f'


def encode_basestring(s):
    """Return a JSON representation of a Python string."""
    return '"' + s.translate(_TABLE) + '"'


def _escape_non_ascii(c):
    n = ord(c)
    if n < 0x10000:
        return '\\u{0:04x}'.format(n)
    n -= 0x10000
    return '\\u{0:04x}\\u{1:04x}'.format(0xd800 | ((n >> 10) & 0x3ff), 0xdc00 | (n & 0x3ff))


def encode_basestring_ascii(s):
    """Return an ASCII-only JSON representation of a Python string."""
    s = s.translate(_TABLE_ASCII)
    if not s.isascii():
        s = ''.join(c if c < '\x80' else _escape_non_ascii(c) for c in s)
    return '"' + s + '"'


py_encode_basestring = encode_basestring
py_encode_basestring_ascii = encode_basestring_ascii
try:
    from _json import encode_basestring, encode_basestring_ascii
    from _json import make_encoder as c_make_encoder
except ImportError:
    c_make_encoder = None


class JSONEncoder(object):
    """Extensible JSON <https://json.org> encoder for Python data structures."""
    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
                 sort_keys=False, indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        """Return a serializable object for ``o`` or raise TypeError (override in subclasses)."""
        raise TypeError(f'Object of type {o.__class__.__name__} is not JSON serializable')

    def encode(self, o):
        """Return a JSON string representation of a Python data structure."""
        if isinstance(o, str):
            if self.ensure_ascii:
                return encode_basestring_ascii(o)
            return encode_basestring(o)
        chunks = self.iterencode(o, _one_shot=True)
        if not isinstance(chunks, (list, tuple)):
            chunks = list(chunks)
        return ''.join(chunks)

    def iterencode(self, o, _one_shot=False):
        """Encode the given object and yield each string representation as available."""
        markers = {} if self.check_circular else None
        _encoder = encode_basestring_ascii if self.ensure_ascii else encode_basestring
        allow_nan = self.allow_nan

        def floatstr(o):
            if o != o:
                text = 'NaN'
            elif o == INFINITY:
                text = 'Infinity'
            elif o == -INFINITY:
                text = '-Infinity'
            else:
                return float.__repr__(o)
            if not allow_nan:
                raise ValueError("Out of range float values are not JSON compliant")
            return text

        if _one_shot and c_make_encoder is not None and self.indent is None:
            return c_make_encoder(markers, self.default, _encoder, self.indent, self.key_separator,
                                  self.item_separator, self.sort_keys, self.skipkeys,
                                  self.allow_nan)(o, 0)
        return _make_iterencode(markers, self.default, _encoder, self.indent, floatstr,
                                self.key_separator, self.item_separator, self.sort_keys,
                                self.skipkeys)(o, 0)


def _make_iterencode(markers, _default, _encoder, _indent, _floatstr, _key_separator,
                     _item_separator, _sort_keys, _skipkeys):
    if _indent is not None and not isinstance(_indent, str):
        _indent = ' ' * _indent

    def enter(o):
        if markers is not None:
            markerid = id(o)
            if markerid in markers:
                raise ValueError("Circular reference detected")
            markers[markerid] = o
            return markerid
        return None

    def leave(markerid):
        if markerid is not None:
            del markers[markerid]

    def scalar(o):
        """Text of a scalar value, or None if o is not a scalar."""
        if isinstance(o, str):
            return _encoder(o)
        if o is None:
            return 'null'
        if o is True:
            return 'true'
        if o is False:
            return 'false'
        if isinstance(o, int):
            return int.__repr__(o)
        if isinstance(o, float):
            return _floatstr(o)
        return None

    def iterencode_list(lst, level):
        if not lst:
            yield '[]'
            return
        markerid = enter(lst)
        buf = '['
        if _indent is not None:
            level += 1
            newline_indent = '\n' + _indent * level
            separator = _item_separator + newline_indent
            buf += newline_indent
        else:
            newline_indent = None
            separator = _item_separator
        first = True
        for value in lst:
            if first:
                first = False
            else:
                buf = separator
            text = scalar(value)
            if text is not None:
                yield buf + text
                continue
            yield buf
            yield from iterencode(value, level)
        if newline_indent is not None:
            level -= 1
            yield '\n' + _indent * level
        yield ']'
        leave(markerid)

    def iterencode_dict(dct, level):
        if not dct:
            yield '{}'
            return
        markerid = enter(dct)
        yield '{'
        if _indent is not None:
            level += 1
            newline_indent = '\n' + _indent * level
            item_separator = _item_separator + newline_indent
            yield newline_indent
        else:
            newline_indent = None
            item_separator = _item_separator
        first = True
        items = sorted(dct.items()) if _sort_keys else dct.items()
        for key, value in items:
            if isinstance(key, str):
                pass
            elif isinstance(key, float):
                key = _floatstr(key)
            elif key is True:
                key = 'true'
            elif key is False:
                key = 'false'
            elif key is None:
                key = 'null'
            elif isinstance(key, int):
                key = int.__repr__(key)
            elif _skipkeys:
                continue
            else:
                raise TypeError(f'keys must be str, int, float, bool or None, not {key.__class__.__name__}')
            if first:
                first = False
            else:
                yield item_separator
            yield _encoder(key)
            yield _key_separator
            text = scalar(value)
            if text is not None:
                yield text
            else:
                yield from iterencode(value, level)
        if newline_indent is not None:
            level -= 1
            yield '\n' + _indent * level
        yield '}'
        leave(markerid)

    def iterencode(o, level):
        text = scalar(o)
        if text is not None:
            yield text
        elif isinstance(o, (list, tuple)):
            yield from iterencode_list(o, level)
        elif isinstance(o, dict):
            yield from iterencode_dict(o, level)
        else:
            markerid = enter(o)
            o = _default(o)
            yield from iterencode(o, level)
            leave(markerid)

    return iterencode
