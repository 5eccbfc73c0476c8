def numbers():
    yield 1
    yield 2
    yield "three"

print(sum(n * 2 for n in numbers()) + 0)
total = sum(n + 1 for n in numbers())
