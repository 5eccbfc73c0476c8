# threads helper: 8 threads mixing allocation, dict/list mutation, lock hand-offs, thread
# creation and joins while the cycle collector runs; repeated; results are checked exactly.
import gc
import threading

class Node:
    def __init__(self, v):
        self.v = v
        self.me = self          # a cycle for the collector

def worker(i, shared, lock, counts, rounds):
    local_list = []
    for r in range(rounds):
        d = {"k%d" % j: [j, str(j), (j, i)] for j in range(20)}
        local_list.append(Node(d))
        if len(local_list) > 10:
            local_list.pop(0)
        with lock:
            shared.append(i)
            counts[i] = counts.get(i, 0) + 1
        if r % 25 == 0:
            gc.collect()
        if r % 40 == 0:
            # a short-lived child thread created and joined from a worker
            box = []
            c = threading.Thread(target=box.append, args=(r,))
            c.start(); c.join()
            assert box == [r]

def one_round(rounds):
    shared, counts, lock = [], {}, threading.Lock()
    ts = [threading.Thread(target=worker, args=(i, shared, lock, counts, rounds)) for i in range(8)]
    for t in ts: t.start()
    for t in ts: t.join()
    return len(shared), sorted(counts.items()) == [(i, rounds) for i in range(8)]

results = [one_round(120) for _ in range(5)]
print(results)

# lock hand-off ping-pong between two threads: strictly alternating turns
cond = threading.Condition()
turn = ["ping"]
log = []
def player(me, other, n):
    for _ in range(n):
        with cond:
            cond.wait_for(lambda: turn[0] == me)
            log.append(me)
            turn[0] = other
            cond.notify_all()
a = threading.Thread(target=player, args=("ping", "pong", 200))
b = threading.Thread(target=player, args=("pong", "ping", 200))
a.start(); b.start(); a.join(); b.join()
print(len(log), all(log[k] == ("ping", "pong")[k % 2] for k in range(len(log))))

# unsynchronised += on a shared list item is still memory-safe (the GIL), counts may vary
box = [0]
def bump():
    for _ in range(10000):
        box[0] += 1
ts = [threading.Thread(target=bump) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("bumps in range:", 10000 <= box[0] <= 40000)
print("threads left:", threading.active_count())
