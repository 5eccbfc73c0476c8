import sys
def f(n):
    return f(n + 1) + 1
for i in range(3):
    try:
        f(0)
    except RecursionError as e:
        print(i, e)
print(sys.getrecursionlimit())
