import traceback
def f():
    raise ValueError("tb module")
try:
    f()
except ValueError:
    traceback.print_exc()
print("after print_exc")
f()
