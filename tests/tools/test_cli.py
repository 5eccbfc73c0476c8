#!/usr/bin/env python3
"""Checks of the vitrine command line: options, exit statuses, -c, piped stdin, SystemExit."""
import os, subprocess, sys, tempfile

VITRINE = sys.argv[1]
failures = 0

def check(name, args, expect_status, expect_out=None, stdin=None, expect_err_contains=None):
    global failures
    r = subprocess.run([VITRINE] + args, input=stdin, capture_output=True, text=True, timeout=60)
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
    print(("ok   " if ok else "FAIL ") + "-m runs a module as __main__")
    failures += not ok
check("--dis prints bytecode", ["--dis", "/dev/stdin"], 0, stdin="x = 1\n")
print("%d passed, %d failed" % (14 - failures, failures))
sys.exit(1 if failures else 0)
