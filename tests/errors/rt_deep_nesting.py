a = []
for i in range(200000):
    a = [a]
del a
d = {}
for i in range(200000):
    d = {"k": d}
d = None
t = ()
for i in range(200000):
    t = (t,)
t = None
class Node:
    def __init__(self, nxt):
        self.nxt = nxt
n = None
for i in range(200000):
    n = Node(n)
n = None
print("survived deallocation")
for src in ("[" * 200 + "]" * 200, "(" * 300 + ")" * 300):
    try:
        eval(src)
        print("ok")
    except (SyntaxError, RecursionError, MemoryError) as e:
        print(type(e).__name__, e)
x = []
for i in range(5000):
    x = [x]
try:
    repr(x)
except RecursionError as e:
    print("RecursionError", e)
