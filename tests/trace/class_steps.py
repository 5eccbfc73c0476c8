# Each step of class creation and instance creation (--trace=class).
class Field:
    def __set_name__(self, owner, name):
        self.name = name

class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kwds):
        print("prepare", name)
        return {}
    def __new__(mcls, name, bases, ns, **kwds):
        print("new", name, sorted(k for k in ns if not k.startswith("__")))
        return super().__new__(mcls, name, bases, ns)
    def __init__(cls, name, bases, ns, **kwds):
        print("init", name)
        super().__init__(name, bases, ns)

class Plugin(metaclass=Meta):
    registry = []
    def __init_subclass__(cls, **kwds):
        super().__init_subclass__(**kwds)
        Plugin.registry.append(cls.__name__)

class Mixin:
    pass

class Audio(Mixin, Plugin):
    volume = Field()
    def __init__(self, level):
        self.level = level

a = Audio(3)
print(a.level, Plugin.registry, Audio.volume.name)

class Singleton:
    _instance = None
    def __new__(cls, *args):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance
    def __init__(self):
        print("Singleton.__init__")

Singleton()

class Odd:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never printed")

print(Odd())
