def nested(n):
    yield from nested(n + 1)

try:
    next(nested(0))
except RecursionError as e:
    print("caught:", e)
print("recovered", sum(x for x in range(10)))
