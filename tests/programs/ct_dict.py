# dict and views
d = {"a": 1, "b": 2}
d["c"] = 3; d["a"] = 10
print(d, len(d), d["b"], d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
del d["b"]; print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
d["b"] = 4; print(d)
print(d.pop("a"), d.pop("zz", None), d.setdefault("c", 99), d.setdefault("n", []), d)
print(d.popitem(), d)
d.update({"x": 1}, y=2); d.update([("z", 3)]); d.update(w=0); print(d)
print(dict(a=1, b=2), dict([(1, 2), (3, 4)]), dict({1: 2}, x=5), dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
print({1: 2} == {1: 2}, {1: 2} == {1: 3}, {1: 2, 3: 4} == {3: 4, 1: 2}, {} != {1: 1})
print({1: "a"} | {2: "b"}, {1: "a", 2: "b"} | {1: "z"})
e = {1: 1}; e |= {2: 2}; e |= [(3, 3)]; print(e)
k = {"a": 1, "b": 2, "c": 3}.keys()
print(k, k & {"a", "z"}, sorted(k | {"q"}), sorted(k - {"a"}), k ^ {"a", "q"} == {"b", "c", "q"}, k == {"a", "b", "c"}, k < {"a", "b", "c", "d"})
it = {1: 2}.items(); print(it, (1, 2) in it, (1, 3) in it, it | {(5, 6)} == {(1, 2), (5, 6)}, {1: 2}.values())
print(list(reversed({1: 2, 3: 4})), list(reversed({1: 2, 3: 4}.items())), list(reversed({1: 2, 3: 4}.values())))
print(len(k), k.isdisjoint({"z"}), k.mapping if hasattr(k, "mapping") else None)
r = {}; r["self"] = r; print(r)
for bad in ["{}['x']", "{}[(1, 2)]", "{}.popitem()", "{[]: 1}", "dict([(1, 2, 3)])", "dict([1])", "dict(1)",
            "{}.pop(1)", "dict({}, {})", "{} < {}", "hash({})", "{}.get()"]:
    try:
        eval(bad)
    except Exception as e:
        print(type(e).__name__, repr(e))
x = {i: i * i for i in range(10)}
try:
    for key in x:
        x[key + 100] = 1
except RuntimeError as e:
    print(e)
x = {i: str(i) for i in range(1000)}
for i in range(0, 1000, 2):
    del x[i]
print(len(x), list(x)[:5], x[999], sum(x))
class D(dict):
    def __missing__(self, key):
        return key * 2
dd = D(a=1); print(dd["a"], dd["bb"], dd, type(dd).__name__, isinstance(dd, dict), dd.get("q"))
class Key:
    def __init__(self, v): self.v = v
    def __hash__(self): return hash(self.v) & 7
    def __eq__(self, o): return isinstance(o, Key) and self.v == o.v
    def __repr__(self): return "Key(%r)" % self.v
kd = {Key(i): i for i in range(20)}
print(kd[Key(13)], Key(25) in kd, len(kd), list(kd)[:3])
words = "a b c a b a".split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: -kv[1]))
print({1: 1, True: 2, 1.0: 3}, {(1, 2): "t", None: 0, 2.5: "f"})
def f(**kw): return kw
print(f(**{"a": 1}, b=2))
try:
    f(**{"a": 1}, **{"a": 2})
except TypeError as e:
    print(e)
dv = {"k": 1}
it = iter(dv)
dv["k"] = 2
print(next(it), dv)
copy = dict(d); copy2 = d.copy(); copy["new"] = 1; print(d == copy2, "new" in d)
big = {}
for i in range(100):
    big[str(i)] = i
for i in range(90):
    del big[str(i)]
print(big, len(big))
print(dict(zip("abc", range(3))), {**{"a": 1}, "b": 2, **{"a": 3}})
pd = {i: i for i in range(5)}
for r in range(200):
    pd.popitem(); pd[r + 100] = r; pd.get(-1)
print(len(pd), list(pd), pd.get(7), 299 in pd)
