# struct: pack/unpack of every format code in every byte order, sizes, alignment and errors.
import struct
tests = ["struct.pack('b', 200)", "struct.pack('B', -1)", "struct.pack('h', 40000)", "struct.pack('H', -1)", "struct.pack('i', 2**31)", "struct.pack('I', -1)", "struct.pack('l', 2**63)", "struct.pack('L', -1)", "struct.pack('q', 2**63)", "struct.pack('Q', -1)", "struct.pack('n', 2**63)", "struct.pack('N', -1)",
"struct.pack('<b', 200)", "struct.pack('<B', -1)", "struct.pack('<h', 40000)", "struct.pack('<H', -1)", "struct.pack('<i', 2**31)", "struct.pack('<I', -1)", "struct.pack('<l', 2**31)", "struct.pack('<L', -1)", "struct.pack('<q', 2**63)", "struct.pack('<Q', -1)","struct.pack('>Q', 2**64)",
"struct.pack('i', 'x')", "struct.pack('i', 1.0)", "struct.pack('f', 'x')", "struct.pack('c', 'x')", "struct.pack('c', b'xy')", "struct.pack('s', 'x')", "struct.pack('?', [])",
"struct.pack('<n', 1)", "struct.pack('z', 1)", "struct.pack('3', 1)", "struct.pack('i')", "struct.pack('i', 1, 2)", "struct.unpack('i', b'12')", "struct.unpack('<h', b'123')",
"struct.calcsize('@bhiqd')", "struct.calcsize('=bhiqd')", "struct.calcsize('bi0q')", "struct.calcsize('5s3x2i')", "struct.pack('e', 1e10)", "struct.pack('<f', 1e300)", "struct.pack('>e', 1.5)",
"struct.pack('5p', b'hello world')", "struct.pack('3s', b'a')", "struct.unpack('3p', b'\\x05ab')", "struct.pack('P', -1)", "struct.pack('@P', 2**64)",
"list(struct.iter_unpack('<h', b'\\x01\\x00\\x02\\x00'))", "struct.iter_unpack('<h', b'123')", "struct.iter_unpack('', b'')",
"struct.unpack_from('<h', b'xx\\x01\\x00', 2)", "struct.unpack_from('<h', b'xx\\x01', 2)", "struct.unpack_from('<h', b'xx', offset=-1)", "struct.unpack_from('<h', b'xx', offset=5)",
"struct.pack_into('<h', bytearray(1), 0, 1)", "struct.pack_into('<h', bytearray(4), 3, 1)", "struct.pack_into('<h', bytearray(4), -6, 1)", "struct.pack_into('<h', b'xxxx', 0, 1)",
"struct.pack('2c', b'a', b'b')", "struct.unpack('<qQ', struct.pack('<qQ', -2, 2**64-1))", "struct.pack('>d', 1.5)", "struct.unpack('>e', b'\\x3c\\x00')", "struct.pack('<i', True)",
"struct.pack('i', 2.5)", "struct.pack('x')", "struct.pack('<3x')", "struct.unpack('!I', b'\\x00\\x00\\x01\\x00')", "struct.pack('@bi', 1, 2)", "struct.pack('=bi', 1, 2)", "struct.calcsize('')", "struct.pack('0s')", "struct.pack('s', b'')",
"struct.pack('<h', 2**100)", "struct.pack('<Q', 2**100)", "struct.calcsize('i i')", "struct.calcsize('<i!')", "struct.unpack('2s', bytearray(b'ab'))", "struct.pack('c', 5)", "struct.error.__mro__", "struct.pack('f', 1e39)", "struct.pack('e', 65520.0)", "struct.unpack('d', memoryview(b'12345678'))", "struct.pack('>f', float('nan'))", "struct.pack('<e', float('-inf'))"]
for t in tests:
    try:
        print(t, '->', eval(t))
    except Exception as e:
        print(t, '!!', type(e).__name__, e)

for o in '@=<>!':
    for c in 'bBhHiIlLqQnNP':
        for v in [2**64, 2**100, -1, -2**63-1, 2**63, 2**32, -2**31-1, 2**31, 2**16, 256, -129, 'x', 1.5]:
            try: struct.pack(o+c, v); r='ok'
            except Exception as e: r = type(e).__name__ + ':' + str(e)
            print(o+c, repr(v)[:8], r)
for o in '@=<>!':
    for c in 'efd':
        for v in [1e39, 1e300, 65520.0, 65519.0, 1e-50, 'x', 10**400, 3]:
            try: r = struct.pack(o+c, v).hex()
            except Exception as e: r = type(e).__name__ + ':' + str(e)
            print(o+c, repr(v)[:8], r)
import struct
vals = {'b': -5, 'B': 200, 'h': -1234, 'H': 60000, 'i': -100000, 'I': 4000000000, 'l': -7, 'L': 7, 'q': -2**62, 'Q': 2**63,
        'n': -3, 'N': 3, 'P': 4096, 'e': 1.5, 'f': 0.1, 'd': 3.141592653589793, '?': True, 'c': b'z'}
for order in '@=<>!':
    for code, v in vals.items():
        fmt = order + code
        try:
            packed = struct.pack(fmt, v)
        except struct.error as e:
            print(fmt, 'error', e)
            continue
        print(fmt, struct.calcsize(fmt), packed.hex(), struct.unpack(fmt, packed))
print(struct.pack('<5s3p2x?', b'abcdefg', b'xyz', 1), struct.unpack('<5s3p2x?', b'abcde\x02xy\x00\x00\x01'))
s = struct.Struct('>IhB')
print(s.size, s.format, s.pack(1, 2, 3), s.unpack(b'\x00\x00\x00\x01\x00\x02\x03'), list(s.iter_unpack(bytes(range(14)))))
buf = bytearray(12); s.pack_into(buf, 2, 7, -1, 255); print(buf, s.unpack_from(buf, 2), s.unpack_from(buf, offset=2))
struct.pack_into('<h', buf, -2, 513); print(buf)
mv = memoryview(bytearray(4)); struct.pack_into('<i', mv, 0, -2); print(mv.tobytes())
for fmt in ['@ci', '@cq', '@hd', '@ie', '@?P', '=ci', 'ci0i', '@3sd', 'xxh']:
    print(fmt, struct.calcsize(fmt))
for x in [0.0, -0.0, 1.0, 65504.0, 6.1e-05, 6e-08, 1e-9, 0.1, float('inf'), 2.0 ** -24]:
    print(x, struct.pack('<e', x).hex(), struct.unpack('<e', struct.pack('<e', x)))
print(struct.unpack('<e', b'\x00\x7e'), struct.unpack('<d', struct.pack('<d', float('nan'))))
it = struct.iter_unpack('<h', b'\x01\x00\x02\x00\x03\x00'); print(it.__length_hint__(), next(it), it.__length_hint__(), list(it))
class Idx:
    def __index__(self): return 42
print(struct.pack('<i', Idx()), struct.pack('b', True))
import struct, itertools, random, gc
s = struct.Struct("<h"); print(s.format, s.size); s.__init__(">ii"); print(s.format, s.size, s.pack(1,2))
print(struct.Struct.__new__(struct.Struct).format)
try: struct.Struct(5)
except TypeError as e: print(e)
try: struct.Struct()
except TypeError as e: print(e)
try: struct.Struct("<h", 1)
except TypeError as e: print(e)
try: struct.Struct("z")
except struct.error as e: print(e)
print(struct.Struct(format="<q").size)
class S(struct.Struct):
    def __init__(self, fmt):
        super().__init__()
        self.extra = 1
try:
    s = S('<h')
except TypeError as e:
    print("TypeError", e)
class S2(struct.Struct):
    pass
s = S2('<hh'); s.attr = 5; print(s.pack(1, 2), s.size, s.attr, s.format)
class C(itertools.count):
    def __init__(self, *a): self.tag = 'c'
c = C(3, 2); print(next(c), next(c), c.tag, repr(c))
class R(random.Random):
    pass
r = R(5); print(r.random()); r.x = 1
del s, c, r
gc.collect()
print("ok")
