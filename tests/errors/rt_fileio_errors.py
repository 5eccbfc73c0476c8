import os
path = "/tmp/vitrine_errtests_fileio.txt"
with open(path, "w") as f:
    f.write("line1\nline2\n")
tests = [
    lambda: open(path, "w").read(),
    lambda: open(path, "r").write("x"),
    lambda: open(path).write(b"bytes"),
    lambda: open(path, "wb").write("text"),
    lambda: open(path, "rb").read("x"),
    lambda: open(path).seek(0, 5),
    lambda: open(path).seek(1, 1),
    lambda: open(path).seek(-1),
    lambda: open(path, "w", encoding="ascii").write("\u00e9"),
    lambda: open(path, "rb", encoding="utf-8"),
    lambda: open(path, "rb", newline="\n"),
    lambda: open(path, newline="x"),
    lambda: open(path, "r", errors=5),
    lambda: open(path, "xt"),
    lambda: open("/nonexistent_dir/sub/file", "w"),
    lambda: open(path + "\0"),
    lambda: open(path, "r", closefd=False),
    lambda: next(iter(open(path).close() or [])),
    lambda: os.stat("/no/such/path"),
    lambda: os.remove("/no/such/path"),
    lambda: os.mkdir("/"),
    lambda: os.listdir(path),
    lambda: os.chdir("/no/such/dir"),
]
for t in tests:
    try:
        r = t()
        print("no error:", r)
    except Exception as e:
        print(type(e).__name__ + ":", e)
f = open(path)
f.close()
for x in f:
    pass
