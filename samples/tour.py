"""A guided tour of Vitrine: what you can watch, one stop at a time.

Run it with `make demo` or `build/vitrine samples/tour.py`. Trace lines go to stderr, the
tour's narration to stdout, so both appear in your terminal in order.
"""
import dis
import sys
import traceback
import vitrine


def banner(title):
    print()
    print("=" * 70)
    print(title)
    print("=" * 70, flush=True)


banner("Stop 1: bytecode. Every function is compiled to Vitrine's own instructions.")


def area(w, h=2):
    return w * h


print("dis.dis(area) shows the instructions, their arguments and source lines:")
dis.dis(area)

banner("Stop 2: calls. vitrine.trace('call') reports each call and return, with depth.")


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


with vitrine.trace("call"):
    result = fib(3)
sys.stderr.flush()
print("fib(3) =", result)

banner("Stop 3: lines. vitrine.trace('line') reports each new source line executed.")


def count_down(n):
    while n > 0:
        n -= 1
    return "liftoff"


with vitrine.trace("line"):
    outcome = count_down(2)
sys.stderr.flush()
print("count_down(2) =", outcome)

banner("Stop 4: exceptions. Tracebacks, chaining and exception groups as CPython 3.11 prints them.")


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise RuntimeError("bad input " + repr(text)) from e


try:
    parse("x")
except RuntimeError:
    print(traceback.format_exc())

banner("Stop 5: memory. Reference counts free most objects; the cycle collector finds the rest.")
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.partner = None

    def __del__(self):
        print("  __del__ of", self.name)


a, b = Node("a"), Node("b")
a.partner, b.partner = b, a          # a cycle: each keeps the other's count above zero
print("refcount of a (sys.getrefcount adds one for its argument):", sys.getrefcount(a))
del a, b                             # the names go, the cycle stays
print("after del: nothing freed yet; now gc.collect() under vitrine.trace('gc'):", flush=True)
with vitrine.trace("gc"):
    found = gc.collect()
sys.stderr.flush()
print("gc.collect() found", found, "unreachable objects")

banner("Stop 6: cooperative scheduling. vitrine.trace('task') shows each asyncio task step.")
import asyncio


async def work(n):
    await asyncio.sleep(0.01)
    return n * n


async def main():
    return await asyncio.gather(work(2), work(3))


with vitrine.trace("task"):
    squares = asyncio.run(main())
sys.stderr.flush()
print("results:", squares)

banner("What else can be watched")
print("Trace kinds:", ", ".join(vitrine.kinds()))
print("Run any script with --trace=KINDS, e.g.  build/vitrine --trace=call,line script.py")
print("samples/cooperative_vs_preemptive.py compares threads and asyncio tasks side by side.")
print("Formats: docs/TRACING.md.")
