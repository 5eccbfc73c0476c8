# set and frozenset: order of ints/tuples matches CPython's table algorithm
s = set([5, 3, 1, 9, 33, 17, 65])
print(s, len(s), 3 in s, 4 in s)
s.add(100); s.add(8); s.discard(3); s.discard(12345); s.remove(9)
print(s)
print(s.pop(), s.pop(), s)
a = set(range(0, 20, 2)); b = set(range(0, 30, 3))
print(a | b, a & b, a - b, b - a, a ^ b)
print(a.union(b, [100]), a.intersection(b, range(10)), a.difference(b, {4}), a.symmetric_difference([0, 1]))
c = set(a); c |= {1001}; c &= set(range(0, 2000)); c -= {0}; c ^= {2, 3}; print(c)
c.update([7], (8,)); c.intersection_update(range(0, 10)); print(c)
c.difference_update({8}); c.symmetric_difference_update({9, 4}); print(c)
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2, 3} >= {3}, {1} > {1}, {1, 2} == {2, 1}, {1} != {1, 2})
print({1, 2}.issubset([1, 2, 3]), {1, 2}.issuperset([1]), {1}.isdisjoint([2, 3]), {1}.isdisjoint({1}))
f = frozenset([3, 1, 2]); print(f, frozenset(), set(), repr(frozenset({1})), f | {9}, {9} | f, type(f & {1}).__name__)
print(hash(frozenset()), hash(frozenset([1, 2, 3])), hash(frozenset([(1, 2), (3, 4)])), hash(f) == hash(frozenset({1, 2, 3})))
print({frozenset([1]): "x"}[frozenset([1])], {1, 2} == frozenset([1, 2]), frozenset([1]) in {frozenset([1])}, {1} in {frozenset({1})})
pts = {(x, y) for x in range(4) for y in range(3)}
print(pts)
print(set([-1, -2, -5, 7, 2**62, 2**64, 10**20, 1.5, 0.25, True]))
big = set(range(100)); big2 = set(range(99, -1, -1)); print(big == big2, list(big)[:10], list(big2)[:10])
for i in range(0, 100, 3):
    big.discard(i)
print(len(big), list(big)[:12])
h = set()
for v in [1000, 8, 16, 24, 3, 11, 19, 2, 10]:
    h.add(v)
print(h)
h = set()
for i in range(50):
    h.add(i * 37 % 101)
print(h)
for bad in ["set().pop()", "{1}.remove(2)", "{[1]}", "set(1)", "{1} + {2}", "{1} < [1]", "set([], [])", "hash({1})"]:
    try:
        eval(bad)
    except Exception as e:
        print(type(e).__name__, repr(e))
x = {1, 2, 3}
try:
    for v in x:
        x.add(v + 10)
except RuntimeError as e:
    print(e)
class S(set):
    pass
ss = S([1, 2]); print(ss, type(ss | {3}).__name__, type(ss.copy()).__name__, S(), isinstance(ss, set))
print(sorted({"b", "a", "c"}), len({"x", "y", "x"}), {1, 2}.copy(), set("aaa"), set({1: 2}))
print(set([1, 2, 3]) - {2}, {n % 7 for n in range(100)})
words = set()
for w in "to be or not to be".split():
    words.add(w)
print(len(words), "be" in words)
print(frozenset({1: 1}), {1, 2} & {2: 0}.keys(), set() == frozenset())
