d = {"a": 1}
for k in ("b", ("t", 1), "", None, 1.5):
    try:
        d[k]
    except KeyError as e:
        print(repr(e), str(e))
d[("x", "y")]
