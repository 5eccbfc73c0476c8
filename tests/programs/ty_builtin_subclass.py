# Subclassing built-in types, exceptions and type itself; super() with builtins.
class MyList(list):
    def push(self, x):
        self.append(x)
        return self
    def __repr__(self):
        return "MyList(" + super().__repr__() + ")"
ml = MyList([1, 2])
ml.push(3).push(4)
print(ml, len(ml), ml[1], isinstance(ml, list), type(ml[:2]), sum(ml))
ml.attr = "ok"
print(ml.attr)

class MyDict(dict):
    def __missing__(self, key):
        return f"missing {key}"
md = MyDict(a=1)
print(md["a"], md["zz"], md, isinstance(md, dict))

class Upper(str):
    def shout(self):
        return self.upper() + "!"
u = Upper("hi")
print(u, u.shout(), u + "x", type(u + "x"), len(u), isinstance(u, str))

class Money(int):
    def __repr__(self):
        return f"${int(self)}"
m = Money(5)
print(repr(m), m + 3, type(m + 3).__name__, m * 2, m == 5, hash(m) == hash(5))
m.note = "paid"
print(m.note)

class Pt(tuple):
    __slots__ = ()
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
pt = Pt(3, 4)
print(pt, pt.x, len(pt), type(pt).__name__, isinstance(pt, tuple))

class MyErr(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
try:
    raise MyErr(42, "bad thing")
except MyErr as e:
    print(type(e).__name__, e.code, e, e.args)
class Sub(ValueError):
    pass
try:
    raise Sub("x")
except ValueError as e:
    print("caught", repr(e))

class Meta(type):
    pass
print(type(Meta), Meta.__mro__, isinstance(Meta, type))

class F(float):
    pass
print(F(1.5) + 1, F(2.0).is_integer(), repr(F(0.1)))

print(int.__add__(1, 2), int.__add__, (5).__add__(6), int.__radd__(1, 2))
print(object.__repr__(ml)[:17], list.__len__([1, 2, 3]), str.__len__("abcd"))
try:
    int.__add__("a", 1)
except TypeError as e:
    print("TypeError:", e)
try:
    int.__add__()
except TypeError as e:
    print("TypeError:", e)
print(object.__eq__(1, 1), object.__ne__(1, 2), (1).__eq__(1.0), (1).__lt__(2))
print(int.__new__(Money, 7), type(int.__new__(Money, 7)).__name__)
try:
    object.__new__(int)
except TypeError as e:
    print("TypeError:", e)
try:
    int.__new__(str)
except TypeError as e:
    print("TypeError:", e)
class K:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    __hash__ = object.__hash__
print(K(1) == K(1), hash(K(1)) != 0)
print(sorted(k for k in dir(K(1)) if not k.startswith("_")), "__eq__" in dir(K))
print(K.__init__.__name__, object.__init__, object.__new__ is object.__dict__["__new__"])
