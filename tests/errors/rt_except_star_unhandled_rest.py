def work():
    raise ExceptionGroup("batch", [ValueError("a"), OSError("b"), ValueError("c")])

try:
    work()
except* ValueError as eg:
    print("handled", len(eg.exceptions), "ValueErrors")
