# gc.callbacks, get_stats shapes, DEBUG_STATS / DEBUG_COLLECTABLE / DEBUG_SAVEALL, garbage.
import gc
import sys

gc.disable()
gc.collect()

class Node:
    def __init__(self):
        self.other = None

def make_cycle():
    a, b = Node(), Node()
    a.other, b.other = b, a

log = []
def cb(phase, info):
    log.append((phase, dict(info)))
    if phase == "start":
        log.append(("nested collect returns", gc.collect()))
gc.callbacks.append(cb)
make_cycle()
gc.collect(0)
gc.callbacks.remove(cb)
for entry in log:
    print(*entry)

# callbacks that raise are reported and the collection goes on
def bad(phase, info):
    raise RuntimeError("callback failed " + phase)
gc.callbacks.append(bad)
make_cycle()
import io
err = io.StringIO()
sys.stderr = err
n = gc.collect()
sys.stderr = sys.__stderr__
gc.callbacks.remove(bad)
for line in err.getvalue().splitlines():
    print(line.split(" at 0x")[0])
print("collected despite bad callback:", n)

stats = gc.get_stats()
print(len(stats), [sorted(s) for s in stats])
print(all(isinstance(v, int) for s in stats for v in s.values()))
before = gc.get_stats()[1]["collections"]
gc.collect(1)
print("gen 1 collections +1:", gc.get_stats()[1]["collections"] - before)

print("flags:", gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
gc.set_debug(gc.DEBUG_SAVEALL)
print("debug:", gc.get_debug())
x = []
x.append(x)
del x
print("saveall collected:", gc.collect())
print("saved:", [type(o).__name__ for o in gc.garbage], gc.garbage[0][0] is gc.garbage[0])
gc.garbage.clear()
print("counted again:", gc.collect())
gc.set_debug(0)
print("garbage after:", gc.garbage)

# DEBUG_STATS lines go to sys.stderr: capture them (elapsed time and sizes vary)
buf = io.StringIO()
sys.stderr = buf
gc.set_debug(gc.DEBUG_STATS | gc.DEBUG_COLLECTABLE)
make_cycle()
gc.collect(0)
gc.set_debug(0)
sys.stderr = sys.__stderr__
for line in buf.getvalue().splitlines():
    words = line.split()
    if line.startswith("gc: objects in each generation"):
        print(" ".join(words[:5]), len(words[5:]), "numbers")
    elif line.startswith("gc: done"):
        print(" ".join(words[:6]), words[6][-1], words[7])
    elif line.startswith("gc: collectable"):
        print(words[0], words[1], words[2])
    else:
        print(line)
gc.enable()
