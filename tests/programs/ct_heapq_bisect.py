# heapq and bisect (C primitives + Python-level helpers)
import heapq, bisect
h = []
for v in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, v)
print(h, [heapq.heappop(h) for _ in range(3)], h)
x = [9, 4, 7, 1, 8, 2]; heapq.heapify(x)
print(x, heapq.heapreplace(x, 5), x, heapq.heappushpop(x, 0), heapq.heappushpop(x, 6), x)
tasks = []
for item in [(3, "write"), (1, "plan"), (2, "code"), (1, "coffee")]:
    heapq.heappush(tasks, item)
print([heapq.heappop(tasks) for _ in range(len(tasks))])
data = [5, 1, 8, 3, 9, 2, 8, 1]
print(heapq.nsmallest(3, data), heapq.nlargest(3, data), heapq.nsmallest(1, data), heapq.nlargest(0, data), heapq.nlargest(20, data))
recs = [("a", 3), ("b", 1), ("c", 3), ("d", 2)]
print(heapq.nlargest(2, recs, key=lambda r: r[1]), heapq.nsmallest(2, recs, key=lambda r: r[1]))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [0, 9])), list(heapq.merge()), list(heapq.merge([3, 1], [2], reverse=True)))
print(list(heapq.merge(["b", "dd"], ["a", "ccc"], key=len)))
for bad in ["heapq.heappop([])", "heapq.heappush((), 1)", "heapq.heapify(None)"]:
    try:
        eval(bad)
    except Exception as e:
        print(type(e).__name__, e)
a = [1, 3, 3, 5, 7]
print(bisect.bisect_left(a, 3), bisect.bisect_right(a, 3), bisect.bisect(a, 3), bisect.bisect_left(a, 3, 2), bisect.bisect_right(a, 3, 0, 2))
bisect.insort(a, 4); bisect.insort_left(a, 3); bisect.insort_right(a, 0); print(a)
grades = [60, 70, 80, 90]
print(["FDCBA"[bisect.bisect(grades, s)] for s in [33, 99, 77, 70, 89, 90, 100]])
objs = [("a", 1), ("b", 5), ("c", 9)]
print(bisect.bisect_left(objs, 5, key=lambda o: o[1]), bisect.bisect_right(objs, 5, key=lambda o: o[1]))
bisect.insort(objs, ("z", 6), key=lambda o: o[1]); print(objs)
try:
    bisect.bisect_left(a, 1, -1)
except ValueError as e:
    print(e)
big = list(range(100000, 0, -1)); heapq.heapify(big); print(big[:3], heapq.nsmallest(3, big))
