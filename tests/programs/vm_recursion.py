# Deep Python recursion runs without C recursion; the limit, not the C stack, stops it.
import sys
def down(n):
    return 0 if n == 0 else 1 + down(n - 1)
sys.setrecursionlimit(60000)
print(down(50000))
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print("caught:", e)
sys.setrecursionlimit(1000)
def depth_reached(n=1):
    try:
        return depth_reached(n + 1)
    except RecursionError:
        return n
print(990 <= depth_reached() <= 1000)
class Node:
    def __init__(self, n):
        self.next = Node(n - 1) if n else None
try:
    Node(5000)
except RecursionError as e:
    print("caught:", type(e).__name__)
print(Node(100).next.next is not None)
def gen_rec(n):
    if n:
        yield from gen_rec(n - 1)
    yield n
print(sum(gen_rec(200)))
print("still alive")
