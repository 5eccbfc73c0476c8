# One case per rule of the attribute lookup order (--trace=attr).
class Positive:
    """A data descriptor: defines __get__ and __set__."""
    def __set_name__(self, owner, name):
        self.key = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.key)
    def __set__(self, obj, value):
        if value <= 0:
            raise ValueError("must be positive")
        setattr(obj, self.key, value)
    def __delete__(self, obj):
        delattr(obj, self.key)

class Meta(type):
    @property
    def tag(cls):
        return "meta-" + cls.__name__
    def hello(cls):
        return "hello from " + cls.__name__

class Base(metaclass=Meta):
    kind = "base"
    size = Positive()
    def method(self):
        return "method"
    @classmethod
    def make(cls):
        return cls.__name__
    @staticmethod
    def helper():
        return "static"
    @property
    def double(self):
        return self.size * 2

class Child(Base):
    def __getattr__(self, name):
        return "fallback " + name

class Slotted:
    __slots__ = ("x",)

c = Child()
c.size = 3
print(c.size)
print(c.double)
c.note = "hi"
print(c.note)
print(c.method())
print(c.make())
print(c.helper())
print(c.kind)
print(c.missing)
del c.note
del c.size
s = Slotted()
s.x = 5
print(s.x)
print(Base.tag)
print(Base.hello())
print(Base.kind)
print(Base.make())
Base.extra = 1
print(len([1, 2]))

class Grand(Child):
    def method(self):
        return "grand " + super().method()

print(Grand().method())
