# property, classmethod, staticmethod, custom descriptors, __set_name__, __getattr__.
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        "Temperature in C."
        return self._c
    @celsius.setter
    def celsius(self, v):
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None
    @property
    def ro(self):
        return 1
t = Temp()
t.celsius = 25
print(t.celsius, Temp.celsius.__doc__, type(Temp.celsius).__name__)
del t.celsius
print(t.celsius)
try:
    t.ro = 2
except AttributeError as e:
    print("AttributeError:", e)
try:
    del t.ro
except AttributeError as e:
    print("AttributeError:", e)
p = property(lambda s: 1)
class Q:
    pass
Q.x = p
try:
    Q().x = 5
except AttributeError as e:
    print("AttributeError:", e)
print(Temp.celsius.fget.__name__, Temp.ro.fset, Temp.celsius.__isabstractmethod__)

class C:
    count = 0
    def __init__(self):
        C.count += 1
    @classmethod
    def make(cls, n):
        return [cls() for _ in range(n)]
    @staticmethod
    def helper(x, y=2):
        return x * y
class D(C):
    pass
print(len(D.make(3)), type(D.make(1)[0]).__name__, C.count)
print(C.helper(3), C().helper(4, 5), D.helper(1))
print(type(C.__dict__["make"]).__name__, C.__dict__["helper"].__func__.__name__)
cm = C.__dict__["make"]
print(cm.__func__ is cm.__wrapped__, cm.__isabstractmethod__)
print(C.make.__self__ is C, C.make.__func__ is cm.__func__)
sm = staticmethod(len)
print(sm("abc"), repr(sm), classmethod(len))

class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        print("set_name", owner.__name__, name)
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, "unset")
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name[1:]} must be int")
        setattr(obj, self.name, value)
class Point:
    x = Typed()
    y = Typed()
pt = Point()
print(pt.x)
pt.x = 3
print(pt.x, pt.__dict__, isinstance(Point.x, Typed))
try:
    pt.y = "a"
except TypeError as e:
    print("TypeError:", e)

class NonData:
    def __get__(self, obj, objtype=None):
        return "from descriptor"
class W:
    nd = NonData()
w = W()
print(w.nd)
w.__dict__["nd"] = "from instance"
print(w.nd, W.nd)

class Dyn:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith("x"):
            return name.upper()
        raise AttributeError(f"no {name}")
dd = Dyn()
print(dd.real, dd.xyz, getattr(dd, "nope", "default"), hasattr(dd, "xa"))

class Logged:
    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)
    def __setattr__(self, name, value):
        print("setattr", name, value)
        object.__setattr__(self, name, value)
    def __delattr__(self, name):
        print("delattr", name)
        object.__delattr__(self, name)
lg = Logged()
lg.a = 5
print(lg.a, lg.secret)
del lg.a
print(hasattr(lg, "a"))

class SN:
    def __set_name__(self, owner, name):
        raise ValueError("boom")
try:
    class Fails:
        attr = SN()
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))

class Meth:
    def f(self):
        return self
m = Meth()
print(m.f() is m, Meth.f(m) is m, m.f.__self__ is m, m.f.__func__ is Meth.f)
class D:
    def __getattr__(self, n):
        print("getattr", n)
        raise AttributeError(n)
try: D().zz
except AttributeError as e: print("AE", e)
print(getattr(D(), "q", 5))
class E(D):
    def __getattribute__(self, n):
        print("getattribute", n)
        return super().__getattribute__(n)
try: E().yy
except AttributeError as e: print("AE", e)
