# Code object attributes (co_consts order, names, varnames, flags) match CPython 3.11.
def f(a, b=1, *c, d, **e):
    "doc"
    x = a + 2 * 3 - 1.5
    y = (1, 2, (3, "s"))
    z = [1, 2, 3]
    w = f(a, key=1)
    if a is None: return None
    for i in range(10): pass
    return -5, x in [1, 2], {"k": 1}
def g():
    return lambda q: q
class C:
    "cdoc"
    def m(self): return super().m()
for fn in (f, g, C.m):
    co = fn.__code__
    print(co.co_consts[:1], [k for k in co.co_consts[1:] if not hasattr(k, "co_code")], co.co_names, co.co_varnames, co.co_argcount, co.co_kwonlyargcount, co.co_nlocals, co.co_flags, co.co_freevars, co.co_cellvars)
print(g().__code__.co_consts, g().__qualname__)
