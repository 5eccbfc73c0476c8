names = ["a", "b", "c"]
ages = [1, 2]
for n, a in zip(names, ages, strict=True):
    print(n, a)
