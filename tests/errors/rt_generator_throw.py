def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen cleanup")

g = gen()
print(next(g))
g.throw(RuntimeError("thrown in"))
