def f():
    try:
        raise ValueError("swallowed")
    finally:
        return "finally wins"
print(f())
def g():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            continue
    return "loop done"
print(g())
raise RuntimeError("the only error")
