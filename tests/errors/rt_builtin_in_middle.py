def key(x):
    return x.lower()
sorted(["a", 1], key=key)
