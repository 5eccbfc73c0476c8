def a(n):
    return b(n)
def b(n):
    if n == 0:
        1 / 0
    return a(n - 1)
a(10)
