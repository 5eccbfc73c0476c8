class It:
    def __iter__(self):
        return self
    def __next__(self):
        raise IndexError("bad next")
for x in It():
    pass
