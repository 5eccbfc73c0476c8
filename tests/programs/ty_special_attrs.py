# Deleting/setting special attributes of classes: CPython's messages.
class C: pass
for a in ["__name__","__qualname__","__bases__","__module__","__doc__","__abstractmethods__","__annotations__","__mro__","__dict__"]:
    try: delattr(C, a); print("deleted", a)
    except Exception as e: print(type(e).__name__, e)
for a in ["__name__","__doc__","__module__"]:
    try: setattr(int, a, "x")
    except Exception as e: print(type(e).__name__, e)
try: C.__mro__ = ()
except Exception as e: print(type(e).__name__, e)
