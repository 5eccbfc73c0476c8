# enum: Enum/IntEnum/StrEnum/Flag/IntFlag, auto, unique, lookups, reprs, functional API
from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique
import enum


class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1          # alias of RED

    def describe(self):
        return f"{self.name} is {self.value}"

    @classmethod
    def favourite(cls):
        return cls.GREEN

print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value, type(Color.RED))
print(list(Color), len(Color), Color.CRIMSON is Color.RED, Color(2), Color['BLUE'])
print(list(Color.__members__), Color.__members__['CRIMSON'])
print(Color.RED.describe(), Color.favourite(), Color.RED in Color, f"{Color.BLUE}", format(Color.RED, '>12') + '|')
print(Color.RED == Color.RED, Color.RED == 1, Color.RED is Color(1), hash(Color.RED) == hash(Color.RED))
print({Color.RED: 'r'}[Color.CRIMSON], sorted(Color, key=lambda c: c.value, reverse=True))
print(list(reversed(Color)), Color, repr(Color), isinstance(Color.RED, Color))
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color['PINK']
except KeyError as e:
    print("KeyError:", e)
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError:", e)
try:
    Color.RED < Color.BLUE
except TypeError as e:
    print("TypeError:", e)
try:
    class More(Color):
        PINK = 4
except TypeError as e:
    print("TypeError:", e)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
        C = 2
        D = 2
except ValueError as e:
    print("ValueError:", e)


class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def surface_gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)

print(Planet.EARTH, Planet.EARTH.value, round(Planet.EARTH.surface_gravity, 3), Planet((3.303e+23, 2.4397e6)))


class Auto(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()
print(list(Auto), [m.value for m in Auto])


class Lower(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.lower() + str(count)
    X = auto()
    Y = auto()
print(list(Lower))


class Num(IntEnum):
    ONE = 1
    TWO = 2
    THREE = 3
print(Num.ONE, repr(Num.TWO), str(Num.THREE), f"{Num.TWO}", Num.ONE + Num.TWO, Num.THREE * 2)
print(Num.ONE < Num.TWO, Num.ONE == 1, Num(2), sorted([Num.THREE, Num.ONE]), [1, 2, 3, 4][Num.TWO], int(Num.THREE))
print(isinstance(Num.ONE, int), max(Num), Num.TWO in Num)


class Shape(StrEnum):
    CIRCLE = auto()
    SQUARE = 'sq'
print(Shape.CIRCLE, repr(Shape.SQUARE), Shape.SQUARE == 'sq', Shape('circle'), Shape.CIRCLE.upper(), f"<{Shape.SQUARE}>")


class Perm(Flag):
    R = 4
    W = 2
    X = 1
    RW = 6
rw = Perm.R | Perm.W
print(repr(rw), rw, repr(Perm.R | Perm.X), str(Perm.R | Perm.X), list(Perm), list(Perm.R | Perm.X))
print(repr(Perm(0)), str(Perm(0)), bool(Perm(0)), bool(Perm.R), repr(~Perm.R), repr(~Perm(0)), len(Perm(7)))
print(Perm.R in rw, Perm.X in rw, repr(rw & Perm.W), repr(rw ^ Perm.R), Perm(7), Perm(6) is Perm.RW)
try:
    Perm(8)
except ValueError as e:
    print("ValueError:", e)


class Color2(Flag):
    RED = auto()
    GREEN = auto()
    BLUE = auto()
    WHITE = RED | GREEN | BLUE
print(list(Color2), Color2.WHITE, repr(Color2.RED | Color2.BLUE), [c.value for c in Color2])


class IP(IntFlag):
    R = 4
    W = 2
    X = 1
print(repr(IP.R | IP.W), IP.R | IP.W, repr(IP(0)), repr(~IP.R), repr(IP(12)), IP.R | 8, repr(IP.R | 8))
print(IP.R + 1, IP.R == 4, format(IP.R), isinstance(IP.R | IP.X, IP), repr(IP(-1)))

Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value, repr(Animal))
Shade = Enum('Shade', [('DARK', 10), ('LIGHT', 20)])
print(list(Shade), Shade(20))
Mode = IntEnum('Mode', {'READ': 1, 'WRITE': 2})
print(Mode.WRITE, repr(Mode.READ))


class Status(Enum):
    ACTIVE = 'active'
    INACTIVE = 'inactive'

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, str):
            for m in cls:
                if m.value == value.lower():
                    return m
        return None
print(Status('ACTIVE'), Status('Inactive'))
try:
    Status('gone')
except ValueError as e:
    print("ValueError:", e)


def classify(c):
    if c is Color.RED:
        return "warm"
    if c in (Color.BLUE, Color.GREEN):
        return "cool"
print(classify(Color.RED), classify(Color.BLUE))
import copy
print(copy.copy(Color.RED) is Color.RED, copy.deepcopy([Num.ONE])[0] is Num.ONE)
print(Color.RED.__class__.__name__, Num.__members__.keys(), enum.EnumMeta is enum.EnumType)

from enum import *
class C(Flag, boundary=CONFORM):
    A = 1
    B = 2
print(repr(C(7)), repr(C(3)))
class E(Flag, boundary=EJECT):
    A = 1
    B = 2
print(repr(E(7)), type(E(7)))
class K(IntFlag):
    A = 1
    B = 2
print(repr(K(7)), K(7), repr(K.A | 4), K.A & 3, repr(K.A & 3), repr(K.A ^ K.B), K(0) | K.A)
@verify(UNIQUE, CONTINUOUS)
class V(Enum):
    A = 1
    B = 2
try:
    @verify(CONTINUOUS)
    class V2(Enum):
        A = 1
        B = 3
except ValueError as e: print(e)
class NM(Enum):
    A = 1
    helper = nonmember(5)
    @member
    def fn(self): return 1
print(list(NM)[0], NM.helper, NM.fn.name)
class Base(Enum):
    def describe(self): return f"{self.name}={self.value}"
class Child(Base):
    X = 1
print(Child.X.describe(), list(Child))
class Ord(Enum):
    _order_ = 'A B'
    A = 1
    B = 2
try:
    class Ord2(Enum):
        _order_ = 'B A'
        A = 1
        B = 2
except TypeError as e: print(e)
try:
    class Dupe(Enum):
        A = 1
        A = 2
except TypeError as e: print(e)
try:
    class Res(Enum):
        _foo_ = 1
except ValueError as e: print(e)
print(Child.X.value, Child['X'], Child(1), Child.__members__)
print(IntEnum('X', 'a b').a + 1, StrEnum('S', 'x y').x.upper())
print(enum.EnumType if False else EnumType, EnumMeta)
