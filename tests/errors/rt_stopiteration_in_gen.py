def gen():
    yield 1
    raise StopIteration("stop")

print(list(gen()))
