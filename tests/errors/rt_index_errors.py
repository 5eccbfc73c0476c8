for expr in ("[][0]", "()[0]", "''[0]", "b''[0]", "range(0)[0]", "[].pop()", "[1].pop(5)", "bytearray()[0]", "[1][-2]"):
    try:
        eval(expr)
    except IndexError as e:
        print(expr, "->", e)
"abc"[10]
