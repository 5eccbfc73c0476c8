# Exception state inside generators (sys.exc_info, chaining) and throw()/close() forwarding.
import sys
def g():
    try:
        raise KeyError("in gen")
    except KeyError:
        yield sys.exc_info()[1]
        yield sys.exc_info()[1]
    yield sys.exc_info()[1]
it = g()
print(repr(next(it)), repr(sys.exc_info()[1]))
try:
    raise ValueError("outer")
except ValueError:
    print(repr(next(it)), repr(sys.exc_info()[1]))
    print(repr(next(it)))
def h():
    yield
    raise TypeError("from gen")
try:
    raise ValueError("ctx")
except ValueError:
    x = h(); next(x)
    try: next(x)
    except TypeError as e: print(repr(e.__context__))
def closing():
    try:
        yield 1
    except GeneratorExit:
        print("exit seen", repr(sys.exc_info()[1]))
        raise
c = closing(); next(c); c.close()
def ret_gen():
    x = yield 1
    return x * 2
def outer():
    r = yield from ret_gen()
    yield r
o = outer(); next(o); print(o.send(21))
def catcher():
    while True:
        try:
            yield
        except ValueError as e:
            print("caught", e)
d = catcher(); next(d); d.throw(ValueError("a")); d.throw(ValueError, "b")
try:
    d.throw(1)
except TypeError as e: print(e)
def sub():
    yield 1
    yield 2
def deleg():
    yield from sub()
    yield "after"
dd = deleg(); next(dd)
try:
    dd.throw(KeyError("x"))
except KeyError as e: print("propagated", repr(e))
print(list(dd))
