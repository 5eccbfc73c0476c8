# copy: shallow/deep copies, memo and cycles, __copy__/__deepcopy__, __reduce_ex__, slots, errors.
import copy
import collections

l = [1, [2, 3], {'a': [4]}]
s = copy.copy(l); d = copy.deepcopy(l)
print(s == l, s is l, s[1] is l[1], d[1] is l[1], d[2]['a'] is l[2]['a'], d == l)
t = (1, 2, (3,)); print(copy.copy(t) is t, copy.deepcopy(t) is t)
t2 = (1, [2]); dt = copy.deepcopy(t2); print(dt == t2, dt is t2, dt[1] is t2[1])
for v in [1, 2.5, 'str', b'b', None, True, 3j, range(3), frozenset({1}), len, int, Ellipsis]:
    print(repr(v), copy.copy(v) is v, copy.deepcopy(v) is v)
print(copy.copy({1, 2}), copy.copy(bytearray(b'x')), copy.copy({'k': 'v'}))

cyc = [1]; cyc.append(cyc)
dc = copy.deepcopy(cyc); print(dc[1] is dc, dc is not cyc, repr(dc))
dd = {}; dd['self'] = dd
c2 = copy.deepcopy(dd); print(c2['self'] is c2)
shared = [0]; pair = [shared, shared]
dp = copy.deepcopy(pair); print(dp[0] is dp[1], dp[0] is not shared)

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"
p = Point(1, [2]); q = copy.copy(p); r = copy.deepcopy(p)
print(q, r, q.y is p.y, r.y is p.y, type(r) is Point)

class WithCopy:
    def __init__(self, v): self.v = v
    def __copy__(self):
        print("__copy__ called")
        return WithCopy(self.v + 1)
    def __deepcopy__(self, memo):
        print("__deepcopy__ called", type(memo).__name__)
        return WithCopy(self.v + 100)
print(copy.copy(WithCopy(1)).v, copy.deepcopy(WithCopy(1)).v, copy.deepcopy([WithCopy(5)])[0].v)

class Slotted:
    __slots__ = ('a', 'b')
sl = Slotted(); sl.a = [1]
c = copy.deepcopy(sl); print(c.a, c.a is sl.a, hasattr(c, 'b'))

class State:
    def __init__(self): self.data = 1
    def __getstate__(self):
        print("getstate")
        return {'data': self.data * 10}
    def __setstate__(self, st):
        print("setstate", st)
        self.__dict__.update(st)
print(copy.copy(State()).data)

class Reduce:
    def __init__(self, a): self.a = a
    def __reduce__(self):
        return (Reduce, (self.a * 2,))
print(copy.copy(Reduce(3)).a, copy.deepcopy(Reduce(4)).a)

class MyList(list):
    pass
ml = MyList([1, [2]]); ml.attr = 'x'
cm = copy.deepcopy(ml); print(type(cm).__name__, cm, cm.attr, cm[1] is ml[1])
class MyDict(dict):
    pass
md = MyDict(a=[1]); cmd = copy.copy(md); print(type(cmd).__name__, cmd, cmd['a'] is md['a'])
od = collections.OrderedDict(b=1, a=2); print(copy.deepcopy(od))
dq = collections.deque([1, [2]], maxlen=5); cdq = copy.deepcopy(dq); print(cdq, cdq[1] is dq[1])
dfd = collections.defaultdict(list, x=[1]); print(copy.deepcopy(dfd))
def f(): pass
print(copy.deepcopy(f) is f, copy.copy(Point) is Point)
class M:
    def meth(self): return self
m = M(); bm = copy.deepcopy(m.meth); print(bm.__self__ is not m, type(bm.__self__).__name__)
memo = {}; x = [1]; y = copy.deepcopy([x, x], memo); print(memo[id(x)] is y[0])
print(issubclass(copy.Error, Exception), copy.error is copy.Error)
class NoReduce:
    def __reduce_ex__(self, proto):
        raise copy.Error("nope")
try:
    copy.copy(NoReduce())
except copy.Error as e:
    print("Error", e)
import collections
from collections import namedtuple, Counter, OrderedDict, defaultdict, deque
P = namedtuple('P', 'x y')
class FS(frozenset): pass
class SS(set): pass
class BS(bytes): pass
class TT(tuple): pass
objs = [P(1, [2]), Counter('abca'), OrderedDict(a=[1]), defaultdict(int, k=[1]), deque([1, [2]], maxlen=3),
        FS([1, 2]), SS([3]), BS(b'x'), TT((1, [2])), slice(1, 2), range(5), {1: {2: [3]}}, [[1], [2]], b'bytes', bytearray(b'ba'),
        complex(1, 2), type(None), NotImplemented, ..., print, P]
for o in objs:
    s = copy.copy(o); d = copy.deepcopy(o)
    print(type(o).__name__, repr(s), repr(d), s is o, d is o, type(s) is type(o), type(d) is type(o))
class WithSlotsAndDict:
    __slots__ = ('a', '__dict__')
w = WithSlotsAndDict(); w.a = [1]; w.b = [2]
c = copy.deepcopy(w); print(c.a, c.b, c.a is w.a)
class Weird:
    def __reduce_ex__(self, p): return "some_global_name"
print(copy.copy(Weird()).__class__.__name__)
class Lst(list):
    def __init__(self, *a): super().__init__(*a); self.tag = 't'
l = Lst([1, [2]]); cl = copy.copy(l); dl = copy.deepcopy(l); print(cl, dl, cl.tag, dl.tag, cl[1] is l[1], dl[1] is l[1])
