def fail(i):
    raise ValueError(f"bad {i}")

errors = []
for i in range(2):
    try:
        fail(i)
    except ValueError as e:
        errors.append(e)
eg = ExceptionGroup("several", errors + [ExceptionGroup("inner", [KeyError("k")])])
eg.add_note("while loading")
raise eg
