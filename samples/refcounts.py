"""Reference counts: watching one object's count, and a cycle only the collector frees.

Every object carries a count of the references to it. A name binding, a slot in a list, an
argument being passed: each adds one. When the count drops to zero the object is freed at
once. That cannot free a cycle (objects referring to each other): their counts never reach
zero, so the cycle collector (module gc) has to find them.

Run it under Vitrine with the refs trace to see each change, the line that caused it, and
who freed the object:

    build/vitrine --trace=refs samples/refcounts.py
    build/vitrine --trace=refs,gc samples/refcounts.py    # the collections too

It also runs under python3 (without the trace): `vitrine` is then absent and skipped.
"""
import gc
import sys

try:
    import vitrine                  # Vitrine only: watch(obj, name) marks obj for --trace=refs
except ImportError:
    vitrine = None


def watch(obj, name):
    if vitrine is not None:
        vitrine.watch(obj, name)


gc.disable()                        # keep automatic collections out of the story

# ---- 1. one object's count ----
print("1. counting references to one list")
data = [1, 2, 3]
watch(data, "data")
# sys.getrefcount shows one more than you might expect: its own argument is a reference.
print("   refcount of data:", sys.getrefcount(data))
alias = data                        # a second name: +1
print("   after alias = data:", sys.getrefcount(data))
holder = [data, data]               # two list slots: +2
print("   after holder = [data, data]:", sys.getrefcount(data))
del holder                          # the holder dies and drops both of its references: -2
del alias                           # -1
print("   after del holder, alias:", sys.getrefcount(data))
del data                            # the count reaches 0: freed at once, by refcounting
print("   data is gone (see 'freed by refcounting' in the trace)")

# ---- 2. a cycle ----
print("2. a cycle survives del")


class Person:
    def __init__(self, name):
        self.name = name
        self.friend = None


ann = Person("ann")
bob = Person("bob")
watch(ann, "ann")
ann.friend = bob
bob.friend = ann                    # ann -> bob -> ann
del ann, bob                        # the names go; each object is still referenced by the other
print("   after del: still alive, each count is 1 (held by the other)")
found = gc.collect()                # the collector finds the pair unreachable and frees it
print("   gc.collect() found", found, "unreachable objects (see 'freed by the cycle collector')")
gc.enable()
