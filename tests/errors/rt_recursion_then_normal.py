import sys
def f(n):
    return f(n + 1)
for limit in (50, 200, 1000):
    sys.setrecursionlimit(limit)
    try:
        f(0)
    except RecursionError:
        print("limit", limit, "ok")
def g(n):
    return 0 if n == 0 else 1 + g(n - 1)
print(g(900))
