# Classes: attributes, methods, inheritance, super(), class attributes, repr defaults.
class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return f"{self.name} makes a sound"
    def describe(self):
        return f"{self.kind}: {self.speak()}"

class Dog(Animal):
    kind = "dog"
    def speak(self):
        return f"{self.name} barks"

class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + " softly"

a, d, p = Animal("generic"), Dog("rex"), Puppy("bit", 1)
for x in (a, d, p):
    print(x.describe())
print(Puppy.__mro__)
print(Puppy.__bases__, Puppy.__base__, Animal.__bases__)
print(Puppy.__name__, Puppy.__qualname__, Puppy.__module__)
print(type(p) is Puppy, isinstance(p, Animal), issubclass(Puppy, Dog), issubclass(Dog, Puppy))
print(p.__dict__)
print(sorted(Animal.__dict__.keys()))
print(Animal.__doc__)
class Documented:
    """A docstring."""
print(Documented.__doc__)
print(str(Animal)[:30], repr(Puppy))
print(repr(a).startswith("<__main__.Animal object at 0x"))
print(type(a).__name__, type(type(a)), type(type))
print(Animal.speak.__qualname__, Dog.kind)
Dog.kind = "hound"
print(d.describe(), p.describe())
del Dog.kind
print(d.describe())
try:
    del Dog.kind
except AttributeError as e:
    print("AttributeError:", e)
try:
    a.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    Animal.missing
except AttributeError as e:
    print("AttributeError:", e)
print(Animal.__subclasses__(), Dog.__subclasses__())
print(Puppy.mro())

class Outer:
    class Inner:
        pass
print(Outer.Inner.__qualname__, Outer.Inner)
# class body scoping and ordering
class Ordered:
    b = 1
    a = 2
    def m(self): pass
print([k for k in Ordered.__dict__ if not k.startswith("__")])
# dynamic class creation
T = type("T", (Animal,), {"kind": "t", "extra": lambda self: 42})
t = T("tt")
print(t.describe(), t.extra(), T.__module__, T.__qualname__)
print(type(3), type("x"), type(None))
# setting __name__ / __qualname__
T.__name__ = "Renamed"
print(T, T.__name__, T.__qualname__)
try:
    int.x = 1
except TypeError as e:
    print("TypeError:", e)
try:
    type("X", (bool,), {})
except TypeError as e:
    print("TypeError:", e)
