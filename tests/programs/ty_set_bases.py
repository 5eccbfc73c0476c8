# Assigning __bases__: MROs and slots of the class and its subclasses are recomputed.
class A:
    def __repr__(self): return "A-repr"
class B:
    def __repr__(self): return "B-repr"
    def __len__(self): return 3
class C(A): pass
class D(C): pass
d = D()
print(repr(d))
C.__bases__ = (B,)
print(repr(d), len(d), D.__mro__)
try:
    C.__bases__ = (D,)
except TypeError as e:
    print("TypeError:", e)
try:
    C.__bases__ = ()
except TypeError as e:
    print("TypeError:", e)
try:
    int.__bases__ = (object,)
except TypeError as e:
    print("TypeError:", e)
