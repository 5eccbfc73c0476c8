try:
    [0] * (2 ** 62)
except MemoryError:
    print("MemoryError")
except OverflowError as e:
    print("OverflowError", e)
"x" * (2 ** 63)
