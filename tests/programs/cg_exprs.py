# Expressions: operators, comparisons, boolean ops, displays, unpacking, f-strings, calls.
a, b, c = 1, 2, 3
print(a < b < c, a < b > c, 1 < 2 == 2 < 3, 3 > 2 > 1 > 0)
print(a == 1 and b or c, 0 or None or "x", 1 and 0 and 2, not a, not 0)
print(-a, +b, ~c, a + b * c ** 2 // 3 % 5 - 1, 7 / 2, 2 ** -1, -2 ** 2)
print(1 << 4 | 1 & 3 ^ 6 >> 1, 10 % 3, -7 // 2)
x = [1, 2, 3]
print(x[0], x[-1], x[1:], x[:2], x[::2], x[::-1], x[1:2:1])
d = {"a": 1, **{"b": 2}, "c": 3}
print(d, {**d, "a": 0})
s = {1, 2, *[3, 4], 2}
print(sorted(s))
t = (1, *x, 5)
l = [*x, *t]
print(t, l, (), (1,), [])
print(1 if a else 2, "y" if not a else "n")
print("chained", 1 in x, 5 not in x, x is x, x is not None)

# unpacking
p, *q, r = range(6)
print(p, q, r)
*u, v = "abc"
print(u, v)
(m, n), o = (1, 2), 3
print(m, n, o)
[e, [f, g]] = [4, [5, 6]]
print(e, f, g)
for k, (ii, jj) in enumerate([(1, 2), (3, 4)]):
    print(k, ii, jj)
try:
    a1, a2 = [1, 2, 3]
except ValueError as err:
    print(err)
try:
    a1, a2, *a3 = [1]
except ValueError as err:
    print(err)

# augmented assignment evaluates the container once
class Box:
    def __init__(self):
        self.v = 1
        self.items = [10, 20]
calls = []
def box():
    calls.append("box")
    return bx
def idx():
    calls.append("idx")
    return 1
bx = Box()
box().v += 5
box().items[idx()] *= 3
print(bx.v, bx.items, calls)
z = 5
z -= 2; z *= 4; z //= 5; z **= 3; z <<= 2; z >>= 1; z |= 1; z &= 7; z ^= 2; z %= 4
print(z)

# f-strings
name = "world"
val = 3.14159
print(f"hello {name}!", f"{val:.2f}", f"{name!r}", f"{name!s:>8}|", f"{val!a}", f"{{}}", f"{1+1=}")
width = 6
print(f"{val:{width}.{2}f}|", f"{'nested' + f'{name}'}", f"")

# calls
def show(*args, **kw):
    return f"{args} {sorted(kw.items())}"
print(show(1, 2, k=3))
print(show(*[1, 2], *(3,), k=1, **{"j": 2}, **{"i": 3}))
print(show(**{"a": 1}))
print(show(0, *range(3), z=9))
try:
    show(a=1, **{"a": 2})
except TypeError as err:
    print(err)
print("x".join(["a", "b"]), "{}-{}".format(1, k := 2), k)
class Obj:
    def m(self, a, b=2, *, c=3):
        return (a, b, c)
o = Obj()
print(o.m(1), o.m(1, c=5), o.m(*[1, 2]), o.m(1, **{"c": 9}))

# lambda, conditional, walrus
sq = lambda x, y=2: x ** y
print(sq(3), sq(2, 5), (lambda *a, **k: (a, k))(1, b=2))
if (n := len(x)) > 2:
    print("n =", n)

# del
lst = [1, 2, 3, 4]
del lst[0], lst[-1]
print(lst)
class Attr: pass
at = Attr(); at.q = 1; del at.q
print(hasattr(at, "q"))
dd = {"a": 1, "b": 2}
del dd["a"]
print(dd)

# slices as subscripts and big displays
print(list(range(10))[2:8:3], "abcdef"[::-2])
big = [i for i in range(40)]
print(len([*big]), sum((0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33)))
print({1: 2, 3: 4, 5: 6, 7: 8, 9: 10, 11: 12, 13: 14, 15: 16, 17: 18, 19: 20, 21: 22, 23: 24, 25: 26, 27: 28, 29: 30, 31: 32, 33: 34})
print(-5, -2.5, -1j, 0x1F, 0o17, 0b101, 1_000_000, 1e3, 10**20, -10**20, 0xFFFFFFFFFFFFFFFFFF)
print(b"bytes" + b"\x00", "tab\tnl", ..., None, True, False)

# comprehensions
print([i * j for i in range(3) for j in range(3) if i != j if j])
print({i: i * i for i in range(4)}, {c for c in "hello"} == set("helo"))
print(list(i + 1 for i in range(3)), sum(i for i in range(5)))
print([[j for j in range(i)] for i in range(3)])
gen = (x for x in [1, 2])
print(next(gen), next(gen), next(gen, "done"))
