try:
    raise SyntaxError("custom message", ("fake.py", 3, 5, "some text here\n", 3, 9))
except SyntaxError as e:
    print(e, "|", e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)
raise SyntaxError("custom message", ("fake.py", 3, 5, "    some text here\n", 3, 9))
