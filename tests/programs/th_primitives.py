# threads helper: _thread and threading primitives, their errors and messages
import _thread
import threading

lock = _thread.allocate_lock()
print(type(lock).__name__, type(lock) is _thread.LockType, threading.Lock is _thread.allocate_lock)
print(repr(lock).split(" object")[0], lock.locked())
print(lock.acquire(), lock.locked(), repr(lock).split(" object")[0])
print("non-blocking while held:", lock.acquire(False), lock.acquire(blocking=False))
print("timeout while held:", lock.acquire(timeout=0.01))
for args, kw in [((False, 1), {}), ((True, -2), {}), ((), {"timeout": -0.5})]:
    try:
        lock.acquire(*args, **kw)
    except ValueError as e:
        print("ValueError:", e)
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
with lock:
    print("in with:", lock.locked())
print("after with:", lock.locked())
print("error is RuntimeError:", _thread.error is RuntimeError, threading.ThreadError is RuntimeError)
print("TIMEOUT_MAX:", threading.TIMEOUT_MAX > 1e6)
print("ident int:", type(threading.get_ident()).__name__, threading.get_ident() == _thread.get_ident())
print("native id int:", type(threading.get_native_id()).__name__)
print("stack_size:", _thread.stack_size())
try:
    _thread.stack_size(100)
except ValueError as e:
    print("ValueError:", e)

r = threading.RLock()
print(repr(r).split(" at ")[0].replace(str(threading.get_ident()), "ME"))
print(r.acquire(), r.acquire(), r._is_owned())
print(repr(r).split(" at ")[0].replace(str(threading.get_ident()), "ME"))
r.release(); r.release()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
# an RLock held by another thread cannot be released here
r.acquire()
out = []
def other_release():
    try:
        r.release()
    except RuntimeError as e:
        out.append(str(e))
    out.append(r.acquire(timeout=0.01))
t = threading.Thread(target=other_release); t.start(); t.join()
print(out)
r.release()

c = threading.Condition()
for meth in (c.wait, c.notify):
    try:
        meth()
    except RuntimeError as e:
        print("RuntimeError:", e)
with c:
    print("wait timeout:", c.wait(0.01), "wait_for:", c.wait_for(lambda: 42, 0.01))
    print("wait_for false:", c.wait_for(lambda: 0, timeout=0.01))
print(repr(c).startswith("<Condition(<unlocked _thread.RLock object owner=0 count=0 at"), repr(c).endswith(", 0)>"))
cl = threading.Condition(threading.Lock())
with cl:
    print("plain-lock condition wait:", cl.wait(0.01))

try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)
s = threading.Semaphore(2)
print(s.acquire(), s.acquire(), s.acquire(False), s.acquire(timeout=0.01))
try:
    s.acquire(False, 1)
except ValueError as e:
    print("ValueError:", e)
try:
    s.release(0)
except ValueError as e:
    print("ValueError:", e)
s.release(2)
print("value:", s._value)
b = threading.BoundedSemaphore(1)
b.acquire(); b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)

e = threading.Event()
print(e.is_set(), e.wait(0.01), repr(e).endswith(": unset>"))
e.set()
print(e.is_set(), e.wait(), repr(e).endswith(": set>"))
e.clear()
print(e.is_set())

# Thread errors and naming
th = threading.Thread(target=print)
try:
    th.join()
except RuntimeError as e:
    print("RuntimeError:", e)
print(repr(th).replace(th.name, "NAME"))
th.start(); th.join()
try:
    th.start()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    th.daemon = True
except RuntimeError as e:
    print("RuntimeError:", e)
print("stopped:", "stopped" in repr(th), th.is_alive())
def named_target(): pass
n1 = threading.Thread(target=named_target).name
n2 = threading.Thread().name
n3 = threading.Thread(target=lambda: None).name
print(n1.split(" ", 1)[1], n2.startswith("Thread-"), n3.split(" ", 1)[1])
print(int(n2.split("-")[1]) == int(n1.split("-")[1].split()[0]) + 1)
print(threading.Thread(name=42).name)
print(repr(threading.main_thread()).split(",")[0], threading.main_thread().daemon)
print("enumerate:", [t.name for t in threading.enumerate()], threading.active_count())
dummy = []
_thread_done = _thread.allocate_lock(); _thread_done.acquire()
def raw():
    dummy.append(threading.current_thread().name.startswith("Dummy-"))
    dummy.append(threading.current_thread().daemon)
    _thread_done.release()
_thread.start_new_thread(raw, ())
_thread_done.acquire()
print("raw thread is a dummy:", dummy)
