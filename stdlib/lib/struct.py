"""struct: convert between Python values and C structs represented as bytes (the work is done
by the _struct C module)."""

__all__ = [
    'calcsize', 'pack', 'pack_into', 'unpack', 'unpack_from',
    'iter_unpack', 'Struct', 'error',
]

from _struct import *
from _struct import _clearcache
