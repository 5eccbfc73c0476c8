import types
ns = types.SimpleNamespace(a=1, b="x")
print(ns, ns == types.SimpleNamespace(a=1, b="x"))
ns.c = [ns]
print(ns)
try:
    types.SimpleNamespace(1)
except TypeError as e:
    print("TypeError:", e)
try:
    ns.missing
except AttributeError as e:
    print("AttributeError:", e)
mp = types.MappingProxyType({"k": 1})
print(mp, mp["k"], len(mp), list(mp), mp.get("z", 0))
for action in (lambda: mp.__setitem__("k", 2), lambda: mp["nope"], lambda: types.MappingProxyType([1]),
               lambda: mp | {"a": 1}, lambda: setattr(mp, "x", 1)):
    try:
        print(action())
    except Exception as e:
        print(type(e).__name__ + ":", e)
mp.nope
