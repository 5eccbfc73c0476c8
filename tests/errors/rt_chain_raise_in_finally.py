def f():
    try:
        raise ValueError("body")
    finally:
        raise KeyError("finally")

f()
