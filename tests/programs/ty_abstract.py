# An ABCMeta-like metaclass: __abstractmethods__, __instancecheck__/__subclasscheck__ hooks.
def abstractmethod(f):
    f.__isabstractmethod__ = True
    return f
class ABCMeta(type):
    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, ns, **kw)
        abstracts = {n for n, v in ns.items() if getattr(v, "__isabstractmethod__", False)}
        for base in bases:
            for n in getattr(base, "__abstractmethods__", set()):
                v = getattr(cls, n, None)
                if getattr(v, "__isabstractmethod__", False):
                    abstracts.add(n)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._registry = set()
        return cls
    def register(cls, sub):
        cls._registry.add(sub)
        return sub
    def __instancecheck__(cls, inst):
        return cls.__subclasscheck__(type(inst))
    def __subclasscheck__(cls, sub):
        if sub in cls._registry:
            return True
        return type.__subclasscheck__(cls, sub)
class Shape(metaclass=ABCMeta):
    @abstractmethod
    def area(self): ...
    @property
    @abstractmethod
    def name(self): ...
class Sq(Shape):
    def area(self): return 4
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
try:
    Sq()
except TypeError as e:
    print("TypeError:", e)
class Sq2(Sq):
    @property
    def name(self): return "sq"
s = Sq2()
print(s.area(), s.name, isinstance(s, Shape), issubclass(Sq2, Shape), sorted(Shape.__abstractmethods__), Sq2.__abstractmethods__)
Shape.register(int)
print(isinstance(3, Shape), issubclass(int, Shape), isinstance("x", Shape))
print(Shape.area.__isabstractmethod__, Shape.__dict__["name"].__isabstractmethod__)
