# __slots__ variants: strings, __dict__/__weakref__ slots, inheritance, getstate.
class A:
    __slots__ = "single"
a = A(); a.single = 1; print(a.single, A.__slots__)
class B:
    __slots__ = ("x", "__dict__", "__weakref__")
b = B(); b.x = 1; b.y = 2; print(b.x, b.__dict__, B.__weakref__.__class__.__name__, b.__weakref__)
class C(B):
    __slots__ = ("z",)
c = C(); c.z = 3; c.w = 4; print(c.z, c.__dict__)
try:
    class D(B):
        __slots__ = ("__dict__",)
except TypeError as e:
    print("TypeError:", e)
try:
    class E(B):
        __slots__ = ("__weakref__",)
except TypeError as e:
    print("TypeError:", e)
class F:
    __slots__ = ()
try:
    F().x = 1
except AttributeError as e:
    print("AttributeError:", e)
print(F.__dict__.keys())
class G(int):
    __slots__ = ()
print(G(5) + 1, hasattr(G(1), "__dict__"))
try:
    class H(int):
        __slots__ = ("a",)
except TypeError as e:
    print("TypeError:", e)
class K:
    __slots__ = ("a", "b")
    def __init__(self): self.a = 1
k = K()
print(k.__getstate__() if hasattr(k, "__getstate__") else None)
print(sorted(dir(k))[:3], K.a, K.b.__name__, K.a.__objclass__)
class M(K):
    pass
m = M(); m.c = 3
print(m.__getstate__())
