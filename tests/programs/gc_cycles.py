# Cycle collector: cycles freed by gc.collect(), counts returned, __del__ once (PEP 442),
# resurrection, survivors promoted through the generations.
import gc

gc.disable()
gc.collect()

class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
    def __repr__(self):
        return "Node(%s)" % self.name

# two instances referring to each other
a, b = Node("a"), Node("b")
a.other, b.other = b, a
del a, b
print("two-node cycle:", gc.collect())

# self-referencing containers
l = []
l.append(l)
del l
print("list cycle:", gc.collect())
d = {}
d["self"] = d
del d
print("dict cycle:", gc.collect())

# a longer ring of lists
ring = [[] for _ in range(10)]
for i, x in enumerate(ring):
    x.append(ring[(i + 1) % 10])
del ring, x
print("ring of 10 lists:", gc.collect())

# nothing to collect
keep = [Node("kept")]
print("no garbage:", gc.collect())

# __del__ on a cycle runs exactly once
class WithDel:
    count = 0
    def __init__(self, name):
        self.name = name
        self.me = self
    def __del__(self):
        WithDel.count += 1
        print("__del__", self.name)

w = WithDel("w")
del w
print("collected with __del__:", gc.collect())
print("garbage:", gc.garbage, "finalizers run:", WithDel.count)

# resurrection: __del__ stores self globally, so nothing is freed; __del__ never runs twice
saved = []
class Phoenix:
    def __init__(self):
        self.me = self
    def __del__(self):
        print("Phoenix.__del__")
        saved.append(self)

p = Phoenix()
del p
print("resurrected, collected:", gc.collect())
print("is_finalized:", gc.is_finalized(saved[0]))
saved.clear()
print("second time, collected:", gc.collect())

# an object reachable from a cycle with __del__ survives until the cycle dies
class Holder:
    def __init__(self):
        self.me = self
        self.payload = [1, 2, 3]
    def __del__(self):
        print("Holder sees payload", self.payload)
h = Holder()
del h
print("holder:", gc.collect())

# function / closure cycles
def make_closure():
    def f():
        return f
    return f
f = make_closure()
del f
print("closure cycle:", gc.collect() >= 1)

# class cycle (a class refers to itself through its __dict__ and __mro__)
def make_class():
    class Tmp:
        pass
    Tmp.me = Tmp
    return Tmp
t = make_class()
del t
print("class cycle freed something:", gc.collect() > 0)

# objects in frames are never collected while referenced
def inner():
    x = []
    x.append(x)
    gc.collect()
    return len(x), x[0] is x
print("live local cycle:", inner())
print("then garbage:", gc.collect())
gc.enable()
