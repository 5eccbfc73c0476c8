def compute(a, b):
    return a / b
result = compute(
    10,
    0,
)
