import sys
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print(e)
sys.setrecursionlimit("x")
