def gen():
    try:
        yield 1
    finally:
        raise ValueError("in generator finally during close")

g = gen()
next(g)
del g
print("after generator close")

class Holder:
    def __del__(self):
        print("in __del__")
        raise RuntimeError("in __del__")

h = Holder()
h = None
print("end")
