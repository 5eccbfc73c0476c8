# asyncio: gather (return_exceptions, cancellation), wait modes, wait_for, timeout, shield, as_completed
import asyncio

async def work(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name)
    return name

async def main():
    print(await asyncio.gather(work("a", 0.02), work("b", 0.01), work("c", 0)))
    print(await asyncio.gather())
    print(await asyncio.gather(work("a", 0.01), work("x", 0, True), return_exceptions=True))
    try:
        await asyncio.gather(work("a", 0.01), work("y", 0, True))
    except ValueError as e:
        print("gather raised", repr(e))
    g = asyncio.gather(work("a", 1), work("b", 1))
    await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled", g.cancelled())

    tasks = [asyncio.create_task(work(n, d)) for n, d in [("s", 0.01), ("m", 0.15), ("l", 0.5)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait(tasks, timeout=0.3)
    print(sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait(tasks)
    print(sorted(t.result() for t in done), len(pending))
    t1 = asyncio.create_task(work("f", 0, True))
    t2 = asyncio.create_task(work("g", 0.5))
    done, pending = await asyncio.wait([t1, t2], return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending), repr(t1.exception()))
    t2.cancel()
    try:
        await asyncio.wait([])
    except ValueError as e:
        print(e)

    print(await asyncio.wait_for(work("quick", 0), timeout=1))
    try:
        await asyncio.wait_for(work("slow", 1), timeout=0.01)
    except asyncio.TimeoutError as e:
        print("wait_for timeout", type(e).__name__)
    try:
        async with asyncio.timeout(0.01) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout() expired:", cm.expired())
    async with asyncio.timeout(None) as cm:
        await asyncio.sleep(0)
    print("no deadline", cm.when(), cm.expired())

    inner = asyncio.create_task(work("shielded", 0.02))
    outer = asyncio.shield(inner)
    await asyncio.sleep(0)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled; inner:", await inner)

    order = []
    for coro in asyncio.as_completed([work("3", 0.03), work("1", 0.01), work("2", 0.02)]):
        order.append(await coro)
    print("as_completed:", order)
    print(await asyncio.sleep(0.001, result="slept"))

asyncio.run(main())
