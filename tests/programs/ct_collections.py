# collections: deque, defaultdict, namedtuple, Counter, OrderedDict, ChainMap
from collections import deque, defaultdict, namedtuple, Counter, OrderedDict, ChainMap
d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1], 2 in d, d.pop(), d.popleft(), d)
d.extend([7, 8]); d.extendleft([9, 10]); print(d)
d.rotate(2); print(d); d.rotate(-3); print(d)
print(d.count(7), d.index(7), list(reversed(d)), d == deque(list(d)), d.maxlen)
m = deque(range(5), maxlen=3); print(m); m.append(9); m.appendleft(0); print(m, m.maxlen)
for bad in ["deque().pop()", "deque().popleft()", "deque([1])[5]", "deque([1]).remove(2)", "deque([1], maxlen=-1)"]:
    try:
        eval(bad)
    except Exception as e:
        print(type(e).__name__, e)
q = deque(); q.append("a"); q.append("b"); print(q.popleft(), q, bool(q), bool(deque()))
dd = defaultdict(list)
for k, v in [("x", 1), ("y", 2), ("x", 3)]:
    dd[k].append(v)
print(dd, dict(dd), dd["missing"], len(dd))
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(sorted(counts.items()), counts.default_factory)
try:
    defaultdict()["k"]
except KeyError as e:
    print("KeyError", e)
Point = namedtuple("Point", "x y")
p = Point(1, 2)
print(p, p.x, p[1], p._asdict(), p._replace(y=5), Point._make([3, 4]), Point._fields, p == (1, 2), isinstance(p, tuple))
x, y = p; print(x + y, hash(p) == hash((1, 2)), Point(x=7, y=8))
try:
    Point(1)
except TypeError as e:
    print(e)
Emp = namedtuple("Emp", ["name", "age"], defaults=[30]); print(Emp("ann"), Emp("bob", 5))
c = Counter("abracadabra")
print(c, c.most_common(2), c["a"], c["zz"], sorted(c.elements())[:4], c.total())
c.update("aaz"); c.subtract({"b": 5}); print(c)
print(Counter(a=3, b=1) + Counter(a=1, b=2), Counter(a=3) - Counter(a=5), Counter(a=2, b=1) & Counter(a=1), Counter(a=1) | Counter(b=2))
print(Counter(), Counter([1, 1, 2]) == Counter({1: 2, 2: 1}), Counter(["x", "y", "x"]).most_common())
od = OrderedDict(); od["b"] = 1; od["a"] = 2; od["c"] = 3
od.move_to_end("b"); print(od, list(od), od.popitem(), od.popitem(last=False), od)
od2 = OrderedDict([(1, 1), (2, 2)]); od2.move_to_end(2, last=False); print(od2, od2 == OrderedDict([(2, 2), (1, 1)]), OrderedDict())
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm, cm["a"], cm["b"], len(cm), sorted(cm), "b" in cm, cm.get("zz", 0))
child = cm.new_child({"c": 4}); child["a"] = 100; print(child, cm.maps[0])
