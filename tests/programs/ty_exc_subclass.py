# Subclassing exceptions: custom __init__/__new__/__str__, slots, OSError subclasses.
class E(Exception):
    def __init__(self, x):
        self.x = x
e = E(1)
print(e.args, str(e), repr(e), e.x)
class F(ValueError):
    def __str__(self): return "F!"
print(str(F("a")), repr(F("a")), F.__mro__[1:3])
class G(Exception):
    def __new__(cls, *a):
        o = super().__new__(cls, *a)
        o.extra = 1
        return o
print(G(1, 2).args, G().extra)
class H(KeyError): pass
print(str(H("k")), isinstance(H(), LookupError))
try:
    raise H("missing")
except KeyError as err:
    print("caught", repr(err), err.__class__.__name__)
class Err2(Exception):
    __slots__ = ("code",)
x = Err2("m"); x.code = 3; print(x.code, x.args)
class OSE(OSError): pass
print(OSE(2, "nf").errno, type(OSE(2, "x")).__name__)
