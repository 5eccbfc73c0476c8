import weakref

class Obj:
    pass

def callback(ref):
    raise KeyError("in weakref callback")

o = Obj()
r = weakref.ref(o, callback)
del o
print("after weakref callback")

