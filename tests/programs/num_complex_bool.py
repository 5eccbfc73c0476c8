# Complex numbers and bools: reprs, arithmetic, constructor rules and errors.
def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

for z in [1 + 2j, 2j, -2j, complex(-0.0, -1), complex(0, 0), complex(-0.0, 0), 1.5 - 0.5j, complex(1e20, 1e-5),
          complex(float("inf"), float("nan")), complex(1, -0.0), 3 + 0j, -(1 + 1j), 1j * 1j, 1e16j, complex(2, 1e22)]:
    print(repr(z), str(z), z.real, z.imag, z.conjugate())
a, b = 3 + 4j, 1 - 2j
print(a + b, a - b, a * b, a / b, abs(a), -a, +a, a ** 2, a ** -1, a ** 0.5, a ** b, 2 ** a, a + 1, 1.5 * a, a / 2)
print((1 + 1j) ** 100, (1 + 1j) ** 101, 1j ** 2, 0j ** 0, (2 + 0j) ** 3, (1e200 + 1e200j) ** 2)
print(a == 3 + 4j, a != a, (3 + 0j) == 3, (3 + 0j) == 3.0, 1j == 1, (2**53 + 0j) == 2**53 + 1, hash(3 + 0j) == hash(3), hash(1 + 2j), hash(-1j))
print(complex(), complex(1), complex(1, 2), complex(1.5, -2), complex("1+2j"), complex(" (3-4j) "), complex("j"), complex("-j"), complex("2.5"), complex("1e3j"), complex("-1.5e-3+2J"))
print(complex(1 + 2j, 3 + 4j), complex(1j, 1j), complex(real=5, imag=6), complex("1_000+2_0j"), complex("inf-infj"), complex("nanj"), complex(True, False))
for s in ["x", "1+", "1+2", "(1+2j", "1+2j)", "", "j1", "1 + 2j", "1++2j", "--1"]:
    show("complex(%r)" % s, lambda: complex(s))
show("c2", lambda: complex("1", 2))
show("c3", lambda: complex(1, "2"))
show("c4", lambda: complex([]))
show("c5", lambda: complex(1, []))
show("div0", lambda: (1 + 1j) / 0)
show("zpow", lambda: 0j ** -1)
show("zpow2", lambda: 0j ** 1j)
show("mod", lambda: (1 + 1j) % 2)
show("floordiv", lambda: (1 + 1j) // 2)
show("lt", lambda: (1 + 1j) < 2)
show("abs big", lambda: abs(complex(1e308, 1e308)))
show("pow3", lambda: pow(1j, 2, 3))
show("int(c)", lambda: int(1j))
show("float(c)", lambda: float(1j))
show("overflow", lambda: complex(1e308, 1e308) ** 3)
class C:
    def __complex__(self):
        return 5 + 6j
print(complex(C()), complex(2.5).imag, (1 + 2j).__complex__() if hasattr(1j, "__complex__") else "n/a")
print(True + True, True * 3, True / 2, -True, ~True, True & False, True | False, True ^ True, True & 1, type(True & 1).__name__, type(True | False).__name__)
print(repr(True), str(False), int(True), float(False), hash(True), hash(False), True == 1, False == 0.0, True is True, bool(), bool(0), bool(5), bool([]), bool("a"), bool(0j), bool(1j))
print(True > False, max(True, 2), sum([True, True, False]), True << 3, divmod(True, 2), True ** 10, f"{True}", f"{True:d}", f"{True:>6}", format(False, "x"), "%d" % True, "%s" % True)
print(isinstance(True, int), issubclass(bool, int), bool.__name__, type(True).__mro__ if hasattr(type(True), "__mro__") else "")
show("subclass bool", lambda: type("B", (bool,), {}))
show("bool kw", lambda: bool(x=1))
show("bool 2", lambda: bool(1, 2))
