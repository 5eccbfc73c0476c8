def outer():
    def inner():
        return val
    r = inner()
    val = 1
    return r
outer()
