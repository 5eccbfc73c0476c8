class Thing:
    def __init__(self, size):
        self.data = [0] * size
        self.check()
    def check(self):
        raise RuntimeError("invalid Thing")
things = [Thing(n) for n in range(2)]
