# Deallocating very long chains of instances must not overflow the C stack (trashcan).
class N:
    __slots__ = ("next", "items")
class M:
    def __del__(self): pass
head = None
for i in range(300000):
    n = N()
    n.next = head
    n.items = [M()]
    head = n
del head, n
class L(list): pass
x = L()
for i in range(300000):
    x = L([x])
del x
print("ok")
