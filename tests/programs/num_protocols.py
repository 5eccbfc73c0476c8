# Numbers and the object protocols: __index__/__int__/__float__/__pow__ dispatch, subclasses, to_bytes/from_bytes.
def t(f):
    try:
        r = f()
        print(repr(r), type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)
class I:
    def __index__(self): return 7
class N:
    def __int__(self): return 9
class Bad:
    def __int__(self): return "x"
class T:
    def __trunc__(self): return 11
class FF:
    def __float__(self): return 2.5
class BF:
    def __float__(self): return 2
class MyInt(int):
    def __repr__(self): return "MyInt!"
class MyF(float):
    pass
class MyC(complex):
    pass
t(lambda: int(I()))
t(lambda: int(N()))
t(lambda: int(Bad()))
t(lambda: int(T()))
t(lambda: float(FF()))
t(lambda: float(BF()))
t(lambda: float(I()))
t(lambda: complex(FF()))
t(lambda: complex(I()))
t(lambda: hex(I()))
t(lambda: MyInt(5))
t(lambda: str(MyInt(5)))
t(lambda: format(MyInt(5), ""))
t(lambda: format(MyInt(5), "d"))
t(lambda: MyInt(5) + MyInt(3))
t(lambda: MyF(1.5) * 2)
t(lambda: MyF(1.5).__round__())
t(lambda: MyC(1, 2))
t(lambda: MyC(1, 2) + 1)
t(lambda: int(MyF(3.7)))
t(lambda: round(MyF(2.5)))
t(lambda: pow(I(), 2))
t(lambda: 2 ** I())
t(lambda: [1,2,3][True])
t(lambda: 10 ** 20 == 10.0 ** 20)
t(lambda: {1: 'a', 1.0: 'b', True: 'c'})
t(lambda: {2**70: 1}[2.0**70])
t(lambda: hash(2.0**70) == hash(2**70))
t(lambda: hash(-2**70) == hash(-2.0**70))
t(lambda: hash(complex(2**70, 0)) == hash(2**70))
t(lambda: (1).__add__(2.0))
t(lambda: (1.0).__radd__(2))
t(lambda: int.__add__(2, 3))
t(lambda: float.__sub__(2.0, 3))
t(lambda: True.__and__(False))
t(lambda: (5).__round__(-1))
t(lambda: (5.5).__trunc__())
t(lambda: int.from_bytes(b'\x01\x00', 'little', signed=False))
t(lambda: MyInt.from_bytes(b'\x01', 'big'))
t(lambda: float.fromhex('0x1p4'))
t(lambda: MyF.fromhex('0x1p4'))
t(lambda: (3).__sizeof__())
t(lambda: int('12', base=I()))
t(lambda: 7 .__format__('>4'))
t(lambda: (2.5).__format__('x'))
t(lambda: (1j).__format__('>6'))
t(lambda: -(2**63) // -1)
t(lambda: (-2**62) * -1)
t(lambda: abs(-2**62))
t(lambda: 2**62 + 2**62)
t(lambda: int.from_bytes('ab', 'big'))
t(lambda: int.from_bytes(5, 'big'))
t(lambda: int.from_bytes(b'\x01', 5))
t(lambda: (5).to_bytes(1, 5))
t(lambda: int.from_bytes(b'\x00\x80', 'little', signed=True))
t(lambda: int.from_bytes(b'', 'big', signed=True))
t(lambda: (0).to_bytes(0, 'big'))
t(lambda: (-1).to_bytes(0, 'big', signed=True))
t(lambda: int.from_bytes(bytearray([1,2]), byteorder='little'))
t(lambda: int.from_bytes((1, 2)))
t(lambda: (65535).to_bytes(2))
t(lambda: (1).to_bytes(length=3, byteorder='little'))
t(lambda: (1).to_bytes(3, 'little', True))
s = "\ud800"
print(len(s), repr(s), "\x00" * 2 == "\0\0", "\N{BULLET}")
def check(a, b, c):
    out = []
    if a < b < c: out.append("lt-chain")
    if not (a < b < c): out.append("not-chain")
    if a and not b or c: out.append("mixed")
    if (a if b else c): out.append("ifexp")
    if not a or (b and c): out.append("or-and")
    while a < b < c:
        a += 1
        out.append("w")
    r = a < b < c
    out.append(r)
    out.append(a == b == c)
    return out
for args in [(1, 2, 3), (3, 2, 1), (0, 0, 0), (1, 1, 5), (0, 5, 0)]:
    print(args, check(*args))
assert 1 < 2 < 3, "msg"
print([x for x in range(10) if 2 < x < 6 if not x == 4])
