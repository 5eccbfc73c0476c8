# super() forms, cooperative MRO, builtin subclasses with __new__/__init__, __class__ cell.
class A:
    def hello(self): return ["A"]
    @classmethod
    def cm(cls): return "A.cm " + cls.__name__
class B(A):
    def hello(self): return ["B"] + super().hello()
    @classmethod
    def cm(cls): return "B." + super().cm()
class C(A):
    def hello(self): return ["C"] + super().hello()
class D(B, C):
    def hello(self): return ["D"] + super(D, self).hello()
print(D().hello(), D.cm(), [k.__name__ for k in D.__mro__])
print(super(B, D()).hello())
class E:
    def who(self): return __class__
    def lam(self): return (lambda: self.__repr__())()
print(E().who(), E().lam()[:10])
def outside(self): return super().hello()
try:
    outside(B())
except RuntimeError as ex:
    print("RuntimeError:", ex)
try: super()
except RuntimeError as ex: print("RuntimeError:", ex)
try: super(int, "x")
except TypeError as ex: print("TypeError:", ex)
s = super(B, B())
print(s.__thisclass__, s.__self_class__, repr(s)[:40])
class P:
    @property
    def v(self): return 1
class Q(P):
    @property
    def v(self): return super().v + 10
print(Q().v)
class R:
    def __init__(self): self.x = 1
class RR(R):
    def __init__(self):
        super().__init__()
        self.y = 2
print(vars(RR()))
class Cls:
    def __init_subclass__(cls):
        print("init_subclass", cls.__name__)
class Sub(Cls): pass
class Sub2(Sub): pass
class Ab:
    def m(self): pass
    m.__isabstractmethod__ = True
print(staticmethod(Ab.m).__isabstractmethod__)
class Desc:
    def __get__(self, obj, typ=None): return ("get", obj is None, typ.__name__)
class H:
    d = Desc()
print(H.d, H().d[:2])
class Num(int):
    pass
n = Num(3)
print(n, n + n, type(n + n), -n, n.__class__.__name__, Num.__mro__)
class St(str):
    def __new__(cls, v):
        return super().__new__(cls, v.upper())
print(St("abc"), type(St("x")).__name__, St("a") == "A")
class L(list):
    def __init__(self, it):
        super().__init__(x * 2 for x in it)
print(L([1, 2]), L([1]) + [3])
class Err(KeyError):
    def __str__(self): return "custom"
try: raise Err("k")
except KeyError as ex: print(ex, repr(ex))
class T(tuple): pass
print(T((1, 2)), T((1,)) + (2,))
class Fl(float):
    def __repr__(self): return "Fl(%s)" % float.__repr__(self)
print(repr(Fl(2.5)), Fl(2.5) * 2)
class Dc(dict):
    def __getitem__(self, k): return dict.__getitem__(self, k) * 10
dc = Dc(); dc['a'] = 2
print(dc['a'], dc.get('a'), len(dc))
print(type('X', (object,), {'__slots__': ()})().__class__.__name__)
print(int.__dict__['__add__'].__get__(3)(4), int.__add__.__get__(None, int))
print(object.__init__.__qualname__, object.__init__.__name__, int.__add__.__objclass__)
class WithNew:
    def __new__(cls, *args):
        o = object.__new__(cls)
        o.args = args
        return o
print(WithNew(1, 2).args)
class OnlyNew:
    def __new__(cls, x): return super().__new__(cls)
print(type(OnlyNew(1)).__name__)
