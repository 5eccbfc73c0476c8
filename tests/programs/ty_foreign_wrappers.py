# Slot wrappers of unrelated types assigned as dunders are type-checked, not called blindly.
class C:
    __hash__ = int.__hash__
    __repr__ = int.__repr__
    __len__ = list.__len__
def t(f):
    try: print(f())
    except Exception as e: print(type(e).__name__ + ":", e)
t(lambda: hash(C()))
t(lambda: repr(C()))
t(lambda: len(C()))
class D(int):
    __repr__ = int.__repr__
    __str__ = object.__repr__
print(repr(D(5)), str(D(5))[:14])
class X:
    __getattribute__ = type.__getattribute__
    def __getattr__(self, n): return "hook"
t(lambda: X().foo)
