#!/usr/bin/env python3
"""Run one test case under vitrine and compare it with CPython 3.11's recorded behaviour.

tests/programs/X.py: stdout must equal X.out, exit status 0 (or X.status if present).
tests/errors/X.py:   stderr must equal X.err and the exit status X.status; stdout X.out if present.
tests/trace/X.py:    the run uses the options in X.args; stderr (the trace) must equal X.trace
                     after normalisation (times, addresses).
Addresses (0x...) and times in brackets are normalised before comparing.
A case named in the expected-failures file exits 77 (ctest: skipped) with the issue that will
fix it; if it unexpectedly passes, that is a failure, so the list stays honest.
"""
import argparse, difflib, os, re, subprocess, sys

ADDR = re.compile(r"0x[0-9a-fA-F]+")
ELAPSED = re.compile(r"elapsed=[0-9.]+(us|ms|s)\b")
TIME = re.compile(r"^\[\s*[0-9.]+\]", re.M)

def normalise(text):
    """Hide what varies between runs: times (also `elapsed=` durations) and addresses. (The folder the case lives in is
    removed from the output right after the run: CPython 3.11 names the script by its
    absolute path.)"""
    text = ELAPSED.sub("elapsed=T", text)
    return TIME.sub("[TIME]", ADDR.sub("0xADDR", text))

def load_xfail(path):
    table = {}
    if path and os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if line:
                name, _, reason = line.partition(" ")
                table[name] = reason.strip()
    return table

def read(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--interp", required=True)
    ap.add_argument("--xfail")
    ap.add_argument("--timeout", type=float, default=100)
    ap.add_argument("case")
    a = ap.parse_args()
    case = os.path.abspath(a.case)
    base = case[:-3]
    kind = os.path.basename(os.path.dirname(case))
    key = "%s/%s" % (kind, os.path.basename(base))
    xfail = load_xfail(a.xfail)
    args = (read(base + ".args", "") or "").split()
    cmd = [os.path.abspath(a.interp)] + args + [os.path.basename(case)]
    try:
        r = subprocess.run(cmd, cwd=os.path.dirname(case), stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=a.timeout)
        case_dir = os.path.dirname(case)
        out = r.stdout.decode("utf-8", "replace").replace(case_dir + "/", "")
        err = r.stderr.decode("utf-8", "replace").replace(case_dir + "/", "")
        # Death by a signal (CPython re-raises SIGINT after an uncaught KeyboardInterrupt) is
        # reported as the shell does, 128 + N, which is what regen-expected.sh records.
        status = r.returncode if r.returncode >= 0 else 128 - r.returncode
    except subprocess.TimeoutExpired:
        out, err, status = "", "timed out after %ss" % a.timeout, None

    problems = []
    exp_status = int((read(base + ".status", "0") or "0").strip())
    if status != exp_status:
        problems.append("exit status %s, expected %s" % (status, exp_status))
    exp_out = read(base + ".out")
    if exp_out is not None and normalise(out) != normalise(exp_out):
        problems.append("stdout differs:\n" + "".join(difflib.unified_diff(
            normalise(exp_out).splitlines(True), normalise(out).splitlines(True),
            "expected", "vitrine")))
    exp_err = read(base + (".trace" if kind == "trace" else ".err"))
    if exp_err is not None and normalise(err) != normalise(exp_err):
        problems.append("stderr differs:\n" + "".join(difflib.unified_diff(
            normalise(exp_err).splitlines(True), normalise(err).splitlines(True),
            "expected", "vitrine")))

    if key in xfail:
        if problems:
            print("expected failure: %s (%s)" % (key, xfail[key]))
            print("\n".join(p[:2000] for p in problems))
            return 77
        print("UNEXPECTED PASS: %s passes now; remove it from tests/expected-failures.txt" % key)
        return 1
    if problems:
        print("FAIL: %s" % key)
        for p in problems:
            print(p[:6000])
        if err and exp_err is None:
            print("stderr:\n" + err[-3000:])
        return 1
    print("ok: %s" % key)
    return 0

if __name__ == "__main__":
    sys.exit(main())
