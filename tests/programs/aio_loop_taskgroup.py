# asyncio: loop API (call_soon/call_later/call_at, run_until_complete, stop, close), readers,
# TaskGroup, Runner, CancelledError semantics, debug-mode callback checks
import asyncio, os

loop = asyncio.new_event_loop()
print(loop.is_running(), loop.is_closed())
out = []
loop.call_later(0.02, out.append, "later")
loop.call_at(loop.time() + 0.01, out.append, "at")
h = loop.call_soon(out.append, "cancelled")
h.cancel()
loop.call_soon(out.append, "soon")
loop.call_later(0.03, loop.stop)
loop.run_forever()
print(out, h.cancelled())

async def add(a, b):
    await asyncio.sleep(0)
    return a + b
print(loop.run_until_complete(add(2, 3)))

r, w = os.pipe()
got = []
def on_read():
    got.append(os.read(r, 100))
    loop.remove_reader(r)
    loop.stop()
loop.add_reader(r, on_read)
loop.call_later(0.01, os.write, w, b"ping")
loop.run_forever()
print("reader got", got, loop.remove_reader(r))
os.close(r); os.close(w)
loop.set_debug(True)
try:
    loop.call_soon(add)
except TypeError as e:
    print(e)
loop.set_debug(False)
loop.close()
print(loop.is_closed())
try:
    loop.call_soon(print)
except RuntimeError as e:
    print(e)

async def tg_ok():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(add(1, 2))
        t2 = tg.create_task(add(3, 4), name="second")
    print("taskgroup results", t1.result(), t2.result(), t2.get_name())

async def fail(x):
    await asyncio.sleep(0.001)
    raise ValueError(x)

async def tg_fail():
    slow = None
    try:
        async with asyncio.TaskGroup() as tg:
            slow = tg.create_task(asyncio.sleep(1))
            tg.create_task(fail("one"))
    except* ValueError as eg:
        print("ExceptionGroup:", [repr(e) for e in eg.exceptions], slow.cancelled())

async def swallow():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("cleanup on cancel")
        raise

async def cancel_semantics():
    t = asyncio.create_task(swallow())
    await asyncio.sleep(0)
    t.cancel()
    res = await asyncio.gather(t, return_exceptions=True)
    print(type(res[0]).__name__, t.cancelled())

with asyncio.Runner() as runner:
    runner.run(tg_ok())
    runner.run(tg_fail())
    runner.run(cancel_semantics())
    print(runner.get_loop().is_closed())
