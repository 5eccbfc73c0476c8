# Custom mro() in a metaclass, renaming classes (__name__/__qualname__/__module__/__doc__).
class Meta(type):
    def mro(cls):
        default = super().mro()
        print("custom mro for", cls.__name__, [c.__name__ for c in default])
        return default[:1] + list(reversed(default[1:-1])) + default[-1:]
class A(metaclass=Meta): x = "A"
class B(metaclass=Meta): x = "B"
class C(A, B): pass
print([k.__name__ for k in C.__mro__], C.x, type.mro(C) == list(C.__mro__))
C.__qualname__ = "Renamed.C"
print(C, C.__name__)
C.__name__ = "Z"
print(C, C.__name__, C.__qualname__)
try:
    C.__name__ = "a\0b"
except ValueError as e:
    print("ValueError:", e)
try:
    C.__qualname__ = 5
except TypeError as e:
    print("TypeError:", e)
try:
    del C.__name__
except TypeError as e:
    print("TypeError:", e)
C.__doc__ = "doc!"
print(C.__doc__, C.__module__, int.__module__, type(len).__module__)
C.__module__ = "mod"
print(C)
print(C.__dict__.get("__module__"), "__qualname__" in C.__dict__)
