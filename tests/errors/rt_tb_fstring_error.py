items = {"a": 1}
print(f"value: {items['b']:>10}")
