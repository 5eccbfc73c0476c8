# Why a cycle survives `del`: watch one object's reference count. The list below refers to
# itself, so after `del box` its count stays at 1 and only the cycle collector frees it.
import gc
import vitrine

gc.disable()                # no automatic collection in the middle of the trace

box = []
vitrine.watch(box, "box")   # from here on, every incref/decref of box is traced
box.append(box)             # the list holds a reference to itself
del box                     # the name goes, the self-reference keeps the count at 1
print("collected:", gc.collect())
