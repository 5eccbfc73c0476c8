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

banner("Stop 7: attribute lookup. vitrine.trace('attr') names the rule that answered.")


class Celsius:
    """A data descriptor: it defines __get__ and __set__."""

    def __get__(self, obj, owner=None):
        return obj._c if obj is not None else self

    def __set__(self, obj, value):
        obj._c = value


class Thermometer:
    temp = Celsius()
    unit = "C"

    def read(self):
        return self.temp


t = Thermometer()
with vitrine.trace("attr"):
    t.temp = 21          # data descriptor on the class wins over the instance __dict__
    t.unit               # plain class attribute
    t.read               # function found on the class: bound to a method
sys.stderr.flush()
print("samples/descriptor_dispatch.py walks through every rule.")

banner("Stop 8: class creation. vitrine.trace('class') shows each step.")
with vitrine.trace("class"):
    class Point:
        def __init_subclass__(cls, **kw):
            super().__init_subclass__(**kw)

    class Point3(Point):
        pass

    Point3()
sys.stderr.flush()
print("samples/metaclass_creation.py adds metaclasses, __prepare__ and __set_name__.")

banner("Stop 9: threads. vitrine.trace('gil') shows the GIL changing hands.")
import threading


def spin(n):
    while n:
        n -= 1


with vitrine.trace("gil"):
    workers = [threading.Thread(target=spin, args=(1_000_000,)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
sys.stderr.flush()
print("samples/cooperative_vs_preemptive.py puts threads and asyncio tasks side by side.")

banner("What else can be watched")
print("Trace kinds:", ", ".join(vitrine.kinds()))
print("Run any script with --trace=KINDS, e.g.  build/vitrine --trace=call,line script.py")
print("samples/cooperative_vs_preemptive.py compares threads and asyncio tasks side by side.")
print("Formats: docs/TRACING.md.")
