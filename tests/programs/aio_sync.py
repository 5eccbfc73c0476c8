# asyncio: Queue/LifoQueue/PriorityQueue, Lock, Event, Semaphore, BoundedSemaphore, Condition, Barrier
import asyncio

async def main():
    q = asyncio.Queue(maxsize=2)
    print(q.maxsize, q.empty(), q.full(), q.qsize(), str(q))
    q.put_nowait(1); q.put_nowait(2)
    print(q.full(), str(q))
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print("QueueFull")
    async def producer():
        await q.put(3)
        print("put 3 after waiting")
    p = asyncio.create_task(producer())
    await asyncio.sleep(0)
    print(q.get_nowait(), q.get_nowait())
    await p
    print(await q.get())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    for _ in range(3):
        q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        print(e)
    await q.join()
    lq = asyncio.LifoQueue()
    pq = asyncio.PriorityQueue()
    for x in [3, 1, 2]:
        lq.put_nowait(x); pq.put_nowait(x)
    print([lq.get_nowait() for _ in range(3)], [pq.get_nowait() for _ in range(3)])

    lock = asyncio.Lock()
    log = []
    async def user(n):
        async with lock:
            log.append(("in", n))
            await asyncio.sleep(0.001)
            log.append(("out", n))
    await asyncio.gather(*(user(i) for i in range(3)))
    print(log, lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print(e)

    ev = asyncio.Event()
    async def waiter(i):
        await ev.wait()
        return i
    ws = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print(ev.is_set())
    ev.set()
    print(await asyncio.gather(*ws), ev.is_set())
    ev.clear()
    print(ev.is_set())

    sem = asyncio.Semaphore(2)
    active = 0
    peak = 0
    async def limited():
        nonlocal active, peak
        async with sem:
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(0.001)
            active -= 1
    await asyncio.gather(*(limited() for _ in range(6)))
    print("peak", peak, sem.locked())
    bs = asyncio.BoundedSemaphore(1)
    await bs.acquire()
    bs.release()
    try:
        bs.release()
    except ValueError as e:
        print(e)

    cond = asyncio.Condition()
    items = []
    async def consumer():
        async with cond:
            await cond.wait_for(lambda: items)
            return items.pop()
    c = asyncio.create_task(consumer())
    await asyncio.sleep(0)
    async with cond:
        items.append("item")
        cond.notify()
    print("consumed", await c)
    try:
        cond.notify()
    except RuntimeError as e:
        print(e)

asyncio.run(main())

# Barrier (3.11)
async def barrier_demo():
    b = asyncio.Barrier(3)
    out = []
    async def party(i):
        await asyncio.sleep(i * 0.001)
        out.append(("before", i))
        idx = await b.wait()
        out.append(("after", i))
        return idx
    print(sorted(await asyncio.gather(*(party(i) for i in range(3)))))
    print(out)
    print(b.parties, b.n_waiting, b.broken)
    t = asyncio.create_task(b.wait())
    await asyncio.sleep(0)
    print(b.n_waiting)
    await b.abort()
    try:
        await t
    except asyncio.BrokenBarrierError:
        print("broken", b.broken)
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print(e)
asyncio.run(barrier_demo())
