def f():
    try:
        print("in try")
        return g()
    finally:
        print("finally of f")

def g():
    try:
        raise ValueError("from g")
    finally:
        print("finally of g")

f()
