"""Descriptor dispatch: which rule of the attribute lookup order answers each access.

Run it with `build/vitrine samples/descriptor_dispatch.py`. Each step prints what is about to
happen, then does it under `vitrine.trace("attr")`; the `attr` lines on stderr name the rule:

  obj.name, in this order:
    1. data descriptor (defines __set__ or __delete__) found on type(obj)'s MRO -> its __get__
    2. obj.__dict__['name']                                   -> "instance __dict__ hit"
    3. non-data descriptor on the MRO (function, classmethod, staticmethod) -> its __get__
    4. plain class attribute on the MRO                       -> "class attribute"
    5. not found: type(obj).__getattr__(obj, 'name') if defined, else AttributeError
  Cls.name: a data descriptor of the metaclass first, then the class's own MRO, then the
  metaclass's other attributes.
Lookups on built-in types stay silent; `vitrine.trace("attr:all")` shows them too.
"""
import vitrine


class Typed:
    """A data descriptor: it has __set__, so it wins over the instance __dict__."""

    def __init__(self, kind):
        self.kind = kind

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj.__dict__[self.name]

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}")
        obj.__dict__[self.name] = value


class Meta(type):
    @property
    def label(cls):                 # a data descriptor of the metaclass
        return cls.__name__.upper()


class Point(metaclass=Meta):
    x = Typed(int)                  # data descriptor: beats the instance __dict__ entry 'x'
    dims = 2                        # plain class attribute

    def norm(self):                 # function: a non-data descriptor -> bound method
        return abs(self.x)

    @classmethod
    def origin(cls):                # classmethod: binds to the class
        return cls()

    @staticmethod
    def unit():                     # staticmethod: the plain function
        return 1

    def __getattr__(self, name):    # the last resort
        return f"<no {name}>"


class Pair:
    __slots__ = ("a", "b")          # slot members: data descriptors that read a field


def step(text):
    print("\n# " + text, flush=True)


p = Point()
step("set p.x = 3: Typed.__set__ runs (data descriptor), not a plain __dict__ store")
with vitrine.trace("attr"):
    p.x = 3
step("read p.x: the data descriptor answers although p.__dict__ has 'x' too")
with vitrine.trace("attr"):
    p.x
step("p.y = 1; p.y: no descriptor, so the instance __dict__ stores and answers")
with vitrine.trace("attr"):
    p.y = 1
    p.y
step("p.norm: a function on the class becomes a bound method")
with vitrine.trace("attr"):
    p.norm
step("p.origin, p.unit: classmethod binds the class, staticmethod gives the function")
with vitrine.trace("attr"):
    p.origin
    p.unit
step("p.dims: a plain class attribute")
with vitrine.trace("attr"):
    p.dims
step("p.colour: nothing found, so Point.__getattr__ answers")
with vitrine.trace("attr"):
    p.colour
step("Point.label: a property of the metaclass wins on the class")
with vitrine.trace("attr"):
    Point.label
step("Point.origin: the classmethod found on the class's own MRO")
with vitrine.trace("attr"):
    Point.origin
step("Pair().a = 1; read it back: slot members")
q = Pair()
with vitrine.trace("attr"):
    q.a = 1
    q.a
step("del p.y: the instance __dict__ entry goes")
with vitrine.trace("attr"):
    del p.y
step("[].append with attr:all: a built-in type's lookup, silent with plain 'attr'")
with vitrine.trace("attr:all"):
    [].append
