def compute(values, factor, offset):
    return [v * factor + offset for v in values]

result = compute([1, 2, 3], 2, None) if True else compute([1, 2, 3], 2, 3)
