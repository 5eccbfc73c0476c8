# CPython's exact error messages from the type machinery.
def t(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)
class C: pass
t(lambda: C(1))
t(lambda: object.__init__(C(), 1))
t(lambda: format(C(), "x"))
t(lambda: type("X", (C,), {}, x=1))
class A: pass
class B(A): pass
t(lambda: type("Z", (A, B), {}))
t(lambda: type("Z", (int, str), {}))
t(lambda: type("Z", (bool,), {}))
t(lambda: type("Z", (A, A), {}))
def dd(): del C.x
t(dd)
def ss(): int.x = 1
t(ss)
def ss2(): object.__setattr__(int, 'x', 1)
t(ss2)
t(lambda: C.x)
t(lambda: super())
t(lambda: super(int, "x"))
class P:
    @property
    def p(self): return 1
def sp(): P().p = 2
t(sp)
def dp(): del P().p
t(dp)
t(lambda: type(1, 2))
t(lambda: type.__new__(type, 1, (), {}))
t(lambda: type.__new__(type, "x", [], {}))
t(lambda: type.__new__(type, "x", (), []))
t(lambda: type("x", (), {"__slots__": [1]}))
t(lambda: type("x", (), {"__slots__": ["a"], "a": 1}))
t(lambda: type("x", (), {"__slots__": ["1a"]}))
t(lambda: type("x", (tuple,), {"__slots__": ["a"]}))
t(lambda: type("x", (), {"__slots__": ["__dict__", "__dict__"]}))
class M1(type): pass
class M2(type): pass
class X1(metaclass=M1): pass
class X2(metaclass=M2): pass
t(lambda: type("x", (X1, X2), {}))
class I:
    def __init__(self): return 1
t(lambda: I())
t(lambda: int.__add__("a", 1))
t(lambda: int.__add__())
t(lambda: int.__add__(1))
t(lambda: int.__repr__(1, 2))
t(lambda: object.__new__(1))
t(lambda: object.__new__(int))
t(lambda: int.__new__(str))
print(int.__add__, (1).__add__.__name__, object.__init__, C, int, type, object)
t(lambda: hash(type("H", (), {"__eq__": lambda s, o: True})()))
class S: __slots__ = ('a',)
t(lambda: S().a)
t(lambda: setattr(S(), 'b', 1))
t(lambda: -C())
t(lambda: ~C())
t(lambda: abs(C()))
t(lambda: C() + 1)
t(lambda: 1 - C())
t(lambda: C() < C())
t(lambda: len(C()))
t(lambda: C()[0])
t(lambda: iter(C()))
t(lambda: C()())
class L:
    def __len__(self): return -1
t(lambda: len(L()))
class Bo:
    def __bool__(self): return 1
t(lambda: bool(Bo()))
class Hh:
    def __hash__(self): return "x"
t(lambda: hash(Hh()))
class R:
    def __repr__(self): return 1
t(lambda: repr(R()))
t(lambda: str(R()))
class SN:
    def __set_name__(self, o, n): raise ValueError("boom")
def sn():
    class Q:
        x = SN()
t(sn)
t(lambda: C.__init_subclass__(1))
t(lambda: object.__init_subclass__(x=1))
class NI:
    __iter__ = None
t(lambda: iter(NI()))
t(lambda: list(NI()))
def cls_assign():
    c = C()
    c.__class__ = 5
t(cls_assign)
def dict_assign():
    C().__dict__ = 5
t(dict_assign)
t(lambda: classmethod())
t(lambda: staticmethod(1, 2))
def absm():
    class Abs:
        pass
    Abs.__abstractmethods__ = frozenset({"f", "g"})
    Abs()
t(absm)
def absm1():
    class Abs:
        pass
    Abs.__abstractmethods__ = frozenset({"f"})
    Abs()
t(absm1)
t(lambda: object.__format__(C(), 5))
t(lambda: type.__dict__["__name__"].__set__(int, "x"))
def setname():
    C.__name__ = 5
t(setname)
def setbases():
    C.__bases__ = (int,)
t(setbases)
