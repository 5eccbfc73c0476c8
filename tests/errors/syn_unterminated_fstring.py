print(f"abc)
