# Raising, catching, chaining, finally, with, except* and the VM's error messages.
import sys

def show(fn):
    try:
        fn()
    except BaseException as e:
        print(type(e).__name__ + ":", e)

def unbound():
    print(x)
    x = 1
show(unbound)
show(lambda: undefined_name)
def free_unbound():
    def inner(): return v
    r = inner
    del_me = 0
    if del_me: v = 1
    return r()
show(free_unbound)
show(lambda: exec("raise"))
def bare_raise():
    raise
show(bare_raise)
def raise_int(): raise 5
show(raise_int)
def raise_cause(): raise ValueError("a") from 7
show(raise_cause)
def catch_bad():
    try:
        1 / 0
    except 42:
        pass
show(catch_bad)

# implicit chaining and explicit causes
try:
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("second")
except ValueError as e:
    print(repr(e), repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise RuntimeError("x") from e
except RuntimeError as e:
    print(repr(e.__cause__), e.__suppress_context__)
try:
    raise TypeError("t") from None
except TypeError as e:
    print(e.__cause__, e.__suppress_context__)

# exc_info and re-raise
def reraiser():
    try:
        raise KeyError("inner")
    except KeyError:
        print("handling", sys.exc_info()[0].__name__)
        raise
show(reraiser)
print(sys.exc_info())

# finally ordering and return in finally
def fin():
    out = []
    for i in range(3):
        try:
            if i == 1:
                continue
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out
print(fin())
def ret_in_finally():
    try:
        return "try"
    finally:
        print("finally runs")
print(ret_in_finally())
def swallow():
    try:
        raise ValueError
    finally:
        return "swallowed"
print(swallow())

# with statement
class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None, v)
        return self.suppress
with CM("a") as a, CM("b") as b:
    print("body", a, b)
with CM("s", True):
    raise ValueError("suppressed")
show(lambda: exec("with 1: pass"))
try:
    with CM("c"):
        raise KeyError("k")
except KeyError as e:
    print("caught", repr(e))

# traceback objects
def tb_inner(): raise ValueError("deep")
def tb_outer(): tb_inner()
try:
    tb_outer()
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb:
        names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print(names)

# except*
try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as e:
    print("values", repr(e))
except* TypeError as e:
    print("types", repr(e))
try:
    raise KeyError("naked")
except* KeyError as e:
    print("naked", repr(e))
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), OSError(2)])
    except* ValueError:
        print("got value")
except ExceptionGroup as e:
    print("rest", repr(e))
try:
    try:
        raise ExceptionGroup("eg", [ValueError(1)])
    except* ValueError:
        raise TypeError("new")
except TypeError as e:
    print("raised in handler", repr(e), repr(e.__context__))

# assert
try:
    assert 1 == 2, "math"
except AssertionError as e:
    print("assert", e)

# exceptions in loops keep the stack straight
total = 0
for i in range(100):
    try:
        if i % 3 == 0:
            raise ValueError(i)
        total += i
    except ValueError as e:
        total -= e.args[0]
print(total)
