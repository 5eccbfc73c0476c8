import gc
class Node:
    def __init__(self):
        self.me = self
    def __del__(self):
        raise ValueError("del in cycle")
Node()
gc.collect()
print("collected")
