#!/usr/bin/env python3
"""Checks of the vitrine command line: options, exit statuses, -c, piped stdin, SystemExit."""
import os, signal, subprocess, sys, tempfile, time

VITRINE = os.path.abspath(sys.argv[1])
failures = 0
total = 0

def report(name, ok, detail=""):
    global failures, total
    total += 1
    print(("ok   " if ok else "FAIL ") + name)
    if not ok:
        failures += 1
        if detail:
            print("  " + detail)

def check(name, args, expect_status, expect_out=None, stdin=None, expect_err_contains=None, cwd=None):
    global failures, total
    total += 1
    r = subprocess.run([VITRINE] + args, input=stdin, capture_output=True, text=True, timeout=60,
                       cwd=cwd)
    ok = r.returncode == expect_status
    if expect_out is not None:
        ok = ok and r.stdout == expect_out
    if expect_err_contains is not None:
        ok = ok and expect_err_contains in r.stderr
    print(("ok   " if ok else "FAIL ") + name)
    if not ok:
        failures += 1
        print("  status %r stdout %r stderr %r" % (r.returncode, r.stdout, r.stderr[-500:]))

check("--version", ["--version"], 0)
check("--help", ["--help"], 0)
check("unknown option is a usage error", ["--no-such-option"], 2)
check("-c runs code", ["-c", "print(6 * 7)"], 0, "42\n")
check("-c sets sys.argv", ["-c", "import sys; print(sys.argv)", "a", "b"], 0, "['-c', 'a', 'b']\n")
check("piped stdin runs as a script", [], 0, "hi\n", stdin="print('hi')\n")
check("uncaught exception exits 1", ["-c", "1/0"], 1, expect_err_contains="ZeroDivisionError: division by zero")
check("SystemExit(3)", ["-c", "raise SystemExit(3)"], 3)
check("sys.exit('msg')", ["-c", "import sys; sys.exit('bye')"], 1, expect_err_contains="bye")
check("sys.exit() is 0", ["-c", "import sys; sys.exit()"], 0)
check("missing script exits 2", ["/nonexistent/x.py"], 2, expect_err_contains="can't open file")
with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "mod_for_m.py"), "w") as f:
        f.write("print(__name__)\n")
    r = subprocess.run([VITRINE, "-m", "mod_for_m"], cwd=d, capture_output=True, text=True)
    ok = r.returncode == 0 and r.stdout == "__main__\n"
    report("-m runs a module as __main__", ok)
check("--dis prints bytecode", ["--dis", "/dev/stdin"], 0, stdin="x = 1\n")

# ---- bad scripts and interruptions (CPython's messages and statuses) ----
with tempfile.TemporaryDirectory() as d:
    os.mkdir(os.path.join(d, "nomain"))
    check("a directory without __main__.py", ["nomain"], 1, cwd=d,
          expect_err_contains="can't find '__main__' module in '%s/nomain'" % d)
    os.mkdir(os.path.join(d, "app"))
    with open(os.path.join(d, "app", "__main__.py"), "w") as f:
        f.write("import sys\nprint('app main', __name__, sys.path[0].endswith('app'))\n")
    check("a directory with __main__.py runs it", ["app"], 0, "app main __main__ True\n", cwd=d)
    check("missing script names its absolute path", ["nope.py"], 2, cwd=d,
          expect_err_contains="can't open file '%s/nope.py': [Errno 2]" % d)
    with open(os.path.join(d, "nul.py"), "wb") as f:
        f.write(b"x = 1\n\x00\n")
    check("NUL byte in the script", ["nul.py"], 1, cwd=d,
          expect_err_contains="SyntaxError: source code cannot contain null bytes")
check("-c syntax error", ["-c", "1 +"], 1, expect_err_contains='File "<string>", line 1\n    1 +\n')
check("-c deep recursion is a RecursionError",
      ["-c", "import sys\nsys.setrecursionlimit(100000)\ndef f(n): return f(n + 1)\nf(0)"], 1,
      expect_err_contains="RecursionError: maximum recursion depth exceeded")
check("uncaught SystemExit in a finally-protected body",
      ["-c", "try:\n    raise SystemExit(4)\nfinally:\n    print('cleanup')"], 4, "cleanup\n")

# An uncaught KeyboardInterrupt ends the process by SIGINT, as CPython (status -2, not 1).
r = subprocess.run([VITRINE, "-c", "raise KeyboardInterrupt"], capture_output=True, text=True,
                   timeout=60)
report("uncaught KeyboardInterrupt dies by SIGINT",
       r.returncode == -signal.SIGINT and r.stderr.endswith("KeyboardInterrupt\n"),
       "status %r stderr %r" % (r.returncode, r.stderr[-300:]))

# Ctrl-C: a SIGINT while busy or blocked becomes KeyboardInterrupt; finally blocks still run.
def ctrl_c(name, body):
    code = ("import sys, time\ntry:\n    print('ready', flush=True)\n    %s\n"
            "finally:\n    print('finally ran', flush=True)\n" % body)
    p = subprocess.Popen([VITRINE, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    # Let the child reach the blocking call (the machine may be busy): wait until it sleeps.
    time.sleep(0.3)
    for _ in range(50):
        try:
            with open("/proc/%d/stat" % p.pid) as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "S":
                    break
        except OSError:
            break
        time.sleep(0.1)
    p.send_signal(signal.SIGINT)
    try:
        p.wait(timeout=30)   # keep stdin open until it ends: closing it would race with the signal
        out, err = p.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
    report("Ctrl-C " + name + ": KeyboardInterrupt, finally runs",
           line == "ready\n" and out == "finally ran\n" and
           err.endswith("KeyboardInterrupt\n") and p.returncode == -signal.SIGINT,
           "status %r stdout %r stderr %r" % (p.returncode, line + out, err[-300:]))

ctrl_c("in a loop", "while True: pass")
ctrl_c("in time.sleep", "time.sleep(30)")
ctrl_c("in input()", "input()")
ctrl_c("in sys.stdin.read()", "sys.stdin.read()")

# A closed stdout pipe (`vitrine x.py | head -1`): BrokenPipeError, not death by SIGPIPE.
p = subprocess.Popen([VITRINE, "-c", "for i in range(10 ** 6):\n    print(i)"],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
first = p.stdout.readline()
p.stdout.close()
err = p.stderr.read()
p.wait(timeout=60)
report("closed stdout pipe raises BrokenPipeError",
       first == "0\n" and p.returncode == 1 and "BrokenPipeError: [Errno 32] Broken pipe" in err,
       "status %r stderr %r" % (p.returncode, err[-300:]))

print("%d passed, %d failed" % (total - failures, failures))
sys.exit(1 if failures else 0)
