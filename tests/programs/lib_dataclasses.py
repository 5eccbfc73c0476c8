# dataclasses: generated methods, field options, helpers, error messages
from dataclasses import (dataclass, field, fields, asdict, astuple, replace, is_dataclass,
                         FrozenInstanceError, InitVar, MISSING, KW_ONLY, make_dataclass)
from typing import ClassVar, List


@dataclass
class Point:
    x: int
    y: int = 0

p = Point(1, 2)
print(p, repr(Point(3)), p == Point(1, 2), p != Point(2, 1), Point.__hash__)
print([f.name for f in fields(Point)], fields(p)[1].default, fields(p)[0].default is MISSING)
print(Point.__doc__, Point.__match_args__)
print(is_dataclass(Point), is_dataclass(p), is_dataclass(3))


@dataclass(order=True, frozen=True)
class Card:
    rank: int
    suit: str = field(compare=False, default='S')

cards = [Card(10, 'H'), Card(2), Card(7, 'D')]
print(sorted(cards), Card(1) < Card(2), Card(3, 'H') == Card(3, 'S'))
print(hash(Card(5)) == hash(Card(5, 'H')))
try:
    Card(1).rank = 5
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
try:
    del Card(1).suit
except FrozenInstanceError as e:
    print("FrozenInstanceError:", e)


@dataclass
class Inventory:
    items: List[str] = field(default_factory=list)
    count: int = field(default=0, repr=False)
    secret: str = field(default='s', init=False)
    total: ClassVar[int] = 0
    meta: dict = field(default_factory=dict, metadata={'unit': 'kg'}, compare=False)

a, b = Inventory(), Inventory()
a.items.append('x')
print(a, b, a.secret, Inventory.total, fields(Inventory)[3].metadata['unit'])
print([f.name for f in fields(Inventory)])


@dataclass
class WithInit:
    base: int
    scale: InitVar[int] = 2
    result: int = field(init=False)
    def __post_init__(self, scale):
        self.result = self.base * scale

w = WithInit(5, 3)
print(w, WithInit(4), replace(w, base=10, scale=1))
try:
    replace(w, result=1)
except ValueError as e:
    print("ValueError:", e)


@dataclass
class Base:
    a: int
    b: str = 'b'

@dataclass
class Derived(Base):
    c: float = 1.0
    a: int = 5

print(Derived(), Derived(1, 'x', 2.5), [f.name for f in fields(Derived)])


@dataclass
class Nested:
    p: Point
    pts: list
    d: dict

n = Nested(Point(1, 2), [Point(3, 4)], {'k': Point(5, 6)})
print(asdict(n))
print(astuple(n))
print(asdict(p, dict_factory=lambda kv: list(kv)))

try:
    @dataclass
    class Bad:
        x: int = 0
        y: int
except TypeError as e:
    print("TypeError:", e)
try:
    @dataclass
    class Bad2:
        items: list = []
except ValueError as e:
    print("ValueError:", e)
try:
    field(default=1, default_factory=list)
except ValueError as e:
    print("ValueError:", e)
try:
    @dataclass(order=True)
    class Bad3:
        x: int
        def __lt__(self, other):
            return True
except TypeError as e:
    print("TypeError:", e)
try:
    asdict(3)
except TypeError as e:
    print("TypeError:", e)
try:
    fields(3)
except TypeError as e:
    print("TypeError:", e)


@dataclass(unsafe_hash=True)
class H:
    x: int
    y: int = field(hash=False, default=0)
print(hash(H(1, 2)) == hash(H(1, 3)), H(1) in {H(1)})


@dataclass(eq=False)
class NoEq:
    x: int
print(NoEq(1) == NoEq(1), NoEq(1).__hash__ is not None)


@dataclass
class KW:
    a: int
    _: KW_ONLY
    b: int = 2
    c: int = 3

print(KW(1, c=9), KW.__match_args__)


@dataclass(kw_only=True)
class AllKW:
    x: int
    y: int = 1
print(AllKW(x=3))
try:
    AllKW(3)
except TypeError as e:
    print("TypeError:", e)


@dataclass(slots=True)
class Slotted:
    x: int
    y: int = 0
s = Slotted(1)
print(s, Slotted.__slots__, hasattr(s, '__dict__'))

C = make_dataclass('C', [('x', int), ('y', int, field(default=5))])
print(C(1), C(1, 2) == C(1, 2))


@dataclass
class Node:
    val: int
    children: list = field(default_factory=list)
root = Node(1)
root.children.append(root)
print(root)
print(repr(fields(Point)[0].type), InitVar[int])
