# Generations: counters, thresholds, promotion of survivors (get_objects by generation),
# automatic collections, tuple/dict untracking, freeze.
import gc

gc.disable()
gc.collect()
print("threshold:", gc.get_threshold())

class Obj:
    pass

# survivors move one generation up per collection
x = [Obj()]
def gen_of(o):
    for g in range(3):
        if any(y is o for y in gc.get_objects(g)):
            return g
    return None
print("new list in gen", gen_of(x))
gc.collect(0)
print("after collect(0): gen", gen_of(x), "count", gc.get_count())
gc.collect(1)
print("after collect(1): gen", gen_of(x), "count", gc.get_count())
gc.collect(0)
gc.collect(0)
print("counts after two collect(0):", gc.get_count())
gc.collect(2)
print("after collect(2): gen", gen_of(x), "count1/2", gc.get_count()[1:])

# count0 = container allocations minus deallocations
before = gc.get_count()[0]
many = [[] for _ in range(100)]
print("100 lists add about 100:", 95 <= gc.get_count()[0] - before <= 110)
del many
gc.collect()

# thresholds and automatic collection
gc.set_threshold(100)
print("set_threshold(100):", gc.get_threshold())
gc.set_threshold(700, 10, 10)
gc.enable()
seen = []
def cb(phase, info):
    if phase == "stop":
        seen.append(info["generation"])
gc.callbacks.append(cb)
garbage_made = 0
for i in range(3000):
    c = []
    c.append(c)
gc.callbacks.remove(cb)
print("automatic collections happened:", len(seen) > 0, "young ones:", set(seen) <= {0, 1, 2})
del c
gc.collect()
print("cycles were collected:", gc.get_stats()[0]["collected"] > 0)

# tracking
print("int/str/None:", gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked(None))
print("list/instance/func:", gc.is_tracked([]), gc.is_tracked(Obj()), gc.is_tracked(gen_of))
print("dicts:", gc.is_tracked({}), gc.is_tracked({"a": 1}), gc.is_tracked({"a": []}))
n = 5
t1 = (1, 2, n + 1)
t2 = (1, [])
print("tuples before:", gc.is_tracked(t1), gc.is_tracked(t2))
gc.collect()
print("tuples after:", gc.is_tracked(t1), gc.is_tracked(t2))
d = {"a": []}
d["a"] = 1
print("dict before full collect:", gc.is_tracked(d))
gc.collect()
print("dict after full collect:", gc.is_tracked(d))
d["b"] = []
print("dict retracked:", gc.is_tracked(d))

# referents / referrers
holder = [Obj(), "s", 1]
print("referents:", sorted(type(r).__name__ for r in gc.get_referents(holder)))
print("referents of dict:", [r for r in gc.get_referents({"k": [1, 2]}) if r != "k"])
target = Obj()
container = {"k": target}
print("referrers:", any(r is container for r in gc.get_referrers(target)))
print("get_objects excludes atoms:", not any(type(o) in (str, int) for o in gc.get_objects()))

# freeze
gc.freeze()
print("frozen something:", gc.get_freeze_count() > 0)
print("gen 2 empty after freeze:", len(gc.get_objects(2)) == 0)
gc.unfreeze()
print("unfrozen:", gc.get_freeze_count())

try:
    gc.get_objects(3)
except ValueError as e:
    print("ValueError:", e)
try:
    gc.collect(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    gc.set_threshold()
except TypeError as e:
    print("TypeError:", e)
