# except* splitting/re-raising and async generator asend/athrow/aclose.
def t(excs):
    try:
        try:
            raise ExceptionGroup("top", excs)
        except* ValueError as e:
            print("V", repr(e))
            raise
        except* TypeError as e:
            print("T", repr(e))
    except BaseException as e:
        print("out", repr(e))
t([ValueError(1), TypeError(2), KeyError(3)])
t([ValueError(1), ExceptionGroup("inner", [ValueError(2), OSError(3)])])
t([TypeError(1)])
try:
    try:
        raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("new")
    except* TypeError:
        raise IndexError("new2")
except ExceptionGroup as e:
    print(repr(e), [repr(x.__context__) for x in e.exceptions])
try:
    try:
        raise ValueError(5)
    except* ExceptionGroup:
        pass
except TypeError as e:
    print(e)

async def ag():
    try:
        yield 1
        yield 2
    finally:
        print("ag finally")
def run(c):
    try:
        while True: c.send(None)
    except StopIteration as e:
        return e.value
async def main():
    g = ag()
    print(await g.__anext__())
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    g2 = ag()
    print(await g2.asend(None))
    try:
        await g2.athrow(ValueError("thrown"))
    except ValueError as e:
        print("athrow propagated", e)
    return "done"
print(run(main()))
