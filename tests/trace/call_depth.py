# --trace=call: each Python frame's call and return, with the call depth.
def leaf(x):
    return x + 1


def middle(x):
    return leaf(x) * 2


def failing():
    raise ValueError("left by an exception")


print(middle(1))
try:
    failing()
except ValueError:
    pass
