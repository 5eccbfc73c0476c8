try:
    raise ExceptionGroup("inner group", [ValueError("a"), TypeError("b")])
except ExceptionGroup as eg:
    raise RuntimeError("wrapping a group") from eg
