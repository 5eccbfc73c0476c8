def f(x):
    return x.attr   
def g():
    return f(None)                                                                                                                                  # long trailing comment
g()
