# Argument binding, defaults, *args/**kwargs and CPython's exact TypeError messages.
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))

print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6, d=7))
print(f(*[1, 2, 3], **{'c': 9, 'z': 0}))

def g(a, b): return a - b
print(g(b=1, a=5), g(5, b=1))

def check(call):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)

def one(x): pass
def two(a, b): pass
def opt(a, b=1): pass
def kwo(*, c): pass
def kwo2(*, a, b): pass
def po(a, b, /, c): pass
def many(a, b, c): pass
check(lambda: one())
check(lambda: two())
check(lambda: many())
check(lambda: two(1, 2, 3))
check(lambda: opt(1, 2, 3))
check(lambda: one(1, z=2))
check(lambda: two(1, a=2))
check(lambda: po(a=1, b=2, c=3))
check(lambda: kwo())
check(lambda: kwo2())
check(lambda: kwo2(1))
check(lambda: kwo2(1, a=2))
check(lambda: one(1, 2))
check(lambda: f(*1))
check(lambda: f(**1))
check(lambda: f(1, c=1, **{'c': 2}))
check(lambda: g(**{1: 2}))
check(lambda: print(*5))

class C:
    def m(self, x=10):
        return x * 2
    @staticmethod
    def s(y): return y + 1
    @classmethod
    def k(cls): return cls.__name__

c = C()
print(c.m(), c.m(3), C.m(c, 4), c.s(1), C.k(), c.k())
check(lambda: c.m(1, 2))
bm = c.m
print(bm.__name__, bm.__qualname__, bm.__self__ is c, bm.__func__ is C.m)
print(bm == c.m, bm is c.m, hash(bm) == hash(c.m))
print(repr(bm).startswith("<bound method C.m of <__main__.C object at 0x"))
print(repr(g).startswith("<function g at 0x"))

# closures and cells
def outer():
    x = 1
    def inc():
        nonlocal x
        x += 1
        return x
    return inc
inc = outer()
print(inc(), inc(), inc.__closure__[0].cell_contents)

def make_adders():
    return [lambda y, i=i: i + y for i in range(3)]
print([a(10) for a in make_adders()])

def cell_arg(v):
    def get(): return v
    v = v * 2
    return get
print(cell_arg(21)())

# deep recursion is bounded by the recursion limit, not the C stack
def down(n):
    return 0 if n == 0 else 1 + down(n - 1)
print(down(900))
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)

# function attributes
def h(p, q=3):
    "doc of h"
    return p
h.extra = 5
print(h.__name__, h.__qualname__, h.__doc__, h.__defaults__, h.__kwdefaults__, h.extra, h.__dict__)
print(h.__module__, h.__code__.co_name, h.__globals__ is globals(), kwo.__kwdefaults__)
def ann(a: int, b: "s" = 1) -> bool: pass
print(ann.__annotations__)
try:
    h.__defaults__ = 5
except TypeError as e:
    print(e)
