# Deeply nested containers are freed without overflowing the C stack (the trashcan).
from collections import deque
a = []
for i in range(200000):
    a = [a]
del a
print("list freed")
d = {}
for i in range(200000):
    d = {1: d}
del d
print("dict freed")
t = ()
for i in range(200000):
    t = (t, i)
del t
print("tuple freed")
s = frozenset()
for i in range(100000):
    s = frozenset([s])
del s
print("frozenset freed")
q = deque()
for i in range(100000):
    q = deque([q])
del q
print("deque freed")
class Node:
    def __init__(self, nxt):
        self.nxt = [nxt]
n = None
for i in range(100000):
    n = Node(n)
del n
print("instances freed")
