# --trace=task: task creation, each step (resume / what it awaits), completion, cancellation.
import asyncio

async def consumer(q):
    while True:
        item = await q.get()
        print("got", item)
        q.task_done()

async def main():
    q = asyncio.Queue()
    c = asyncio.create_task(consumer(q), name="consumer")
    await asyncio.sleep(0)
    for i in range(2):
        await q.put(i)
    await q.join()
    lock = asyncio.Lock()
    async with lock:
        await asyncio.sleep(0)
    c.cancel()
    await asyncio.gather(c, return_exceptions=True)
    return "ok"

print(asyncio.run(main()))
