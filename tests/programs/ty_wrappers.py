# Slot wrappers and method-wrappers called directly (__get__/__set__/__len__/__pow__/__next__...).
class D:
    def __get__(self, obj, typ=None): return ("get", obj, typ)
    def __set__(self, obj, v): print("set", v)
    def __delete__(self, obj): print("delete")
d = D()
print(d.__get__(1), d.__get__(None, int))
class P:
    x = property(lambda s: 1)
pr = P.__dict__["x"]
print(pr.__get__(P()), pr.__get__(None, P) is pr)
try: pr.__get__(None, None)
except TypeError as e: print("TypeError:", e)
pr2 = property(lambda s: 1, lambda s, v: print("setting", v), lambda s: print("deleting"))
pr2.__set__(P(), 5); pr2.__delete__(P())
f = lambda self: 42
print(f.__get__(1)(), type(f.__get__(None, int)).__name__)
print([1, 2].__len__(), [1, 2].__getitem__(1), {1: 2}.__contains__(1), (5).__neg__(), (5).__abs__(), (7).__index__())
l = [1]; l.__setitem__(0, 9); l.__delitem__(0) if False else None; print(l)
print((3).__pow__(2), (3).__pow__(2, 5), (3).__rpow__(2), (2.5).__hash__() == hash(2.5), "ab".__mul__(2), "ab".__rmul__(3))
it = iter([1]); print(it.__next__())
try: it.__next__()
except StopIteration: print("StopIteration")
print(object().__eq__(1), object.__ne__(1, 1), (1).__bool__(), [].__iter__().__class__.__name__)
print(int.__call__ if hasattr(int, "__call__") else None)
print(type.__call__(int, "5"), list.__init__, (1).__init__)
