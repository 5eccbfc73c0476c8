# __slots__, metaclasses, __init_subclass__, __class_getitem__, __prepare__, __new__.
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
p = P(1, 2)
print(p.x, p.y, hasattr(p, "__dict__"), P.__slots__, type(P.x).__name__)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
q = P.__new__(P)
try:
    q.x
except AttributeError as e:
    print("AttributeError:", e)
del p.x
print(hasattr(p, "x"))
class P3(P):
    __slots__ = ("z",)
p3 = P3(1, 2)
p3.z = 9
print(p3.x, p3.z, hasattr(p3, "__dict__"))
class WithDict(P):
    pass
wd = WithDict(1, 2)
wd.extra = 5
print(wd.__dict__)
class Priv:
    __slots__ = ("__hidden",)
    def set(self, v):
        self.__hidden = v
        return self.__hidden
print(Priv().set(4), [k for k in Priv.__dict__ if "hidden" in k])
for bad in ([1], ["a b"]):
    try:
        type("B", (), {"__slots__": bad})
    except TypeError as e:
        print("TypeError:", e)
try:
    type("B", (), {"__slots__": ["a"], "a": 1})
except ValueError as e:
    print("ValueError:", e)

class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Meta.__new__", name, sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.tag = name.lower()
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *args, **kw):
        print("Meta.__call__", cls.__name__, args)
        return super().__call__(*args, **kw)
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("Meta.__prepare__", name, kw)
        return {"injected": 1}
    def hello(cls):
        return "hello from " + cls.__name__
class A(metaclass=Meta, flag=True):
    def __init__(self, v):
        self.v = v
class B(A):
    pass
print(type(A).__name__, A.tag, B.tag, A.injected, A.hello(), B(5).v)
print(isinstance(A, Meta), type(B) is Meta, hasattr(A(1), "hello"))

class M1(type): pass
class M2(type): pass
class X1(metaclass=M1): pass
class X2(metaclass=M2): pass
try:
    class X3(X1, X2): pass
except TypeError as e:
    print("TypeError:", e)

class Registry:
    plugins = []
    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        cls.plugin_name = name or cls.__name__
        Registry.plugins.append(cls.plugin_name)
class Pa(Registry, name="alpha"): pass
class Pb(Registry): pass
print(Registry.plugins, Pa.plugin_name)
try:
    class Pc(Registry, bogus=1): pass
except TypeError as e:
    print("TypeError:", e)

class G:
    def __class_getitem__(cls, item):
        return f"G[{item.__name__}]"
print(G[int], G[str])

class Singleton:
    _inst = None
    def __new__(cls, *a):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self, v):
        self.v = v
s1, s2 = Singleton(1), Singleton(2)
print(s1 is s2, s1.v)
class NotMine:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never")
print(NotMine())
class BadInit:
    def __init__(self):
        return 1
try:
    BadInit()
except TypeError as e:
    print("TypeError:", e)
class NoArgs: pass
try:
    NoArgs(1)
except TypeError as e:
    print("TypeError:", e)
try:
    object.__init__(NoArgs(), 1)
except TypeError as e:
    print("TypeError:", e)

class A1: pass
class B1(A1): pass
try:
    class C1(A1, B1): pass
except TypeError as e:
    print("TypeError:", e)
class O: pass
class L1(O): pass
class L2(O): pass
class Diamond(L1, L2): pass
print([k.__name__ for k in Diamond.__mro__])
try:
    class Dup(O, O): pass
except TypeError as e:
    print("TypeError:", e)

Dyn = Meta("Dyn", (), {"q": 1})
print(Dyn.tag, Dyn.q, type(Dyn).__name__)
print(type.__prepare__("x", ()), type("E", (), {}).__mro__)
