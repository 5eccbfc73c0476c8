class BadEq:
    def __eq__(self, other):
        raise RuntimeError("eq failed")
    __hash__ = object.__hash__

try:
    [1, BadEq()].index(5)
except RuntimeError as e:
    print("index:", e)

class BadHash:
    def __hash__(self):
        raise TypeError("hash failed")

{BadHash(): 1}
