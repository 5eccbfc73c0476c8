# contextlib: contextmanager, suppress, redirect_stdout/stderr, ExitStack, closing, nullcontext.
import contextlib
import io
import sys
from contextlib import (contextmanager, suppress, redirect_stdout, redirect_stderr, ExitStack,
                        closing, nullcontext, AbstractContextManager, ContextDecorator)

@contextmanager
def tag(name):
    """Wrap output in a tag."""
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")

with tag("p") as t:
    print("inside", t)
print(tag.__name__, tag.__doc__)

try:
    with tag("div"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))

@contextmanager
def swallow():
    try:
        yield
    except ZeroDivisionError as e:
        print("swallowed", e)

with swallow():
    1 / 0
print("after swallow")

@contextmanager
def noyield():
    if False:
        yield
try:
    with noyield():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)

@contextmanager
def twice():
    yield
    yield
try:
    with twice():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)

@tag("deco")
def decorated(x):
    print("decorated body", x)
    return x * 2
print(decorated(21))

with suppress(KeyError, IndexError):
    {}["missing"]
print("suppressed")
try:
    with suppress(KeyError):
        [][1]
except IndexError:
    print("IndexError not suppressed")

buf = io.StringIO()
with redirect_stdout(buf) as target:
    print("captured line")
    print("second", 2)
print(target is buf, repr(buf.getvalue()))
err = io.StringIO()
with redirect_stderr(err):
    print("to stderr", file=sys.stderr)
print(repr(err.getvalue()))

log = []
with ExitStack() as stack:
    for i in range(3):
        stack.callback(log.append, i)
    f = stack.enter_context(tag("x"))
    print("entered", f)
print(log)

with ExitStack() as stack:
    stack.callback(print, "never")
    rest = stack.pop_all()
print("popped")
rest.close()

class Res:
    def __init__(self, n): self.n = n
    def close(self): print("closing", self.n)
with closing(Res(1)) as r:
    print("using", r.n)

with nullcontext(5) as v:
    print("null", v)
with nullcontext() as v:
    print("null", v)

def exit_suppress(*exc):
    print("exit cb sees", exc[0].__name__ if exc[0] else None)
    return True
with ExitStack() as stack:
    stack.push(exit_suppress)
    raise ValueError("hidden")
print("stack suppressed")

try:
    with ExitStack() as stack:
        stack.callback(lambda: 1 / 0)
        raise KeyError("first")
except ZeroDivisionError as e:
    print("ZeroDivisionError with context", repr(e.__context__))

class CM(AbstractContextManager):
    def __exit__(self, *a):
        print("CM exit")
with CM() as c:
    print(type(c).__name__)
print(issubclass(type(nullcontext()), AbstractContextManager), isinstance(io.StringIO(), AbstractContextManager),
      isinstance(3, AbstractContextManager))

class mycontext(ContextDecorator):
    def __enter__(self):
        print("enter mycontext")
        return self
    def __exit__(self, *exc):
        print("exit mycontext")
        return False
@mycontext()
def fn():
    print("fn body")
fn()
try:
    with ExitStack() as s:
        s.enter_context(42)
except TypeError as e:
    print(e)
import contextlib
from contextlib import contextmanager, ExitStack, suppress, nullcontext, closing, AbstractContextManager
@contextmanager
def passthrough():
    yield 1
for exc in [StopIteration('si'), RuntimeError('rt'), KeyError('k'), GeneratorExit()]:
    try:
        with passthrough():
            raise exc
    except BaseException as e:
        print(type(e).__name__, e is exc, repr(e.__cause__), repr(e.__context__))
@contextmanager
def convert():
    try:
        yield
    except KeyError as e:
        raise ValueError("converted") from e
try:
    with convert():
        raise KeyError('x')
except ValueError as e:
    print(e, repr(e.__cause__))
@contextmanager
def reraise():
    try:
        yield
    except Exception:
        raise
try:
    with reraise():
        1/0
except ZeroDivisionError as e:
    print('reraised', e)
@contextmanager
def yields_after_throw():
    try:
        yield
    except Exception:
        yield
try:
    with yields_after_throw():
        raise ValueError
except RuntimeError as e:
    print(e)
@contextmanager
def stop_gen():
    yield
    return
try:
    with stop_gen():
        raise StopIteration("inner")
except StopIteration as e:
    print("StopIteration propagated", e)
@contextmanager
def counter(name):
    print("enter", name)
    yield
    print("exit", name)
@counter("deco")
def f(x):
    return x + 1
print(f(1), f(2))
cm = passthrough()
print(type(cm).__name__, isinstance(cm, AbstractContextManager), cm.__doc__ is None)
with ExitStack() as st:
    st.enter_context(counter("a"))
    st.enter_context(counter("b"))
    st.callback(print, "cb", 1, sep="-")
def raiser(msg):
    raise ValueError(msg)
try:
    with ExitStack() as st:
        st.callback(raiser, "second")
        st.callback(raiser, "first")
except ValueError as e:
    print(e, repr(e.__context__))
with suppress():
    pass
try:
    with suppress():
        raise KeyError
except KeyError:
    print("empty suppress doesn't suppress")
with suppress(Exception) as s:
    print("suppress yields", s)
    raise TypeError
print(contextlib.nullcontext, repr(nullcontext(3).enter_result))
st = ExitStack()
print(st.push(lambda *a: None) is not None, st.callback(print) is print)
st.close()
class Res:
    def __enter__(self): print("Res enter"); return self
    def __exit__(self, *a): print("Res exit", a[0]); return True
with ExitStack() as st:
    st.enter_context(Res())
    raise IndexError("swallowed by Res")
print("after")
from contextlib import asynccontextmanager, AsyncExitStack, aclosing, nullcontext
@asynccontextmanager
async def acm(name):
    print('enter', name)
    try:
        yield name.upper()
    finally:
        print('exit', name)
async def cb(x):
    print('async cb', x)
class AGen:
    async def aclose(self): print('aclosed')
async def main():
    async with acm('one') as v:
        print('got', v)
    try:
        async with acm('two'):
            raise KeyError('boom')
    except KeyError as e:
        print('KeyError', e)
    async with AsyncExitStack() as st:
        v = await st.enter_async_context(acm('three'))
        st.push_async_callback(cb, 7)
        st.callback(print, 'sync cb')
        print('in stack', v)
    async with aclosing(AGen()) as g:
        print(type(g).__name__)
    async with nullcontext(9) as n:
        print('null', n)
    @acm('deco')
    async def decorated():
        print('decorated body')
    await decorated()
c = main()
try:
    c.send(None)
except StopIteration:
    print('done')
import sys
with contextlib.redirect_stdout(None):
    print("hidden")
print("visible")
f = io.StringIO()
with contextlib.redirect_stdout(f), contextlib.redirect_stderr(f):
    print("out"); print("err", file=sys.stderr, flush=True)
    sys.stdout.write("direct\n")
print(repr(f.getvalue()))
with contextlib.redirect_stdout(io.StringIO()) as g:
    help_text = "x"
    print(help_text, end="")
print(repr(g.getvalue()))
