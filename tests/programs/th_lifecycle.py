# threads helper: excepthook (default and custom), SystemExit in a thread, thread-local
# subclasses, deep recursion in a thread, Barrier action/abort/reset, Timer, and interpreter
# exit waiting for a non-daemon thread while a daemon thread stays blocked.
import io
import sys
import threading
import time

# default excepthook writes to sys.stderr: capture it
saved, sys.stderr = sys.stderr, io.StringIO()
def bad():
    raise KeyError("missing")
t = threading.Thread(target=bad, name="bad-one"); t.start(); t.join()
text = sys.stderr.getvalue()
sys.stderr = saved
lines = text.splitlines()
print(lines[0])
print(lines[1])
print(lines[-1])
print("is_alive after exception:", t.is_alive())

# SystemExit in a thread ends it silently
def leave():
    sys.exit(3)
saved, sys.stderr = sys.stderr, io.StringIO()
t = threading.Thread(target=leave); t.start(); t.join()
quiet = sys.stderr.getvalue()
sys.stderr = saved
print("SystemExit output:", repr(quiet))

# ExceptHookArgs fields, and a hook that itself fails
seen = []
def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.exc_traceback is not None,
                 args.thread.name, len(args)))
threading.excepthook = hook
t = threading.Thread(target=bad, name="hooked"); t.start(); t.join()
print(seen)
threading.excepthook = threading.__excepthook__

# thread-local with a subclass and __init__ arguments
class Ctx(threading.local):
    def __init__(self, base):
        self.base = base
        self.items = []
ctx = Ctx(10)
ctx.items.append("main")
got = {}
def use(n):
    ctx.items.append(n)
    got[n] = (ctx.base, list(ctx.items))
ts = [threading.Thread(target=use, args=(i,)) for i in range(3)]
for x in ts: x.start()
for x in ts: x.join()
print(sorted(got.items()), ctx.items)
try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)

# deep recursion inside a thread: RecursionError, not a crash
def deep(n):
    return deep(n + 1)
res = []
def recurse():
    try:
        deep(0)
    except RecursionError as e:
        res.append(str(e))
t = threading.Thread(target=recurse); t.start(); t.join()
print(res)

# Barrier with an action, abort and reset
acted = []
bar = threading.Barrier(3, action=lambda: acted.append("action"))
idx = []
def party():
    idx.append(bar.wait())
ts = [threading.Thread(target=party) for _ in range(3)]
for x in ts: x.start()
for x in ts: x.join()
print(sorted(idx), acted, bar.n_waiting, bar.broken)
bar2 = threading.Barrier(2)
errs = []
def waiter():
    try:
        bar2.wait()
    except threading.BrokenBarrierError:
        errs.append("broken")
w = threading.Thread(target=waiter); w.start()
while bar2.n_waiting < 1:
    time.sleep(0.001)
bar2.abort(); w.join()
print(errs, bar2.broken, repr(bar2).endswith(": broken>"))
bar2.reset()
print("after reset:", bar2.broken, repr(bar2).endswith(": waiters=0/2>"))

# Timer with arguments
fired = []
tm = threading.Timer(0.01, fired.append, args=["x"]); tm.start(); tm.join()
print(fired, tm.finished.is_set())

# exit: the daemon blocks forever, the non-daemon finishes after the main code is done
forever = threading.Event()
threading.Thread(target=forever.wait, daemon=True).start()
def late():
    time.sleep(0.05)
    print("non-daemon thread finished after main")
threading.Thread(target=late).start()
print("main done")
