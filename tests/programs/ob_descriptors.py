# Built-in functions, method/getset/member descriptors: reprs, binding and argument errors.
def f(a, b=2):
    print(a, b)
f(1, b=3)
print("x", end="!\n")
print("{a}".format(a=1))
