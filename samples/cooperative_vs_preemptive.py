"""Cooperative vs preemptive: the same work done by threads and by asyncio tasks.

Run it with `build/vitrine samples/cooperative_vs_preemptive.py`. Trace lines go to stderr:
`gil` lines show the interpreter taking the CPU away from a thread (preemptive switching at
the switch interval, or when a thread blocks); `task` lines show tasks giving the CPU up
themselves, only at an `await` (cooperative switching on one thread).
"""
import asyncio
import sys
import threading
import vitrine

WORKERS = ("A", "B", "C")
STEPS = 3


def compute(n=20000):
    """Pure Python work: a thread may be interrupted anywhere in here, a task never is."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def summary(title, order):
    """Who ran each step, and how many times the CPU went from one worker to another."""
    switches = sum(1 for a, b in zip(order, order[1:]) if a != b)
    print(f"{title}: {' '.join(order)}")
    print(f"  {len(order)} steps, {switches} switches between workers", flush=True)


def banner(title):
    print()
    print("=" * 70)
    print(title)
    print("=" * 70, flush=True)


banner("Threads: the GIL decides when a thread stops (watch the `gil` lines).")
if hasattr(sys, "setswitchinterval"):
    sys.setswitchinterval(0.001)   # switch often so a short demo shows preemption
thread_order = []


def thread_worker(name):
    for _ in range(STEPS):
        compute()
        thread_order.append(name)


with vitrine.trace("gil"):
    threads = [threading.Thread(target=thread_worker, args=(n,), name=n) for n in WORKERS]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
sys.stderr.flush()
summary("thread steps", thread_order)
print("  The order depends on when the interpreter switched: run it again and it may change.")

banner("Tasks: a task runs until it awaits (watch the `task` lines).")
task_order = []


async def task_worker(name):
    for _ in range(STEPS):
        compute()
        task_order.append(name)
        await asyncio.sleep(0)   # the only place this task lets the others run


async def main():
    await asyncio.gather(*(task_worker(n) for n in WORKERS))


with vitrine.trace("task"):
    asyncio.run(main())
sys.stderr.flush()
summary("task steps", task_order)
print("  Always the same round-robin order: tasks switch only at their awaits.")
