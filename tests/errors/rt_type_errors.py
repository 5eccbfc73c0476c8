for expr in ("1 + 'a'", "'a' * 'b'", "[] < 1", "len(5)", "hash([])",
             "iter(5)", "{}[[]]", "-'x'", "abs('x')", "int([])", "'%d' % 'x'",
             "'{}'.format", "next([])", "object().x = 1", "del [].append"):
    try:
        exec(expr)
    except Exception as e:
        print(type(e).__name__, e)
print(undefined)
