for e in (ValueError(), ValueError("a"), ValueError("a", 1), KeyError("k"), KeyError(),
          OSError(2, "x"), UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"),
          SyntaxError("m", ("f.py", 1, 2, "t", 1, 3)), StopIteration(5), SystemExit(3),
          BaseExceptionGroup("g", [ValueError(1)])):
    print(type(e).__name__, repr(e), "|", str(e), "|", e.args)
raise KeyError("multi", "args")
