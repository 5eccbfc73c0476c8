try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])
except* ValueError as g:
    print("handled", repr(g.exceptions))
except* TypeError:
    print("handled type errors")
