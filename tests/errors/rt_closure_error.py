def counter():
    count = 0
    def step(by):
        nonlocal count
        count += by
        return count
    return step

step = counter()
print(step(1))
step("x")
