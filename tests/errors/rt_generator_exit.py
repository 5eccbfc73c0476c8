def gen():
    try:
        yield 1
    except GeneratorExit:
        print("closing")
        raise
    finally:
        print("gen finally")
g = gen()
next(g)
g.close()
def bad():
    try:
        yield 1
    except GeneratorExit:
        yield 2
b = bad()
next(b)
b.close()
