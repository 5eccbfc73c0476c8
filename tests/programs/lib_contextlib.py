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
