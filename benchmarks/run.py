#!/usr/bin/env python3
"""Benchmark runner: times every benchmarks/*.py under Vitrine and under CPython 3.11,
alternating the two, checks that their outputs agree, and prints per-benchmark ratios
(Vitrine time / CPython time: below 1.0 is faster) and their geometric mean.

usage: benchmarks/run.py [--interp build/vitrine] [--reference /usr/bin/python3] [--runs N] [names...]
"""
import argparse, math, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))

def timed(cmd, script, timeout):
    start = time.perf_counter()
    try:
        r = subprocess.run(cmd + [script], cwd=HERE, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None
    return time.perf_counter() - start, (r.returncode, r.stdout)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--interp", default=os.path.join(HERE, "..", "build", "vitrine"))
    ap.add_argument("--reference", default="/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("names", nargs="*")
    a = ap.parse_args()
    scripts = sorted(f for f in os.listdir(HERE) if f.endswith(".py") and f != "run.py")
    if a.names:
        scripts = [s for s in scripts if s[:-3] in a.names or s in a.names]
    print("%-26s %10s %10s %7s" % ("benchmark", "vitrine s", "cpython s", "ratio"))
    ratios = []
    for s in scripts:
        mine, ref, status = [], [], "ok"
        for _ in range(a.runs):
            t1, r1 = timed([a.interp], s, a.timeout)
            t2, r2 = timed([a.reference], s, a.timeout)
            if t1 is None:
                status = "TIMEOUT"; break
            if r1 != r2:
                status = "WRONG OUTPUT" if r1[0] == 0 else "ERROR"; break
            mine.append(t1); ref.append(t2)
        if status != "ok":
            print("%-26s %10s %10s %7s" % (s, "-", "-", status))
            continue
        m, r = statistics.median(mine), statistics.median(ref)
        ratios.append(m / r)
        print("%-26s %10.3f %10.3f %7.2f" % (s, m, r, m / r))
    if ratios:
        geo = math.exp(sum(map(math.log, ratios)) / len(ratios))
        print("geometric mean ratio %.2f over %d of %d benchmarks" % (geo, len(ratios), len(scripts)))
    return 0

if __name__ == "__main__":
    sys.exit(main())
