words = ["a", "bb", None]
print({w: len(w) for w in words})
