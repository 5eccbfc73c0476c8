# Frozen-instance and lazy-attribute patterns (__setattr__/__delattr__/__getattr__ with slots).
class FrozenError(AttributeError): pass
class Frozen:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)
    def __setattr__(self, k, v):
        raise FrozenError(f"cannot assign to field {k!r}")
    def __delattr__(self, k):
        raise FrozenError(f"cannot delete field {k!r}")
    def __getattr__(self, k):
        return f"<no {k}>"
    def __eq__(self, o): return (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
f = Frozen(1, 2)
print(f.x, f.y, f.z, f == Frozen(1, 2), len({f, Frozen(1, 2)}))
for act in (lambda: setattr(f, "x", 5), lambda: delattr(f, "y")):
    try: act()
    except AttributeError as e: print(type(e).__name__, e)
print(hasattr(f, "anything"), getattr(f, "q"))
class Lazy:
    def __init__(self): self.calls = 0
    def __getattr__(self, name):
        self.calls += 1
        val = name * 2
        setattr(self, name, val)
        return val
l = Lazy()
print(l.ab, l.ab, l.calls)
