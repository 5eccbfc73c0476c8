a = []
a.append(a)
print(a)
d = {}
d["self"] = d
print(d)
def nest(n):
    x = []
    for _ in range(n):
        x = [x]
    return x
print(len(repr(nest(100))))
