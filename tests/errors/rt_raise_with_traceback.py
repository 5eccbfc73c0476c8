def inner():
    raise ValueError("deep")

try:
    inner()
except ValueError as e:
    saved = e

def outer():
    raise saved.with_traceback(saved.__traceback__)

outer()
