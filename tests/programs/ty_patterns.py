# A mix of class patterns: class decorators adding dunders after creation, exec'd __init__, slots trees.
def total_ordering(cls):
    if '__lt__' in cls.__dict__:
        cls.__gt__ = lambda a, b: b < a
        cls.__le__ = lambda a, b: not b < a
        cls.__ge__ = lambda a, b: not a < b
    return cls
def dataclass(cls):
    fields = list(cls.__annotations__)
    src = "def __init__(self, %s):\n" % ", ".join(fields)
    for f in fields:
        src += "    self.%s = %s\n" % (f, f)
    ns = {}
    exec(src, {}, ns)
    cls.__init__ = ns["__init__"]
    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join("%s=%r" % (f, getattr(self, f)) for f in fields))
    cls.__repr__ = __repr__
    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, f) == getattr(other, f) for f in fields)
    cls.__eq__ = __eq__
    cls.__hash__ = None
    return cls
@total_ordering
@dataclass
class Version:
    major: int
    minor: int
    def __lt__(self, o):
        return (self.major, self.minor) < (o.major, o.minor)
vs = [Version(1, 2), Version(0, 9), Version(1, 0)]
print(sorted(vs), max(vs), Version(1, 0) == Version(1, 0), Version(1, 0) >= Version(0, 5))
try:
    hash(vs[0])
except TypeError as e:
    print("TypeError:", e)
class Node:
    __slots__ = ("val", "children")
    def __init__(self, val, *children):
        self.val = val
        self.children = list(children)
    def __iter__(self):
        yield self.val
        for c in self.children:
            yield from c
    def __len__(self):
        return sum(1 for _ in self)
    def __contains__(self, v):
        return any(x == v for x in self)
t = Node(1, Node(2, Node(4)), Node(3))
print(list(t), len(t), 4 in t, 9 in t)
class Stack(list):
    def push(self, x): self.append(x); return self
    def peek(self): return self[-1]
    @property
    def empty(self): return not self
s = Stack().push(1).push(2)
print(s, s.peek(), s.empty, Stack().empty, isinstance(s, list))
class Observable:
    def __init__(self):
        object.__setattr__(self, "_log", [])
    def __setattr__(self, k, v):
        self._log.append(k)
        super().__setattr__(k, v)
o = Observable(); o.a = 1; o.b = 2
print(o._log, o.a + o.b)
class Money:
    __slots__ = ("amount",)
    def __init__(self, a): self.amount = a
    def __add__(self, o):
        return Money(self.amount + (o.amount if isinstance(o, Money) else o))
    __radd__ = __add__
    def __repr__(self): return f"Money({self.amount})"
    def __format__(self, spec): return format(self.amount, spec) + "$"
print(sum([Money(1), Money(2)], Money(0)), 5 + Money(1), f"{Money(3.5):.2f}")
