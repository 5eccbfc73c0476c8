"""Class creation and instance creation, step by step.

Run it with `build/vitrine samples/metaclass_creation.py`. Each step prints what is about to
happen, then does it under `vitrine.trace("class")`. A class statement runs:
  1. pick the metaclass: metaclass= (or type) and type(base) for each base; the most derived wins
  2. Meta.__prepare__(name, bases) makes the namespace
  3. the class body runs in that namespace (the names it defines are listed)
  4. Meta(name, bases, namespace): type.__call__ -> Meta.__new__ -> type.__new__, which
     computes the MRO, calls __set_name__ on each attribute that has it, then the parent's
     __init_subclass__; then Meta.__init__
C(...) runs type(C).__call__: C.__new__, then C.__init__ unless __new__ returned something
that is not an instance of C.
"""
import vitrine


class Field:
    def __set_name__(self, owner, name):
        self.name = name


class Registry(type):
    classes = []

    @classmethod
    def __prepare__(mcls, name, bases, **kwds):
        return {"registered_by": mcls.__name__}

    def __new__(mcls, name, bases, ns, **kwds):
        cls = super().__new__(mcls, name, bases, ns)
        mcls.classes.append(name)
        return cls

    def __init__(cls, name, bases, ns, **kwds):
        super().__init__(name, bases, ns)


def step(text):
    print("\n# " + text, flush=True)


step("class Model(metaclass=Registry): every step of a class statement")
with vitrine.trace("class"):
    class Model(metaclass=Registry):
        def __init_subclass__(cls, table=None, **kwds):
            super().__init_subclass__(**kwds)
            cls.table = table or cls.__name__.lower()

step("class User(Model, table='users'): metaclass inherited, __set_name__, __init_subclass__")
with vitrine.trace("class"):
    class User(Model, table="users"):
        name = Field()

        def __init__(self, name):
            self.name_value = name

step("User('ada'): __new__ then __init__")
with vitrine.trace("class"):
    u = User("ada")


class Cached:
    def __new__(cls, key):
        return key if isinstance(key, str) else super().__new__(cls)

    def __init__(self, key):
        self.key = key


step("Cached('k'): __new__ returns a str, so __init__ is skipped")
with vitrine.trace("class"):
    Cached("k")
print(Registry.classes, User.table, User.name.name)
