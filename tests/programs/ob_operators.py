# Operator dispatch: reflected operands, subclass priority, in-place fallbacks and errors.
class V:
    def __init__(self, x): self.x = x
    def __add__(self, o):
        return ("V.add", self.x, o.x if isinstance(o, V) else o)
    def __radd__(self, o):
        return ("V.radd", self.x, o)
    def __repr__(self): return "V(%r)" % self.x
class W(V):
    def __radd__(self, o):
        return ("W.radd", self.x, o.x if isinstance(o, V) else o)
print(V(1) + 2, 3 + V(4), V(1) + W(2), W(1) + V(2))
class N:
    def __add__(self, o): return NotImplemented
    def __radd__(self, o): return NotImplemented
five = 5
for expr in ("1 + 'a'", "'a' + 1", "[1] + (2,)", "-'s'", "~1.5", "abs('x')", "N() + N()", "1 @ 2",
             "2 ** 'x'", "divmod(1, 'x')", "None < 1", "[] < ()", "len(5)", "five[0]", "(1).x"):
    try:
        print(expr, "=", eval(expr))
    except Exception as e:
        print(expr, "->", type(e).__name__ + ":", e)
class I:
    def __init__(self): self.log = []
    def __iadd__(self, o):
        self.log.append(o)
        return self
i = I(); i += 1; i += 2
print(i.log)
x = [1]; y = x; x += [2]; print(y)
t = (1,); u = t; t += (2,); print(u, t)
try:
    s = "a"; s -= "b"
except TypeError as e:
    print(e)
try:
    v = 1; v @= 2
except TypeError as e:
    print(e)
try:
    v **= "x"
except TypeError as e:
    print(e)
class E:
    def __eq__(self, o): return "eq-called"
print(E() == 1, 1 == E(), E() != 1)
class Ord:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
print(Ord(1) < Ord(2), Ord(3) > Ord(2))
print(sorted([Ord(3), Ord(1), Ord(2)], key=lambda o: o.v)[0].v)
print(3 in [1, 2, 3], "b" in "abc", 4 in range(3), 1 in {1: 2})
class It:
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return i * 10
print(list(It()), 20 in It(), 25 in It())
try:
    3 in 5
except TypeError as e:
    print(e)
print(isinstance(True, int), isinstance(1, (str, (float, int))), issubclass(int, (str, object)))
try:
    isinstance(1, 1)
except TypeError as e:
    print(e)
try:
    issubclass(1, int)
except TypeError as e:
    print(e)
class Meta(type):
    def __instancecheck__(cls, inst): return inst == "magic"
    def __subclasscheck__(cls, sub): return sub is int
class M(metaclass=Meta): pass
print(isinstance("magic", M), isinstance("x", M), issubclass(int, M), issubclass(str, M))
import operator
print(operator.index(True) if hasattr(operator, "index") else 1, [10, 20][True])
try:
    idx = 1.5
    [1][idx]
except TypeError as e:
    print(e)
try:
    (1, 2)[0] = 5
except TypeError as e:
    print(e)
try:
    del (1, 2)[0]
except TypeError as e:
    print(e)
try:
    iter(5)
except TypeError as e:
    print(e)
try:
    next([])
except TypeError as e:
    print(e)
class Sub:
    def __class_getitem__(cls, item): return ("cgi", item)
print(Sub[int])
try:
    Ord[0]
except TypeError as e:
    print(e)
