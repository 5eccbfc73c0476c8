# The math module: values, integer functions, special cases and error messages.
import math
def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

print(math.pi, math.e, math.tau, math.inf, math.nan, -math.inf)
print(math.sqrt(2), math.sqrt(16), math.exp(1), math.exp(-1000), math.log(100), math.log(8, 2), math.log(100, 10), math.log2(1024), math.log10(0.001), math.log1p(1e-20), math.expm1(1e-10))
print(math.sin(0), math.cos(0), math.tan(0), math.asin(1), math.acos(1), math.atan(1), math.atan2(1, -1), math.sinh(1), math.cosh(0), math.tanh(100), math.asinh(1), math.acosh(1), math.atanh(0.5))
print(math.floor(-1.5), math.ceil(1.2), math.trunc(-2.7), math.floor(5), math.ceil(2**100), math.floor(1e20), type(math.floor(2.0)).__name__, math.fabs(-3), math.fmod(7, -3), math.fmod(-7, 3), math.remainder(7, 3), math.remainder(5, 2))
print(math.modf(3.75), math.modf(-2.5), math.modf(math.inf), math.frexp(8.0), math.frexp(0.0), math.frexp(-0.1), math.ldexp(0.5, 4), math.ldexp(1.0, -1080), math.copysign(3, -0.0), math.copysign(-2, 1))
print(math.factorial(0), math.factorial(25), math.factorial(30), math.gcd(12, 18), math.gcd(), math.gcd(-12, 18, 30), math.gcd(2**100, 6**50), math.lcm(4, 6), math.lcm(), math.lcm(3, 5, 7), math.lcm(0, 5))
print(math.comb(5, 2), math.comb(50, 25), math.comb(5, 7), math.comb(10**20, 2), math.perm(5, 2), math.perm(5), math.perm(5, 0), math.perm(3, 5), math.isqrt(99), math.isqrt(10**40), math.isqrt(0))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1, 1.1), math.isclose(1, 1.1, rel_tol=0.2), math.isclose(0, 1e-10, abs_tol=1e-9), math.isclose(math.inf, math.inf), math.isclose(math.nan, math.nan))
print(math.isfinite(1.0), math.isfinite(math.inf), math.isinf(-math.inf), math.isnan(math.nan), math.isnan(1), math.isinf(10**300))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.fsum([]), math.fsum([math.inf, 1]), math.fsum(range(10)), math.fsum([1, 1e-16, 1e-16]))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([2.5, 2]), math.prod(range(1, 21)), math.prod([3], start=2), math.prod([]))
print(math.hypot(3, 4), math.hypot(1, 1, 1), math.hypot(), math.hypot(-5), math.hypot(math.inf, math.nan), math.hypot(1e300, 1e300), math.dist([0, 0], [3, 4]), math.dist((1, 2, 3), (4, 6, 8)))
print(math.degrees(math.pi), math.radians(180), math.pow(2, 10), math.pow(2, 0.5), math.pow(0, 0), math.pow(math.inf, -1), math.pow(-1, math.inf), math.pow(math.nan, 0))
print(math.nextafter(1, 2), math.nextafter(0, -1), math.ulp(1), math.ulp(0), math.ulp(1e300), math.cbrt(27), math.cbrt(-8), math.exp2(10), math.exp2(-1))
print(math.erf(0.5), math.erfc(0.5), math.gamma(5), math.gamma(0.5), math.lgamma(10), math.gamma(-0.5))
print(math.log(10**1000), math.log2(2**2000), math.log10(10**500), math.log(2**1000, 2), math.log(10**400, 10**200))
for label, f in [("sqrt(-1)", lambda: math.sqrt(-1)), ("log(0)", lambda: math.log(0)), ("log(-1)", lambda: math.log(-1)), ("log(-big)", lambda: math.log(-10**500)),
                 ("log base1", lambda: math.log(10, 1)), ("exp(1000)", lambda: math.exp(1000)), ("acos(2)", lambda: math.acos(2)), ("cos(inf)", lambda: math.cos(math.inf)),
                 ("atanh(1)", lambda: math.atanh(1)), ("log1p(-1)", lambda: math.log1p(-1)), ("fmod(1,0)", lambda: math.fmod(1, 0)), ("pow(0,-1)", lambda: math.pow(0, -1)),
                 ("pow(-1,.5)", lambda: math.pow(-1, 0.5)), ("pow ovf", lambda: math.pow(10, 400)), ("gamma(0)", lambda: math.gamma(0)), ("gamma(-2)", lambda: math.gamma(-2)),
                 ("gamma(200)", lambda: math.gamma(200)), ("lgamma(-1)", lambda: math.lgamma(-1)), ("factorial(-1)", lambda: math.factorial(-1)),
                 ("factorial(5.0)", lambda: math.factorial(5.0)), ("factorial('x')", lambda: math.factorial("x")), ("sqrt('x')", lambda: math.sqrt("x")),
                 ("ldexp float", lambda: math.ldexp(1.0, 1.5)), ("ldexp ovf", lambda: math.ldexp(1.0, 5000)), ("comb neg", lambda: math.comb(-1, 2)), ("comb k neg", lambda: math.comb(5, -2)),
                 ("perm neg", lambda: math.perm(5, -1)), ("isqrt neg", lambda: math.isqrt(-1)), ("trunc str", lambda: math.trunc("x")), ("floor str", lambda: math.floor("x")),
                 ("dist dims", lambda: math.dist([1], [1, 2])), ("gcd float", lambda: math.gcd(1.5)), ("isclose neg", lambda: math.isclose(1, 1, rel_tol=-1)),
                 ("fsum ovf", lambda: math.fsum([1e308, 1e308])), ("fsum inf-inf", lambda: math.fsum([math.inf, -math.inf])), ("ceil inf", lambda: math.ceil(math.inf)),
                 ("floor nan", lambda: math.floor(math.nan)), ("sinh ovf", lambda: math.sinh(1000)), ("remainder inf", lambda: math.remainder(math.inf, 1)),
                 ("comb huge", lambda: math.comb(10**20, 10**19)), ("prod str", lambda: math.prod(["a", 2])), ("hypot str", lambda: math.hypot("x"))]:
    show(label, f)
class Num:
    def __float__(self):
        return 2.25
    def __floor__(self):
        return "floor!"
print(math.sqrt(Num()), math.floor(Num()), math.isnan(Num()))
