# Functions and classes: signatures, defaults, annotations, code object attributes, decorators.
def f(a, b, /, c, d=4, *args, e, g=7, **kw) -> "ret":
    "docstring of f"
    local1 = a
    def inner():
        return c
    return local1

co = f.__code__
print(co.co_name, co.co_qualname, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount)
print(co.co_varnames, co.co_cellvars, co.co_freevars, co.co_nlocals)
print(co.co_flags, f.__doc__, f.__defaults__, f.__kwdefaults__)
print(f.__annotations__)
print(f.__code__.co_consts[0])
print(co.co_firstlineno, co.co_filename.endswith("cg_funcs.py"))

def g(x: int, *a: str, y: float = 1.0, **k: bytes) -> None:
    pass
print(g.__annotations__)

def nodoc():
    x = "not a docstring"
    return x
print(nodoc.__doc__)

def gen():
    yield 1
async def coro():
    pass
async def agen():
    yield 1
def nested_flags():
    def inner(*a, **k):
        pass
    return inner
print(gen.__code__.co_flags, coro.__code__.co_flags, agen.__code__.co_flags, nested_flags().__code__.co_flags)
print((lambda: 0).__code__.co_flags, (lambda: 0).__doc__)
c = coro()
c.close()

def cells(a, b):
    def inner():
        return a + b
    return inner
print(cells.__code__.co_cellvars, cells(1, 2).__code__.co_freevars, cells(1, 2)())

# decorators apply bottom-up, after definition
def deco(tag):
    def wrap(fn):
        def w(*args, **kw):
            return f"{tag}({fn(*args, **kw)})"
        w.__name__ = fn.__name__
        return w
    return wrap

@deco("outer")
@deco("inner")
def hello(name):
    return "hello " + name
print(hello("x"), hello.__name__)

@deco("cls")
class K:
    pass
print(K().startswith("cls(<__main__.K object at "))

# class body protocol
class Meta(type):
    def __new__(mcls, name, bases, ns, **kwargs):
        print("meta new", name, sorted(k for k in ns if not k.startswith("__")), kwargs)
        ns_keys = [k for k in ns if k in ("__module__", "__qualname__", "__doc__")]
        print("ns special", ns_keys)
        return super().__new__(mcls, name, bases, ns)

class WithMeta(metaclass=Meta, flag=True):
    "class doc"
    a = 1
    def m(self):
        return __class__
print(WithMeta.__doc__, WithMeta.__module__, WithMeta().m() is WithMeta)

class Ann:
    x: int = 3
    y: str
print(Ann.__annotations__, Ann.x)
z: float = 1.5
print(__annotations__)

def keyword_only(*, a, b=2):
    return a, b
print(keyword_only(a=1))
try:
    keyword_only(1)
except TypeError as e:
    print(e)

# recursion and default evaluated once
def r(n, acc=[]):
    acc.append(n)
    return acc if n == 0 else r(n - 1)
print(r(3))

# generator expression as sole argument, class with bases by star
bases = (Exception,)
class MyErr(*bases):
    pass
print(MyErr.__mro__[1].__name__, sum(x * x for x in range(4)))

# import forms
import os.path
import os.path as osp
from os import path as p2, sep
print(osp is os.path, p2 is os.path, sep)
import os.path
print(os.path.__name__, os.__name__)

# methods on builtins through LOAD_METHOD and plain attributes
s = "a,b,c"
print(s.split(","), s.upper().lower(), len(s))
