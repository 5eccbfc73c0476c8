# open() with encodings (utf-8 error handlers, utf-16, ascii, utf-8-sig).
name = "enc_tmp.txt"
with open(name, "wb") as f:
    f.write(b"ok \xff bad\nline2 \xc3\xa9\n")
for errors in ("replace", "ignore", "surrogateescape", "backslashreplace"):
    with open(name, errors=errors) as f:
        print(errors, ascii(f.read()))
try:
    open(name).read()
except UnicodeDecodeError as e:
    print(e)
with open(name, "w", encoding="utf-16") as f:
    f.write("héllo\nwörld\n")
with open(name, "rb") as f:
    print(f.read())
with open(name, encoding="utf-16") as f:
    print(f.readline(), f.read(3), f.read())
with open(name, "w", encoding="ascii", errors="replace") as f:
    f.write("café\n")
with open(name, "rb") as f:
    print(f.read())
try:
    with open(name, "w", encoding="ascii") as f:
        f.write("café")
except UnicodeEncodeError as e:
    print(e)
try:
    open(name, errors="bogus")
except LookupError as e:
    print("LookupError", e)
try:
    open(name, encoding="bogus")
except LookupError as e:
    print("LookupError", e)
with open(name, "w", encoding="utf-8-sig") as f:
    f.write("bom")
with open(name, "rb") as f:
    print(f.read())
with open(name, encoding="utf-8-sig") as f:
    print(f.read())
import os
os.remove(name)
