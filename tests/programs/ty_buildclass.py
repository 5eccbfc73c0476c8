# __build_class__: __classcell__ checks, __mro_entries__, custom __prepare__ namespaces, function metaclasses.
class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns2 = {k: v for k, v in ns.items() if k != "__classcell__"}
        return super().__new__(mcls, name, bases, ns2)
try:
    class A(metaclass=Meta):
        def f(self): return __class__
except RuntimeError as e:
    print("RuntimeError:", e)
class Other: pass
class Meta2(type):
    def __new__(mcls, name, bases, ns):
        return Other
class B(metaclass=Meta2):
    pass
print(B)
class Meta3(type):
    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, ns)
        return cls
class C(metaclass=Meta3):
    def f(self): return __class__
print(C().f())
def mro_entries_test():
    class Fake:
        def __mro_entries__(self, bases): return (int,)
    class D(Fake()): pass
    print(D.__mro__, D.__orig_bases__[0].__class__.__name__)
mro_entries_test()
class NS(dict):
    def __setitem__(self, k, v):
        print("ns set", k)
        super().__setitem__(k, v)
class Meta4(type):
    @classmethod
    def __prepare__(mcls, name, bases): return NS()
class E(metaclass=Meta4):
    x = 1
    def m(self): pass
print(type(E.__dict__).__name__, E.x)
class BadPrep(type):
    @classmethod
    def __prepare__(mcls, name, bases): return 5
try:
    class F(metaclass=BadPrep): pass
except TypeError as e:
    print("TypeError:", e)
def plain_meta(name, bases, ns, **kw):
    return (name, bases, sorted(k for k in ns if not k.startswith('__')), kw)
class G(metaclass=plain_meta, k=1):
    y = 2
print(G)
