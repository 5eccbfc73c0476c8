def f(a, b, *, c):
    pass
for call in (lambda: f(1), lambda: f(1, 2, 3), lambda: f(1, 2), lambda: f(1, 2, c=3, d=4),
             lambda: f(1, 2, a=1, c=2), lambda: len(), lambda: len(1, 2), lambda: int(x=1)):
    try:
        call()
    except TypeError as e:
        print(e)
f()
