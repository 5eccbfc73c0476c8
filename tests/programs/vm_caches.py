# Inline caches must stay correct when globals, builtins, classes or instances change.
def get_x():
    return x
x = 1
print(get_x())
x = 2
print(get_x())
del x
try:
    get_x()
except NameError as e:
    print(e)
def use_len(s):
    return len(s)
print(use_len("abc"))
import builtins
orig_len = builtins.len
builtins.len = lambda s: 42
print(use_len("abc"))
builtins.len = orig_len
len = lambda s: -1
print(use_len("abc"))
del len
print(use_len("abc"))

class A:
    cls_attr = "class"
    def m(self):
        return "A.m"
    @property
    def p(self):
        return "prop"
class B(A):
    pass

def read(o):
    return o.cls_attr, o.m(), o.p
b = B()
for i in range(3):
    print(read(b))
A.cls_attr = "changed"
print(read(b))
b.cls_attr = "instance"
print(read(b))
B.m = lambda self: "B.m"
print(read(b))
b.m = lambda: "inst m"
print(read(b))
del b.m
print(read(b))
A.p = property(lambda self: "prop2")
print(read(b))

class P:
    def __init__(self, v):
        self.v = v
def getv(o):
    return o.v
ps = [P(i) for i in range(5)]
print([getv(p) for p in ps])
class Q:
    v = "class-level"
print(getv(Q()))
class S:
    __slots__ = ("v",)
s = S()
s.v = 9
print(getv(s))
try:
    getv(S())
except AttributeError as e:
    print(e)
class G:
    def __getattr__(self, name):
        return "dyn " + name
print(getv(G()))
class D:
    def __init__(self):
        self.__dict__["v"] = "via dict"
print(getv(D()))

def setv(o, val):
    o.v = val
p = P(0)
for i in range(3):
    setv(p, i)
print(p.v)
class WithProp:
    @property
    def v(self):
        return "ro"
try:
    setv(WithProp(), 1)
except AttributeError as e:
    print(e)
P.v = property(lambda self: "now a property")
print(p.v)

import math
def msqrt(v):
    return math.sqrt(v)
print(msqrt(16.0))
math.sqrt = lambda v: "patched"
print(msqrt(16.0))

# method calls on builtins through LOAD_METHOD
lst = []
for i in range(5):
    lst.append(i * i)
print(lst, "a,b".split(","), {1: 2}.get(1))

# small-int and float fast paths with overflow to big ints
big = 2 ** 62
print(big + big, big * 4, -big - big - big, (1 << 61) << 2, 7 // -2, -7 % 3, 7 % -3)
print(4611686018427387903 + 1, -4611686018427387904 - 1, 3037000500 * 3037000500)
print(0.1 + 0.2, 1 / 3, 2 * 1.5, 10 - 0.5, 1 / 2, 7 // 2, -(-4611686018427387904))
try:
    1 // 0
except ZeroDivisionError as e:
    print(e)
try:
    1 % 0
except ZeroDivisionError as e:
    print(e)
print(1 < 2, 2.5 >= 2.5, "a" == "a", "a" != "b", [1] == [1], (1, 2) < (1, 3))
print(-5 >> 1, 5 >> 100, -5 >> 100, 1 << 0, ~5, -(-3), +4)
t = (10, 20, 30)
l = [1, 2, 3]
d = {"k": "v"}
print(t[-1], l[-3], d["k"], l[1:], t[::-1])
l[-1] = 99
print(l)
try:
    l[5]
except IndexError as e:
    print(e)
try:
    d["missing"]
except KeyError as e:
    print(repr(e))
a, *rest, z = range(6)
print(a, rest, z)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    a, b, c = [1]
except ValueError as e:
    print(e)
try:
    a, b = 5
except TypeError as e:
    print(e)
try:
    a, *b, c = [1]
except ValueError as e:
    print(e)
print(f"{1+1} {'x'!r} {3.14159:.2f} {'s':>4}|")
