def f():
    raise ValueError("with class cause") from KeyError
f()
