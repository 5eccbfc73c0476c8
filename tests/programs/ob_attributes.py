# Attribute lookup order: data descriptors, instance dict, non-data descriptors, __getattr__.
class Data:
    def __get__(self, obj, typ=None):
        return "data-descr"
    def __set__(self, obj, value):
        print("Data.__set__", value)

class NonData:
    def __get__(self, obj, typ=None):
        return "nondata-descr"

class C:
    d = Data()
    n = NonData()
    plain = "class-attr"
    def method(self):
        return "method"

c = C()
c.__dict__["d"] = "instance-d"
c.__dict__["n"] = "instance-n"
print(c.d, c.n, c.plain, c.method())
c.d = 5
print(c.__dict__)
class G:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        return "fallback:" + name
g = G()
print(g.real, g.missing)
del g.real
print(g.real)
class Slots:
    __slots__ = ("a", "b")
s = Slots()
s.a = 1
print(s.a, hasattr(s, "b"))
for f in (lambda: s.b, lambda: setattr(s, "c", 1), lambda: object().x, lambda: setattr(object(), "x", 1),
          lambda: [].append.__dict__, lambda: setattr([], "append", 1), lambda: delattr(c, "nothing"),
          lambda: setattr(1, "real", 2), lambda: getattr(1, 2), lambda: setattr(slice(1), "start", 2)):
    try:
        f()
    except (AttributeError, TypeError) as e:
        print(type(e).__name__ + ":", e)
try:
    c.zzz
except AttributeError as e:
    print(e.name, e.obj is c)
print(getattr(c, "zzz", "default"), hasattr(c, "plain"), hasattr(c, "zzz"))
setattr(c, "dyn", 42)
print(c.dyn, vars(c))
delattr(c, "dyn")
print("dyn" in vars(c))
import math
print(type(math).__name__, math.__name__, "sqrt" in dir(math))
class P:
    @property
    def v(self):
        return 10
try:
    P().v = 3
except AttributeError as e:
    print(e)
print(dir(Slots())[:5], sorted(x for x in dir(c) if not x.startswith("__")))
