# Subclassing every subclassable built-in: creation, attributes, repr, MRO.
bases = [int, float, complex, str, bytes, tuple, frozenset, set, dict, list, bytearray, Exception, KeyError, OSError, StopIteration, property, classmethod, staticmethod, super, object, type]
args = {int: (5,), float: (1.5,), complex: (1j,), str: ("s",), bytes: (b"b",), tuple: ((1, 2),), frozenset: ({1},), set: ({1},), dict: ({1: 2},), list: ([1],), bytearray: (b"x",), Exception: ("e",), KeyError: ("k",), OSError: (2, "x"), StopIteration: (3,), property: (), classmethod: (len,), staticmethod: (len,), super: (int, 1), object: (), type: ("T", (), {})}
for b in bases:
    class S(b):
        pass
    for i in range(2000):
        x = S(*args[b])
        try:
            x.attr = i
        except AttributeError:
            pass
    r = repr(x) if b not in (object, super, property) else "..."
    print(b.__name__, type(x).__name__, r[:30] if "0x" not in r else "addr", S.__mro__[1].__name__)
