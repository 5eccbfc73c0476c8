# Frames, class bodies, locals mappings and name resolution.
import sys

def inspect_me(a, b=2):
    c = a + b
    return sys._getframe().f_code.co_name, sorted(sys._getframe().f_locals.items()), sys._getframe().f_back.f_code.co_name, sys._getframe().f_lineno
def caller():
    return inspect_me(1)
print(caller())

def with_cells(x):
    def inner():
        return x
    return sys._getframe().f_locals
print(sorted(with_cells(5).keys()))

class Base:
    def hello(self):
        return "base hello"
class Child(Base):
    greeting = "hi"
    def hello(self):
        return "child+" + super().hello()
    def who(self):
        return __class__.__name__
    names = [i * 2 for i in range(3)]
print(Child().hello(), Child().who(), Child.names)

class Meta(type):
    def __prepare__(name, bases):
        return {"injected": 42}
    def __new__(mcls, name, bases, ns):
        ns = dict(ns)
        ns["seen"] = sorted(k for k in ns if not k.startswith("__"))
        return super().__new__(mcls, name, bases, ns)
class WithMeta(metaclass=Meta):
    x = injected + 1
print(WithMeta.x, WithMeta.seen)

class Mapping:
    def __init__(self):
        self.d = {}
    def __getitem__(self, k):
        print("get", k)
        return self.d[k]
    def __setitem__(self, k, v):
        print("set", k, v)
        self.d[k] = v
    def __delitem__(self, k):
        del self.d[k]
m = Mapping()
exec("y = 5\nz = y + 1\nprint(len('ab'))", {}, m)
print(sorted(m.d.items()))

g = {}
exec("def f():\n    return gv\ngv = 7\nr = f()", g)
print(g["r"], "__builtins__" in g)
print(eval("a * 2", {"a": 21}))

counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter)
def nl():
    v = 0
    def inner():
        nonlocal v
        v += 10
    inner(); inner()
    return v
print(nl())

def gen_frame():
    yield sys._getframe().f_code.co_name
    yield sys._getframe().f_back is not None
gf = gen_frame()
print(next(gf), next(gf))

try:
    del undefined_global_name
except NameError as e:
    print(e)
def del_local():
    q = 1
    del q
    try:
        del q
    except UnboundLocalError as e:
        print(e)
del_local()

# comprehensions have their own scope
x = "outer"
lst = [x for x in range(3)]
print(x, lst, {k: k * 2 for k in "ab"}, {v % 3 for v in range(10)})

# lambda defaults and keyword-only defaults
fn = lambda a, *, k=3: a * k
print(fn(2), fn(2, k=5), fn.__kwdefaults__)

# recursion limit interplay
print(sys.getrecursionlimit())
def depth(n):
    try:
        return depth(n + 1)
    except RecursionError:
        return n
d = depth(1)
print(900 < d <= 1000)
