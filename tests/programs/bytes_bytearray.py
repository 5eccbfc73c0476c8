# bytearray: mutation, slices, resizing and exports
ba = bytearray(b"hello")
ba[0] = ord("j")
print(ba, ba[0], ba[1:3], len(ba), repr(bytearray()), bytearray(3), bytearray("é", "utf-8"), bytearray([1, 2]), bytearray(b"a'"))
ba.append(33); ba.extend(b"??"); ba.extend([65, 66]); ba.insert(0, 62); ba.insert(-1, 95); ba.insert(100, 60)
print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(ord("?")); print(ba)
ba.reverse(); print(ba); ba.reverse()
c = ba.copy(); c[0] = 0; print(ba, c, ba == c, ba.count(b"l"), ba.find(b"l"), ba.upper(), type(ba.upper()).__name__)
d = bytearray(b"abcdef")
del d[::2]; print(d)
d[1:1] = [65, 66]; print(d)
d[0:0] = d; print(d)
d[::2] = b"xxxxx"; print(d)
del d[1:3]; print(d)
del d[-1]; print(d)
d[2:] = b""; print(d)
e = bytearray(b"abc"); e *= 2; print(e)
e += b"!"; print(e, e * 2, 2 * e, e + b"x", b"x" + e, e[::-1])
print(bytearray(b"a b").split(), bytearray(b"x").join([b"a", b"b"]), bytearray(b"abc").hex(), bytearray.fromhex("41 42"), bytearray(b"AbC").lower())
print(b"ab" in bytearray(b"cabd"), 97 in bytearray(b"a"), list(bytearray(b"hi")), bytearray(b"x") < bytearray(b"y"), bytearray(b"x") == b"x")
it = iter(e); next(it); e[1] = 90; print(next(it), type(it).__name__)
e.clear(); print(e, len(e))
m = memoryview(ba)
for code in ["ba.append(1)", "ba.extend(b'x')", "ba += b'x'", "del ba[0]", "ba[0:1] = b'xy'", "ba.pop()", "ba.clear()", "ba.remove(106)", "ba.insert(0, 1)"]:
    try:
        exec(code)
    except BufferError as ex:
        print(code, "->", ex)
ba[0:1] = b"J"; ba[1] = ord("E"); print(ba)
m.release()
ba.append(46); print(ba)
def t(code):
    try:
        exec(code)
        print(code, "ok")
    except Exception as ex:
        print(code, "!!", type(ex).__name__ + ":", ex)
for code in ['b=bytearray(b"ab"); b[0]=300', 'b=bytearray(b"ab"); b[5]=3', 'b=bytearray(b"ab"); b[0:1]=5',
             'b=bytearray(b"ab"); b[0:1]="x"', 'b=bytearray(b"ab"); b[::2]=b"xyz"', 'b=bytearray(b"ab"); b["x"]=1',
             'b=bytearray(b"ab"); del b[5]', 'b=bytearray(b"ab"); b.extend(5)', 'b=bytearray(b"ab"); b.extend("x")',
             'bytearray("x")', 'bytearray(b"x", "utf-8")', 'bytearray().pop()', 'bytearray(b"a").pop(5)',
             'bytearray(b"a").remove(5)', 'bytearray(b"a").insert("x", 1)', 'bytearray(b"a").append("x")',
             'hash(bytearray())', 'bytearray(b"a").append(256)', 'bytearray(-1)']:
    t(code)
