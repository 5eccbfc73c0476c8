def check(a, b, c):
    out = []
    if a < b < c: out.append("lt-chain")
    if not (a < b < c): out.append("not-chain")
    if a and not b or c: out.append("mixed")
    if (a if b else c): out.append("ifexp")
    if not a or (b and c): out.append("or-and")
    while a < b < c:
        a += 1
        out.append("w")
    r = a < b < c
    out.append(r)
    out.append(a == b == c)
    return out
for args in [(1, 2, 3), (3, 2, 1), (0, 0, 0), (1, 1, 5), (0, 5, 0)]:
    print(args, check(*args))
assert 1 < 2 < 3, "msg"
print([x for x in range(10) if 2 < x < 6 if not x == 4])
for v in (None, 0, "x"):
    r = []
    if v is None: r.append("is")
    if v is not None: r.append("is not")
    if not v is None: r.append("not is")
    if v is None or v == 0: r.append("or")
    while v is not None:
        r.append("loop"); v = None
    print(r, v is None, [x for x in (1, None) if x is not None])
