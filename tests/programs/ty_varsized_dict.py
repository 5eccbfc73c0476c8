# Instances of str/tuple/bytes subclasses get a __dict__ (kept in a side table).
class S(str):
    pass
s = S("abc")
s.tag = 1
print(s, s.tag, s.__dict__, vars(s), s.upper(), type(s).__name__)
del s.tag
try:
    s.tag
except AttributeError as e:
    print("AttributeError:", e)
class T(tuple):
    def total(self): return sum(self)
t = T((1, 2, 3))
t.name = "t"
print(t, t.total(), t.name, t.__dict__)
class SS(S):
    def __init__(self, v):
        self.length = len(v)
ss = SS("hello")
print(ss, ss.length, sorted(k for k in dir(ss) if not k.startswith("_"))[:3], ss.__dict__)
class B(bytes): pass
b = B(b"xy"); b.k = 2; print(b, b.k)
class Color(str):
    def __new__(cls, value, label):
        o = super().__new__(cls, value)
        o.label = label
        return o
    def __repr__(self): return f"<Color {self.label}={str.__repr__(self)}>"
red = Color("r", "RED")
print(repr(red), red == "r", red.label, {red: 1}["r"])
class NT(tuple):
    __slots__ = ()
try:
    NT((1,)).x = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
  class WithD(tuple):
      __slots__ = ("__dict__",)
except TypeError as e:
  print("TypeError:", e)

s2 = S("z"); s2.__dict__ = {"a": 1}; print(s2.a)
object.__setattr__(s2, "b", 2); print(object.__getattribute__(s2, "b"), getattr(s2, "zz", "dflt"))
for i in range(10000):
    x = S("q"); x.v = [x]
print("done")
