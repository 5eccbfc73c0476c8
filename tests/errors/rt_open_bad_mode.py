try:
    open("x", "rz")
except ValueError as e:
    print(e)
open(3.5)
