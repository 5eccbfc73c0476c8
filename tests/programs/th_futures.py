# threads helper: concurrent.futures details: states, callbacks, timeouts, wait modes, map,
# shutdown(cancel_futures), initializer failure, worker names, errors after shutdown.
import concurrent.futures as cf
from concurrent.futures import ThreadPoolExecutor, Future, wait, as_completed
import threading
import time

def state(f):
    return repr(f).split("state=")[1]

f = Future()
print(state(f), f.done(), f.running(), f.cancelled())
calls = []
f.add_done_callback(lambda fut: calls.append(("cb1", fut.result())))
print(f.set_running_or_notify_cancel(), state(f), f.cancel())
f.set_result([1])
print(state(f), calls)
f.add_done_callback(lambda fut: calls.append("late"))
print(calls[-1])
try:
    f.set_result(2)
except cf.InvalidStateError as e:
    print("InvalidStateError:", str(e).split(":")[0])
g = Future()
print(g.cancel(), g.cancel(), state(g), g.cancelled(), g.done())
for meth in (g.result, g.exception):
    try:
        meth()
    except cf.CancelledError as e:
        print("CancelledError", repr(e))
h = Future()
try:
    h.result(timeout=0.01)
except TimeoutError as e:
    print("TimeoutError", type(e) is cf.TimeoutError)
h.set_exception(KeyError("k"))
print(state(h), repr(h.exception()))
print(cf.CancelledError.__mro__[1].__name__, issubclass(cf.BrokenExecutor, RuntimeError))

with ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool") as ex:
    names = set(ex.map(lambda _: threading.current_thread().name, range(20)))
    print(sorted(names) <= ["pool_0", "pool_1"], len(names) >= 1)

def sleepy(x):
    time.sleep(x)
    return x
def boom(x):
    time.sleep(x)
    raise ValueError("boom %s" % x)
with ThreadPoolExecutor(max_workers=3) as ex:
    fs = [ex.submit(sleepy, 0.3), ex.submit(boom, 0.01), ex.submit(sleepy, 0.02)]
    done, not_done = wait(fs, return_when=cf.FIRST_EXCEPTION)
    print("first exception:", [str(d.exception()) for d in done if d.exception()], fs[0] in not_done)
    done, not_done = wait(fs, timeout=0.01)
    done, not_done = wait(fs)
    print("all:", len(done), len(not_done))
    try:
        fs[1].result(timeout=1)
    except ValueError as e:
        print("re-raised:", e)

with ThreadPoolExecutor(max_workers=2) as ex:
    fs = [ex.submit(sleepy, 0.5), ex.submit(sleepy, 0.5)]
    try:
        for x in as_completed(fs, timeout=0.05):
            print("unexpected")
    except TimeoutError as e:
        print("as_completed:", e)
    it = ex.map(sleepy, [0.5, 0.01], timeout=0.05)
    try:
        list(it)
    except TimeoutError:
        print("map timed out")
    print(list(ex.map(lambda a, b: a + b, [1, 2, 3], [10, 20])))

ex = ThreadPoolExecutor(max_workers=1)
started = threading.Event()
release = threading.Event()
def blocker():
    started.set()
    release.wait()
    return "blocker"
first = ex.submit(blocker)
started.wait()
queued = [ex.submit(sleepy, 0) for _ in range(3)]
release.set()
ex.shutdown(wait=True, cancel_futures=True)
print(first.result(), [q.cancelled() for q in queued])
try:
    ex.submit(sleepy, 0)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError:", e)

def bad_init():
    raise OSError("no init")
import io, sys
saved, sys.stderr = sys.stderr, io.StringIO()
with ThreadPoolExecutor(max_workers=1, initializer=bad_init) as ex:
    fut = ex.submit(sleepy, 0)
    try:
        fut.result(timeout=2)
    except cf.BrokenExecutor as e:
        res = (type(e).__name__, str(e))
err = sys.stderr.getvalue()
sys.stderr = saved
print(res, err.splitlines()[0], err.splitlines()[-1])

# an unfinished pool at exit: workers are joined, pending work completes
late = ThreadPoolExecutor(max_workers=2)
late.submit(lambda: print("pool job finished before exit"))
