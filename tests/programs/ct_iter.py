# enumerate, zip, map, filter, reversed, iter() protocols
print(list(enumerate("abc")), list(enumerate("ab", 5)), list(enumerate([], 3)), list(enumerate("xy", -2)))
print(list(enumerate("ab", 2**63)), list(enumerate(iterable="q", start=1)))
print(list(zip()), list(zip([1, 2, 3], "ab")), list(zip(range(3), range(10, 13), "xyz")))
print(list(map(abs, [-1, 2, -3])), list(map(pow, [2, 3], [3, 2])), list(map(lambda a, b: a + b, "ab", "cde")))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])), list(filter(lambda x: x % 2, range(10))), list(filter(bool, [0, 2])))
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), list(reversed("abc")), list(reversed(range(4))), list(reversed({1: 2, 3: 4})))
class Seq:
    def __len__(self): return 3
    def __getitem__(self, i):
        if i >= 3: raise IndexError(i)
        return i * 10
print(list(Seq()), list(reversed(Seq())), 20 in Seq(), 5 in Seq())
class OnlyGet:
    def __getitem__(self, i):
        if i > 4: raise IndexError
        return chr(97 + i)
print(list(OnlyGet()), "".join(OnlyGet()), type(iter(OnlyGet())).__name__)
count = [0]
def tick():
    count[0] += 1
    return count[0]
print(list(iter(tick, 4)), type(iter(tick, 0)).__name__)
for bad in ["list(zip([1, 2], [1], strict=True))", "list(zip([1], [1, 2], strict=True))",
            "list(zip([1, 2], [1, 2], [1], strict=True))", "list(zip([1], [1], [1, 2], strict=True))",
            "zip(1)", "map(abs)", "filter(None)", "reversed(1)", "reversed({1})", "enumerate(1)",
            "enumerate([], 'a')", "iter(1)", "iter(1, 2)", "next(iter([]))", "list(map(None, [1]))"]:
    try:
        eval(bad)
        print("no error", bad)
    except Exception as e:
        print(type(e).__name__, e)
print(list(zip([1, 2], [3, 4], strict=True)))
e = enumerate("ab"); print(next(e), next(e), next(e, None), iter(e) is e)
z = zip("ab", "cd"); print(next(z), list(z))
m = map(str.upper, ["a", "b"]); print(next(m), list(m), list(m))
r = reversed([1, 2, 3]); print(r.__length_hint__(), next(r), r.__length_hint__(), list(r))
print(repr(enumerate([]))[:19], repr(zip())[:13], repr(map(abs, []))[:13], repr(filter(None, []))[:16], repr(reversed(Seq()))[:18])
print(dict(enumerate("ab")), dict(zip("ab", range(2))), sum(map(len, ["ab", "c"])), max(map(abs, [-5, 3])))
class E(enumerate):
    pass
print(list(E("xy")), type(E("z")).__name__)
it = iter([1, 2, 3, 4])
print(list(zip(it, it)))
a, b = zip(*[(1, "a"), (2, "b")]); print(a, b)
print(sorted(zip([3, 1, 2], "cab")), any(map(lambda x: x > 2, [1, 3])), all(filter(None, [1, 0])))
