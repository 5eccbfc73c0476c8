# Generators, yield from, send/throw/close, async/await driven by hand (no asyncio).
def count(n):
    i = 0
    while i < n:
        got = yield i
        if got:
            print("got", got)
        i += 1
    return "done"

g = count(3)
print(next(g), g.send("hi"), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)

def delegate():
    r = yield from count(2)
    print("delegate result", r)
    yield from [10, 20]
    return r
print(list(delegate()))

def catcher():
    try:
        yield 1
    except ValueError as e:
        print("caught in gen", e)
        yield 2
    finally:
        print("gen finally")
c = catcher()
print(next(c), c.throw(ValueError("boom")))
c.close()

def outer():
    yield from catcher()
o = outer()
next(o)
print(o.throw(ValueError("through yield from")))
o.close()

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])

def gen_in_try():
    for i in range(3):
        try:
            yield i
        finally:
            print("cleanup", i)
for v in gen_in_try():
    if v == 1:
        break
print("after break")

# generator expressions are lazy, bind the first iterator eagerly
it = iter([1, 2, 3])
ge = (x * 2 for x in it)
print(next(ge), list(ge))

# async without an event loop
class Awaitable:
    def __init__(self, v):
        self.v = v
    def __await__(self):
        got = yield ("suspend", self.v)
        return got

async def add(a, b):
    x = await Awaitable(a)
    y = await Awaitable(b)
    return x + y

async def main():
    r = await add(1, 2)
    return r * 10

co = main()
print(co.send(None))
print(co.send(100))
try:
    co.send(5)
except StopIteration as e:
    print("result", e.value)

class AsyncCM:
    async def __aenter__(self):
        print("aenter")
        await Awaitable("enter")
        return "cm"
    async def __aexit__(self, *exc):
        print("aexit", exc[0])
        return False

class AsyncIter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i

async def use():
    async with AsyncCM() as v:
        print("in body", v)
    out = []
    async for x in AsyncIter(3):
        out.append(x)
    print("async for", out, [y async for y in AsyncIter(2)])
    return "use done"

def run(coro):
    try:
        v = coro.send(None)
        while True:
            v = coro.send(None)
    except StopIteration as e:
        return e.value
print(run(use()))

async def agen():
    for i in range(3):
        yield i
        await Awaitable(i)

async def consume():
    return [x async for x in agen()]
print(run(consume()))
