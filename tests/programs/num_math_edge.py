# math module special values and edge cases (signed zeros, infinities, huge ints, Lanczos gamma).
import math
def t(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__, e)
for f in [lambda: math.sqrt(-0.0), lambda: math.atan2(0.0, -0.0), lambda: math.fmod(-0.0, 1), lambda: math.log(-0.0), lambda: math.log(float('inf')), lambda: math.log(float('nan')),
          lambda: math.log(True), lambda: math.log(2**1024 * 3, 2), lambda: math.log10(10**400 * 7), lambda: math.log2(3**1000), lambda: math.exp(float('-inf')), lambda: math.expm1(710),
          lambda: math.ldexp(5e-324, -1), lambda: math.ldexp(-1.5, 2**70), lambda: math.ldexp(1.5, -2**70), lambda: math.frexp(float('inf')), lambda: math.perm(2**70, 3), lambda: math.comb(2**70, 3),
          lambda: math.isqrt(2**200 + 12345), lambda: math.isqrt(1.0), lambda: math.ulp(5e-324), lambda: math.ulp(-1e308), lambda: math.ulp(float('inf')),
          lambda: math.remainder(-5, 2), lambda: math.remainder(5.5, float('inf')), lambda: math.remainder(float('nan'), 0), lambda: math.copysign(0.0, -1),
          lambda: math.isclose(1e308, float('inf')), lambda: math.isclose(1, 1 + 1e-10, rel_tol=0), lambda: math.hypot(3, 4, 12), lambda: math.hypot(1e-320, 1e-320),
          lambda: math.hypot(*range(100)), lambda: math.dist((1.5, 2.5), [0, 0]), lambda: math.fsum(iter([1e16, 1., 1e-16])), lambda: math.fsum([1e308, -1e308, 1e308]),
          lambda: math.prod([1.5, 2, 3j]), lambda: math.prod(range(1, 30)), lambda: math.degrees(1), lambda: math.gamma(0.5), lambda: math.gamma(-1.5), lambda: math.gamma(171.5),
          lambda: math.gamma(1e-21), lambda: math.gamma(-250.5), lambda: math.lgamma(0.5), lambda: math.lgamma(-2.5), lambda: math.lgamma(1e300), lambda: math.lgamma(1e-25),
          lambda: math.erf(3), lambda: math.erfc(10), lambda: math.cbrt(-0.0), lambda: math.exp2(1024), lambda: math.exp2(-1075), lambda: math.acosh(0.5), lambda: math.floor(-0.5),
          lambda: math.ceil(-0.5), lambda: math.trunc(-0.5), lambda: math.floor(2**70), lambda: math.factorial(True), lambda: math.gcd(True, 4), lambda: math.lcm(2**64, 6),
          lambda: math.pow(2, 1024), lambda: math.pow(-0.0, -3), lambda: math.pow(0.0, float('-inf')), lambda: math.pow(-2.0, 3), lambda: math.pow(float('nan'), 1),
          lambda: math.tan(math.pi/2), lambda: math.sinh(-711), lambda: math.cosh(float('-inf')), lambda: math.tanh(float('nan'))]:
    t(f)
