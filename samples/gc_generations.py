"""Generations: how the cycle collector ages objects (run with build/vitrine or python3).

CPython 3.11 (and Vitrine, which copies it) sorts every container object (list, dict, class
instance...) into one of three generations:

  * generation 0 holds new objects. It is collected often, because most objects die young.
  * an object that survives a collection of its generation moves ("is promoted") one up.
  * generation 2 holds the survivors of survivors; it is collected rarely.

A collection of generation N starts when the count of generation N passes its threshold:
for generation 0 the count is (container allocations - deallocations) since its last
collection; for generation 1 and 2 it is the number of collections of the generation below.
Try it with tracing on to see each collection start and end:

    build/vitrine --trace=gc samples/gc_generations.py
    build/vitrine --gc-stats samples/gc_generations.py     # summary at exit
"""
import gc


def generation_of(obj):
    """The generation whose list holds obj (None: not tracked by the collector)."""
    for gen in range(3):
        if any(o is obj for o in gc.get_objects(gen)):
            return gen
    return None


def show(label):
    sizes = [len(gc.get_objects(gen)) for gen in range(3)]
    print(f"{label:<34} count={gc.get_count()}  objects per generation={sizes}")


# Collections would happen whenever the counts pass their thresholds; switch the automatic
# ones off so that each step below is one we ask for.
gc.disable()
gc.collect()                        # a full collection: everything alive is now in gen 2
show("after a full collection")

survivor = [1, 2, 3]                # a new container starts its life in generation 0
print("survivor lives in generation", generation_of(survivor))
show("after creating it")           # count[0] went up: survivor, plus the temporary containers
                                    # (lists, generators) that the two helpers above still hold

gc.collect(0)                       # collect generation 0 only; survivor is still referenced
print("after gc.collect(0): generation", generation_of(survivor))   # promoted to 1
show("  then")                      # count[1] went up: one more collection of gen 0

gc.collect(1)                       # collects generations 0 and 1 together
print("after gc.collect(1): generation", generation_of(survivor))   # promoted to 2
show("  then")

# Atomic containers are not worth watching: a tuple or dict of only numbers and strings can
# never be part of a cycle, so the collector stops tracking it once it sees that.
print("is (1, 2) tracked?", gc.is_tracked((1, 2)), "  is [] tracked?", gc.is_tracked([]))

# ---- thresholds, tuned live ----
# gc.get_threshold() is (700, 10, 10) by default. With a threshold of 50 for generation 0,
# allocating 1000 lists that stay alive makes about 1000 / 50 = 20 young collections, and
# every 5th of them (threshold 5 for generation 1) also collects generation 1.
print("default thresholds:", gc.get_threshold())
runs = [0, 0, 0]


def count_collections(phase, info):
    """gc.callbacks: called with "start" and "stop" around every collection."""
    if phase == "start":
        runs[info["generation"]] += 1


gc.callbacks.append(count_collections)
gc.set_threshold(50, 5, 100)
gc.enable()
kept = [[i] for i in range(1000)]   # 1000 containers that all survive
gc.disable()
gc.callbacks.remove(count_collections)
print("with thresholds (50, 5, 100), 1000 new lists caused collections per generation:", runs)
ids_per_gen = [{id(o) for o in gc.get_objects(gen)} for gen in range(3)]
print("where the 1000 lists are now, per generation:",
      [sum(1 for item in kept if id(item) in ids) for ids in ids_per_gen])
# The oldest ones were promoted twice (gen 2), later ones once (gen 1); the newest ones,
# allocated after the last collection, are still in generation 0.
gc.set_threshold(700, 10, 10)       # back to the defaults
gc.enable()
