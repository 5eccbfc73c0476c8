# typing: alias reprs, Union/Optional, TypeVar/Generic, Protocol, NamedTuple, TypedDict, helpers
from typing import *
import typing
T = TypeVar('T'); K = TypeVar('K', covariant=True)
print(List[str], Dict[str, int], Optional[int], Union[int, str], Union[int, str, None], Set[int], FrozenSet[str])
print(Tuple[int, ...], Tuple[()], Tuple[int, str], Callable[[str], int], Callable[..., int], Any, T, K)
print(Iterable[int], Iterator[str], Generator[int, None, None], Sequence[T], Mapping[str, Any], Type[int], Literal['a', 1], ClassVar[int], Final[str])
print(List, Dict, Optional[List[int]], Union[int], Union[int, Union[str, int]])
print(get_origin(List[int]), get_args(Dict[str, int]), get_origin(Union[int, str]), get_args(Callable[[int], str]), get_origin(int), get_args(int|str))
print(isinstance([], List), isinstance({}, typing.Mapping), isinstance(3, Union[int, str]))
try: isinstance([], List[int])
except TypeError as e: print(e)
try: List()
except TypeError as e: print(e)
class Box(Generic[T]):
    def __init__(self, v: T): self.v = v
print(Box[int], Box.__parameters__, Box(3).v, Box[int](4).v)
class P(NamedTuple):
    x: int
    y: int = 0
    def s(self): return self.x + self.y
print(P(1), P(1,2).s(), P._fields, P.__annotations__)
class TD(TypedDict):
    name: str
    age: int
print(TD(name='a', age=1), TD.__annotations__, type(TD(name='x', age=2)))
@runtime_checkable
class Closable(Protocol):
    def close(self) -> None: ...
class F:
    def close(self): pass
print(isinstance(F(), Closable), isinstance(3, Closable))
class Greeter(Protocol):
    def greet(self) -> str: ...
try: isinstance(F(), Greeter)
except TypeError as e: print(e)
def f(a: 'int', b: List['str']) -> None: pass
print(get_type_hints(f))
print(cast(int, 'x'), TYPE_CHECKING)
UserId = NewType('UserId', int)
print(UserId(5), UserId)
print(List[int] == List[int], Union[int, str] == Union[str, int], hash(List[int]) == hash(List[int]))
print(Optional[int] | str, list[int] | None, Annotated[int, 'm'])
@overload
def g(x: int) -> int: ...
def g(x): return x
print(g(2))
print(Dict[str, T][int], Box[int].__origin__, get_type_hints(P))
print(isinstance(P(1), tuple), SupportsInt, isinstance(3, SupportsInt))

import typing
from dataclasses import dataclass, field, fields
T = TypeVar('T', bound=int); S = TypeVar('S', int, str)
print(T, S, T.__bound__, S.__constraints__, Callable[[int, str], bool], Dict[str, List[int]], Tuple[int], Optional[Callable[..., Any]])
print(isinstance((x for x in []), Iterable), isinstance([], Sequence), issubclass(list, Iterable), isinstance({}, Dict))
@runtime_checkable
class HasName(Protocol):
    name: str
class N:
    name = 'x'
print(isinstance(N(), HasName), isinstance(3, HasName))
K = TypeVar('K'); V = TypeVar('V')
class Pair(Generic[K, V]):
    pass
print(Pair[int, str], Pair.__parameters__, Pair[int, str]().__orig_class__ if False else '')
class IntPair(Pair[int, int]): pass
print(IntPair.__mro__, IntPair.__orig_bases__)
class MyList(List[int]): pass
print(MyList.__mro__, MyList([1,2]))
@dataclass
class D:
    a: int
    b: 'List[int]' = field(default_factory=list)
print(get_type_hints(D), fields(D)[0].name)
print(Union[int, str].__args__, Optional[int].__args__, List[int].__args__, List[int].__origin__)
print(Literal[1, 2] == Literal[2, 1], Union[int, str] == Union[str, int], List[int] == list[int], Any == Any)
print(repr(Type[Any]), Set, Generic, Protocol, Callable, Callable[[], None], NoReturn, Never, Self, ClassVar, Final, Literal, Union, Optional, Tuple, Text, AnyStr)
def f(x: int = 3) -> Optional[str]: ...
print(get_type_hints(f), get_origin(Optional[str]), get_args(Optional[str]), get_origin(Literal['a']), get_args(Literal['a']), get_origin(Annotated[int, 1]), get_args(Annotated[int, 1]))
try: Union[()]
except TypeError as e: print(e)
try: Generic()
except TypeError as e: print(e)
try:
    class Bad(Generic[int]): pass
except TypeError as e: print(e)
try: Pair[int]
except TypeError as e: print(e)
class Stack(Generic[T]):
    def __init__(self): self.items: list[T] = []
s = Stack[int](); print(type(s).__name__, s.__orig_class__)
print(typing.Sequence[int].__origin__, Deque[int], DefaultDict[str, int], Counter[str], OrderedDict[str, int], ChainMap[str, int], Awaitable[int], Coroutine[Any, Any, int], AsyncIterator[int])

from typing import IO, TextIO, BinaryIO, List
import sys
def w(f: TextIO, data: List[str]) -> None:
    f.write(','.join(data) + '\n')
w(sys.stdout, ['a', 'b'])
print(IO[str], TextIO, BinaryIO.__mro__, IO.__parameters__)


import typing
P = ParamSpec('P'); Ts = TypeVarTuple('Ts')
print(P, P.args, P.kwargs, Ts, Unpack[Ts], list(Ts), Callable[P, int], Concatenate[int, P])
@dataclass_transform()
def model(cls): return cls
print(model.__dataclass_transform__)

from typing import NamedTuple, TypedDict, Optional, List
import typing
class Emp(NamedTuple):
    """An employee."""
    name: str
    id: int = 3
    tags: List[str] = []
    def greet(self) -> str: return f"hi {self.name}"
    @property
    def upper(self): return self.name.upper()
e = Emp('a')
print(e, e.greet(), e.upper, Emp._field_defaults, Emp.__doc__, Emp._fields, e._replace(id=5), e._asdict(), Emp.__annotations__)
print(isinstance(e, tuple), type(e).__mro__, Emp.__module__)
P = NamedTuple('P', [('x', int), ('y', float)])
print(P(1, 2.0), P.__annotations__)
try:
    class Bad(NamedTuple):
        a: int = 1
        b: int
except TypeError as e: print(e)
class Movie(TypedDict, total=False):
    title: str
    year: int
class Movie2(Movie):
    rating: float
m: Movie = {'title': 'x'}
print(Movie.__total__, sorted(Movie.__optional_keys__), sorted(Movie2.__required_keys__), Movie2.__annotations__)
Pt = TypedDict('Pt', {'x': int, 'y': int})
print(Pt(x=1, y=2), Pt.__annotations__, Pt.__name__, typing.is_typeddict(Pt))
try: isinstance({}, Movie)
except TypeError as e: print(e)
