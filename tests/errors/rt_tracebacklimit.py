import sys
def a(n):
    if n == 0:
        raise ValueError("deep")
    a(n - 1)
for limit in (2, 0, -1):
    sys.tracebacklimit = limit
    try:
        a(5)
    except ValueError:
        sys.excepthook(*sys.exc_info())
sys.tracebacklimit = 1
try:
    a(3)
except ValueError as e:
    raise KeyError("outer") from e
