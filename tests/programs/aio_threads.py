# asyncio with threads: to_thread, run_in_executor (default pool), exceptions from a worker
import asyncio, threading, time
def work(x, y=1):
    time.sleep(0.02)
    return x * y, threading.current_thread().name.startswith("asyncio_")
def bad():
    raise ValueError("in thread")
async def main():
    print(await asyncio.to_thread(work, 3, y=4))
    try:
        await asyncio.to_thread(bad)
    except ValueError as e:
        print("raised", e)
    loop = asyncio.get_running_loop()
    t = time.monotonic()
    r = await asyncio.gather(*(loop.run_in_executor(None, work, i) for i in range(8)))
    print([x for x, _ in r], time.monotonic() - t < 0.15)
asyncio.run(main())
print(threading.active_count())
