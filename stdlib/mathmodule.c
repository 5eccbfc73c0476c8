/* mathmodule.c: the math module as CPython 3.11 defines it: libm wrappers with CPython's
 * domain/range error rules, exact integer functions on GMP, fsum (Shewchuk) and friends. */
/* Bit-exact results (CPython is built in ISO C mode): never fuse a*b+c into an FMA. */
#pragma GCC optimize("fp-contract=off")
#include <errno.h>
#include <float.h>
#include <math.h>
#include "modules.h"
#include "int.h"
#include "names.h"

#define M_FN(name) static Obj *math_##name(Obj *self, Obj *const *args, size_t nargs, Obj *kwnames)

static Obj *domain_error(void) { return err_set_str(Exc_ValueError, "math domain error"); }
static Obj *range_error(void) { return err_set_str(Exc_OverflowError, "math range error"); }

static int get_double(Obj *v, double *out) {
    *out = float_as_double(v);
    return (*out == -1.0 && err_occurred()) ? -1 : 0;
}

/* CPython's math_1: NaN from non-NaN is a domain error, inf from finite is a range error
 * (can_overflow) or a domain error. */
static Obj *math_1(Obj *arg, double (*func)(double), bool can_overflow) {
    double x;
    if (get_double(arg, &x) < 0) return NULL;
    errno = 0;
    double r = func(x);
    if (isnan(r) && !isnan(x)) return domain_error();
    if (isinf(r) && isfinite(x)) return can_overflow ? range_error() : domain_error();
    return float_from_double(r);
}

#define MATH_1(name, func, ovf) \
    M_FN(name) { return math_1(args[0], func, ovf); }

MATH_1(acos, acos, false)
MATH_1(acosh, acosh, false)
MATH_1(asin, asin, false)
MATH_1(asinh, asinh, false)
MATH_1(atan, atan, false)
MATH_1(atanh, atanh, false)
MATH_1(cbrt, cbrt, false)
MATH_1(cos, cos, false)
MATH_1(cosh, cosh, true)
MATH_1(erf, erf, false)
MATH_1(erfc, erfc, false)
MATH_1(exp, exp, true)
MATH_1(exp2, exp2, true)
MATH_1(expm1, expm1, true)
MATH_1(fabs, fabs, false)
MATH_1(sin, sin, false)
MATH_1(sinh, sinh, true)
MATH_1(sqrt, sqrt, false)
MATH_1(tan, tan, false)
MATH_1(tanh, tanh, false)

static double m_log1p(double x) {
    if (x == -1.0) return -HUGE_VAL;
    return log1p(x);
}
M_FN(log1p) { return math_1(args[0], m_log1p, false); }

/* Gamma and lgamma use CPython's own Lanczos approximation (not libm), so that results
 * match it to the last bit. */
#define LANCZOS_N 13
static const double lanczos_g = 6.024680040776729583740234375;
static const double lanczos_g_minus_half = 5.524680040776729583740234375;
static const double lanczos_num_coeffs[LANCZOS_N] = {
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408};
static const double lanczos_den_coeffs[LANCZOS_N] = {
    0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0,
    13339535.0, 2637558.0, 357423.0, 32670.0, 1925.0, 66.0, 1.0};
#define NGAMMA_INTEGRAL 23
static const double gamma_integral[NGAMMA_INTEGRAL] = {
    1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0,
    3628800.0, 39916800.0, 479001600.0, 6227020800.0, 87178291200.0,
    1307674368000.0, 20922789888000.0, 355687428096000.0,
    6402373705728000.0, 121645100408832000.0, 2432902008176640000.0,
    51090942171709440000.0, 1124000727777607680000.0};
static const double logpi = 1.144729885849400174143427351353058711647;

static double m_sinpi(double x) {
    double y = fmod(fabs(x), 2.0), r = 0.0;
    switch ((int)round(2.0 * y)) {
    case 0: r = sin(M_PI * y); break;
    case 1: r = cos(M_PI * (y - 0.5)); break;
    case 2: r = sin(M_PI * (1.0 - y)); break;
    case 3: r = -cos(M_PI * (y - 1.5)); break;
    case 4: r = sin(M_PI * (y - 2.0)); break;
    }
    return copysign(1.0, x) * r;
}

/* the rational function L_g(x) for x > 0, rescaled by x**(1-N) for large x */
static double lanczos_sum(double x) {
    double num = 0.0, den = 0.0;
    if (x < 5.0) {
        for (int i = LANCZOS_N; --i >= 0;) {
            num = num * x + lanczos_num_coeffs[i];
            den = den * x + lanczos_den_coeffs[i];
        }
    } else {
        for (int i = 0; i < LANCZOS_N; i++) {
            num = num / x + lanczos_num_coeffs[i];
            den = den / x + lanczos_den_coeffs[i];
        }
    }
    return num / den;
}

/* Gamma(x) for finite x that is not zero or a negative integer; *range on overflow. */
static double m_tgamma(double x, bool *range) {
    *range = false;
    if (x == floor(x) && x > 0 && x <= NGAMMA_INTEGRAL) return gamma_integral[(int)x - 1];
    double absx = fabs(x), r, z, sqrtpow;
    if (absx < 1e-20) {
        r = 1.0 / x;
        if (isinf(r)) *range = true;
        return r;
    }
    if (absx > 200.0) {
        if (x < 0.0) return 0.0 / m_sinpi(x);
        *range = true;
        return HUGE_VAL;
    }
    double y = absx + lanczos_g_minus_half;
    if (absx > lanczos_g_minus_half) {
        double q = y - absx;
        z = q - lanczos_g_minus_half;
    } else {
        double q = y - lanczos_g_minus_half;
        z = q - absx;
    }
    z = z * lanczos_g / y;
    if (x < 0.0) {
        r = -M_PI / m_sinpi(absx) / absx * exp(y) / lanczos_sum(absx);
        r -= z * r;
        if (absx < 140.0) r /= pow(y, absx - 0.5);
        else {
            sqrtpow = pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / exp(y);
        r += z * r;
        if (absx < 140.0) r *= pow(y, absx - 0.5);
        else {
            sqrtpow = pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if (isinf(r)) *range = true;
    return r;
}

M_FN(gamma) {
    double x;
    if (get_double(args[0], &x) < 0) return NULL;
    if (isnan(x)) return float_from_double(x);
    if (isinf(x)) return x > 0 ? float_from_double(x) : domain_error();
    if (x == 0.0 || (x < 0 && x == floor(x))) return domain_error();
    bool range;
    double r = m_tgamma(x, &range);
    if (range) return range_error();
    return float_from_double(r);
}

M_FN(lgamma) {
    double x;
    if (get_double(args[0], &x) < 0) return NULL;
    if (isnan(x)) return float_from_double(x);
    if (isinf(x)) return float_from_double(HUGE_VAL);
    if (x == floor(x) && x <= 2.0) {
        if (x <= 0.0) return domain_error();
        return float_from_double(0.0);
    }
    double absx = fabs(x), r;
    if (absx < 1e-20) return float_from_double(-log(absx));
    r = log(lanczos_sum(absx)) - lanczos_g;
    r += (absx - 0.5) * (log(absx + lanczos_g - 0.5) - 1);
    if (x < 0.0) r = logpi - log(fabs(m_sinpi(absx))) - log(absx) - r;
    if (isinf(r)) return range_error();
    return float_from_double(r);
}

/* ---- two-argument functions ---- */

static Obj *math_2(Obj *const *args, size_t nargs, const char *name, double (*func)(double, double)) {
    if (args_check_count(name, nargs, NULL, 2, 2) < 0) return NULL;
    double x, y;
    if (get_double(args[0], &x) < 0 || get_double(args[1], &y) < 0) return NULL;
    double r = func(x, y);
    if (isnan(r)) {
        if (!isnan(x) && !isnan(y)) return domain_error();
    } else if (isinf(r)) {
        if (isfinite(x) && isfinite(y)) return range_error();
    }
    return float_from_double(r);
}

M_FN(atan2) { return math_2(args, nargs, "atan2", atan2); }
M_FN(copysign) { return math_2(args, nargs, "copysign", copysign); }
M_FN(remainder) { return math_2(args, nargs, "remainder", remainder); }
M_FN(nextafter) { return math_2(args, nargs, "nextafter", nextafter); }

M_FN(fmod) {
    if (args_check_count("fmod", nargs, NULL, 2, 2) < 0) return NULL;
    double x, y;
    if (get_double(args[0], &x) < 0 || get_double(args[1], &y) < 0) return NULL;
    if (isinf(y) && isfinite(x)) return float_from_double(x);
    double r = fmod(x, y);
    if (isnan(r) && !isnan(x) && !isnan(y)) return domain_error();
    return float_from_double(r);
}

M_FN(pow) {
    if (args_check_count("pow", nargs, NULL, 2, 2) < 0) return NULL;
    double x, y, r = 0.;
    if (get_double(args[0], &x) < 0 || get_double(args[1], &y) < 0) return NULL;
    int err = 0;
    if (!isfinite(x) || !isfinite(y)) {
        if (isnan(x)) r = y == 0. ? 1. : x;
        else if (isnan(y)) r = x == 1. ? 1. : y;
        else if (isinf(x)) {
            bool odd_y = isfinite(y) && fmod(fabs(y), 2.0) == 1.0;
            if (y > 0.) r = odd_y ? x : fabs(x);
            else if (y == 0.) r = 1.;
            else r = odd_y ? copysign(0., x) : 0.;
        } else {
            if (fabs(x) == 1.0) r = 1.;
            else if (y > 0. && fabs(x) > 1.0) r = y;
            else if (y < 0. && fabs(x) < 1.0) r = -y;
            else r = 0.;
        }
    } else {
        r = pow(x, y);
        if (isnan(r)) err = EDOM;
        else if (isinf(r)) err = x == 0. ? EDOM : ERANGE;
    }
    if (err == EDOM) return domain_error();
    if (err == ERANGE) return range_error();
    return float_from_double(r);
}

M_FN(ldexp) {
    if (args_check_count("ldexp", nargs, NULL, 2, 2) < 0) return NULL;
    double x;
    if (get_double(args[0], &x) < 0) return NULL;
    if (!INT_CHECK(args[1]))
        return err_set_str(Exc_TypeError, "Expected an int as second argument to ldexp.");
    int64_t e;
    bool big = int_as_i64_checked(args[1], &e) < 0;
    if (big) e = int_sign(args[1]) < 0 ? INT64_MIN : INT64_MAX;
    if (x == 0. || !isfinite(x)) return float_from_double(x);
    double r;
    if (e > 100000) return range_error();
    if (e < -100000) r = copysign(0., x);
    else r = ldexp(x, (int)e);
    if (isinf(r)) return range_error();
    return float_from_double(r);
}

/* ---- rounding ---- */

static Obj *round_with(Obj *arg, Obj *name, double (*func)(double)) {
    if (FLOAT_CHECK(arg) && arg->type == &Type_float) return int_from_double(func(FLOAT_VALUE(arg)));
    Obj *m = obj_lookup_special(arg, name);
    if (m) {
        Obj *r = obj_call0(m);
        DECREF(m);
        return r;
    }
    if (err_occurred()) return NULL;
    double x;
    if (get_double(arg, &x) < 0) return NULL;
    return int_from_double(func(x));
}
M_FN(floor) { return round_with(args[0], NAME(__floor__), floor); }
M_FN(ceil) { return round_with(args[0], NAME(__ceil__), ceil); }

M_FN(trunc) {
    Obj *x = args[0];
    if (!IS_SMALL(x) && x->type == &Type_float) return int_from_double(FLOAT_VALUE(x));
    Obj *m = obj_lookup_special(x, NAME(__trunc__));
    if (!m) {
        if (err_occurred()) return NULL;
        return err_format(Exc_TypeError, "type %s doesn't define __trunc__ method", type_name(TYPE(x)));
    }
    Obj *r = obj_call0(m);
    DECREF(m);
    return r;
}

static Obj *pair_d(double a, Obj *b) {
    Obj *fa = float_from_double(a);
    if (!fa || !b) { XDECREF(fa); XDECREF(b); return NULL; }
    Obj *t = tuple_pack(2, fa, b);
    DECREF(fa);
    DECREF(b);
    return t;
}

M_FN(modf) {
    double x;
    if (get_double(args[0], &x) < 0) return NULL;
    if (isinf(x)) return pair_d(copysign(0., x), float_from_double(x));
    double ip;
    double fp = modf(x, &ip);
    return pair_d(fp, float_from_double(ip));
}

M_FN(frexp) {
    double x;
    if (get_double(args[0], &x) < 0) return NULL;
    int e = 0;
    double m = x;
    if (!isnan(x) && !isinf(x) && x != 0.) m = frexp(x, &e);
    return pair_d(m, MAKE_SMALL(e));
}

/* ---- logarithms (big ints via frexp) ---- */

static Obj *loghelper(Obj *arg, double (*func)(double)) {
    if (INT_CHECK(arg)) {
        if (int_sign(arg) <= 0) return domain_error();
        double x = int_as_double(arg);
        if (x == -1.0 && err_occurred()) {
            if (!err_matches(Exc_OverflowError)) return NULL;
            err_clear();
            int64_t e;
            double m = int_frexp(arg, &e);
            /* log(m * 2**e) = func(m) + e * func(2) */
            return float_from_double(func(m) + (double)e * func(2.0));
        }
        return float_from_double(func(x));
    }
    double x;
    if (get_double(arg, &x) < 0) return NULL;
    if (isnan(x)) return float_from_double(x);
    if (x <= 0.) return domain_error();
    if (isinf(x)) return float_from_double(x);
    return float_from_double(func(x));
}

M_FN(log) {
    if (nargs < 1 || nargs > 2) return err_set_str(Exc_TypeError, "math.log requires 1 to 2 arguments");
    Obj *num = loghelper(args[0], log);
    if (!num || nargs == 1) return num;
    Obj *den = loghelper(args[1], log);
    if (!den) { DECREF(num); return NULL; }
    Obj *r = obj_binop(num, den, NB_TRUE_DIVIDE);
    DECREF(num);
    DECREF(den);
    return r;
}
M_FN(log2) { return loghelper(args[0], log2); }
M_FN(log10) { return loghelper(args[0], log10); }

/* ---- angles, comparisons ---- */

M_FN(degrees) {
    double x;
    if (get_double(args[0], &x) < 0) return NULL;
    return float_from_double(x * (180.0 / M_PI));
}
M_FN(radians) {
    double x;
    if (get_double(args[0], &x) < 0) return NULL;
    return float_from_double(x * (M_PI / 180.0));
}

M_FN(isfinite) {
    double x;
    if (get_double(args[0], &x) < 0) return NULL;
    RETURN_BOOL(isfinite(x));
}
M_FN(isinf) {
    double x;
    if (get_double(args[0], &x) < 0) return NULL;
    RETURN_BOOL(isinf(x));
}
M_FN(isnan) {
    double x;
    if (get_double(args[0], &x) < 0) return NULL;
    RETURN_BOOL(isnan(x));
}

M_FN(isclose) {
    static const char *const names[] = {"a", "b", "rel_tol", "abs_tol"};
    Obj *a[4] = {NULL, NULL, NULL, NULL};
    if (int_check_maxpos("isclose", nargs, 2, true) < 0 ||
        args_parse("isclose", args, nargs, kwnames, names, 4, 2, 2, a) < 0)
        return NULL;
    double x, y, rel = 1e-09, abst = 0.0;
    if (get_double(a[0], &x) < 0 || get_double(a[1], &y) < 0) return NULL;
    if (a[2] && get_double(a[2], &rel) < 0) return NULL;
    if (a[3] && get_double(a[3], &abst) < 0) return NULL;
    if (rel < 0.0 || abst < 0.0) return err_set_str(Exc_ValueError, "tolerances must be non-negative");
    if (x == y) return V_True;
    if (isinf(x) || isinf(y)) return V_False;
    double diff = fabs(y - x);
    RETURN_BOOL((diff <= fabs(rel * y)) || (diff <= fabs(rel * x)) || (diff <= abst));
}

M_FN(ulp) {
    double x;
    if (get_double(args[0], &x) < 0) return NULL;
    if (isnan(x)) return float_from_double(x);
    x = fabs(x);
    if (isinf(x)) return float_from_double(x);
    double x2 = nextafter(x, HUGE_VAL);
    if (isinf(x2)) {
        x2 = nextafter(x, -HUGE_VAL);
        return float_from_double(x - x2);
    }
    return float_from_double(x2 - x);
}

/* ---- sums and norms ---- */

M_FN(fsum) {
    Obj *it = obj_get_iter(args[0]);
    if (!it) return NULL;
    size_t n = 0, m = 32;
    double *p = vt_malloc(m * sizeof(double));
    if (!p) { DECREF(it); return NULL; }
    double special_sum = 0.0, inf_sum = 0.0, x, y, t, hi, yr, lo = 0.0;
    Obj *item, *res = NULL;
    while ((item = iter_next(it))) {
        x = float_as_double(item);
        DECREF(item);
        if (x == -1.0 && err_occurred()) goto out;
        double xsave = x;
        size_t i = 0;
        for (size_t j = 0; j < n; j++) {
            y = p[j];
            if (fabs(x) < fabs(y)) { t = x; x = y; y = t; }
            hi = x + y;
            yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) p[i++] = lo;
            x = hi;
        }
        n = i;
        if (x != 0.0) {
            if (!isfinite(x)) {
                if (isfinite(xsave)) {
                    err_set_str(Exc_OverflowError, "intermediate overflow in fsum");
                    goto out;
                }
                if (isinf(xsave)) inf_sum += xsave;
                special_sum += xsave;
                n = 0;
            } else {
                if (n >= m) {
                    m *= 2;
                    double *np = vt_realloc(p, m * sizeof(double));
                    if (!np) goto out;
                    p = np;
                }
                p[n++] = x;
            }
        }
    }
    if (err_occurred()) goto out;
    if (special_sum != 0.0) {
        if (isnan(inf_sum)) err_set_str(Exc_ValueError, "-inf + inf in fsum");
        else res = float_from_double(special_sum);
        goto out;
    }
    hi = 0.0;
    if (n > 0) {
        hi = p[--n];
        while (n > 0) {
            x = hi;
            y = p[--n];
            hi = x + y;
            yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) break;
        }
        if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
            y = lo * 2.0;
            x = hi + y;
            yr = x - hi;
            if (y == yr) hi = x;
        }
    }
    res = float_from_double(hi);
out:
    vt_free(p);
    DECREF(it);
    return res;
}

/* Euclidean norm of v[0..n) (non-negative values), CPython 3.11's algorithm: scaling by a
 * power of two, Veltkamp-Dekker splitting for exact squares, compensated (Neumaier) sums and
 * a differential correction of the square root. */
static double vector_norm(size_t n, double *vec, double max, bool found_nan) {
    const double T27 = 134217729.0;   /* 2**27 + 1 */
    double x, scale, oldcsum, csum = 1.0, frac1 = 0.0, frac2 = 0.0, frac3 = 0.0, t, hi, lo, h;
    int max_e;
    if (isinf(max)) return max;
    if (found_nan) return NAN;
    if (max == 0.0 || n <= 1) return max;
    frexp(max, &max_e);
    if (max_e >= -1023) {
        scale = ldexp(1.0, -max_e);
        for (size_t i = 0; i < n; i++) {
            x = vec[i] * scale;
            t = x * T27;
            hi = t - (t - x);
            lo = x - hi;
            x = hi * hi;
            oldcsum = csum;
            csum += x;
            frac1 += (oldcsum - csum) + x;
            x = 2.0 * hi * lo;
            oldcsum = csum;
            csum += x;
            frac2 += (oldcsum - csum) + x;
            frac3 += lo * lo;
        }
        h = sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
        x = h;
        t = x * T27;
        hi = t - (t - x);
        lo = x - hi;
        x = -hi * hi;
        oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
        x = -2.0 * hi * lo;
        oldcsum = csum;
        csum += x;
        frac2 += (oldcsum - csum) + x;
        x = -lo * lo;
        oldcsum = csum;
        csum += x;
        frac3 += (oldcsum - csum) + x;
        x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    /* subnormal max: ldexp(1.0, -max_e) would overflow, divide by max instead */
    for (size_t i = 0; i < n; i++) {
        x = vec[i] / max;
        x = x * x;
        oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
    }
    return max * sqrt(csum - 1.0 + frac1);
}

M_FN(hypot) {
    double stackbuf[16];
    double *v = nargs <= 16 ? stackbuf : vt_malloc(nargs * sizeof(double));
    if (!v) return NULL;
    double max = 0.0;
    bool found_nan = false;
    for (size_t i = 0; i < nargs; i++) {
        double x;
        if (get_double(args[i], &x) < 0) { if (v != stackbuf) vt_free(v); return NULL; }
        x = fabs(x);
        v[i] = x;
        found_nan |= isnan(x);
        if (x > max) max = x;
    }
    double r = vector_norm(nargs, v, max, found_nan);
    if (v != stackbuf) vt_free(v);
    return float_from_double(r);
}

M_FN(dist) {
    if (args_check_count("dist", nargs, kwnames, 2, 2) < 0) return NULL;
    Obj *p = seq_to_tuple(args[0]);
    if (!p) return NULL;
    Obj *q = seq_to_tuple(args[1]);
    if (!q) { DECREF(p); return NULL; }
    Obj *res = NULL;
    size_t n = TUPLE_SIZE(p);
    double *v = NULL;
    if (n != TUPLE_SIZE(q)) {
        err_set_str(Exc_ValueError, "both points must have the same number of dimensions");
        goto out;
    }
    v = vt_malloc((n ? n : 1) * sizeof(double));
    if (!v) goto out;
    double max = 0.0;
    bool found_nan = false;
    for (size_t i = 0; i < n; i++) {
        double a, b;
        if (get_double(TUPLE_GET(p, i), &a) < 0 || get_double(TUPLE_GET(q, i), &b) < 0) goto out;
        double x = fabs(a - b);
        v[i] = x;
        found_nan |= isnan(x);
        if (x > max) max = x;
    }
    res = float_from_double(vector_norm(n, v, max, found_nan));
out:
    vt_free(v);
    DECREF(p);
    DECREF(q);
    return res;
}

M_FN(prod) {
    static const char *const names[] = {"", "start"};
    Obj *a[2] = {NULL, NULL};
    if (int_check_maxpos("prod", nargs, 1, true) < 0 ||
        args_parse("prod", args, nargs, kwnames, names, 2, 1, 1, a) < 0)
        return NULL;
    Obj *acc = a[1] ? NEWREF(a[1]) : MAKE_SMALL(1);
    Obj *it = obj_get_iter(a[0]);
    if (!it) { DECREF(acc); return NULL; }
    Obj *item;
    while ((item = iter_next(it))) {
        Obj *r = obj_binop(acc, item, NB_MULTIPLY);
        DECREF(item);
        DECREF(acc);
        if (!r) { DECREF(it); return NULL; }
        acc = r;
    }
    DECREF(it);
    if (err_occurred()) { DECREF(acc); return NULL; }
    return acc;
}

/* ---- integer functions ---- */

static Obj *index_mpz(Obj *v, mpz_t out) {
    Obj *i = obj_index(v);
    if (!i) return NULL;
    int_get_mpz(i, out);
    return i;
}

M_FN(factorial) {
    Obj *i = obj_index(args[0]);
    if (!i) return NULL;
    int64_t n;
    bool big = int_as_i64_checked(i, &n) < 0;
    int sgn = int_sign(i);
    DECREF(i);
    if (sgn < 0) return err_set_str(Exc_ValueError, "factorial() not defined for negative values");
    if (big) return err_format(Exc_OverflowError, "factorial() argument should not exceed %ld", (long)INT64_MAX);
    if (n > ((int64_t)1 << 27)) return err_no_memory();   /* GMP would abort on failure */
    mpz_t r;
    mpz_init(r);
    mpz_fac_ui(r, (unsigned long)n);
    return int_from_mpz_clear(r);
}

static Obj *gcd_lcm(Obj *const *args, size_t nargs, bool lcm) {
    mpz_t acc, x;
    mpz_init_set_ui(acc, lcm ? 1 : 0);
    mpz_init(x);
    for (size_t k = 0; k < nargs; k++) {
        Obj *i = index_mpz(args[k], x);
        if (!i) { mpz_clear(acc); mpz_clear(x); return NULL; }
        DECREF(i);
        if (lcm) mpz_lcm(acc, acc, x);
        else mpz_gcd(acc, acc, x);
    }
    mpz_clear(x);
    return int_from_mpz_clear(acc);
}
M_FN(gcd) { return gcd_lcm(args, nargs, false); }
M_FN(lcm) { return gcd_lcm(args, nargs, true); }

M_FN(isqrt) {
    mpz_t n;
    mpz_init(n);
    Obj *i = index_mpz(args[0], n);
    if (!i) { mpz_clear(n); return NULL; }
    DECREF(i);
    if (mpz_sgn(n) < 0) {
        mpz_clear(n);
        return err_set_str(Exc_ValueError, "isqrt() argument must be nonnegative");
    }
    mpz_sqrt(n, n);
    return int_from_mpz_clear(n);
}

/* comb/perm shared argument handling: n, k as mpz, both non-negative. */
static int nk_args(const char *name, Obj *const *args, size_t nargs, size_t minargs, mpz_t n, mpz_t k, bool *k_none) {
    if (args_check_count(name, nargs, NULL, minargs, 2) < 0) return -1;
    Obj *i = index_mpz(args[0], n);
    if (!i) return -1;
    DECREF(i);
    *k_none = nargs < 2 || args[1] == V_None;
    if (!*k_none) {
        i = index_mpz(args[1], k);
        if (!i) return -1;
        DECREF(i);
    }
    if (mpz_sgn(n) < 0) { err_set_str(Exc_ValueError, "n must be a non-negative integer"); return -1; }
    if (!*k_none && mpz_sgn(k) < 0) { err_set_str(Exc_ValueError, "k must be a non-negative integer"); return -1; }
    return 0;
}

M_FN(comb) {
    mpz_t n, k, r;
    mpz_inits(n, k, r, NULL);
    bool k_none;
    Obj *res = NULL;
    if (nk_args("comb", args, nargs, 2, n, k, &k_none) < 0) goto out;
    if (mpz_cmp(k, n) > 0) { res = MAKE_SMALL(0); goto out; }
    mpz_sub(r, n, k);
    if (mpz_cmp(r, k) < 0) mpz_set(k, r);     /* k = min(k, n - k) */
    if (!mpz_fits_slong_p(k)) {
        err_format(Exc_OverflowError, "min(n - k, k) must not exceed %lld", (long long)INT64_MAX);
        goto out;
    }
    mpz_bin_ui(r, n, mpz_get_ui(k));
    res = int_from_mpz(r);
out:
    mpz_clears(n, k, r, NULL);
    return res;
}

M_FN(perm) {
    mpz_t n, k, r;
    mpz_inits(n, k, r, NULL);
    bool k_none;
    Obj *res = NULL;
    if (nk_args("perm", args, nargs, 1, n, k, &k_none) < 0) goto out;
    if (k_none) mpz_set(k, n);
    if (mpz_cmp(k, n) > 0) { res = MAKE_SMALL(0); goto out; }
    if (!mpz_fits_slong_p(k)) {
        err_format(Exc_OverflowError, "k must not exceed %lld", (long long)INT64_MAX);
        goto out;
    }
    /* n * (n-1) * ... * (n-k+1) = (n)_k, the falling factorial */
    {
        unsigned long kk = mpz_get_ui(k);
        if (mpz_fits_ulong_p(n)) {
            unsigned long nn = mpz_get_ui(n);
            mpz_fac_ui(r, nn);
            mpz_t d;
            mpz_init(d);
            mpz_fac_ui(d, nn - kk);
            mpz_divexact(r, r, d);
            mpz_clear(d);
        } else {
            mpz_set_ui(r, 1);
            mpz_t t;
            mpz_init_set(t, n);
            for (unsigned long j = 0; j < kk; j++) {
                mpz_mul(r, r, t);
                mpz_sub_ui(t, t, 1);
            }
            mpz_clear(t);
        }
    }
    res = int_from_mpz(r);
out:
    mpz_clears(n, k, r, NULL);
    return res;
}

static const MethodDef math_methods[] = {
    {"acos", math_acos, METH_O, "Return the arc cosine (measured in radians) of x."},
    {"acosh", math_acosh, METH_O, "Return the inverse hyperbolic cosine of x."},
    {"asin", math_asin, METH_O, "Return the arc sine (measured in radians) of x."},
    {"asinh", math_asinh, METH_O, "Return the inverse hyperbolic sine of x."},
    {"atan", math_atan, METH_O, "Return the arc tangent (measured in radians) of x."},
    {"atan2", math_atan2, METH_VARARGS, "Return the arc tangent (measured in radians) of y/x."},
    {"atanh", math_atanh, METH_O, "Return the inverse hyperbolic tangent of x."},
    {"cbrt", math_cbrt, METH_O, "Return the cube root of x."},
    {"ceil", math_ceil, METH_O, "Return the ceiling of x as an Integral."},
    {"comb", math_comb, METH_VARARGS, "Number of ways to choose k items from n items without repetition and without order."},
    {"copysign", math_copysign, METH_VARARGS, "Return a float with the magnitude (absolute value) of x but the sign of y."},
    {"cos", math_cos, METH_O, "Return the cosine of x (measured in radians)."},
    {"cosh", math_cosh, METH_O, "Return the hyperbolic cosine of x."},
    {"degrees", math_degrees, METH_O, "Convert angle x from radians to degrees."},
    {"dist", math_dist, METH_VARARGS, "Return the Euclidean distance between two points p and q."},
    {"erf", math_erf, METH_O, "Error function at x."},
    {"erfc", math_erfc, METH_O, "Complementary error function at x."},
    {"exp", math_exp, METH_O, "Return e raised to the power of x."},
    {"exp2", math_exp2, METH_O, "Return 2 raised to the power of x."},
    {"expm1", math_expm1, METH_O, "Return exp(x)-1."},
    {"fabs", math_fabs, METH_O, "Return the absolute value of the float x."},
    {"factorial", math_factorial, METH_O, "Find n!."},
    {"floor", math_floor, METH_O, "Return the floor of x as an Integral."},
    {"fmod", math_fmod, METH_VARARGS, "Return fmod(x, y), according to platform C."},
    {"frexp", math_frexp, METH_O, "Return the mantissa and exponent of x, as pair (m, e)."},
    {"fsum", math_fsum, METH_O, "Return an accurate floating point sum of values in the iterable seq."},
    {"gamma", math_gamma, METH_O, "Gamma function at x."},
    {"gcd", math_gcd, METH_VARARGS, "Greatest Common Divisor."},
    {"hypot", math_hypot, METH_VARARGS, "Multidimensional Euclidean distance from the origin to a point."},
    {"isclose", math_isclose, METH_KEYWORDS, "Determine whether two floating point numbers are close in value."},
    {"isfinite", math_isfinite, METH_O, "Return True if x is neither an infinity nor a NaN, and False otherwise."},
    {"isinf", math_isinf, METH_O, "Return True if x is a positive or negative infinity, and False otherwise."},
    {"isnan", math_isnan, METH_O, "Return True if x is a NaN (not a number), and False otherwise."},
    {"isqrt", math_isqrt, METH_O, "Return the integer part of the square root of the input."},
    {"lcm", math_lcm, METH_VARARGS, "Least Common Multiple."},
    {"ldexp", math_ldexp, METH_VARARGS, "Return x * (2**i)."},
    {"lgamma", math_lgamma, METH_O, "Natural logarithm of absolute value of Gamma function at x."},
    {"log", math_log, METH_VARARGS, "log(x, [base=math.e])\nReturn the logarithm of x to the given base."},
    {"log10", math_log10, METH_O, "Return the base 10 logarithm of x."},
    {"log1p", math_log1p, METH_O, "Return the natural logarithm of 1+x (base e)."},
    {"log2", math_log2, METH_O, "Return the base 2 logarithm of x."},
    {"modf", math_modf, METH_O, "Return the fractional and integer parts of x."},
    {"nextafter", math_nextafter, METH_VARARGS, "Return the next floating-point value after x towards y."},
    {"perm", math_perm, METH_VARARGS, "Number of ways to choose k items from n items without repetition and with order."},
    {"pow", math_pow, METH_VARARGS, "Return x**y (x to the power of y)."},
    {"prod", math_prod, METH_KEYWORDS, "Calculate the product of all the elements in the input iterable."},
    {"radians", math_radians, METH_O, "Convert angle x from degrees to radians."},
    {"remainder", math_remainder, METH_VARARGS, "Difference between x and the closest integer multiple of y."},
    {"sin", math_sin, METH_O, "Return the sine of x (measured in radians)."},
    {"sinh", math_sinh, METH_O, "Return the hyperbolic sine of x."},
    {"sqrt", math_sqrt, METH_O, "Return the square root of x."},
    {"tan", math_tan, METH_O, "Return the tangent of x (measured in radians)."},
    {"tanh", math_tanh, METH_O, "Return the hyperbolic tangent of x."},
    {"trunc", math_trunc, METH_O, "Truncates the Real x to the nearest Integral toward 0."},
    {"ulp", math_ulp, METH_O, "Return the value of the least significant bit of the float x."},
    {NULL, NULL, 0, NULL},
};

static int add_float(Obj *m, const char *name, double v) {
    Obj *f = float_from_double(v);
    if (!f) return -1;
    int r = module_add_object(m, name, f);
    DECREF(f);
    return r;
}

Obj *modinit_math(void) {
    Obj *m = module_new("math");
    if (!m) return NULL;
    if (module_add_methods(m, math_methods) < 0 || add_float(m, "pi", M_PI) < 0 ||
        add_float(m, "e", M_E) < 0 || add_float(m, "tau", 2 * M_PI) < 0 ||
        add_float(m, "inf", HUGE_VAL) < 0 || add_float(m, "nan", NAN) < 0) {
        DECREF(m);
        return NULL;
    }
    return m;
}
