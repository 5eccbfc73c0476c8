import atexit
def bye():
    print("bye runs")
    raise ValueError("in atexit")
atexit.register(bye)
print("main done")
