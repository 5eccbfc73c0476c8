# Weak references with the cycle collector: callbacks, clearing order (weakrefs die before
# __del__ in a collection), refs inside the garbage, weak containers.
import gc
import weakref

gc.disable()
gc.collect()

class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
    def __repr__(self):
        return "Node(%s)" % self.name

# refcount death: callback runs at once, with the dead weakref
log = []
n = Node("n")
r = weakref.ref(n, lambda wr: log.append(("callback", wr() is None)))
print("alive:", r() is n, "count:", weakref.getweakrefcount(n))
del n
print("after del:", log, r())

# basic refs are shared; refs with callbacks are not
m = Node("m")
print("shared:", weakref.ref(m) is weakref.ref(m), weakref.ref(m, print) is weakref.ref(m))
print("hash/eq:", weakref.ref(m) == weakref.ref(m, print), hash(weakref.ref(m)) == hash(m))

# cycle: the weakref callback runs during the collection, and __del__ sees it dead
class Del:
    def __init__(self):
        self.me = self
    def __del__(self):
        print("__del__ runs; weakref already dead:", wr() is None)
d = Del()
wr = weakref.ref(d, lambda w: print("callback during collect"))
del d
print("collected:", gc.collect())

# a weakref that is part of the garbage: its callback does not run
a, b = Node("a"), Node("b")
a.other, b.other = b, a
a.wr = weakref.ref(b, lambda w: print("must not run"))
del a, b
print("collected with inner weakref:", gc.collect())

# weak containers
class Big:
    pass
cache = weakref.WeakValueDictionary()
k = Big()
cache["k"] = k
print("in cache:", "k" in cache, len(cache))
del k
print("evicted:", "k" in cache, len(cache))
ws = weakref.WeakSet()
items = [Big() for _ in range(3)]
for it in items:
    ws.add(it)
print("weakset:", len(ws))
del items, it
print("weakset after:", len(ws))
wkd = weakref.WeakKeyDictionary()
key = Big()
wkd[key] = "v"
print("wkd:", len(wkd), wkd[key])
del key
print("wkd after:", len(wkd))

# a cycle kept only through weak containers is still collected
x = Node("x")
x.other = x
wv = weakref.WeakValueDictionary(x=x)
del x
print("cycle in weak dict collected:", gc.collect() >= 1, len(wv))

# finalize
def done(tag):
    print("finalized", tag)
obj = Big()
f = weakref.finalize(obj, done, "obj")
print("alive:", f.alive)
del obj
print("alive after:", f.alive)

try:
    weakref.ref(1)
except TypeError as e:
    print("TypeError:", e)
try:
    weakref.ref([])
except TypeError as e:
    print("TypeError:", e)
gc.enable()
