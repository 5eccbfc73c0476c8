# Patching dunders on live classes, __del__, vars(), __dict__/__class__ assignment.
class A:
    def __repr__(self): return "A!"
a = A()
print(a)
A.__repr__ = lambda self: "patched"
print(a, repr(a))
del A.__repr__
print(repr(a)[:20])
class B(A): pass
A.__len__ = lambda self: 3
print(len(B()))
A.__eq__ = lambda s, o: True
print(A() == 1, B() == 2)
try:
    A.__hash__
    print(A.__hash__)
except Exception as e: print(e)
class C:
    def __del__(self):
        print("del C")
c = C()
del c
print("after")
print("end")
class E:
    x = 1
print(E.__dict__['x'], type(E.__dict__))
print(vars(E)['x'])
e = E()
print(vars(e))
e.__dict__ = {'z': 1}
print(e.z)
class F(E):
    pass
f = F()
f.__class__ = E
print(type(f))
try:
    f.__class__ = int
except TypeError as ex:
    print(ex)
print(dir(E)[-3:], E.__sizeof__ is not None)
print(isinstance(3, (str, int)), issubclass(bool, int), int.__subclasscheck__(bool))
print(type.__instancecheck__(int, 3))
print(type(E).__name__, E.__class__, type.__class__)
print(object.__subclasshook__(), E.__init_subclass__.__name__)
