# types.SimpleNamespace, MappingProxyType and ModuleType.
import types
ns = types.SimpleNamespace(a=1, b="x")
print(ns, ns.a, ns == types.SimpleNamespace(a=1, b="x"), ns != types.SimpleNamespace())
ns.c = [ns]
print(ns)
print(repr(types.SimpleNamespace()), vars(ns) is ns.__dict__)
try:
    types.SimpleNamespace(1)
except TypeError as e:
    print(e)
class Sub(types.SimpleNamespace): pass
print(Sub(z=3))
mp = types.MappingProxyType({"k": 1})
print(mp, mp["k"], len(mp), "k" in mp, list(mp), mp.get("x", 0), mp.keys(), mp.copy(), mp | {"j": 2})
try:
    mp["k"] = 2
except TypeError as e:
    print(e)
try:
    types.MappingProxyType([1])
except TypeError as e:
    print(e)
print(type(int.__dict__).__name__, int.__dict__["real"])
m = types.ModuleType("mymod", "docs")
print(m, m.__doc__, m.__name__)
m.__getattr__ = lambda n: "lazy_" + n
print(m.anything)
print(type(print).__name__, print.__self__, sorted(dir(types.SimpleNamespace(q=1)))[-1])
