# Assorted corners: class-level global/nonlocal, super in classmethods and nested classes,
# captured exception names, comprehension scoping in classes, async unwinding.
counter = 0
class G:
    global counter
    counter = 10
print(counter)

def make():
    val = 1
    class K:
        nonlocal val
        val = 2
    return val
print(make())

class Base:
    @classmethod
    def create(cls):
        return f"Base.create({cls.__name__})"
    def who(self):
        return "Base"
class Child(Base):
    @classmethod
    def create(cls):
        return "Child+" + super().create()
    class Nested(Base):
        def who(self):
            return "Nested+" + super().who()
    def who(self):
        return (lambda: super(Child, self).who())() + "+Child"
print(Child.create(), Child.Nested().who(), Child().who())

def capture():
    fns = []
    try:
        raise ValueError("captured")
    except ValueError as err:
        fns.append(lambda: str(err))
        msg = fns[0]()
    try:
        fns[0]()
    except NameError as e:
        return msg, type(e).__name__
print(capture())

class Scope:
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]
    try:
        pairs = [(i, j) for i in items for j in items if j > i]
    except NameError as e:
        pairs = str(e)
print(Scope.doubled, Scope.pairs)

class WithBases(*[object], **{}):
    pass
print(WithBases.__bases__)

def method_locals():
    base = 100
    return [base + i for i in range(3)], {k: base for k in "ab"}, list(base - i for i in range(2))
print(method_locals())

x = 10
def shadow():
    x = 20
    return [x for _ in range(1)], (lambda: x)()
print(shadow())

import sys
def gen_finally():
    try:
        yield 1
        return "ret"
    finally:
        print("gen_finally cleanup")
g = gen_finally()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value", e.value)

def cont_in_finally():
    out = []
    for i in range(3):
        try:
            if i == 1:
                raise KeyError
        except KeyError:
            out.append("k")
        finally:
            try:
                if i == 2:
                    continue
            finally:
                out.append(i)
        out.append("end%d" % i)
    return out
print(cont_in_finally())

spec = ">10"
val = 3.14159
print(f"[{val:{spec}}] [{val:^{12}.{3}}] [{'x'!r:<5}] [{val=:.1f}]")

def deco(fn):
    fn.decorated = True
    return fn
@deco
async def decorated_coro():
    return 1
print(decorated_coro.decorated, decorated_coro.__qualname__)

class AIter:
    def __init__(self):
        self.n = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        self.n += 1
        if self.n > 3:
            raise StopAsyncIteration
        return self.n
class ACM:
    async def __aenter__(self):
        print("aenter")
    async def __aexit__(self, *a):
        print("aexit", a[0])
async def find():
    async for v in AIter():
        async with ACM():
            if v == 2:
                return v
def run(c):
    try:
        c.send(None)
    except StopIteration as e:
        return e.value
print(run(find()))

a = b = c = [0]
a[0] += 1
print(a, b is c)
(p, q), r = "xy", "z"
print(p, q, r)
first, *rest = range(5)
*init, last = range(5)
print(first, rest, init, last)
d = {}
d["k"] = d.get("k", 0) + 1
d["k"] += 1
print(d)
s = slice(1, None)
print([0, 1, 2][s], "abc"[::-1], [0, 1, 2, 3][1:-1])
print(type(lambda: (yield)).__name__, (lambda: (yield))().__class__.__name__)
