/* int.c: the int type's core: construction from C values, conversions, hashing, repr,
 * arithmetic (allocation-free small-int paths first, GMP for big values) and comparison.
 * Methods, the constructor and pow() live in int_methods.c. */
/* Bit-exact results (CPython is built in ISO C mode): never fuse a*b+c into an FMA. */
#pragma GCC optimize("fp-contract=off")
#include <float.h>
#include <math.h>
#include <string.h>
#include "int.h"
#include "str.h"

int64_t int_max_str_digits = 4300;

/* Largest result (in bits) that ** and << attempt; beyond, MemoryError (GMP would abort). */
#define MAX_RESULT_BITS ((int64_t)1 << 33)

/* ---- construction ---- */

static Obj *int_alloc_big(void) {
    IntObj *o = (IntObj *)obj_alloc(&Type_int, sizeof(IntObj));
    if (!o) return NULL;
    mpz_init(o->z);
    return (Obj *)o;
}

Obj *int_from_i64(int64_t v) {
    if (VT_LIKELY(FITS_SMALL(v))) return MAKE_SMALL(v);
    Obj *o = int_alloc_big();
    if (!o) return NULL;
    mpz_set_si(INT_Z(o), (long)v);
    return o;
}

Obj *int_from_u64(uint64_t v) {
    if (v <= (uint64_t)SMALL_MAX) return MAKE_SMALL((int64_t)v);
    Obj *o = int_alloc_big();
    if (!o) return NULL;
    mpz_set_ui(INT_Z(o), (unsigned long)v);
    return o;
}

static bool mpz_small(mpz_srcptr z, int64_t *out) {
    if (!mpz_fits_slong_p(z)) return false;
    long v = mpz_get_si(z);
    if (!FITS_SMALL(v)) return false;
    *out = v;
    return true;
}

Obj *int_from_mpz(const mpz_t z) {
    int64_t v;
    if (mpz_small(z, &v)) return MAKE_SMALL(v);
    Obj *o = int_alloc_big();
    if (!o) return NULL;
    mpz_set(INT_Z(o), z);
    return o;
}

Obj *int_from_mpz_clear(mpz_t z) {
    int64_t v;
    if (mpz_small(z, &v)) { mpz_clear(z); return MAKE_SMALL(v); }
    Obj *o = int_alloc_big();
    if (!o) { mpz_clear(z); return NULL; }
    mpz_swap(INT_Z(o), z);
    mpz_clear(z);
    return o;
}

Obj *int_subtype_new(Type *type, Obj *v) {
    if (type == &Type_int) {
        if (INT_CHECK_EXACT(v)) return NEWREF(v);
        mpz_t z;
        mpz_init(z);
        int_get_mpz(v, z);
        return int_from_mpz_clear(z);
    }
    Obj *o = type_generic_alloc(type, 0);
    if (!o) return NULL;
    mpz_init(INT_Z(o));
    int_get_mpz(v, INT_Z(o));
    return o;
}

Obj *int_from_double(double d) {
    if (isnan(d)) return err_set_str(Exc_ValueError, "cannot convert float NaN to integer");
    if (isinf(d)) return err_set_str(Exc_OverflowError, "cannot convert float infinity to integer");
    if (d > -4.6e18 && d < 4.6e18) return int_from_i64((int64_t)d);
    mpz_t z;
    mpz_init_set_d(z, d);   /* truncates, exact for integral doubles */
    return int_from_mpz_clear(z);
}

/* ---- conversions ---- */

int64_t int_as_i64(Obj *v) {
    int64_t x;
    if (int_as_i64_checked(v, &x) == 0) return x;
    err_set_str(Exc_OverflowError, "Python int too large to convert to C long");
    return -1;
}

int int_as_i64_checked(Obj *v, int64_t *out) {
    if (int_small(v, out)) return 0;
    if (!mpz_fits_slong_p(INT_Z(v))) return -1;
    *out = mpz_get_si(INT_Z(v));
    return 0;
}

void int_get_mpz(Obj *v, mpz_t out) {
    int64_t x;
    if (int_small(v, &x)) mpz_set_si(out, (long)x);
    else mpz_set(out, INT_Z(v));
}

int int_sign(Obj *v) {
    int64_t x;
    if (int_small(v, &x)) return (x > 0) - (x < 0);
    return mpz_sgn(INT_Z(v));
}

uint64_t int_bit_length(Obj *v) {
    int64_t x;
    if (int_small(v, &x)) {
        uint64_t u = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
        return u ? 64 - (uint64_t)__builtin_clzll(u) : 0;
    }
    if (mpz_sgn(INT_Z(v)) == 0) return 0;
    return mpz_sizeinbase(INT_Z(v), 2);
}

double int_mpz_scaled_to_double(mpz_srcptr q, long shift, bool inexact, bool *overflow) {
    *overflow = false;
    long nb = mpz_sgn(q) ? (long)mpz_sizeinbase(q, 2) : 0;
    long extra = nb - DBL_MANT_DIG;
    long sub = (DBL_MIN_EXP - DBL_MANT_DIG) - shift;   /* lowest representable bit: 2**-1074 */
    if (sub > extra) extra = sub;
    double d;
    if (extra > 0) {
        /* Round q to a multiple of 2**extra, half to even; `inexact` is a sticky bit. */
        mpz_t t;
        mpz_init(t);
        mpz_fdiv_q_2exp(t, q, (mp_bitcnt_t)extra);
        int cmp;  /* low bits vs half */
        if (extra > nb) cmp = -1;
        else if (!mpz_tstbit(q, (mp_bitcnt_t)(extra - 1))) cmp = -1;
        else {
            mp_bitcnt_t low1 = mpz_scan1(q, 0);
            cmp = (low1 < (mp_bitcnt_t)(extra - 1) || inexact) ? 1 : 0;
        }
        if (cmp > 0 || (cmp == 0 && mpz_odd_p(t))) mpz_add_ui(t, t, 1);
        d = mpz_get_d(t);   /* at most 2**53: exact */
        mpz_clear(t);
        shift += extra;
    } else {
        d = mpz_get_d(q);
    }
    if (d == 0.0) return 0.0;
    if (shift > DBL_MAX_EXP + 64) { *overflow = true; return HUGE_VAL; }
    if (shift < -2 * DBL_MAX_EXP) return 0.0;
    d = ldexp(d, (int)shift);
    if (isinf(d)) *overflow = true;
    return d;
}

double int_as_double(Obj *v) {
    int64_t x;
    if (int_small(v, &x)) return (double)x;
    mpz_srcptr z = INT_Z(v);
    if (mpz_sizeinbase(z, 2) <= DBL_MANT_DIG) return mpz_get_d(z);
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, z);
    bool ovf;
    double d = int_mpz_scaled_to_double(a, 0, false, &ovf);
    mpz_clear(a);
    if (ovf) {
        err_set_str(Exc_OverflowError, "int too large to convert to float");
        return -1.0;
    }
    return mpz_sgn(z) < 0 ? -d : d;
}

double int_frexp(Obj *v, int64_t *e) {
    int64_t x;
    if (int_small(v, &x)) {
        int ee;
        double m = frexp(fabs((double)x), &ee);
        *e = ee;
        return m;
    }
    /* correctly rounded top 53 bits, as CPython's _PyLong_Frexp */
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, INT_Z(v));
    long nb = (long)mpz_sizeinbase(a, 2);
    bool ovf;
    double m = int_mpz_scaled_to_double(a, -nb, false, &ovf);
    mpz_clear(a);
    if (m == 1.0) { m = 0.5; nb++; }
    *e = nb;
    return m;
}

int int_compare_double(Obj *i, double d) {
    int64_t x;
    if (int_small(i, &x) && x >= -(INT64_C(1) << 53) && x <= (INT64_C(1) << 53)) {
        double xd = (double)x;
        return (xd > d) - (xd < d);
    }
    ZArg za;
    zarg_init(&za, i);
    mpz_t t;
    mpz_init_set_d(t, d);
    int c = mpz_cmp(za.p, t);
    mpz_clear(t);
    zarg_clear(&za);
    if (c == 0) {
        double frac = d - trunc(d);
        c = frac > 0 ? -1 : frac < 0 ? 1 : 0;
    }
    return (c > 0) - (c < 0);
}

/* ---- hash ---- */
#define HASH_MODULUS ((uint64_t)(((uint64_t)1 << 61) - 1))

intptr_t int_hash(Obj *v) {
    int64_t x;
    if (int_small(v, &x)) {
        if (x >= 0 && (uint64_t)x < HASH_MODULUS) return x;
        if (x < 0 && (uint64_t)(-x) < HASH_MODULUS) return x == -1 ? -2 : x;
        uint64_t u = x < 0 ? (uint64_t)(-x) : (uint64_t)x;
        int64_t h = (int64_t)(u % HASH_MODULUS);
        if (x < 0) h = -h;
        return h == -1 ? -2 : h;
    }
    mpz_srcptr z = INT_Z(v);
    int64_t h = (int64_t)mpz_tdiv_ui(z, HASH_MODULUS);
    if (mpz_sgn(z) < 0) h = -h;
    return h == -1 ? -2 : h;
}

/* ---- repr ---- */

/* The digits are ASCII: no UTF-8 scan needed (str_from_valid also shares 1-char strs). */
static Obj *ascii_str(const char *s, size_t n) {
    return str_from_valid(s, n, n);
}

static Obj *str_limit_error(void) {
    return err_format(Exc_ValueError,
                      "Exceeds the limit (%lld digits) for integer string conversion; "
                      "use sys.set_int_max_str_digits() to increase the limit",
                      (long long)int_max_str_digits);
}

Obj *int_to_base_string(Obj *v, int base, bool prefix) {
    int64_t x;
    const char *pfx = !prefix ? "" : base == 16 ? "0x" : base == 8 ? "0o" : base == 2 ? "0b" : "";
    if (int_small(v, &x)) {
        char buf[80];
        char *p = buf + sizeof buf;
        uint64_t u = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
        if (base == 10) {   /* str(i), repr(i), "%d": a constant divisor is a multiply */
            do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
            if (x < 0) *--p = '-';
            return ascii_str(p, (size_t)(buf + sizeof buf - p));
        }
        do {
            unsigned dgt = (unsigned)(u % (unsigned)base);
            *--p = (char)(dgt < 10 ? '0' + dgt : 'a' + dgt - 10);
            u /= (unsigned)base;
        } while (u);
        size_t pl = strlen(pfx);
        p -= pl;
        memcpy(p, pfx, pl);
        if (x < 0) *--p = '-';
        return ascii_str(p, (size_t)(buf + sizeof buf - p));
    }
    mpz_srcptr z = INT_Z(v);
    if (base == 10 && int_max_str_digits > 0 &&
        mpz_sizeinbase(z, 10) > (size_t)int_max_str_digits + 1)
        return str_limit_error();
    size_t n = mpz_sizeinbase(z, base) + 4;
    char *buf = vt_malloc(n + 2);
    if (!buf) return NULL;
    char *p = buf;
    if (mpz_sgn(z) < 0) *p++ = '-';
    strcpy(p, pfx);
    p += strlen(pfx);
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, z);
    mpz_get_str(p, base, a);
    mpz_clear(a);
    size_t digits = strlen(p);
    if (base == 10 && int_max_str_digits > 0 && digits > (size_t)int_max_str_digits) {
        vt_free(buf);
        return str_limit_error();
    }
    Obj *r = ascii_str(buf, (size_t)(p - buf) + digits);
    vt_free(buf);
    return r;
}

static Obj *int_repr(Obj *v) {
    return int_to_base_string(v, 10, false);
}

/* ---- arithmetic ---- */

static Obj *zero_div(int op) {
    const char *msg = op == NB_TRUE_DIVIDE ? "division by zero"
                      : op == NB_REMAINDER ? "integer modulo by zero"
                                           : "integer division or modulo by zero";
    return err_set_str(Exc_ZeroDivisionError, msg);
}

static Obj *pair(Obj *a, Obj *b) {
    if (!a || !b) { XDECREF(a); XDECREF(b); return NULL; }
    Obj *t = tuple_new(2);
    if (!t) { DECREF(a); DECREF(b); return NULL; }
    TUPLE_SET_STEAL(t, 0, a);
    TUPLE_SET_STEAL(t, 1, b);
    return t;
}

Obj *int_true_divide(Obj *a, Obj *b) {
    int64_t x, y;
    const int64_t lim = INT64_C(1) << DBL_MANT_DIG;
    if (int_small(a, &x) && int_small(b, &y) && x >= -lim && x <= lim && y >= -lim && y <= lim) {
        if (y == 0) return zero_div(NB_TRUE_DIVIDE);
        return float_from_double((double)x / (double)y);
    }
    if (int_sign(b) == 0) return zero_div(NB_TRUE_DIVIDE);
    bool negate = (int_sign(a) < 0) != (int_sign(b) < 0);
    if (int_sign(a) == 0) return float_from_double(negate ? -0.0 : 0.0);
    mpz_t na, nb, q, r;
    mpz_inits(na, nb, q, r, NULL);
    int_get_mpz(a, na);
    int_get_mpz(b, nb);
    mpz_abs(na, na);
    mpz_abs(nb, nb);
    long diff = (long)mpz_sizeinbase(na, 2) - (long)mpz_sizeinbase(nb, 2);
    Obj *res = NULL;
    if (diff > DBL_MAX_EXP) {
        err_set_str(Exc_OverflowError, "integer division result too large for a float");
    } else if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) {
        res = float_from_double(negate ? -0.0 : 0.0);
    } else {
        /* Scale so that the quotient has DBL_MANT_DIG + 2 (or more) significant bits. */
        long shift = (diff > DBL_MIN_EXP ? diff : DBL_MIN_EXP) - DBL_MANT_DIG - 2;
        if (shift > 0) mpz_mul_2exp(nb, nb, (mp_bitcnt_t)shift);
        else if (shift < 0) mpz_mul_2exp(na, na, (mp_bitcnt_t)-shift);
        mpz_tdiv_qr(q, r, na, nb);
        bool ovf;
        double d = int_mpz_scaled_to_double(q, shift, mpz_sgn(r) != 0, &ovf);
        if (ovf) err_set_str(Exc_OverflowError, "integer division result too large for a float");
        else res = float_from_double(negate ? -d : d);
    }
    mpz_clears(na, nb, q, r, NULL);
    return res;
}

static bool int_is_odd(Obj *v) {
    int64_t x;
    if (int_small(v, &x)) return x & 1;
    return mpz_odd_p(INT_Z(v));
}

static Obj *int_pow_big(Obj *a, Obj *b) {
    int64_t e;
    if (int_as_i64_checked(b, &e) < 0 || e > (int64_t)1 << 40) {
        /* Only 0, 1 and -1 survive an astronomically large exponent. */
        int64_t x;
        if (int_small(a, &x) && (x == 0 || x == 1)) return MAKE_SMALL(x);
        if (int_small(a, &x) && x == -1) return MAKE_SMALL(int_is_odd(b) ? -1 : 1);
        return err_no_memory();
    }
    /* GMP aborts the process when an allocation fails: refuse results over ~1 GB up front. */
    int64_t x0;
    bool trivial = int_small(a, &x0) && x0 >= -1 && x0 <= 1;
    if (!trivial && (double)int_bit_length(a) * (double)e > (double)MAX_RESULT_BITS) return err_no_memory();
    ZArg za;
    zarg_init(&za, a);
    mpz_t r;
    mpz_init(r);
    mpz_pow_ui(r, za.p, (unsigned long)e);
    zarg_clear(&za);
    return int_from_mpz_clear(r);
}

static Obj *int_pow(Obj *a, Obj *b) {
    if (int_sign(b) < 0) {
        double x = int_as_double(a);
        if (x == -1.0 && err_occurred()) return NULL;
        double y = int_as_double(b);
        if (y == -1.0 && err_occurred()) return NULL;
        return float_pow_obj(x, y);
    }
    return int_pow_big(a, b);
}

static Obj *int_shift_big(Obj *a, Obj *b, int op) {
    if (int_sign(b) < 0) return err_set_str(Exc_ValueError, "negative shift count");
    int64_t n;
    int sa = int_sign(a);
    if (int_as_i64_checked(b, &n) < 0) {
        if (sa == 0) return MAKE_SMALL(0);
        if (op == NB_RSHIFT) return MAKE_SMALL(sa < 0 ? -1 : 0);
        return err_set_str(Exc_OverflowError, "too many digits in integer");
    }
    if (sa == 0) return MAKE_SMALL(0);
    ZArg za;
    zarg_init(&za, a);
    mpz_t r;
    mpz_init(r);
    if (op == NB_LSHIFT) {
        if (n > MAX_RESULT_BITS) { zarg_clear(&za); mpz_clear(r); return err_no_memory(); }
        mpz_mul_2exp(r, za.p, (mp_bitcnt_t)n);
    } else {
        mpz_fdiv_q_2exp(r, za.p, (mp_bitcnt_t)n);
    }
    zarg_clear(&za);
    return int_from_mpz_clear(r);
}

/* ---- medium ints: values of magnitude < 2**126 computed in __int128 without GMP calls ---- */

typedef __int128 i128;
typedef unsigned __int128 u128;
#define I128_LIMIT ((u128)1 << 126)

/* The value of the int v if it has magnitude < 2**126 (so that + and - cannot overflow). */
static inline bool int_i128(Obj *v, i128 *out) {
    int64_t s;
    if (int_small(v, &s)) { *out = s; return true; }
    mpz_srcptr z = INT_Z(v);
    int size = z->_mp_size, n = size < 0 ? -size : size;
    if (n > 2 || GMP_NUMB_BITS != 64) return false;
    u128 m = n == 0 ? 0 : n == 1 ? (u128)z->_mp_d[0] : ((u128)z->_mp_d[1] << 64) | z->_mp_d[0];
    if (m >= I128_LIMIT) return false;
    *out = size < 0 ? -(i128)m : (i128)m;
    return true;
}

/* An int with the value r (any i128). */
static Obj *int_from_i128(i128 r) {
    if (r >= SMALL_MIN && r <= SMALL_MAX) return MAKE_SMALL((int64_t)r);
    Obj *o = int_alloc_big();
    if (!o) return NULL;
    u128 m = r < 0 ? -(u128)r : (u128)r;
    int n = (m >> 64) ? 2 : 1;
    mp_limb_t *d = mpz_limbs_write(INT_Z(o), n);
    d[0] = (mp_limb_t)m;
    if (n == 2) d[1] = (mp_limb_t)(m >> 64);
    mpz_limbs_finish(INT_Z(o), r < 0 ? -n : n);
    return o;
}

/* +, -, *, &, |, ^, //, % on medium ints; NULL (no error) when the operands don't qualify or
 * the product overflows, so the caller takes the GMP path. */
static Obj *int_binop_i128(Obj *a, Obj *b, int op) {
    i128 x, y, r;
    if (!int_i128(a, &x) || !int_i128(b, &y)) return NULL;
    switch (op) {
    case NB_ADD: return int_from_i128(x + y);
    case NB_SUBTRACT: return int_from_i128(x - y);
    case NB_MULTIPLY:
        if (__builtin_mul_overflow(x, y, &r)) return NULL;
        return int_from_i128(r);
    case NB_AND: return int_from_i128(x & y);    /* two's complement = Python's infinite form */
    case NB_OR: return int_from_i128(x | y);
    case NB_XOR: return int_from_i128(x ^ y);
    case NB_FLOOR_DIVIDE:   /* y != 0: checked by the caller */
        r = x / y;
        if (x % y != 0 && ((x < 0) != (y < 0))) r--;
        return int_from_i128(r);
    case NB_REMAINDER:
        r = x % y;
        if (r != 0 && ((r < 0) != (y < 0))) r += y;
        return int_from_i128(r);
    default:
        return NULL;
    }
}

/* The GMP path for any int operands. */
static Obj *int_binop_big(Obj *a, Obj *b, int op) {
    switch (op) {
    case NB_TRUE_DIVIDE: return int_true_divide(a, b);
    case NB_POWER: return int_pow(a, b);
    case NB_LSHIFT: case NB_RSHIFT: return int_shift_big(a, b, op);
    case NB_FLOOR_DIVIDE: case NB_REMAINDER: case NB_DIVMOD:
        if (int_sign(b) == 0) return zero_div(op);
        if (op != NB_DIVMOD) {
            Obj *r = int_binop_i128(a, b, op);
            if (r) return r;
            if (err_occurred()) return NULL;
        }
        break;
    case NB_ADD: case NB_SUBTRACT: case NB_MULTIPLY: case NB_AND: case NB_OR: case NB_XOR: {
        Obj *r = int_binop_i128(a, b, op);
        if (r) return r;
        if (err_occurred()) return NULL;
        break;
    }
    default:
        return err_format(Exc_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'",
                          nb_op_symbols[op], type_name(TYPE(a)), type_name(TYPE(b)));
    }
    ZArg x, y;
    zarg_init(&x, a);
    zarg_init(&y, b);
    mpz_t r, m;
    mpz_init(r);
    Obj *res;
    switch (op) {
    case NB_ADD: mpz_add(r, x.p, y.p); break;
    case NB_SUBTRACT: mpz_sub(r, x.p, y.p); break;
    case NB_MULTIPLY: mpz_mul(r, x.p, y.p); break;
    case NB_AND: mpz_and(r, x.p, y.p); break;
    case NB_OR: mpz_ior(r, x.p, y.p); break;
    case NB_XOR: mpz_xor(r, x.p, y.p); break;
    case NB_FLOOR_DIVIDE: mpz_fdiv_q(r, x.p, y.p); break;
    case NB_REMAINDER: mpz_fdiv_r(r, x.p, y.p); break;
    case NB_DIVMOD:
        mpz_init(m);
        mpz_fdiv_qr(r, m, x.p, y.p);
        zarg_clear(&x);
        zarg_clear(&y);
        res = int_from_mpz_clear(r);
        return pair(res, int_from_mpz_clear(m));
    }
    zarg_clear(&x);
    zarg_clear(&y);
    return int_from_mpz_clear(r);
}

Obj *int_binop(Obj *a, Obj *b, int op) {
    int64_t x, y, r;
    if (VT_LIKELY(int_small(a, &x) && int_small(b, &y))) {
        switch (op) {
        case NB_ADD: return int_from_i64(x + y);     /* 63-bit operands: no overflow */
        case NB_SUBTRACT: return int_from_i64(x - y);
        case NB_MULTIPLY:
            if (!__builtin_mul_overflow(x, y, &r)) return int_from_i64(r);
            break;
        case NB_FLOOR_DIVIDE:
            if (y == 0) return zero_div(op);
            r = x / y;
            if (x % y != 0 && ((x < 0) != (y < 0))) r--;
            return int_from_i64(r);
        case NB_REMAINDER:
            if (y == 0) return zero_div(op);
            r = x % y;
            if (r != 0 && ((r < 0) != (y < 0))) r += y;
            return MAKE_SMALL(r);
        case NB_DIVMOD: {
            if (y == 0) return zero_div(op);
            int64_t q = x / y;
            r = x % y;
            if (r != 0 && ((r < 0) != (y < 0))) { r += y; q--; }
            return pair(int_from_i64(q), MAKE_SMALL(r));
        }
        case NB_TRUE_DIVIDE: return int_true_divide(a, b);
        case NB_AND:
            if (!IS_SMALL(a) && !IS_SMALL(b)) return bool_from(x & y);   /* bool & bool */
            return MAKE_SMALL(x & y);
        case NB_OR:
            if (!IS_SMALL(a) && !IS_SMALL(b)) return bool_from(x | y);
            return MAKE_SMALL(x | y);
        case NB_XOR:
            if (!IS_SMALL(a) && !IS_SMALL(b)) return bool_from(x ^ y);
            return MAKE_SMALL(x ^ y);
        case NB_LSHIFT:
            if (y < 0) return err_set_str(Exc_ValueError, "negative shift count");
            if (x == 0) return MAKE_SMALL(0);
            if (y < 62) {
                r = (int64_t)((uint64_t)x << y);
                if ((r >> y) == x && FITS_SMALL(r)) return MAKE_SMALL(r);
            }
            break;
        case NB_RSHIFT:
            if (y < 0) return err_set_str(Exc_ValueError, "negative shift count");
            return MAKE_SMALL(y >= 63 ? (x < 0 ? -1 : 0) : (x >> y));
        case NB_POWER:
            if (y >= 0 && y < 64) {
                int64_t base = x, acc = 1;
                int64_t e = y;
                bool ok = true;
                while (e) {
                    if (e & 1) { if (__builtin_mul_overflow(acc, base, &acc)) { ok = false; break; } }
                    e >>= 1;
                    if (e && __builtin_mul_overflow(base, base, &base)) { ok = false; break; }
                }
                if (ok) return int_from_i64(acc);
            }
            break;
        default:
            break;
        }
    }
    return int_binop_big(a, b, op);
}

/* binop slot: NotImplemented unless both operands are ints. */
static Obj *int_binop_slot(Obj *a, Obj *b, int op) {
    if (!INT_CHECK(a) || !INT_CHECK(b) || op == NB_MATRIX_MULTIPLY) return NEWREF(V_NotImplemented);
    return int_binop(a, b, op);
}

static Obj *int_unop(Obj *a, int op) {
    int64_t x;
    if (int_small(a, &x)) {
        switch (op) {
        case UN_NEGATIVE: return int_from_i64(-x);
        case UN_POSITIVE: return MAKE_SMALL(x);
        case UN_INVERT: return MAKE_SMALL(~x);
        case UN_ABSOLUTE: return int_from_i64(x < 0 ? -x : x);
        }
    }
    mpz_t r;
    mpz_init(r);
    switch (op) {
    case UN_NEGATIVE: mpz_neg(r, INT_Z(a)); break;
    case UN_POSITIVE: mpz_set(r, INT_Z(a)); break;
    case UN_INVERT: mpz_com(r, INT_Z(a)); break;
    default: mpz_abs(r, INT_Z(a)); break;
    }
    return int_from_mpz_clear(r);
}

static int int_cmp(Obj *a, Obj *b) {
    int64_t x, y;
    if (int_small(a, &x) && int_small(b, &y)) return (x > y) - (x < y);
    i128 p, q;
    if (int_i128(a, &p) && int_i128(b, &q)) return (p > q) - (p < q);
    ZArg za, zb;
    zarg_init(&za, a);
    zarg_init(&zb, b);
    int c = mpz_cmp(za.p, zb.p);
    zarg_clear(&za);
    zarg_clear(&zb);
    return (c > 0) - (c < 0);
}

static bool cmp_result(int c, int op) {
    switch (op) {
    case CMP_LT: return c < 0;
    case CMP_LE: return c <= 0;
    case CMP_EQ: return c == 0;
    case CMP_NE: return c != 0;
    case CMP_GT: return c > 0;
    default: return c >= 0;
    }
}

static Obj *int_richcompare(Obj *a, Obj *b, int op) {
    if (!INT_CHECK(a) || !INT_CHECK(b)) return NEWREF(V_NotImplemented);
    return bool_from(cmp_result(int_cmp(a, b), op));
}

static int int_is_true(Obj *v) {
    int64_t x;
    if (int_small(v, &x)) return x != 0;
    return mpz_sgn(INT_Z(v)) != 0;
}

static intptr_t int_hash_slot(Obj *v) { return int_hash(v); }

/* __index__ / __int__: the plain int with the same value. */
static Obj *int_index_slot(Obj *v) {
    if (INT_CHECK_EXACT(v)) return NEWREF(v);
    return int_subtype_new(&Type_int, v);
}

static Obj *int_to_float_slot(Obj *v) {
    double d = int_as_double(v);
    if (d == -1.0 && err_occurred()) return NULL;
    return float_from_double(d);
}

static void int_dealloc(Obj *o) {
    mpz_clear(INT_Z(o));
    obj_free(o);
}

Type Type_int = {
    .ob = OBJ_HEAD_INIT(&Type_type),
    .name = "int",
    .basicsize = sizeof(IntObj),
    .flags = TPFLAG_BASETYPE | TPFLAG_INT_SUBCLASS,
    .doc = "int([x]) -> integer\nint(x, base=10) -> integer\n\n"
           "Convert a number or string to an integer, or return 0 if no arguments\n"
           "are given.",
    .dealloc = int_dealloc,
    .new = int_new,
    .repr = int_repr,
    .hash = int_hash_slot,
    .richcompare = int_richcompare,
    .is_true = int_is_true,
    .binop = int_binop_slot,
    .unop = int_unop,
    .index = int_index_slot,
    .to_int = int_index_slot,
    .to_float = int_to_float_slot,
    .methods = int_methods,
    .getset = int_getset,
};
