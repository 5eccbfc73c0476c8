try:
    try:
        int("x")
    except ValueError as e:
        raise TypeError("converted") from KeyError("cause")
except TypeError:
    raise RuntimeError("outer")
