def a():
    try:
        1 / 0
    except ZeroDivisionError:
        b()

def b():
    try:
        [][1]
    except IndexError:
        {}["k"]

a()
