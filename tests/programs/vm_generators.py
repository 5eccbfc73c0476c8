# Generators, yield from delegation, send/throw/close, coroutines and async generators.
def counter(n):
    i = 0
    while i < n:
        got = yield i
        if got is not None:
            i = got
        else:
            i += 1
    return "done"

g = counter(5)
print(repr(g).startswith("<generator object counter at 0x"), g.gi_running, g.gi_frame is not None)
print(next(g), next(g), g.send(4))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value, g.gi_frame)
print(list(counter(3)))

def fresh():
    yield 1
f = fresh()
try:
    f.send(5)
except TypeError as e:
    print(e)

def delegate():
    r = yield from counter(3)
    print("sub returned", r)
    yield from [10, 20]
    return "outer"
print(list(delegate()))

def thrower():
    try:
        yield 1
    except ValueError as e:
        print("caught in gen", e)
        yield 2
    yield 3
t = thrower()
print(next(t), t.throw(ValueError("boom")), next(t))
def chain_throw():
    yield from thrower()
ct = chain_throw()
next(ct)
print("via yield from:", ct.throw(ValueError("forwarded")))
print(ct.gi_yieldfrom is not None)

def closer():
    try:
        yield 1
    finally:
        print("cleanup")
c = closer()
next(c)
c.close()
print(c.gi_frame)
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        pass
    yield 2
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print(e)

def bad_stop():
    yield 1
    raise StopIteration("x")
try:
    list(bad_stop())
except RuntimeError as e:
    print(e, repr(e.__cause__))

def running():
    yield rg.gi_running
    next(rg)
rg = running()
print(next(rg))
try:
    next(rg)
except ValueError as e:
    print(e)

# generator expressions and pipelines
squares = (x * x for x in range(10) if x % 2)
print(sum(squares), list(x for x in "abc"))
def take(n, it):
    for i, v in enumerate(it):
        if i >= n:
            return
        yield v
def naturals():
    n = 0
    while True:
        yield n
        n += 1
print(list(take(5, (v * 3 for v in naturals()))))

# coroutines driven by hand
class Later:
    def __await__(self):
        v = yield "tick"
        return v * 2
async def compute(x):
    a = await Later()
    return a + x
co = compute(1)
print(repr(co).startswith("<coroutine object compute at 0x"))
print(co.send(None))
try:
    co.send(20)
except StopIteration as e:
    print("result", e.value)
try:
    co.send(None)
except RuntimeError as e:
    print(e)
async def bad_await():
    await 5
try:
    bad_await().send(None)
except TypeError as e:
    print(e)
class BadAwait:
    def __await__(self):
        return 3
async def bad_await2():
    await BadAwait()
try:
    bad_await2().send(None)
except TypeError as e:
    print(e)
w = compute(2).__await__()
print(next(w))

# async generators
async def agen(n):
    for i in range(n):
        yield i
        await Later()
async def consume():
    out = []
    async for v in agen(3):
        out.append(v)
    return out
def run(coro):
    val = None
    while True:
        try:
            val = coro.send(val)
            val = 1 if val == "tick" else val
        except StopIteration as e:
            return e.value
print(run(consume()))
async def acm_user():
    class ACM:
        async def __aenter__(self):
            print("aenter")
            return "res"
        async def __aexit__(self, *a):
            print("aexit", a[0])
    async with ACM() as r:
        print("inside", r)
    return "ok"
print(run(acm_user()))
