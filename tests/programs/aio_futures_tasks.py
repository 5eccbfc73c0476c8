# asyncio: Future and Task states, reprs, callbacks, names, cancellation messages
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(repr(fut), fut.done(), fut.cancelled())
    try:
        fut.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    seen = []
    def cb(f):
        seen.append(f.result())
    fut.add_done_callback(cb)
    fut.set_result(42)
    print(repr(fut), fut.result(), seen)
    await asyncio.sleep(0)
    print("callback ran:", seen)
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    f2 = loop.create_future()
    f2.set_exception(ValueError("bad"))
    print(repr(f2), repr(f2.exception()))
    f3 = loop.create_future()
    print(f3.cancel("why"), f3.cancel(), repr(f3))
    try:
        f3.result()
    except asyncio.CancelledError as e:
        print("CancelledError args:", e.args)
    f4 = loop.create_future()
    f4.add_done_callback(cb)
    print("removed:", f4.remove_done_callback(cb), f4.remove_done_callback(cb))
    print(issubclass(asyncio.CancelledError, BaseException),
          issubclass(asyncio.CancelledError, Exception), asyncio.TimeoutError is TimeoutError)

    async def child(x):
        await asyncio.sleep(0.01)
        return x * 2
    t = asyncio.create_task(child(3), name="kid")
    print(t.get_name(), t.done())
    t.set_name("renamed")
    print(await t, t.get_name(), t.done(), t.result(), t.exception())
    t2 = asyncio.create_task(child(1))
    print(t2.get_name().startswith("Task-"))
    await asyncio.sleep(0)
    print(t2.cancel("stop it"), t2.cancelling())
    try:
        await t2
    except asyncio.CancelledError as e:
        print("cancelled with", e.args, t2.cancelled())
    print(current_is_task(), asyncio.current_task().get_name())
    async def boom():
        raise KeyError("k")
    t3 = asyncio.create_task(boom())
    await asyncio.sleep(0)
    print(t3.done(), repr(t3.exception()))
    fut5 = loop.create_future()
    loop.call_soon(fut5.set_result, "soon")
    loop.call_later(0.01, print, "later")
    print(await fut5)
    await asyncio.sleep(0.02)
    print(len(asyncio.all_tasks()), asyncio.iscoroutinefunction(child),
          asyncio.iscoroutinefunction(cb), asyncio.iscoroutine(child))
    c = child(0)
    print(asyncio.iscoroutine(c)); c.close()
    print(asyncio.isfuture(fut), asyncio.isfuture(1))

def current_is_task():
    return isinstance(asyncio.current_task(), asyncio.Task)

asyncio.run(main(), debug=False)
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(e)
try:
    asyncio.run(1)
except ValueError as e:
    print(e)
