# inspect: predicates, generator/coroutine states, signatures, members, docs, frames, source
import inspect
import functools
import sys
from typing import List, Optional


def plain(a, b=2, *args, c, d=4, **kw):
    """Plain function.

    Indented body line.
        More indented.
    """
    return a

def gen():
    yield 1

async def coro():
    return 1

async def agen():
    yield 1

class Widget:
    """A widget."""
    size = 3
    def method(self, x, y=1):
        return x
    @classmethod
    def make(cls, n: int) -> 'Widget':
        return cls()
    @staticmethod
    def helper(z):
        return z
    @property
    def area(self):
        return self.size ** 2

w = Widget()
for name in ('ismodule', 'isclass', 'ismethod', 'isfunction', 'isgeneratorfunction',
             'iscoroutinefunction', 'isasyncgenfunction', 'isbuiltin', 'isroutine'):
    pred = getattr(inspect, name)
    print(name, [pred(o) for o in (inspect, Widget, w.method, plain, gen, coro, agen, len, Widget.make)])
g = gen()
c = coro()
print(inspect.isgenerator(g), inspect.isgenerator(plain), inspect.iscoroutine(c), inspect.isawaitable(c), inspect.isawaitable(g))
print(inspect.isasyncgen(agen()), inspect.isabstract(Widget))

print(inspect.getgeneratorstate(g))
next(g)
print(inspect.getgeneratorstate(g))
def watcher():
    yield inspect.getgeneratorstate(me)
me = watcher()
print(next(me))
try:
    next(g)
except StopIteration:
    pass
print(inspect.getgeneratorstate(g))
print(inspect.getcoroutinestate(c))
try:
    c.send(None)
except StopIteration as e:
    print("returned", e.value)
print(inspect.getcoroutinestate(c))

def counter():
    total = 0
    while True:
        x = yield total
        total += x
cg = counter()
next(cg); cg.send(5)
print(inspect.getgeneratorlocals(cg))

sig = inspect.signature(plain)
print(sig, repr(sig))
print(list(sig.parameters), sig.parameters['b'].default, sig.parameters['c'].default is inspect.Parameter.empty)
for p in sig.parameters.values():
    print(p.name, p.kind, p.kind.description, repr(p), str(p), int(p.kind))
def annotated(x: int, y: List[str] = None, *, z: 'Widget' = 1, flag: Optional[int] = None) -> dict:
    pass
print(inspect.signature(annotated))
print(inspect.signature(lambda a, /, b, *, c: None))
print(inspect.signature(w.method), inspect.signature(Widget.method), inspect.signature(Widget.make))
print(inspect.signature(Widget.helper), inspect.signature(Widget))
class Point:
    def __init__(self, x, y=0):
        pass
print(inspect.signature(Point), inspect.signature(functools.partial(plain, 1, c=3)))
@functools.wraps(plain)
def wrapper(*a, **k):
    return plain(*a, **k)
print(inspect.signature(wrapper), inspect.unwrap(wrapper) is plain)
ba = sig.bind(1, 2, 3, c=5, e=6)
print(ba, ba.args, ba.kwargs)
ba = sig.bind_partial(1)
ba.apply_defaults()
print(ba.arguments)
for args, kwargs in [((), {}), ((1,), {}), ((1, 2), {'c': 1, 'b': 3})]:
    try:
        sig.bind(*args, **kwargs)
    except TypeError as e:
        print("TypeError:", e)
try:
    inspect.signature(lambda a: a).bind(1, 2)
except TypeError as e:
    print("TypeError:", e)
P = inspect.Parameter
s2 = inspect.Signature([P('a', P.POSITIONAL_ONLY), P('b', P.POSITIONAL_OR_KEYWORD, default=1),
                        P('c', P.KEYWORD_ONLY, annotation=int)], return_annotation=str)
print(s2, s2 == inspect.signature(lambda a, /, b=1, *, c: 0), s2.replace(return_annotation=inspect.Signature.empty))
try:
    inspect.Signature([P('a', P.POSITIONAL_OR_KEYWORD, default=1), P('b', P.POSITIONAL_OR_KEYWORD)])
except ValueError as e:
    print("ValueError:", e)
print(inspect.getfullargspec(plain))

print([n for n, v in inspect.getmembers(Widget) if not n.startswith('__')])
print([n for n, v in inspect.getmembers(w, inspect.ismethod)])
print([n for n, v in inspect.getmembers(Widget, lambda o: isinstance(o, property))])
print(inspect.getdoc(plain))
print(repr(inspect.cleandoc("""   first
      second
        third
    """)))
print(inspect.getdoc(Widget), inspect.getdoc(w.method))
print(inspect.getmodule(plain) is sys.modules[__name__], inspect.getmodule(inspect.signature).__name__)
print(inspect.getmro(bool))

def where():
    f = inspect.currentframe()
    return f.f_code.co_name, f.f_back.f_code.co_name
print(where())
def outer():
    return [fi.function for fi in inspect.stack()]
print(outer()[:2])
print(inspect.getsource(Widget.method), end='')
print(inspect.getsourcelines(gen)[1])

import inspect, functools
def deco(f):
    @functools.wraps(f)
    def w(*a): return f(*a)
    return w
@deco
def decorated(a,
              b=2):
    # comment
    x = (a +
  b)

    return x
class K:
    """doc"""
    def m(self):
        return 1

    z = 3
def tail(): return 1
print(inspect.getsource(decorated), end='')
print(inspect.getsource(K), end='')
print(inspect.getsource(tail), end='')
print(inspect.getsource(K.m), end='')
print(inspect.getsourcelines(K)[1], inspect.getfile(K).endswith('gs.py'))
lam = lambda q: q + 1
print(inspect.getsource(lam), end='')
print(tail.__code__.co_firstlineno, K.m.__code__.co_firstlineno, decorated.__wrapped__.__code__.co_firstlineno)
print(inspect.getsourcelines(tail))

for f in (len, print, sorted, sum, pow, isinstance, open, round, divmod):
    print(f.__name__, inspect.signature(f))
for f in (max, iter, int):
    try: print(inspect.signature(f))
    except ValueError as e: print("ValueError:", e)

def f(a, b: 'int' = 2, *args, c: float, **kw) -> 'str': pass
class K:
    x: int
    y: 'list[int]'
    def m(self, q, r=1): pass
print(inspect.get_annotations(f), inspect.get_annotations(f, eval_str=True), inspect.get_annotations(K, eval_str=True))
print(inspect.getcallargs(f, 1, 2, 3, c=4, z=5), sorted(inspect.getcallargs(K().m, 9)))
