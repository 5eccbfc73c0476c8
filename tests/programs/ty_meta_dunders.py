# Metaclass-level dunders (Enum-like): __getitem__, __iter__, __len__, __contains__, __repr__, __getattr__ on classes.
class EnumMeta(type):
    def __new__(mcls, name, bases, ns):
        members = {k: v for k, v in ns.items() if not k.startswith("_")}
        cls = super().__new__(mcls, name, bases, ns)
        cls._members = {}
        for k, v in members.items():
            inst = object.__new__(cls)
            inst.name, inst.value = k, v
            cls._members[k] = inst
            setattr(cls, k, inst)
        return cls
    def __getitem__(cls, k): return cls._members[k]
    def __iter__(cls): return iter(cls._members.values())
    def __len__(cls): return len(cls._members)
    def __contains__(cls, m): return m in cls._members.values()
    def __repr__(cls): return f"<enum {cls.__name__}>"
    def __getattr__(cls, name):
        if name.startswith("x_"): return name
        raise AttributeError(name)
    def __bool__(cls): return True
class Enum(metaclass=EnumMeta):
    def __repr__(self): return f"<{type(self).__name__}.{self.name}: {self.value}>"
class Color(Enum):
    RED = 1
    GREEN = 2
print(Color, Color["RED"], list(Color), len(Color), Color.RED in Color, Color.x_test)
print(repr(Color.GREEN), Color.GREEN.value, type(Color.RED) is Color, isinstance(Color.RED, Enum))
try:
    Color.nothing
except AttributeError as e:
    print("AE", e)
print(hash(Color) == hash(Color), Color == Color, sorted(Color.__dict__.keys())[:4])
