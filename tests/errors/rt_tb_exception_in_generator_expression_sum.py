def scores(rows):
    return sum(int(r.split(":")[1]) for r in rows)
print(scores(["a:1", "b:2", "c"]))
