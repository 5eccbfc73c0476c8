def deep(n):
    return [deep(n + 1) for _ in range(1)]

deep(0)
