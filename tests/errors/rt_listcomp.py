def f(rows):
    return [r["name"].upper() for r in rows if r]

print(f([{"name": "a"}, {"nom": "b"}]))
