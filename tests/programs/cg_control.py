# Control flow through try/except/finally, with, loops: break/continue/return unwinding.
import sys

def f1():
    try:
        return "try"
    finally:
        print("finally runs")
print(f1())

def f2():
    try:
        return "try"
    finally:
        return "finally overrides"
print(f2())

def f3():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("fin", i)
    else:
        print("no else")
    return i
print(f3())

def f4():
    while True:
        try:
            try:
                raise ValueError("inner")
            except ValueError as e:
                print("caught", e)
                break
        finally:
            print("outer finally")
    print("exc_info after", sys.exc_info()[0])
f4()

def f5(n):
    try:
        if n == 0:
            raise KeyError("k")
        elif n == 1:
            raise TypeError("t")
        elif n == 2:
            return "returned"
    except KeyError as e:
        return "key " + str(e)
    except (TypeError, ValueError):
        return "type-or-value"
    else:
        return "else"
    finally:
        print("finally", n)
for n in range(4):
    print(f5(n))

# exception variable is deleted after the handler
def f6():
    e = "before"
    try:
        1 / 0
    except ZeroDivisionError as e:
        pass
    try:
        return e
    except UnboundLocalError:
        return "e was deleted"
print(f6())

# nested handlers restore the handled exception
try:
    raise KeyError("outer")
except KeyError:
    try:
        raise ValueError("inner")
    except ValueError:
        print(repr(sys.exc_info()[1]))
    print(repr(sys.exc_info()[1]))
print(sys.exc_info())

# implicit chaining and raise from
try:
    try:
        raise KeyError("a")
    except KeyError:
        raise ValueError("b")
except ValueError as e:
    print(repr(e), repr(e.__context__))
try:
    try:
        raise KeyError("a")
    except KeyError as k:
        raise ValueError("b") from k
except ValueError as e:
    print(repr(e.__cause__), e.__suppress_context__)

# bare raise re-raises
def rr():
    try:
        raise IndexError("idx")
    except IndexError:
        raise
try:
    rr()
except IndexError as e:
    print("re-raised", e)

# with statements
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None)
        return self.suppress

with CM("a") as a, CM("b") as b:
    print("inside", a, b)

with CM("s", True):
    raise RuntimeError("suppressed")
print("after suppressed")

try:
    with CM("x"):
        raise RuntimeError("propagates")
except RuntimeError as e:
    print("caught", e)

def wr():
    for i in range(3):
        with CM(i):
            if i == 1:
                return "ret from with"
print(wr())

def wb():
    for i in range(3):
        with CM(i):
            if i == 0:
                continue
            break
    return i
print(wb())

# for/while else
for i in range(3):
    pass
else:
    print("for else", i)
i = 0
while i < 3:
    i += 1
    if i == 10:
        break
else:
    print("while else", i)

# return inside except inside finally
def nested():
    try:
        try:
            raise ValueError
        except ValueError:
            return "from except"
        finally:
            print("inner finally")
    finally:
        print("outer finally")
print(nested())

# exception in finally replaces
def fin_exc():
    try:
        raise KeyError(1)
    finally:
        raise ValueError(2)
try:
    fin_exc()
except Exception as e:
    print(type(e).__name__, repr(e.__context__))

# assert
try:
    assert 1 == 2, "one is not two"
except AssertionError as e:
    print("assert", e)
try:
    assert False
except AssertionError as e:
    print("assert no msg", repr(e))

# except* 
try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
except* ValueError as eg:
    print("value errors", repr(eg.exceptions))
except* TypeError as eg:
    print("type errors", repr(eg.exceptions))
except* KeyError:
    print("key errors")

try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        print("handled value")
except ExceptionGroup as rest:
    print("rest", repr(rest.exceptions))

# break in try/except inside while, continue in handler
n = 0
while n < 5:
    n += 1
    try:
        if n % 2:
            raise ValueError(n)
    except ValueError:
        continue
    print("even", n)
print(sys.exc_info())
