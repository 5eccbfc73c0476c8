# tuple, range, slice
t = (1, 2, 3)
print(t, (1,), (), t[1], t[-1], t[::-1], t[1:], t + (4,), t * 2, 2 * t, len(t))
print(t.count(2), t.index(3), (1, 2) < (1, 3), (1, 2) == (1, 2), (1,) < (1, 0), () < (0,), (2,) >= (1, 5))
print(hash((1, 2)) == hash((1, 2)), hash(()), hash((1,)), hash((1, 2, 3)), hash(("a", 1)) == hash(("a", 1)))
print(hash((-1,)), hash((False, True, 2.5)), hash(((1, 2), (3, 4))))
print(tuple([1, 2]), tuple("ab"), tuple(range(3)), tuple(), tuple(x for x in (5, 6)))
a, (b, c), *d = 1, (2, 3), 4, 5; print(a, b, c, d)
for bad in ["(1,)[3]", "(1,).index(5)", "(1,) + [1]", "tuple(1)", "hash(([],))", "t['x']"]:
    try:
        eval(bad)
    except Exception as e:
        print(type(e).__name__, e)
class P(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
p = P(1, 2); print(p, type(p).__name__, p[0], p + (3,), isinstance(p, tuple))
nested = ((1, 2), [3]); print(nested, repr(((),)))
r = range(10)
print(r, range(1, 10, 2), range(5, 0, -1), len(r), r[3], r[-1], r[2:8:2], r[::-1], list(r[1:4]))
print(list(range(5, 0, -2)), list(range(0)), list(range(3, 1)), len(range(0, 100, 7)))
print(5 in r, 10 in r, -1 in r, 4 in range(0, 10, 2), 5 in range(0, 10, 2), 3.0 in r, "a" in r)
print(r.count(3), r.index(4), range(0, 10, 3).index(9), r == range(10), range(0) == range(5, 2), range(1, 2, 5) == range(1, 3, 7))
print(r.start, r.stop, r.step, range(3).step, hash(range(3)) == hash(range(0, 3)), bool(range(0)), bool(range(1)))
print(list(reversed(range(1, 10, 3))), list(reversed(range(0))), range(10**20)[-1], len(range(10**18)), 10**19 in range(10**20))
print(range(10**20, 10**20 + 3)[1], list(range(10**20, 10**20 + 2)))
for bad in ["range(1, 2, 0)", "range()", "range(1.5)", "range(3)[5]", "range(3)['a']", "range(1,2,3,4)", "range(3).index(7)"]:
    try:
        eval(bad)
    except Exception as e:
        print(type(e).__name__, e)
s = slice(1, 10, 2)
print(s, slice(5), slice(None, None, -1), s.start, s.stop, s.step, s.indices(5), slice(None).indices(3), slice(-1, None, -2).indices(10))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3), "abcdef"[slice(1, None, 2)])
try:
    hash(slice(1))
except TypeError as e:
    print(e)
try:
    [1, 2][::0]
except ValueError as e:
    print(e)
it = iter(range(3)); print(next(it), next(it), next(it), next(it, "done"))
total = 0
for i in range(1000000):
    total += i
print(total)
print(list[int], dict[str, list[int]], tuple[int, ...], set[frozenset[str]] == set[frozenset[str]])
