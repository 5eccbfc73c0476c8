# A reference cycle that `del` cannot free: the cycle collector finds it when gc.collect()
# runs. Automatic collections are off so that the only collections traced are gc.collect()
# and the one at shutdown.
import gc

gc.disable()
gc.collect()          # start from empty young generations


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


a = Node("a")
b = Node("b")
a.other = b
b.other = a           # a -> b -> a: each keeps the other's count above zero
del a, b              # no name reaches them any more, but they still hold each other
found = gc.collect()  # the collector proves nothing outside reaches them and frees both
print("unreachable objects found:", found)
