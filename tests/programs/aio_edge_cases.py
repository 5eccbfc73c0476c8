# asyncio edge cases: cancel before start, self-await, nested timeouts, uncancel,
# TaskGroup errors, wait_for(timeout=0), reprlib-style result reprs
import asyncio
async def child(n):
    try:
        await asyncio.sleep(n)
        return n
    finally:
        print("child finally", n)
async def main():
    t = asyncio.create_task(child(1))
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print("cancelled before start", repr(e), t.cancelled())
    async def selfawait():
        await asyncio.current_task()
    t = asyncio.create_task(selfawait())
    try:
        await t
    except RuntimeError as e:
        print("RuntimeError", str(e)[:30])
    # nested timeout
    try:
        async with asyncio.timeout(0.05):
            try:
                async with asyncio.timeout(0.01):
                    await asyncio.sleep(1)
            except TimeoutError:
                print("inner timeout")
            await asyncio.sleep(1)
    except TimeoutError:
        print("outer timeout")
    # wait_for cancel outer
    async def outer():
        await asyncio.wait_for(child(1), 5)
    o = asyncio.create_task(outer())
    await asyncio.sleep(0.01)
    o.cancel()
    r = await asyncio.gather(o, return_exceptions=True)
    print(r)
    # task returning exception objects
    async def retexc():
        return ValueError("as value")
    print(repr(await asyncio.create_task(retexc())))
    # cancel with msg propagation through gather
    t = asyncio.create_task(child(1))
    await asyncio.sleep(0)
    t.cancel("bye")
    r = await asyncio.gather(t, return_exceptions=True)
    print(repr(r[0]))
    # uncancel/cancelling
    async def stubborn():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            asyncio.current_task().uncancel()
            return "survived"
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t.cancel()
    print(await t, t.cancelling())
    # exceptions chaining
    async def raiser():
        await asyncio.sleep(0)
        raise KeyError("x")
    try:
        await asyncio.wait_for(raiser(), 1)
    except KeyError as e:
        print("KeyError", e)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(raiser())
            tg.create_task(raiser())
    except ExceptionGroup as eg:
        print(eg, [repr(e) for e in eg.exceptions])
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(raiser())
            raise ValueError("body")
    except ExceptionGroup as eg:
        print(eg, [repr(e) for e in eg.exceptions])
    done = asyncio.create_task(child(0))
    await asyncio.sleep(0.001)
    print(await asyncio.wait_for(done, 0))
    try:
        await asyncio.wait_for(child(1), 0)
    except TimeoutError as e:
        print("timeout 0", type(e.__cause__).__name__)
    loop = asyncio.get_running_loop()
    for v in [list(range(20)), "x" * 100, 10 ** 50, {i: i for i in range(9)}, (1,),
              set(range(10)), [[[[[[[[1]]]]]]]], 3.5, None, b"y" * 50]:
        f = loop.create_future()
        f.set_result(v)
        print(repr(f))
asyncio.run(main())
