# open() and file objects: text and binary modes, reading, writing, seeking, iteration.
import os
name = "ob_fileio_tmp.txt"
with open(name, "w") as f:
    print(type(f).__name__, f.name, f.mode, f.closed, f.writable(), f.readable())
    print(f.write("line one\n"), f.write("línea dos\n"))
    f.writelines(["three\n", "four"])
print(f.closed)
with open(name) as f:
    print(repr(f.read()))
with open(name) as f:
    print(repr(f.readline()), repr(f.readline()), f.readlines())
with open(name) as f:
    print([line.rstrip("\n") for line in f])
with open(name, "r", encoding="utf-8") as f:
    print(repr(f.read(4)), repr(f.read(7)), f.tell() > 0)
    f.seek(0)
    print(repr(f.read(3)))
with open(name, "a") as f:
    f.write("\nfive\n")
with open(name, "rb") as f:
    data = f.read()
    print(type(f).__name__, f.mode, len(data), data[:9], data.count(b"\n"))
    f.seek(-5, 2)
    print(f.read(), f.tell())
    f.seek(0)
    print(f.read(4), f.readline(), f.tell())
with open(name, "wb") as f:
    print(f.write(b"bin\x00ary\r\nwin\rmac\n"), type(f).__name__)
with open(name) as f:
    print(repr(f.read()))
with open(name, newline="") as f:
    print(repr(f.read()))
with open(name, "rb") as f:
    print(f.readlines())
with open(name, "r+") as f:
    f.write("BIN")
    f.seek(0)
    print(repr(f.readline()))
with open(name, "w+") as f:
    f.write("fresh")
    f.seek(0)
    print(f.read())
f = open(name)
f.close()
f.close()
for bad in (lambda: f.read(), lambda: open(name, "rw"), lambda: open(name, "z"), lambda: open(name, "b"),
            lambda: open(name, "rb", encoding="utf-8"), lambda: open("no_such_dir/x.txt"),
            lambda: open(".", "r"), lambda: open(name, "x"), lambda: open(1.5),
            lambda: open(name, "w").write(5), lambda: open(name, "wb").write("s"),
            lambda: open(name).write("x"), lambda: open(name, "w").read(), lambda: open(name, newline="x"),
            lambda: open(name, encoding="nope")):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ":", e)
with open(name, "w", encoding="latin-1") as f:
    f.write("café")
with open(name, "rb") as f:
    print(f.read())
with open(name, encoding="latin-1") as f:
    print(f.read(), f.encoding)
print(repr(open(name)).startswith("<_io.TextIOWrapper name='ob_fileio_tmp.txt' mode='r' encoding="))
os.remove(name)
print(os.path.exists(name))
