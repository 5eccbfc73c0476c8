import sys
sys.setrecursionlimit(100000)
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError:
    print("RecursionError caught")
except MemoryError:
    print("MemoryError caught")
print("still alive")
