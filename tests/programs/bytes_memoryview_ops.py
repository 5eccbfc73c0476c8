# memoryview over bytes and bytearray
m = memoryview(b"abc")
print(m.format, m.itemsize, m.ndim, m.shape, m.strides, m.obj, m.contiguous, m.c_contiguous, m.suboffsets, m.tolist(), m.hex(), m == b"abc", m[::2].tobytes(), m[-1], len(m), m.nbytes, m.readonly)
print(m == memoryview(b"abc"), m != b"abd", m == "abc", m == [97, 98, 99], bytes(m), bytearray(m), list(m), m.toreadonly().readonly, hash(m) == hash(b"abc"))
print(m.cast("c")[0], m.cast("b").tolist(), m.cast("c").tolist(), m.cast("c").format, m[1:].tobytes(), m[1:][0], bytes(m[::-1]))
ba = bytearray(b"abcdef")
v = memoryview(ba)
v2 = v[1:5]
v2[::2] = b"XY"
v[0] = 65
v[-1:] = b"F"
print(ba, v.readonly, v2.tobytes(), v2.obj is ba, v2.nbytes, v[::2].tolist(), v[::-2].tobytes())
with memoryview(b"ctx") as cm:
    print(cm[0], cm.tobytes())
print(repr(cm).startswith("<released memory at 0x"), repr(v).startswith("<memory at 0x"))
big = bytearray(100000)
view = memoryview(big)[50000:50010]
view[:] = b"0123456789"
print(big[50000:50010], view.obj is big)
def t(label, f):
    try:
        r = f()
        print(label, "->", repr(r) if not isinstance(r, memoryview) else "view")
    except Exception as e:
        print(label, "!!", type(e).__name__ + ":", e)
rel = memoryview(b"abc"); rel.release()
t('rel[0]', lambda: rel[0])
t('len(rel)', lambda: len(rel))
t('rel.tobytes()', lambda: rel.tobytes())
t('memoryview(b"ab")[5]', lambda: memoryview(b"ab")[5])
t('memoryview(b"a").cast("i")', lambda: memoryview(b"a").cast("i"))
t('memoryview("ab")', lambda: memoryview("ab"))
t('memoryview(b"abc").cast("x")', lambda: memoryview(b"abc").cast("x"))
t('hash(memoryview(bytearray(b"abc")))', lambda: hash(memoryview(bytearray(b"abc"))))
t('memoryview(b"abc") < memoryview(b"abc")', lambda: memoryview(b"abc") < memoryview(b"abc"))
t('memoryview(b"abc")["x"]', lambda: memoryview(b"abc")["x"])
t('memoryview(b"ab")[0:1]', lambda: memoryview(b"ab")[0:1])
t('memoryview(b"abc").tolist()', lambda: memoryview(b"abc").tolist())
t('memoryview(1)', lambda: memoryview(1))
def s(code):
    try:
        exec(code)
        print(code, "ok")
    except Exception as e:
        print(code, "!!", type(e).__name__ + ":", e)
for code in ['m=memoryview(bytearray(b"abc")); m[0:2]=b"x"', 'm=memoryview(bytearray(b"abc")); m[0]=b"x"',
             'm=memoryview(bytearray(b"abc")); m[0]=256', 'm=memoryview(bytearray(b"abc")); m[0]="x"',
             'm=memoryview(b"abc"); m[0]=1', 'm=memoryview(b"abc"); del m[0]', 'm=memoryview(bytearray(b"abc")).cast("c"); m[0]=b"z"; print(m.obj)']:
    s(code)
