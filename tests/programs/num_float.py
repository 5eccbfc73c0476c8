# Floats: shortest repr, arithmetic with Python semantics, conversions, methods, errors.
def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

for x in [0.1, 0.2, 0.1 + 0.2, 1e16, 1e15, 123456789.0, 1e22, 1e-5, 1e-4, 0.0001234, 5e-324, 1.7976931348623157e308,
          2.2250738585072014e-308, 1/3, 2/3, 100.0, 1.5, -0.0, 0.0, 1e100, 12345678901234567.0, 9007199254740993.0,
          0.3, 1.1, 2.675, 1e-7, 3.141592653589793, 2.718281828459045, 1e21, 1e+300 * 10, 4.35, 0.5e-10, 123.456e5]:
    print(repr(x), str(x), -x)
print(float("inf"), float("-inf"), float("nan"), float("  1.5  "), float("1_000.5"), float("1e3"), float("-.5"), float("5."), float("InFiNiTy"), float("-nan"), float("+inf"))
print(float(" 2.5 "), float(b"3.25"), float(7), float(2**60), float(True), float("1.10"), float("1e500"), float("-1e500"), float("1e-500"))
for s in ["x", "", "1.2.3", "1__0", "_1", "1_", "0x10", "1e", "e5", "in f", "nan(1)", "1,5"]:
    show("float(%r)" % s, lambda: float(s))
show("float list", lambda: float([]))
show("float none", lambda: float(None))
show("float big", lambda: float(10**400))
print(7.0 // 2, -7.0 // 2, 7.0 % -2, -7.0 % 2, divmod(-7.5, 2), divmod(7.5, -2), 0.0 % -1, -0.0 % 1, 5 % 0.7, -1e-20 % 1.0)
print(2.0 ** 0.5, 2 ** 0.5, 4 ** 0.5, (-8.0) ** 2, (-8.0) ** 3, 0.0 ** 0, float("inf") ** 0, float("nan") ** 0, 1.0 ** float("nan"), 2.0 ** -1)
print((-8) ** (1/3), (-1) ** 0.5, (-2.0) ** 1.5, 10.0 ** 308, 0.5 ** 2000, (-0.0) ** 3, (-0.0) ** 2)
print(float("inf") ** -1, (-float("inf")) ** 3, (-float("inf")) ** 2, 2.0 ** float("inf"), 0.5 ** float("inf"), (-1.0) ** float("inf"))
show("0.0**-1", lambda: 0.0 ** -1)
show("overflow", lambda: 2.0 ** 10000)
show("overflow2", lambda: 10.0 ** 400)
show("div0", lambda: 1.0 / 0)
show("fdiv0", lambda: 1.0 // 0.0)
show("mod0", lambda: 1.0 % 0)
show("divmod0", lambda: divmod(1.0, 0.0))
show("int div float0", lambda: 5 / 0.0)
show("bigmix", lambda: 1.0 + 10**400)
print(1e16 + 1, 0.1 * 3, 1.0 - 0.9, 3 * 0.1 == 0.3, 1e308 * 10, -1e308 * 10, float("inf") - float("inf"), 1 + 2.5, 2**53 + 1.0)
print(round(2.675, 2), round(0.5), round(1.5), round(2.5), round(-2.5), round(-0.5), round(0.125, 2), round(0.375, 2), round(1.23456, 3))
print(round(123.456, -1), round(123.456, -2), round(1e20, -5), round(5.5), round(-5.5), round(1e300, 2), round(-0.4), round(-0.4, 0), round(2.5, 0))
print(round(1.0000000000000002, 15), round(0.1 + 0.2, 10), round(1234.5678, 2), round(float("inf"), 2), round(1.5, 400), round(1.5, -400))
show("round inf", lambda: round(float("inf")))
show("round nan", lambda: round(float("nan")))
show("round big", lambda: round(1.7976931348623157e308, -308))
print((0.5).as_integer_ratio(), (0.1).as_integer_ratio(), (-2.5).as_integer_ratio(), (1e20).as_integer_ratio(), (0.0).as_integer_ratio())
show("ratio inf", lambda: float("inf").as_integer_ratio())
show("ratio nan", lambda: float("nan").as_integer_ratio())
print((1.0).hex(), (0.1).hex(), (-2.5).hex(), (0.0).hex(), (-0.0).hex(), (5e-324).hex(), (1.7976931348623157e308).hex(), float("inf").hex())
print(float.fromhex("0x1.8p1"), float.fromhex("-0x1p-1074"), float.fromhex("0x1.fffffffffffffp+1023"), float.fromhex(" 1a "), float.fromhex("inf"), float.fromhex("0x.8"), float.fromhex("0x1p-1075"), float.fromhex("0x3p-1076"))
show("fromhex bad", lambda: float.fromhex("zz"))
show("fromhex big", lambda: float.fromhex("0x1p1024"))
print((3.0).is_integer(), (3.5).is_integer(), float("inf").is_integer(), (2.5).conjugate(), (2.5).real, (2.5).imag)
print(int(2.5), int(-2.5), (2.5).__trunc__(), (2.5).__floor__(), (-2.5).__floor__(), (2.5).__ceil__(), (-2.5).__ceil__(), (2.5).__round__(), (3.5).__round__())
print(hash(1.0) == hash(1), hash(0.5), hash(-0.5), hash(1e100), hash(float("inf")), hash(float("-inf")), hash(2.0**61), hash(-1.0), hash(1e-300), hash(0.1))
print(1.0 == 1, 0.1 == 1/10, 2.0**63 == 2**63, 2.0**63 == 2**63 + 1, 2.0**63 < 2**63 + 1, float("nan") == float("nan"), float("nan") != 1, float("inf") > 10**1000)
print(1.5 > 1, 1.5 < 2, -0.0 == 0, 0.5 <= 0, float("-inf") < -10**400, 1e308 < 10**309, 1e308 > 10**307, 9007199254740993 > 9007199254740992.0)
print(abs(-0.0), abs(-3.5), -(-0.0), +(-0.0), 0.0 == -0.0, bool(0.0), bool(-0.0), bool(0.1))
print(sum([0.1] * 10), 10 / 4, 10 // 4, 1e300 * 1e10, -(1e300 * 1e10), 2.0 * 3, 1e-320 / 10)
print(min(3, 1.5), max(2, 2.0), max(2.0, 2), sorted([3, 1.5, -2, 0.0, -0.0]))
class F(float):
    pass
f = F(2.5)
print(f, type(f).__name__, f + 1, type(f + 1).__name__, F("1e3"), -f, type(-f).__name__, f == 2.5)
print(float.__getformat__("double"), (1.5).__format__(""), (1.5).__format__(".3f"))
