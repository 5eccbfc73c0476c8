def f():
    try:
        raise ValueError("lost")
    finally:
        raise SystemExit(7)
f()
