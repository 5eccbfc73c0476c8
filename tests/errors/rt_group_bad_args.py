try:
    ExceptionGroup("x", [])
except ValueError as e:
    print(e)
try:
    ExceptionGroup("x", [1])
except ValueError as e:
    print(e)
ExceptionGroup("x", [KeyboardInterrupt()])
