"""json.scanner: the scanner factory used by JSONDecoder (the C one from _json when available)."""

from .decoder import _Scanner as py_make_scanner

try:
    from _json import make_scanner as c_make_scanner
except ImportError:
    c_make_scanner = None

__all__ = ['make_scanner']

make_scanner = c_make_scanner or py_make_scanner
